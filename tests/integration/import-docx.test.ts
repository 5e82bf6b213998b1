/**
 * The Word tracker read as it is kept: .docx files built from the transcribed fixtures, with cells merged
 * as Word writes them, import into the same register as the CSV import of the same fixture (the command
 * line's `status --json` compared); a table not recognised is named; several recommendations in one cell
 * become items of their own; problems are placed by table and row.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { importRegister } from "../../src/services/imports/import-register.js";
import { loadRegister } from "../../src/data/register/register-store.js";
import { runCliCaptured } from "../support/cli-run.js";
import { STORES, storeDatabases } from "../support/stores.js";
import { FIXTURES, type TestDatabase } from "../support/test-database.js";
import { canonicalTable, mayTrackerTable, paragraph, wordDocument, wordTable } from "../support/tracker-docx.js";

const MAY_2025 = "2025-05-15";
const NOW = new Date("2025-05-15T10:00:00Z");
const databaseOn = storeDatabases();
let csvDb: TestDatabase;
let wordDb: TestDatabase;

const D1_HEADINGS = [
  "Title and purpose",
  "Date",
  "Outstanding recommendations",
  "Original target date for completion",
  "Revised target date for completion",
  "Status",
  "Progress update",
].map((text) => ({ text }));

describe.each(STORES)("on %s", (store) => {
  beforeEach(async () => {
    csvDb = await databaseOn(store);
    wordDb = await databaseOn(store);
  });
  afterEach(async () => {
    await csvDb.close();
    await wordDb.close();
  });

  const importInto = (db: TestDatabase, file: string, dryRun = false) =>
    importRegister(db.prisma, { file, dryRun, actor: "test", today: MAY_2025, now: NOW });

  async function writeDocx(name: string, bytes: Promise<Buffer>): Promise<string> {
    const file = path.join(wordDb.dir, name);
    writeFileSync(file, await bytes);
    return file;
  }

  /** What `status --json` shows of a database's register: every item with its status and the reason. */
  async function statusJson(db: TestDatabase): Promise<unknown> {
    await db.prisma.$disconnect(); // the command line opens its own client
    const run = await runCliCaptured(["status", "--json", "--as-of", MAY_2025], { DATABASE_URL: db.url }, NOW);
    expect(run.code).toBe(0);
    return JSON.parse(run.stdout);
  }

  it("reads the May 2025 tracker from Word, merged cells and all, into the register its CSV makes", async () => {
    const csvFile = path.join(FIXTURES, "d1-tracker-clean.csv");
    const csv = await importInto(csvDb, csvFile);
    expect(csv).toMatchObject({ ok: true, reviews: { created: 12 }, items: { created: 34 } });

    const docx = await writeDocx("tracker-may-2025.docx", wordDocument([mayTrackerTable(csvFile)]));
    const word = await importInto(wordDb, docx);
    expect(word).toMatchObject({
      ok: true,
      layout: "d1",
      reviews: { created: 12 },
      items: { created: 34 },
      tables: { read: [{ table: 1, layout: "May 2025 tracker" }], unread: [] },
    });
    // The same disagreement with the key, placed by its table and row.
    expect(word.disagreements).toEqual([
      expect.objectContaining({
        item_ref: "Improving economy, efficiency and effectiveness: Rec 2",
        place: expect.stringMatching(/^table 1, row \d+$/),
      }),
    ]);
    const items = (await loadRegister(wordDb.prisma)).flatMap((r) => r.items);
    expect(items.find((i) => i.ref === "Area for improvement 1 and 4")?.revisedTarget).toMatchObject({ raw: "Sep-25" });
    expect(await statusJson(wordDb)).toEqual(await statusJson(csvDb));
  });

  it("reads cells whose lines are breaks within a paragraph the same as lines in paragraphs", async () => {
    const csvFile = path.join(FIXTURES, "d1-tracker-clean.csv");
    await importInto(csvDb, csvFile);
    const docx = await writeDocx("tracker-breaks.docx", wordDocument([mayTrackerTable(csvFile, "breaks")]));
    expect(await importInto(wordDb, docx)).toMatchObject({ ok: true, items: { created: 34 } });
    expect(await statusJson(wordDb)).toEqual(await statusJson(csvDb));
  });

  it("reads the canonical register from a Word table whose directorate and review cells run down their rows", async () => {
    const csvFile = path.join(FIXTURES, "d0-register.csv");
    const csv = await importInto(csvDb, csvFile);
    expect(csv).toMatchObject({ ok: true, reviews: { created: 17 }, items: { created: 107 } });
    const docx = await writeDocx("register.docx", wordDocument([canonicalTable(csvFile)]));
    const word = await importInto(wordDb, docx);
    expect(word).toMatchObject({ ok: true, layout: "canonical", reviews: { created: 17 }, items: { created: 107 } });
    // Importing the CSV over the Word document's register finds nothing to change.
    const again = await importInto(wordDb, csvFile, true);
    expect(again).toMatchObject({ ok: true, reviews: { unchanged: 17 }, items: { unchanged: 107 }, changes: [] });
    expect(await statusJson(wordDb)).toEqual(await statusJson(csvDb));
  });

  it("names a table it does not recognise, with its heading row, beside the tracker it reads", async () => {
    const csvFile = path.join(FIXTURES, "d1-tracker-clean.csv");
    const keyTable = wordTable([
      [{ text: "Status" }, { text: "Meaning" }],
      [{ text: "Complete" }, { text: "All recommendations are fully complete" }],
    ]);
    const docx = await writeDocx(
      "with-key.docx",
      wordDocument([paragraph("Status key"), keyTable, paragraph("Tracker"), mayTrackerTable(csvFile)]),
    );
    const report = await importInto(wordDb, docx, true);
    expect(report).toMatchObject({ ok: true, items: { created: 34 } });
    expect(report.tables).toEqual({
      read: [expect.objectContaining({ table: 2, layout: "May 2025 tracker" })],
      unread: [{ table: 1, headings: ["Status", "Meaning"], reason: expect.stringContaining("neither") }],
    });

    const onlyKey = await writeDocx("only-key.docx", wordDocument([keyTable]));
    const refused = await importInto(wordDb, onlyKey);
    expect(refused.file_problem).toContain("table 1 (Status | Meaning)");
    expect(refused.tables?.unread).toHaveLength(1);
    expect(await loadRegister(wordDb.prisma)).toEqual([]);
  });

  it("splits several recommendations in one cell into items sharing the row's dates and status", async () => {
    const docx = await writeDocx(
      "several.docx",
      wordDocument([
        paragraph("4. Adult Care, Housing and Public Health"),
        wordTable(
          [
            D1_HEADINGS,
            [
              { text: "Safeguarding Peer Review (LGA)\nTo review the Safeguarding Adults Board.", merge: "restart" },
              { text: "11-13 July 2023", merge: "restart" },
              { text: "Overall outcome: Pride and commitment in Rotherham." },
              { text: "" },
              { text: "" },
              { text: "" },
              { text: "" },
            ],
            [
              { text: "", merge: "continue" },
              { text: "", merge: "continue" },
              { text: "Rec 1: Use the groups that already exist.\nRec 2: Set aside time for a development session." },
              { text: "Mar-25" },
              { text: "" },
              { text: "Complete" },
              { text: "Both delivered." },
            ],
            [
              { text: "", merge: "continue" },
              { text: "", merge: "continue" },
              { text: "Area for improvement 3: Review how the board sets its agendas." },
              { text: "Dec-25" },
              { text: "" },
              { text: "In progress and on track" },
              { text: "" },
            ],
          ],
          "breaks",
        ),
      ]),
    );
    const report = await importInto(wordDb, docx);
    expect(report).toMatchObject({ ok: true, reviews: { created: 1 }, items: { created: 3 } });
    const [review] = await loadRegister(wordDb.prisma);
    expect(review).toMatchObject({ title: "Safeguarding Peer Review (LGA)", directorateId: "ACHPH" });
    expect(review!.items.map((i) => [i.ref, i.text, i.originalTarget?.raw, i.recordedStatus])).toEqual([
      ["Rec 1", "Use the groups that already exist.", "Mar-25", "Complete"],
      ["Rec 2", "Set aside time for a development session.", "Mar-25", "Complete"],
      ["Area for improvement 3", "Review how the board sets its agendas.", "Dec-25", "In progress and on track"],
    ]);
  });

  it("reads the January 2024 appendix's tables as reviews under their section's directorate, naming the columns it does not use", async () => {
    const appendix = wordTable([
      [{ text: "Ongoing external inspections reviews and audits", span: 7 }],
      [
        { text: "Title", merge: "restart" },
        { text: "Date", merge: "restart" },
        { text: "Outcome", merge: "restart" },
        { text: "No recs", merge: "restart" },
        { text: "Implemented:", span: 2 },
        { text: "Status", merge: "restart" },
      ],
      [
        { text: "", merge: "continue" },
        { text: "", merge: "continue" },
        { text: "", merge: "continue" },
        { text: "", merge: "continue" },
        { text: "At last report" },
        { text: "Since last report" },
        { text: "", merge: "continue" },
      ],
      [
        { text: "Customer Service Peer Review (LGA)" },
        { text: "June 2022. Findings received November 2022." },
        { text: "The Council has a vision to provide improved customer access and experience." },
        { text: "27 actions relating to six recommendations." },
        { text: "26" },
        { text: "0" },
        { text: "In progress and partly delayed" },
      ],
    ]);
    const docx = await writeDocx(
      "audit-committee-january-2024.docx",
      wordDocument([
        paragraph("3. Children and Young People's Services"),
        wordTable([
          [{ text: "Title" }, { text: "Date" }, { text: "Outcome" }],
          [
            { text: "Pegasus House Children's Residential Home (Ofsted)" },
            { text: "30 May 2023" },
            { text: "Good rating" },
          ],
        ]),
        paragraph("6. Finance and Customer Services"),
        paragraph("6.3 The tables below ..."),
        appendix,
      ]),
    );
    const report = await importInto(wordDb, docx);
    expect(report).toMatchObject({ ok: true, reviews: { created: 2 }, items: { created: 0 } });
    expect(report.tables?.read).toEqual([
      { table: 1, layout: "January 2024 appendix", rows: 1, unused: [] },
      {
        table: 2,
        layout: "January 2024 appendix",
        rows: 1,
        unused: ["No recs", "Implemented: At last report", "Implemented: Since last report", "Status"],
      },
    ]);
    const [home, review] = await loadRegister(wordDb.prisma);
    // The report names a children's home with its rating only: its review is confidential.
    expect(home).toMatchObject({ directorateId: "CYPS", confidential: true, outcome: "Good rating" });
    expect(review).toMatchObject({
      confidential: false,
      title: "Customer Service Peer Review (LGA)",
      directorateId: "FCS",
      outcome: "The Council has a vision to provide improved customer access and experience.",
    });
    expect(review!.findingsReceived).toMatchObject({ raw: "November 2022" });
  });

  it("places every bad row by its table and row, and imports nothing", async () => {
    const docx = await writeDocx(
      "bad.docx",
      wordDocument([
        wordTable([
          D1_HEADINGS,
          [{ text: "Children and Young People's Services", span: 7 }],
          [
            { text: "Ofsted Focused Visit" },
            { text: "May 2024" },
            { text: "Overall outcome: Effective." },
            { text: "" },
            { text: "" },
            { text: "" },
            { text: "" },
          ],
          [
            { text: "" },
            { text: "" },
            { text: "Area for improvement 2: Reduce waiting lists." },
            { text: "Smarch-25" },
            { text: "" },
            { text: "In progress and on track" },
            { text: "" },
          ],
        ]),
      ]),
    );
    const report = await importInto(wordDb, docx);
    expect(report.ok).toBe(false);
    expect(report.errors).toEqual([
      expect.objectContaining({ place: "table 1, row 4", message: expect.stringContaining("Smarch-25") }),
    ]);
    expect(await loadRegister(wordDb.prisma)).toEqual([]);
  });
});
