/**
 * The improvement team sends its tracker to the bot as a file in Teams, over HTTP against the real server:
 * the attachment's downloadUrl is served by a local stand-in for SharePoint, the preview card says what the
 * import would do, Import applies exactly that (the command line then reads the register), a second Import
 * and Cancel and an expired preview change nothing, and a register changed since the preview is refused
 * with a fresh preview. Refusals (someone outside the team, a group chat or channel, a file too large, a
 * .docx or .xlsx zip bomb, a host not allowed, a download too slow) leave the register as it was.
 * On SQLite and on PostgreSQL.
 */
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { promisify } from "node:util";
import ExcelJS from "exceljs";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cardAction, channelMention, personalMessage, teamsActivity } from "../support/bot-fixtures.js";
import { createBotWorld, type BotWorld } from "../support/bot-world.js";
import type { RunningBot } from "../support/running-bot.js";
import { STORES } from "../support/stores.js";
import { FIXTURES } from "../support/test-database.js";
import { mayTrackerTable, wordDocument, wordTable } from "../support/tracker-docx.js";
import { inflatedCopy } from "../support/zip-bombs.js";

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, "../..");
const ADMIN = { id: "29:admin", name: "Imogen Team", aadObjectId: "aad-admin" };
const OUTSIDER = { id: "29:outsider", name: "Otto Side", aadObjectId: "aad-outsider" };
const FILE_TYPE = "application/vnd.microsoft.teams.file.download.info";
const TRACKER = readFileSync(path.join(FIXTURES, "d0-register.csv"));
const NOW = new Date("2024-01-09T10:00:00Z");

type Card = { body?: unknown[]; actions?: { verb?: string; data?: { previewId?: string } }[] };

/** A stand-in for SharePoint's download URLs: files by path, one that never answers, and every request counted. */
interface FileHost {
  url: string;
  files: Map<string, Buffer>;
  requests: string[];
  close(): Promise<void>;
}

