/**
 * The committee documents and the register as files, over HTTP against the real server and bot: in a
 * personal chat the bot offers each file with a file consent card; accepting it puts the bytes at the
 * upload address (a local stand-in for OneDrive) with the right Content-Range, and the bot answers with
 * the file's card; the files open in LibreOffice and are the documents the links serve. Declining is a
 * normal answer; an upload address on a host not allowed, a person outside the improvement team, or a
 * malformed answer uploads nothing, and a redirect is not followed; a slow upload stops at its deadline and the person is told. Channels,
 * and hosts without file consent, keep the links. On SQLite and on PostgreSQL.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { StatusKey } from "../../src/domain/status/status.js";
import { DocumentKind } from "../../src/services/reports/document-links.js";
import { EXPORT_HEADERS } from "../../src/services/reports/export-register.js";
import { pointDocument } from "../../src/services/reports/point-document.js";
import { channelMention, personalMessage, teamsActivity, type TeamsActivity } from "../support/bot-fixtures.js";
import { createBotWorld, type BotWorld } from "../support/bot-world.js";
import { convertToPdf } from "../support/libreoffice.js";
import type { RecordedActivity } from "../support/stand-in-connector.js";
import { startStandInUpload, type StandInUpload } from "../support/stand-in-upload.js";
import { STORES } from "../support/stores.js";

const ADMIN = { id: "29:improvement", name: "Improvement Team", aadObjectId: "aad-improvement" };
const OTHER = { id: "29:viewer", name: "Viewer", aadObjectId: "aad-viewer" };
const POINT = "Audit Committee 9 January 2024";
const CONSENT = "application/vnd.microsoft.teams.card.file.consent";
const INFO = "application/vnd.microsoft.teams.card.file.info";
const CONTENT_URL = "https://contoso-my.sharepoint.com/personal/improvement_contoso_org/Documents/Applications/";

type Attachment = { contentType: string; name?: string; contentUrl?: string; content: Record<string, unknown> };
type ConsentCard = Attachment & {
  name: string;
  content: { description: string; sizeInBytes: number; acceptContext: unknown; declineContext: unknown };
};

let world: BotWorld;
let upload: StandInUpload;
let elsewhere: StandInUpload;
const workDir = mkdtempSync(path.join(tmpdir(), "document-files-"));

function attachmentsOf(sends: readonly RecordedActivity[]): Attachment[] {
  return sends.flatMap((s) => (s.activity.attachments ?? []) as Attachment[]);
}

/** The text of the adaptive cards among `sends`. */
function cardText(sends: readonly RecordedActivity[]): string {
  return JSON.stringify(
    attachmentsOf(sends)
      .filter((a) => a.contentType === "application/vnd.microsoft.card.adaptive")
      .map((a) => a.content),
  );
}

