/**
 * The committee report's slippage section and the workbook's slippage columns, on a real register on each store
 * (the D0 fixture) changed the way people change it: owners' requests and confidence through the update
 * service, the improvement team's decisions and priorities. The produced .docx and .xlsx are opened and
 * their tables read: extension requests since the last report (waiting ones at the cut-off first), repeat
 * extensions, at-risk and overdue high-priority items; confidential items counted, never named; typed
 * text shown as text; both files open in LibreOffice.
 */
import { readFileSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import AdmZip from "adm-zip";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCliCaptured } from "../support/cli-run.js";
import { importRegister } from "../../src/services/imports/import-register.js";
import { buildWordReport } from "../../src/services/reports/build-word-report.js";
import { committeeReportForPoint } from "../../src/services/reports/load-committee-report.js";
import { pointDocument } from "../../src/services/reports/point-document.js";
import { DocumentKind } from "../../src/services/reports/document-links.js";
import { createReportingPoint, type ReportingPoint } from "../../src/services/reports/reporting-points.js";
import type { CommitteeReport } from "../../src/domain/reports/committee-report.js";
import { convertToPdf } from "../support/libreoffice.js";
import { addSlippage, findItem, ownerUpdate } from "../support/slippage-scenario.js";
import { STORES, storeDatabases } from "../support/stores.js";
import { FIXTURES, type TestDatabase } from "../support/test-database.js";

const CUT_OFF = "2024-01-09";
const SECRET = "SECRET-HOME-ITEM-5120";
/** A reason typed with Word markup, a spreadsheet formula and markdown: shown as typed, never obeyed. */
const HOSTILE_REASON = '=HYPERLINK("http://evil.example","x") </w:t><w:t>injected **bold**';

let db: TestDatabase;
let point: ReportingPoint;
let model: CommitteeReport;
let docx: Buffer;
let xlsx: Buffer;

function decode(s: string): string {
  return s
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, "&");
}

/**
 * The Word document's tables, each a list of rows, each a list of cell texts (paragraphs joined by "\n"), without
 * the invisible line-break opportunities emails carry in table cells.
 */