async function startFileHost(): Promise<FileHost> {
  const files = new Map<string, Buffer>();
  const requests: string[] = [];
  const hanging: http.ServerResponse[] = [];
  const server = http.createServer((req, res) => {
    const at = new URL(req.url ?? "/", "http://localhost").pathname;
    requests.push(at);
    if (at === "/hang") {
      hanging.push(res);
      return;
    }
    // A redirect to the same files under another name for this machine.
    if (at.startsWith("/redirect/")) {
      const { port } = server.address() as AddressInfo;
      res.writeHead(302, { location: `http://localhost:${port}/${at.slice("/redirect/".length)}` });
      res.end();
      return;
    }
    const body = files.get(at);
    if (!body) {
      res.writeHead(404);
      res.end();
      return;
    }
    // Sent in pieces without Content-Length, as a large download may be: the bot must count what arrives.
    res.writeHead(200, { "content-type": "application/octet-stream" });
    for (let i = 0; i < body.length; i += 64 * 1024) res.write(body.subarray(i, i + 64 * 1024));
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    files,
    requests,
    close: () => {
      for (const res of hanging.splice(0)) res.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

describe.each(STORES)("on %s", (store) => {
  let world: BotWorld;
  let host: FileHost;

  beforeAll(async () => {
    world = await createBotWorld({
      store,
      server: true,
      now: NOW,
      users: [
        { ...ADMIN, email: "improvement@example.org" },
        { ...OUTSIDER, email: "outsider@example.org" },
      ],
      env: { IMPROVEMENT_TEAM_ADMINS: "improvement@example.org", LOG_LEVEL: "error" },
    });
    host = await startFileHost();
  }, 60_000);
  afterAll(async () => {
    await host?.close();
    await world?.close();
  });

  function fileMessage(name: string, at: string, changes: Record<string, unknown> = {}) {
    return personalMessage("", {
      from: ADMIN,
      attachments: [
        {
          contentType: FILE_TYPE,
          contentUrl: `${host.url}${at}`,
          name,
          content: { downloadUrl: `${host.url}${at}`, uniqueId: "file-1", fileType: path.extname(name).slice(1) },
        },
      ],
      ...changes,
    });
  }

  /** Sends a file and returns what the bot answered in the chat: its card, or its text. */
  async function send(
    activity: Record<string, unknown>,
    to?: RunningBot,
  ): Promise<{ card: Card | null; text: string }> {
    const before = world.connector.sent.length;
    const response = await world.post(activity, to ? { to } : {});
    expect(response.status).toBeLessThan(300);
    // A slow turn sends a typing indicator first: the answer is the first message after it.
    let reply = undefined as (typeof world.connector.sent)[number]["activity"] | undefined;
    for (let count = before + 1; !reply; count += 1) {
      const sent = await world.connector.waitForSends(count);
      reply = sent.slice(before).find((s) => s.activity.type === "message")?.activity;
    }
    const card = (reply.attachments?.[0]?.content ?? null) as Card | null;
    return { card, text: card ? JSON.stringify(card) : (reply.text ?? "") };
  }

  async function press(verb: string, previewId: string, from = ADMIN): Promise<{ card: Card | null; text: string }> {
    const response = await world.post(cardAction(verb, { previewId }, { from }));
    const body = JSON.parse(await response.text()) as { value: Card | string };
    return typeof body.value === "string"
      ? { card: null, text: body.value }
      : { card: body.value, text: JSON.stringify(body.value) };
  }

  /** Every text block's words, as a person reads them. */
  function textsOf(card: unknown): string[] {
    if (Array.isArray(card)) return card.flatMap(textsOf);
    if (!card || typeof card !== "object") return [];
    const node = card as Record<string, unknown>;
    const own = node.type === "TextBlock" && typeof node.text === "string" ? [node.text] : [];
    return [...own, ...Object.values(node).flatMap(textsOf)];
  }

  function previewIdOf(card: Card | null): string {
    const id = card?.actions?.find((a) => a.verb === "import.apply")?.data?.previewId;
    if (!id) throw new Error(`no Import button on ${JSON.stringify(card)}`);
    return id;
  }

  /** What a person would notice changed: the register's items and reviews, and its history. */
  async function registerState() {
    const [items, reviews, history] = await Promise.all([
      world.prisma.item.findMany({ orderBy: { id: "asc" }, select: { id: true, text: true, latestUpdate: true } }),
      world.prisma.review.count(),
      world.prisma.auditEntry.count(),
    ]);
    return { items, reviews, history };
  }

  it("previews the tracker without changing the register, imports exactly it once, and the command line reads it", async () => {
    host.files.set("/d0/register.csv", TRACKER);
    const preview = await send(fileMessage("Inspections register January 2024.csv", "/d0/register.csv"));
    expect(preview.text).toContain("Preview: import this tracker?");
    expect(preview.text).toContain("Inspections register January 2024.csv");
    expect(preview.text).toContain("17 new, 0 changed, 0 unchanged");
    expect(preview.text).toContain("107 new, 0 changed, 0 unchanged");
    expect(preview.text).toContain("as at 31 Jan 2024 (the date in the file's name)");
    expect(await world.prisma.item.count()).toBe(0);

    const previewId = previewIdOf(preview.card);
    const imported = await press("import.apply", previewId);
    expect(imported.text).toContain("Imported Inspections register January 2024.csv");
    expect(imported.card?.actions ?? []).toEqual([]);
    expect(await world.prisma.item.count()).toBe(107);

    // Who imported which file: its name, size and hash; and the file itself is no longer kept.
    const entry = await world.prisma.auditEntry.findFirstOrThrow({ where: { entityType: "import" } });
    expect(entry.actor).toBe("improvement@example.org");
    expect(JSON.parse(entry.after!)).toMatchObject({
      file: "Inspections register January 2024.csv",
      bytes: TRACKER.length,
      sha256: (await import("node:crypto")).createHash("sha256").update(TRACKER).digest("hex"),
    });
    expect((await world.prisma.importPreview.findUniqueOrThrow({ where: { id: previewId } })).fileBytes).toBeNull();

    const again = await press("import.apply", previewId);
    expect(again.text).toContain("Already imported");
    expect(again.text).toContain("was imported by improvement@example.org");
    expect(await world.prisma.auditEntry.count({ where: { entityType: "import" } })).toBe(1);

    // The command line, as another process, reads the register the file made.
    const { stdout } = await run("npx", ["tsx", "src/cli/main.ts", "status", "--json", "--as-of", "2024-01-09"], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: world.db.url, LOG_LEVEL: "silent" },
    });
    const lines = JSON.parse(stdout) as { review_title: string }[];
    expect(lines).toHaveLength(107);
    expect(lines.map((l) => l.review_title)).toContain("Joint Area SEND Inspection");
  }, 60_000);

  it("refuses a preview the register has moved past with a fresh preview, and imports that one", async () => {
    const edited = Buffer.from(
      TRACKER.toString("utf8").replace(
        "final Support and Challenge meeting with the DfE on 20 June 2023",
        "final meeting with the DfE held on 20 June 2023",
      ),
    );
    host.files.set("/d0/edited.csv", edited);
    const preview = await send(fileMessage("register-2024-01-09.csv", "/d0/edited.csv"));
    expect(preview.text).toContain("0 new, 1 changed, 106 unchanged");
    const previewId = previewIdOf(preview.card);

    // Someone records progress on one of those items meanwhile.
    const moved = await world.prisma.item.findFirstOrThrow({
      where: { ref: "Recommendation 1", latestUpdate: { contains: "Support and Challenge" } },
    });
    await world.prisma.item.update({ where: { id: moved.id }, data: { latestUpdate: "Recorded in Teams meanwhile" } });
    const before = await registerState();

    const stale = await press("import.apply", previewId);
    expect(stale.text).toContain("Not imported: the register changed since this preview.");
    expect(await registerState()).toEqual(before);

    const fresh = previewIdOf(stale.card);
    expect(fresh).toBe(previewId);
    expect((await press("import.apply", fresh)).text).toContain("Imported register-2024-01-09.csv");
    expect((await world.prisma.item.findUniqueOrThrow({ where: { id: moved.id } })).latestUpdate).toContain(
      "final meeting with the DfE held on 20 June 2023",
    );
  }, 60_000);

  it("Cancel imports nothing and deletes the file; a later Import says it was cancelled, and an old preview expires", async () => {
    host.files.set(
      "/d0/cancel.csv",
      Buffer.from(TRACKER.toString("utf8").replace("Recommendation 2,", "Recommendation 2b,")),
    );
    const before = await registerState();
    const first = previewIdOf((await send(fileMessage("register.csv", "/d0/cancel.csv"))).card);
    const cancelled = await press("import.cancel", first);
    expect(cancelled.text).toContain("Nothing was imported from register.csv, and the file is deleted.");
    expect((await world.prisma.importPreview.findUniqueOrThrow({ where: { id: first } })).fileBytes).toBeNull();
    expect((await press("import.apply", first)).text).toContain("was cancelled by improvement@example.org");

    const second = previewIdOf((await send(fileMessage("register.csv", "/d0/cancel.csv"))).card);
    world.clock.set(new Date(NOW.getTime() + 31 * 60_000));
    try {
      const late = await press("import.apply", second);
      expect(late.text).toContain("This preview has expired");
      expect(late.text).toContain("A preview lasts 30 minutes");
      expect((await world.prisma.importPreview.findUniqueOrThrow({ where: { id: second } })).fileBytes).toBeNull();
    } finally {
      world.clock.set(NOW);
    }
    expect(await registerState()).toEqual(before);
  }, 60_000);

  it("compares recorded statuses as at a date asked for on the card, and refuses a date it cannot use by its field", async () => {
    host.files.set("/d0/undated.csv", Buffer.from(TRACKER.toString("utf8").replace("Recommendation 2,", "Rec 2,")));
    const before = await registerState();
    const preview = await send(fileMessage("register.csv", "/d0/undated.csv"));
    expect(preview.text).toContain("as at 9 Jan 2024 (today: the file's name gives no date)");
    const previewId = previewIdOf(preview.card);

    const redate = async (asOf: string) => {
      const response = await world.post(cardAction("import.redate", { previewId, asOf }, { from: ADMIN }));
      return JSON.parse(await response.text()) as { value: Card };
    };
    const redated = JSON.stringify((await redate("2025-05-31")).value);
    expect(redated).toContain("as at 31 May 2025 (the date asked for on the card)");
    expect(redated).toContain('"value":"2025-05-31"');
    expect(previewIdOf((await redate("2025-05-31")).value)).toBe(previewId);

    const refused = (await redate("31/05/2025")).value;
    expect(textsOf(refused)).toContain("Give the tracker's date as a day, e.g. 2025-05-31.");
    expect(JSON.stringify(refused)).toContain("as at 31 May 2025 (the date asked for on the card)");
    expect(await registerState()).toEqual(before);
    expect((await press("import.cancel", previewId)).text).toContain("Nothing was imported from register.csv");
  }, 60_000);

  it("previews the May 2025 tracker as Word keeps it, placing rows by table and naming a table it did not read", async () => {
    const document = await wordDocument([
      mayTrackerTable(path.join(FIXTURES, "d1-tracker-clean.csv")),
      wordTable([
        [{ text: "Budget line" }, { text: "Amount" }],
        [{ text: "Training" }, { text: "£4,000" }],
      ]),
    ]);
    host.files.set("/d1/tracker.docx", document);
    const before = await registerState();
    const preview = await send(fileMessage("Inspections tracker May 2025.docx", "/d1/tracker.docx"));
    const texts = textsOf(preview.card);
    expect(texts.some((t) => /^- table 1, row \d+: /.test(t))).toBe(true);
    expect(texts.some((t) => t.startsWith("Table 2 was not read (Budget line \\| Amount)"))).toBe(true);
    expect(preview.text).toContain("as at 31 May 2025 (the date in the file's name)");
    expect((await press("import.cancel", previewIdOf(preview.card))).text).toContain("Nothing was imported");
    expect(await registerState()).toEqual(before);
  }, 60_000);

  it("lists every bad row of a workbook by sheet and row, with no Import button", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Register");
    const [headings, ...rows]: string[][] = parse(TRACKER).slice(0, 4);
    sheet.addRow(headings!);
    rows.forEach((cells, n) => sheet.addRow(n === 1 ? ["Nowhere Directorate", ...cells.slice(1)] : cells));
    host.files.set("/d0/bad.xlsx", Buffer.from(await workbook.xlsx.writeBuffer()));
    const before = await registerState();
    const preview = await send(fileMessage("register.xlsx", "/d0/bad.xlsx"));
    expect(preview.text).toContain("Nothing can be imported from this file yet");
    expect(textsOf(preview.card)).toContain(
      '- sheet 1, row 3: directorate "Nowhere Directorate" is not one I know: use one of CYPS, ACHPH, RE, FCS, ACEX or its full name',
    );
    expect(preview.text).toContain("Problems (1)");
    expect(preview.card?.actions ?? []).toEqual([]);
    expect(await registerState()).toEqual(before);
  }, 60_000);

  it("previews an inspection calendar sent as a file and imports its regimes; one with errors lists every bad row", async () => {
    const calendar = [
      "regime,inspectorate,directorate,last_event,cycle_months,next_expected,readiness_owner",
      "ILACS,Ofsted,CYPS,June 2022,36,,quality.lead@example.org",
      "LGA Corporate Peer Challenge,LGA,ACEX,June 2023,60,June 2028,policy.lead@example.org",
    ].join("\n");
    host.files.set("/calendar/good.csv", Buffer.from(calendar));
    const preview = await send(fileMessage("Inspection calendar.csv", "/calendar/good.csv"));
    expect(preview.text).toContain("Inspection calendar regimes");
    expect(preview.text).toContain("2 new, 0 changed, 0 unchanged");
    expect(await world.prisma.inspectionRegime.count()).toBe(0);
    const imported = await press("import.apply", previewIdOf(preview.card));
    expect(imported.text).toContain("Imported Inspection calendar.csv");
    const regimes = await world.prisma.inspectionRegime.findMany({ orderBy: { nextExpected: "asc" } });
    expect(regimes.map((r) => [r.regime, r.nextExpected])).toEqual([
      ["ILACS", "2025-06-01"],
      ["LGA Corporate Peer Challenge", "2028-06-01"],
    ]);

    host.files.set(
      "/calendar/bad.csv",
      Buffer.from(calendar.replace(",36,", ",0,").replace("policy.lead@example.org", "policy lead")),
    );
    const refused = await send(fileMessage("Inspection calendar v2.csv", "/calendar/bad.csv"));
    expect(refused.text).toContain('cycle_months \\"0\\" must be a whole number of months from 1 to 120');
    expect(refused.text).toContain("is not an email address");
    expect(refused.card?.actions?.some((a) => a.verb === "import.apply")).toBe(false);
    expect(await world.prisma.inspectionRegime.findMany({ orderBy: { nextExpected: "asc" } })).toEqual(regimes);
  }, 60_000);

  describe("refusals, each leaving the register as it was", () => {
    it("someone outside the improvement team is told who can import, and the file is not fetched", async () => {
      host.files.set("/d0/outsider.csv", TRACKER);
      const before = await registerState();
      const answer = await send(fileMessage("register.csv", "/d0/outsider.csv", { from: OUTSIDER }));
      expect(answer.text).toBe(
        "Only the improvement team can import a tracker: improvement@example.org. Send the file to one of them; nothing was imported.",
      );
      expect(host.requests).not.toContain("/d0/outsider.csv");
      expect(await registerState()).toEqual(before);
    });

    it("a file in a group chat or a channel is not taken: an @mention is told to use the personal chat", async () => {
      const before = await registerState();
      const attachments = fileMessage("register.csv", "/d0/outsider.csv").attachments;
      const sentBefore = world.connector.sent.length;
      const quiet = await world.post(teamsActivity("group-chat-no-mention", { from: ADMIN, text: "", attachments }));
      expect(quiet.status).toBeLessThan(300);
      expect(world.connector.sent.length).toBe(sentBefore);
      const mentioned = await send({ ...channelMention(""), from: ADMIN, attachments });
      expect(mentioned.text).toContain("I take tracker files only in a personal chat with me");
      // Nor are a preview's buttons answered there: a preview shows the tracker's own text.
      const groupChat = teamsActivity("group-chat-no-mention").conversation;
      const pressed = await world.post(
        cardAction("import.apply", { previewId: "A".repeat(24) }, { from: ADMIN, conversation: groupChat }),
      );
      expect((JSON.parse(await pressed.text()) as { value: unknown }).value).toBe(
        "Tracker files are previewed and imported only in a personal chat with me.",
      );
      expect(host.requests).not.toContain("/d0/outsider.csv");
      expect(await registerState()).toEqual(before);
    });

    it("a file larger than IMPORT_MAX_FILE_MB is stopped as it downloads", async () => {
      const small = await world.startServer({ env: { IMPORT_MAX_FILE_MB: "1" } });
      host.files.set("/big.csv", Buffer.concat([TRACKER, Buffer.alloc(1024 * 1024, 0x20)]));
      const before = await registerState();
      const answer = await send(fileMessage("big.csv", "/big.csv"), small);
      expect(answer.text).toContain("The file is larger than the 1 MB I import (IMPORT_MAX_FILE_MB)");
      expect(await registerState()).toEqual(before);
    });

    it("a .docx or .xlsx zip bomb is refused by what is wrong, nothing is kept, and the bot answers the next file", async () => {
      host.files.set(
        "/bomb.docx",
        await inflatedCopy(
          await wordDocument([mayTrackerTable(path.join(FIXTURES, "d1-tracker-clean.csv"))]),
          "Oct-24",
          300,
        ),
      );
      const workbook = new ExcelJS.Workbook();
      const [headings, first]: string[][] = parse(TRACKER).slice(0, 2);
      workbook.addWorksheet("Register").addRows([headings!, first!.map((cell, n) => (n === 5 ? "BOMB-MARKER" : cell))]);
      host.files.set(
        "/bomb.xlsx",
        await inflatedCopy(Buffer.from(await workbook.xlsx.writeBuffer()), "BOMB-MARKER", 300),
      );
      expect(host.files.get("/bomb.docx")!.length).toBeLessThan(1024 * 1024);
      expect(host.files.get("/bomb.xlsx")!.length).toBeLessThan(1024 * 1024);
      const before = await registerState();
      const previewsBefore = await world.prisma.importPreview.count();

      const word = await send(fileMessage("Inspections tracker May 2025.docx", "/bomb.docx"));
      expect(word.text).toContain("Nothing can be imported from this file yet");
      expect(textsOf(word.card).join("\n")).toMatch(/the document's part word\/document\.xml unpacks to 300(\.\d)? MB/);
      expect(word.card?.actions ?? []).toEqual([]);

      const excel = await send(fileMessage("register.xlsx", "/bomb.xlsx"));
      expect(excel.text).toContain("Nothing can be imported from this file yet");
      expect(textsOf(excel.card).join("\n")).toMatch(
        /the workbook's part xl\/sharedStrings\.xml unpacks to 300(\.\d)? MB/,
      );
      expect(excel.card?.actions ?? []).toEqual([]);

      expect(await world.prisma.importPreview.count()).toBe(previewsBefore);
      expect(await registerState()).toEqual(before);
      // Still answering: the next file sent is previewed as usual.
      host.files.set("/d0/after-bomb.csv", TRACKER);
      const next = await send(fileMessage("register.csv", "/d0/after-bomb.csv"));
      expect((await press("import.cancel", previewIdOf(next.card))).text).toContain("Nothing was imported");
      expect(await registerState()).toEqual(before);
    }, 60_000);

    it("a host FILE_DOWNLOAD_HOSTS does not name is never asked", async () => {
      const strict = await world.startServer({ env: { FILE_DOWNLOAD_HOSTS: "*.sharepoint.com" } });
      host.files.set("/d0/elsewhere.csv", TRACKER);
      const before = await registerState();
      const answer = await send(fileMessage("register.csv", "/d0/elsewhere.csv"), strict);
      expect(answer.text).toContain("The file comes from 127.0.0.1, which is not a host I download from");
      expect(host.requests).not.toContain("/d0/elsewhere.csv");

      // A redirect is followed only to an allowed host too.
      const loopbackByNumber = await world.startServer({ env: { FILE_DOWNLOAD_HOSTS: "127.0.0.1" } });
      const redirected = await send(fileMessage("register.csv", "/redirect/d0/elsewhere.csv"), loopbackByNumber);
      expect(redirected.text).toContain("The file comes from localhost, which is not a host I download from");
      expect(host.requests).toContain("/redirect/d0/elsewhere.csv");
      expect(host.requests).not.toContain("/d0/elsewhere.csv");
      expect(await registerState()).toEqual(before);
    });

    it("a download slower than FILE_DOWNLOAD_TIMEOUT_SECONDS is given up", async () => {
      const impatient = await world.startServer({ env: { FILE_DOWNLOAD_TIMEOUT_SECONDS: "1" } });
      const before = await registerState();
      const started = Date.now();
      const answer = await send(fileMessage("register.csv", "/hang"), impatient);
      expect(answer.text).toContain("Downloading the file took more than 1 second, so I stopped");
      expect(Date.now() - started).toBeLessThan(5000);
      expect(await registerState()).toEqual(before);
    });
  });
});