describe.each(STORES)("on %s", (store) => {
  beforeAll(async () => {
    upload = await startStandInUpload();
    // Also this machine, but not an address a file may go to: whatever reaches it was sent where it must not be.
    elsewhere = await startStandInUpload("127.0.0.2");
    world = await createBotWorld({
      store,
      register: "d0",
      server: true,
      users: [
        { ...ADMIN, email: "improvement@example.org" },
        { ...OTHER, email: "viewer@example.org" },
      ],
      env: {
        IMPROVEMENT_TEAM_ADMINS: "improvement@example.org",
        PUBLIC_BASE_URL: "https://tracker.example.org",
        UPLOAD_TIMEOUT_SECONDS: "1",
        LOG_LEVEL: "error",
      },
    });
  });
  afterAll(async () => {
    await world?.close();
    await upload?.close();
    await elsewhere?.close();
  });

  /** Posts `activity`; returns the HTTP status and what the bot sent in answer. */
  async function post(activity: TeamsActivity, to = world.bot): Promise<{ status: number; sends: RecordedActivity[] }> {
    const before = world.connector.sent.length;
    const response = await world.post(activity, { to });
    await response.text();
    // Replies go out within the turn: once the server has answered, they have all arrived.
    return { status: response.status, sends: world.connector.sent.slice(before) };
  }

  const asAdmin = (text: string) => personalMessage(text, { from: ADMIN });

  /** The person's answer to a consent card, as Teams sends it from the personal chat. */
  function consentAnswer(
    card: ConsentCard,
    action: "accept" | "decline",
    options: { from?: typeof ADMIN; uploadUrl?: string } = {},
  ): TeamsActivity {
    const uniqueId = `unique-${Math.random().toString(36).slice(2)}`;
    return teamsActivity("personal-message", {
      type: "invoke",
      name: "fileConsent/invoke",
      id: `i-${uniqueId}`,
      text: undefined,
      from: options.from ?? ADMIN,
      value: {
        type: "fileUpload",
        action,
        context: action === "accept" ? card.content.acceptContext : card.content.declineContext,
        ...(action === "accept"
          ? {
              uploadInfo: {
                name: card.name,
                uploadUrl:
                  options.uploadUrl ?? `${upload.url}/upload/${encodeURIComponent(card.name)}?session=${uniqueId}`,
                contentUrl: `${CONTENT_URL}${encodeURIComponent(card.name)}`,
                uniqueId,
                fileType: path.extname(card.name).slice(1),
              },
            }
          : {}),
      },
    });
  }

  /** Asks for files in the personal chat; returns the consent cards offered. */
  async function offered(text: string): Promise<ConsentCard[]> {
    const { status, sends } = await post(asAdmin(text));
    expect(status).toBe(200);
    return attachmentsOf(sends).filter((a): a is ConsentCard => a.contentType === CONSENT);
  }

  /** Accepts `card`; returns the bytes the stand-in OneDrive received and what the bot sent. */
  async function accept(card: ConsentCard) {
    const before = upload.received.length;
    const { status, sends } = await post(consentAnswer(card, "accept"));
    expect(status).toBe(200);
    expect(upload.received).toHaveLength(before + 1);
    return { received: upload.received[before]!, sends };
  }

  async function opensInLibreOffice(name: string, body: Buffer): Promise<void> {
    const file = path.join(workDir, `${store}-${name}`);
    writeFileSync(file, body);
    const { bytes, log } = await convertToPdf(file, path.join(workDir, `${store}-pdf`));
    expect(bytes, log).toBeGreaterThan(1000);
  }

  /** A document's main part, without the times the library stamps on each build. */
  async function documentXml(body: Buffer): Promise<string> {
    return (await JSZip.loadAsync(body)).file("word/document.xml")!.async("string");
  }

  it("summary documents in a personal chat offers the Word report and the workbook as files, each with its name and size", async () => {
    const { status } = await post(asAdmin(`new reporting point ${POINT} cut-off 9 January 2024`));
    expect(status).toBe(200);
    const cards = await offered("summary documents");
    expect(cards.map((c) => c.name)).toEqual([
      "audit-committee-9-january-2024-report.docx",
      "audit-committee-9-january-2024-register.xlsx",
    ]);
    const point = await world.prisma.reportingPoint.findUniqueOrThrow({ where: { name: POINT } });
    expect(cards.map((c) => c.content.acceptContext)).toEqual([
      { file: "report", pointId: point.id },
      { file: "workbook", pointId: point.id },
    ]);
    for (const card of cards) {
      expect(card.content.declineContext).toEqual(card.content.acceptContext);
      expect(card.content.sizeInBytes).toBeGreaterThan(5000);
      expect(card.content.description).toContain(POINT);
    }
    // No link in a personal chat that takes files: the files are the answer.
    expect(JSON.stringify(world.connector.sent.at(-3))).toContain("Accept each file below");
    expect(JSON.stringify(world.connector.sent.slice(-3))).not.toContain("/documents/");
  });

  it("accepting puts the whole file at the upload address with its Content-Range, then shows the file's card; the files are the links' documents and open in LibreOffice", async () => {
    const [report, workbook] = await offered("summary documents");
    for (const card of [report!, workbook!]) {
      const { received, sends } = await accept(card);
      const size = received.body.length;
      expect(received.path).toMatch(/^\/upload\//);
      expect(received.headers["content-range"]).toBe(`bytes 0-${size - 1}/${size}`);
      expect(received.headers["content-length"]).toBe(String(size));
      // Built again at accept: the same document, so within a few bytes of the size offered.
      expect(Math.abs(size - card.content.sizeInBytes)).toBeLessThan(200);
      const info = attachmentsOf(sends).filter((a) => a.contentType === INFO);
      expect(info).toHaveLength(1);
      const answer = consentAnswer(card, "accept").value as { uploadInfo: { fileType: string } };
      expect(info[0]).toMatchObject({
        name: card.name,
        contentUrl: `${CONTENT_URL}${encodeURIComponent(card.name)}`,
        content: { fileType: answer.uploadInfo.fileType },
      });
      expect(String(info[0]!.content.uniqueId)).toMatch(/^unique-/);
      await opensInLibreOffice(card.name, received.body);
    }
    const [reportBytes, workbookBytes] = upload.received.slice(-2).map((r) => r.body);
    // The document a signed link serves, built as its route builds it, says word for word what the file does.
    const point = await world.prisma.reportingPoint.findUniqueOrThrow({ where: { name: POINT } });
    const linked = await pointDocument(world.prisma, {
      pointId: point.id,
      kind: DocumentKind.word,
      statusKey: StatusKey.y2024,
      today: "2024-01-09",
    });
    expect(await documentXml(reportBytes!)).toEqual(await documentXml(linked!.body));
    // Confidential inspections appear as their rating only, as in the links' documents.
    expect(await documentXml(reportBytes!)).not.toContain("Pegasus");
    const sheet = new ExcelJS.Workbook();
    await sheet.xlsx.load(workbookBytes! as unknown as ArrayBuffer);
    const cells = sheet.worksheets[0]!.getSheetValues().flat().map(String).join("\n");
    expect(cells).toContain("Children's residential home inspection");
    expect(cells).not.toContain("Pegasus");
  }, 120_000);

  it('"export the register as Excel" and "send me the register" send the register as a workbook and as CSV', async () => {
    const [xlsx] = await offered("export the register as Excel");
    expect(xlsx!.name).toBe("recommendations-register-2024-01-09.xlsx");
    expect(xlsx!.content.acceptContext).toEqual({ file: "register", format: "xlsx" });
    const fromWorkbook = await accept(xlsx!);
    await opensInLibreOffice(xlsx!.name, fromWorkbook.received.body);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(fromWorkbook.received.body as unknown as ArrayBuffer);
    expect(book.worksheets[0]!.getRow(1).values).toEqual([undefined, ...EXPORT_HEADERS]);

    const [csv] = await offered("send me the register");
    expect(csv!.name).toBe("recommendations-register-2024-01-09.csv");
    const { received } = await accept(csv!);
    const text = received.body.toString("utf8");
    expect(text.split("\n")[0]).toBe(EXPORT_HEADERS.join(","));
    // Asked for in a personal chat, the register is the person's to see in full, confidential reviews included.
    expect(text).toContain("Pegasus House Children's Residential Home");
    expect(text).toContain("Recommendation 1: Celebrate the Council's achievements!");
  }, 120_000);

  it("declining is a normal answer and uploads nothing", async () => {
    const [, workbook] = await offered("summary documents");
    const before = upload.requests();
    const { status, sends } = await post(consentAnswer(workbook!, "decline"));
    expect(status).toBe(200);
    expect(cardText(sends)).toContain("Not sent: the Excel workbook");
    expect(cardText(sends)).toContain('Say \\"summary documents\\" to be offered it again.');
    expect(attachmentsOf(sends).some((a) => a.contentType === INFO)).toBe(false);
    expect(upload.requests()).toBe(before);
  });

  it("an upload address on a host not allowed is refused and nothing is sent there", async () => {
    const [report] = await offered("summary documents");
    for (const uploadUrl of [
      `${elsewhere.url}/upload/report.docx`,
      "https://contoso-my.sharepoint.com.example.net/upload/report.docx",
      "ftp://contoso-my.sharepoint.com/upload/report.docx",
    ]) {
      const { status, sends } = await post(consentAnswer(report!, "accept", { uploadUrl }));
      expect(status).toBe(200);
      expect(cardText(sends)).toContain("I did not send the Word report");
      expect(cardText(sends)).toContain("not a SharePoint or OneDrive host or this machine, so nothing was uploaded");
      expect(attachmentsOf(sends).some((a) => a.contentType === INFO)).toBe(false);
    }
    expect(elsewhere.requests()).toBe(0);
  });

  it("a redirect elsewhere is not followed, and a refusal is said with its status", async () => {
    const [report] = await offered("summary documents");
    upload.answerNext(307, { location: `${elsewhere.url}/upload/report.docx` });
    const redirected = await post(consentAnswer(report!, "accept"));
    expect(cardText(redirected.sends)).toContain("Your OneDrive refused it (status 307).");
    expect(elsewhere.requests()).toBe(0);
    upload.answerNext(409);
    const refused = await post(consentAnswer(report!, "accept"));
    expect(cardText(refused.sends)).toContain("I could not send the Word report");
    expect(cardText(refused.sends)).toContain("Your OneDrive refused it (status 409).");
    expect(attachmentsOf([...redirected.sends, ...refused.sends]).some((a) => a.contentType === INFO)).toBe(false);
  });

  it("someone outside the improvement team who answers a consent card gets nothing uploaded", async () => {
    const [report] = await offered("summary documents");
    const before = upload.requests();
    const { status, sends } = await post(consentAnswer(report!, "accept", { from: OTHER }));
    expect(status).toBe(200);
    expect(cardText(sends)).toContain("Only the improvement team can get the Word report; nothing was uploaded.");
    expect(upload.requests()).toBe(before);
  });

  it("a malformed consent answer gets 400 and uploads nothing", async () => {
    const [report] = await offered("summary documents");
    const before = upload.requests();
    const answer = consentAnswer(report!, "accept");
    for (const value of [
      { ...(answer.value as object), context: { file: "everything" } },
      { ...(answer.value as object), uploadInfo: undefined },
      "accept",
    ]) {
      const response = await world.post({ ...answer, value });
      expect(response.status).toBe(400);
      expect(await response.text()).toContain("This file consent answer is not one the bot sent");
    }
    expect(upload.requests()).toBe(before);
  });

  it("a slow upload stops at UPLOAD_TIMEOUT_SECONDS and the person is told", async () => {
    const [report] = await offered("summary documents");
    upload.holdNext(1);
    const started = Date.now();
    const { status, sends } = await post(consentAnswer(report!, "accept"));
    expect(status).toBe(200);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(cardText(sends)).toContain("I could not send the Word report");
    expect(cardText(sends)).toContain("Your OneDrive did not take it within 1 second");
    expect(attachmentsOf(sends).some((a) => a.contentType === INFO)).toBe(false);
  });

  it("a channel gets links, and the register only in the personal chat", async () => {
    const links = await post({ ...channelMention("summary documents"), from: ADMIN });
    expect(attachmentsOf(links.sends).some((a) => a.contentType === CONSENT)).toBe(false);
    expect(cardText(links.sends)).toContain("(https://tracker.example.org/documents/");
    const register = await post({ ...channelMention("send me the register"), from: ADMIN });
    expect(attachmentsOf(register.sends).some((a) => a.contentType === CONSENT)).toBe(false);
    expect(cardText(register.sends)).toContain("I send the register only as a file in our personal chat");
    expect(cardText(register.sends)).not.toContain("Pegasus");
  });

  it("with DOCUMENTS_AS_FILES=false a personal chat gets the links, as a host without file consent needs", async () => {
    const linksOnly = await world.startServer({ env: { DOCUMENTS_AS_FILES: "false" } });
    const { sends } = await post(asAdmin("summary documents"), linksOnly);
    expect(attachmentsOf(sends).some((a) => a.contentType === CONSENT)).toBe(false);
    expect(cardText(sends)).toContain("[Word report](https://tracker.example.org/documents/");
    const register = await post(asAdmin("send me the register"), linksOnly);
    expect(cardText(register.sends)).toContain("Files are turned off here (DOCUMENTS_AS_FILES=false)");
  });
});