function wordTables(document: Buffer): string[][][] {
  const xml = new AdmZip(document).readAsText("word/document.xml");
  const decode = (s: string) =>
    s
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'")
      .replace(/&amp;/g, "&")
      .replace(/\u200b/g, "");
  const cellText = (cell: string) =>
    [...cell.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)]
      .map((p) => [...p[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => decode(t[1]!)).join(""))
      .join("\n");
  return [...xml.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)].map((table) =>
    [...table[0].matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map((row) =>
      [...row[0].matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((cell) => cellText(cell[0])),
    ),
  );
}

/** The document's words, entities decoded. */
function documentWords(document: Buffer): string {
  return decode(new AdmZip(document).readAsText("word/document.xml").replace(/<[^>]+>/g, ""));
}

function tableWithHeader(tables: string[][][], first: string, second: string): string[][] {
  const found = tables.find((t) => t[0]?.[0] === first && t[0]?.[1] === second && t[0]?.length > 2);
  if (!found) throw new Error(`no table headed ${first}, ${second}`);
  return found;
}

const databaseOn = storeDatabases();

describe.each(STORES)("on %s", (store) => {
  beforeAll(async () => {
    db = await databaseOn(store);
    const imported = await importRegister(db.prisma, {
      file: path.join(FIXTURES, "d0-register.csv"),
      dryRun: false,
      actor: "test",
      today: CUT_OFF,
      now: new Date("2023-07-01T10:00:00Z"),
    });
    expect(imported.errors).toEqual([]);
    await addSlippage(db.prisma);

    // A confidential item on the SEND inspection: high priority, overdue, with a request waiting and its owner at risk.
    const send = await db.prisma.review.findFirstOrThrow({ where: { title: { startsWith: "Joint Area SEND" } } });
    const owner = await db.prisma.person.upsert({
      where: { email: "send.owner@example.org" },
      create: { email: "send.owner@example.org" },
      update: {},
    });
    const secret = await db.prisma.item.create({
      data: {
        reviewId: send.id,
        ref: "Recommendation 5",
        text: `${SECRET}: check the bedroom locks`,
        progress: "in_progress",
        originalTargetRaw: "Dec-23",
        originalTarget: "2023-12-31",
        originalTargetKind: "month",
        confidential: true,
        priority: "high",
        ownerId: owner.id,
      },
    });
    await ownerUpdate(
      db.prisma,
      secret.id,
      { revisedTarget: "Jun-24", revisionReason: `${SECRET} reason` },
      "2023-12-20T10:00:00Z",
    );

    // The typed reason that must stay text, on Quest's area for improvement 3.
    const quest = await findItem(db.prisma, "Quest Foundation Review", "Area for improvement 3");
    await ownerUpdate(
      db.prisma,
      quest.id,
      { revisedTarget: "Jun-24", revisionReason: HOSTILE_REASON },
      "2023-11-01T10:00:00Z",
    );

    // After the cut-off: not in this report.
    const cpc1 = await findItem(db.prisma, "Corporate Peer Challenge", "Recommendation 1");
    await ownerUpdate(
      db.prisma,
      cpc1.id,
      { revisedTarget: "Sep-25", revisionReason: "Made after the cut-off" },
      "2024-01-10T10:00:00Z",
    );

    // Updates after the cut-off change nothing in a report as at it: Comment 5 stays quiet and Recommendation 6
    // stays "will miss"; Comment 7, at risk only by its owner's later word, is not listed.
    const tpas = (ref: string) => findItem(db.prisma, "Exemplar accreditation of housing tenancy", ref);
    await ownerUpdate(db.prisma, (await tpas("Comment 5")).id, { narrative: "Survey sent." }, "2024-01-11T10:00:00Z");
    await ownerUpdate(db.prisma, (await tpas("Comment 7")).id, { confidence: "at_risk" }, "2024-01-11T10:00:00Z");
    const cpc6 = await findItem(db.prisma, "Corporate Peer Challenge", "Recommendation 6");
    await ownerUpdate(db.prisma, cpc6.id, { confidence: "on_track" }, "2024-01-11T10:00:00Z");

    for (const [name, cutOff] of [
      ["Audit Committee 27 July 2023", "2023-07-27"],
      ["Audit Committee 9 January 2024", CUT_OFF],
    ] as const) {
      const created = await createReportingPoint(db.prisma, { name, cutOff, actor: "test" });
      if (!created.ok) throw new Error(created.reason);
      point = created.point;
    }
    ({ model } = await committeeReportForPoint(db.prisma, point, { statusKey: "2024", asAt: "2024-01-12" }));
    docx = await buildWordReport(model);
    xlsx = (await pointDocument(db.prisma, {
      pointId: point.id,
      kind: DocumentKind.workbook,
      statusKey: "2024",
      today: "2024-01-12",
    }))!.body;
  }, 60_000);
  afterAll(async () => {
    await db?.close();
  });

  describe("the Word report's slippage section", () => {
    it("lists the extension requests since the last report, waiting ones (as at the cut-off) first, with who decided and when", () => {
      const table = tableWithHeader(wordTables(docx), "Item", "Directorate");
      expect(table[0]).toEqual([
        "Item",
        "Directorate",
        "Requested by",
        "Target from → to",
        "Reason",
        "State",
        "Decided by and when",
      ]);
      expect(table.slice(1).map((row) => [row[0]!.split("\n")[1], row[3], row[5], row[6]])).toEqual([
        ["Area for improvement 3", "31 Mar 2024 → 30 Jun 2024", "Waiting for a decision", "Not yet decided"],
        ["Action 10", "31 Dec 2023 → 31 Mar 2024", "Waiting for a decision", "Not yet decided"],
        ["Recommendation 2", "31 Mar 2024 → 30 Sep 2024", "Waiting for a decision", "Not yet decided"],
        [
          "Area for improvement 3",
          "29 Feb 2024 → 31 May 2024",
          "Approved",
          "improvement.team@example.org on 5 Sep 2023",
        ],
        [
          "Area for improvement 4",
          "31 Jan 2024 → 30 Apr 2024",
          "Declined",
          "improvement.team@example.org on 5 Dec 2023: Bring the recovery plan to DLT first.",
        ],
      ]);
      expect(table[2]![0]).toBe("Customer Service Peer Review\nAction 10");
      expect(table[2]![2]).toBe("customer.experience@example.org\non 5 Jan 2024");
    });

    it("shows the reason as typed: Word markup and formulas are text", () => {
      const words = wordTables(docx).flat(2).join("\n");
      expect(words).toContain(HOSTILE_REASON);
      expect(new AdmZip(docx).readAsText("word/document.xml")).not.toContain("<w:t>injected");
    });

    it("asks the committee to decide the waiting requests", () => {
      expect(model.recommendations).toContain(
        'Decide the four extension requests still waiting for a decision at the cut-off (listed under "Extension requests since the last report").',
      );
    });

    it("lists repeat extensions with their chain, at-risk items with why, and overdue high-priority items with who is responsible", () => {
      const tables = wordTables(docx);
      const chain = tables.find((t) => t[0]?.[3] === "Chain of target dates")!;
      expect(chain.slice(1).map((r) => [r[0]!.split("\n")[1], r[2], r[3]])).toEqual([
        ["Area for improvement 3", "2", "30 Nov 2022 → 29 Feb 2024 → 31 May 2024"],
      ]);
      const atRisk = tables.find((t) => t[0]?.[4] === "Why it is at risk")!;
      expect(atRisk.slice(1).map((r) => [r[0]!.split("\n")[1], r[4]])).toEqual([
        ["Area for improvement 4", "Due in 16 working days (31 Jan 2024) with no update for 39 days."],
        [
          "Comment 5",
          "Due in 16 working days (31 Jan 2024) with no dated update (its progress note was imported without a date).",
        ],
        [
          "Comment 6",
          "Due in 16 working days (31 Jan 2024) with no dated update (its progress note was imported without a date).",
        ],
        ["Recommendation 6", "The owner said on 15 Dec 2023 it will miss its target 31 Mar 2024."],
      ]);
      const overdue = tables.find((t) => t[0]?.[6] === "Owner")!;
      expect(overdue.slice(1)).toEqual([
        [
          "Customer Service Peer Review\nAction 10",
          "Finance and Customer Services",
          "high",
          "31 Dec 2023 (originally 30 Jun 2023)",
          "In progress and partly delayed",
          "Customer Services",
          "customer.experience@example.org",
        ],
      ]);
    });

    it("counts the confidential item in each table it belongs to, and never names it", () => {
      const xml = new AdmZip(docx).readAsText("word/document.xml");
      expect(xml).not.toContain(SECRET);
      expect(model.slippage.extensionRequests).toMatchObject({ confidentialItems: 1, total: 6, waiting: 4 });
      expect(model.slippage.overduePriority).toMatchObject({ confidentialItems: 1, total: 2 });
      expect(documentWords(docx)).toContain("(one confidential item not listed.)");
    });

    it("numbers the section after the directorates, before lessons learnt", () => {
      const words = documentWords(docx);
      const order = [
        "7. Assistant Chief Executive's Directorate",
        "8. Extensions, early warnings and priorities",
        "8.2 Extension requests since the last report",
        "8.3 Repeat extensions",
        "8.4 Items at risk of missing their target date",
        "8.5 Overdue high-priority items",
        "9. Lessons learnt",
      ].map((heading) => words.indexOf(heading));
      expect(order.every((at) => at >= 0)).toBe(true);
      expect([...order].sort((a, b) => a - b)).toEqual(order);
    });
  });

  describe("the register workbook's slippage columns", () => {
    let rows: Map<string, Record<string, string>>;

    beforeAll(async () => {
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(xlsx as unknown as ArrayBuffer);
      const sheet = workbook.getWorksheet("Register")!;
      const headers = (sheet.getRow(1).values as string[]).slice(1);
      rows = new Map();
      sheet.eachRow((row, n) => {
        if (n === 1) return;
        const cells = Object.fromEntries(headers.map((h, i) => [h, row.getCell(i + 1).text]));
        if (cells.review_title && cells.item_ref) rows.set(`${cells.review_title}|${cells.item_ref}`, cells);
      });
    });

    const columns = (reviewTitle: string, ref: string) => {
      const key = [...rows.keys()].find((k) => k.startsWith(reviewTitle) && k.endsWith(`|${ref}`));
      const row = rows.get(key ?? "")!;
      return [
        row["Priority"],
        row["At risk (why)"],
        row["Extensions"],
        row["Chain of target dates"],
        row["Extension request waiting"],
      ];
    };

    it("gives each item its priority, at-risk flag and why, extensions and chain, and the request waiting at the cut-off", () => {
      expect(columns("Customer Service Peer Review", "Action 10")).toEqual([
        "high",
        "",
        "1",
        "30 Jun 2023 → 31 Dec 2023",
        "Asked by customer.experience@example.org on 5 Jan 2024 to move the target from 31 Dec 2023 to 31 Mar 2024: waiting for the directorate's lead or the improvement team. Reason: The telephony contract change moved to February.",
      ]);
      expect(columns("Inspection of Local Authority", "Area for improvement 3")).toEqual([
        "",
        "",
        "2",
        "30 Nov 2022 → 29 Feb 2024 → 31 May 2024",
        "",
      ]);
      expect(columns("Corporate Peer Challenge", "Recommendation 6")[1]).toBe(
        "At risk: the owner said on 15 Dec 2023 it will miss its target 31 Mar 2024",
      );
      // Approved the day after the cut-off: as at the cut-off it was waiting, and the target had not moved.
      expect(columns("2021/22 VFM arrangements", "Recommendation 2").slice(2)).toEqual([
        "",
        "",
        expect.stringContaining("to move the target from 31 Mar 2024 to 30 Sep 2024: waiting"),
      ]);
    });

    it("keeps a typed formula as text, prints the new columns with D1's, and leaves the confidential item out", async () => {
      const quest = columns("Quest Foundation Review", "Area for improvement 3")[4]!;
      expect(quest).toContain(`Reason: ${HOSTILE_REASON}`);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(xlsx as unknown as ArrayBuffer);
      const sheet = workbook.getWorksheet("Register")!;
      expect(sheet.pageSetup.printArea?.replace(/\$/g, "")).toBe(`A1:L${sheet.rowCount}`);
      const all = new AdmZip(xlsx)
        .getEntries()
        .map((e) => e.getData().toString("utf8"))
        .join("\n");
      expect(all).not.toContain(SECRET);
    });

    it("both documents open in LibreOffice (converted to PDF)", async () => {
      for (const [name, body] of [
        ["report.docx", docx],
        ["register.xlsx", xlsx],
      ] as const) {
        const file = path.join(db.dir, name);
        await writeFile(file, body);
        const { bytes, log } = await convertToPdf(file, path.join(db.dir, "pdf"));
        expect(bytes, `${name}: ${log}`).toBeGreaterThan(1000);
      }
    }, 120_000);
  });

  describe("the council's settings reach the documents", () => {
    it("the workbook link reads the at-risk rule: with no working days' warning, only the owner's word flags an item", async () => {
      const strict = (await pointDocument(db.prisma, {
        pointId: point.id,
        kind: DocumentKind.workbook,
        statusKey: "2024",
        today: "2024-01-12",
        settings: { atRisk: { workingDaysBeforeTarget: 0, staleAfterDays: 30 } },
      }))!.body;
      const text = new AdmZip(strict)
        .getEntries()
        .map((e) => e.getData().toString("utf8"))
        .join("\n");
      expect(text).toContain("At risk: the owner said on 15 Dec 2023");
      expect(text).not.toContain("At risk: due in");
    });

    it("export --format docx reads PRIORITY_LABELS and REPEAT_EXTENSION_THRESHOLD", async () => {
      await db.prisma.$disconnect(); // the CLI opens its own client: one per process on a SQLite file
      const file = path.join(db.dir, "bromsgrove.docx");
      const { code } = await runCliCaptured(
        ["export", "--format", "docx", "--out", file, "--point", point.name, "--as-of", "2024-01-12"],
        { DATABASE_URL: db.url, PRIORITY_LABELS: "fundamental,important,desirable", REPEAT_EXTENSION_THRESHOLD: "1" },
        new Date("2024-01-12T10:00:00Z"),
      );
      expect(code).toBe(0);
      const document = readFileSync(file);
      const words = documentWords(document);
      // "high" is not one of these labels, so no item is overdue at the top priority.
      expect(words).toContain("8.5 Overdue fundamental-priority items");
      expect(words).toContain("No open fundamental-priority item was past its target date at the cut-off.");
      const chain = wordTables(document).find((t) => t[0]?.[3] === "Chain of target dates")!;
      expect(chain.length - 1).toBeGreaterThan(1);
      expect(chain.slice(1).every((row) => Number(row[2]) >= 1)).toBe(true);
    });
  });
});
