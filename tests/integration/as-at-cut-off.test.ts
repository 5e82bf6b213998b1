/**
 * As at the cut-off means as at the cut-off: a reporting point's summary card, snapshot, Word report and
 * workbook built after people have changed the register since the cut-off (an item and a milestone added,
 * a progress note, a priority, an extension request, an at-risk answer, a reassignment, a completion
 * recorded later but dated before the cut-off) are the same as those built before the changes. On a real
 * register (the D0 fixture) on each store; the documents are opened and read (the .docx's XML text, the
 * workbook's cell values).
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import AdmZip from "adm-zip";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderSummaryCard } from "../../src/cards/render-summary-card.js";
import { loadRegister } from "../../src/data/register/register-store.js";
import { takeSnapshot } from "../../src/domain/reports/reporting-snapshot.js";
import { createLogger } from "../../src/logger.js";
import { documentLinks, DocumentKind } from "../../src/services/reports/document-links.js";
import { assignOwner } from "../../src/services/imports/enter-register-data.js";
import { importRegister } from "../../src/services/imports/import-register.js";
import { committeeReportForPoint } from "../../src/services/reports/load-committee-report.js";
import { pointDocument } from "../../src/services/reports/point-document.js";
import { postPeriodSummary } from "../../src/services/reports/post-period-summary.js";
import { recordProgressUpdate } from "../../src/services/updates/record-progress-update.js";
import { createReportingPoint, type ReportingPoint } from "../../src/services/reports/reporting-points.js";
import { setItemPriority } from "../../src/services/register/set-item-priority.js";
import { DEFAULT_PRIORITY_LABELS } from "../../src/domain/status/priority.js";
import { findItem, IMPROVEMENT_TEAM, ownerUpdate } from "../support/slippage-scenario.js";
import { STORES, storeDatabases } from "../support/stores.js";
import { FIXTURES, type TestDatabase } from "../support/test-database.js";

const CUT_OFF = "2024-01-09";
/** Every change below is made on 15 January, after the cut-off; the summary is posted on 16 January. */
const LATER = "2024-01-15T10:00:00Z";
const POSTED = new Date("2024-01-16T10:00:00Z");
const BASE_URL = "https://tracker.example.org";
const CPC = "Corporate Peer Challenge";

interface Outputs {
  card: unknown;
  snapshot: unknown;
  words: string;
  cells: unknown;
}

let db: TestDatabase;
let point: ReportingPoint;
let before: Outputs;
let after: Outputs;
let posted: Awaited<ReturnType<typeof postPeriodSummary>>;

/** The Word document's text, as its XML holds it. */
function documentWords(document: Buffer): string {
  return new AdmZip(document).readAsText("word/document.xml").replace(/<[^>]+>/g, " ");
}

/** Every sheet's cell values, row by row. */
async function workbookCells(workbook: Buffer): Promise<unknown> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(workbook as unknown as ArrayBuffer);
  return book.worksheets.map((sheet) => ({
    name: sheet.name,
    rows: sheet.getSheetValues().map((row) => (Array.isArray(row) ? row.map((v) => (v ?? null) as unknown) : row)),
  }));
}

async function documents(): Promise<Pick<Outputs, "words" | "cells">> {
  const build = async (kind: DocumentKind) =>
    (await pointDocument(db.prisma, { pointId: point.id, kind, statusKey: "2024" }))!.body;
  return {
    words: documentWords(await build(DocumentKind.word)),
    cells: await workbookCells(await build(DocumentKind.workbook)),
  };
}

/** What posting the summary would queue and record, built without recording it. */
async function outputsWithoutPosting(): Promise<Outputs> {
  const { model, register } = await committeeReportForPoint(db.prisma, point, { statusKey: "2024" });
  const links = await documentLinks(db.prisma, {
    pointId: point.id,
    statusKey: "2024",
    baseUrl: BASE_URL,
    minutes: 30,
    now: POSTED,
  });
  const snapshot = takeSnapshot(register, {
    name: point.name,
    cutOff: point.cutOff,
    since: model.since,
    statusKey: "2024",
    takenAt: POSTED,
  });
  return {
    card: renderSummaryCard(model, links),
    snapshot: JSON.parse(JSON.stringify(snapshot)),
    ...(await documents()),
  };
}

/** Adds an item and a milestone to the Corporate Peer Challenge by importing them, as the add-item card does. */
async function importLater(): Promise<void> {
  const d0 = readFileSync(path.join(FIXTURES, "d0-register.csv"), "utf8").split(/\r?\n/);
  const cpcRow = d0.find((line) => line.startsWith(`ACEX,${CPC},`))!;
  const reviewColumns = cpcRow.slice(0, cpcRow.indexOf(",Recommendation 1,") + 1);
  const file = path.join(db.dir, "added-later.csv");
  writeFileSync(
    file,
    [
      d0[0],
      `${reviewColumns}Recommendation 8,recommendation,Added after the cut-off,,ACEX,cpc.plan@example.org,March 2025,,,in_progress,,,false,`,
      `${reviewColumns}Rec 8 milestone 1,milestone,Milestone added after the cut-off,Recommendation 8,,cpc.plan@example.org,June 2024,,,in_progress,,,false,`,
    ].join("\r\n"),
  );
  const report = await importRegister(db.prisma, {
    file,
    dryRun: false,
    actor: "improvement.team@example.org",
    today: LATER.slice(0, 10),
    now: new Date(LATER),
  });
  expect(report.errors).toEqual([]);
  expect([report.items.created, report.milestones.created]).toEqual([1, 1]);
}

async function changeAfterTheCutOff(): Promise<void> {
  await importLater();
  const cpc = async (ref: string) => (await findItem(db.prisma, CPC, ref)).id;
  const tenancy = (await findItem(db.prisma, "Exemplar accreditation of housing tenancy", "Comment 5")).id;
  await ownerUpdate(db.prisma, tenancy, { narrative: "Progress note typed after the cut-off." }, LATER);
  const priority = await setItemPriority(
    db.prisma,
    [await cpc("Recommendation 3")],
    "high",
    DEFAULT_PRIORITY_LABELS,
    IMPROVEMENT_TEAM,
    new Date(LATER),
  );
  expect(priority.ok).toBe(true);
  await ownerUpdate(
    db.prisma,
    await cpc("Recommendation 4"),
    { revisedTarget: "Sep-25", revisionReason: "Extension asked after the cut-off" },
    LATER,
  );
  await ownerUpdate(db.prisma, await cpc("Recommendation 5"), { confidence: "will_miss" }, LATER);
  const reassigned = await assignOwner(
    db.prisma,
    [await cpc("Recommendation 2")],
    "new.owner@example.org",
    IMPROVEMENT_TEAM,
    new Date(LATER),
  );
  expect(reassigned).toMatchObject({ ok: true, changed: 1 });
  // Recorded after the cut-off, dated the day before it: the committee's figures did not include it.
  const recommendation1 = await db.prisma.item.findUniqueOrThrow({ where: { id: await cpc("Recommendation 1") } });
  const completed = await recordProgressUpdate(
    db.prisma,
    {
      itemId: recommendation1.id,
      version: recommendation1.version,
      submissionId: "late-completion",
      inputs: {
        progress: "complete",
        completedOn: "2024-01-08",
        evidenceUrl: "https://example.org/evidence",
        narrative: "Completion recorded after the cut-off.",
      },
    },
    IMPROVEMENT_TEAM,
    new Date(LATER),
    LATER.slice(0, 10),
  );
  expect(completed).toMatchObject({ ok: true, selfVerified: true });
}

const databaseOn = storeDatabases();

describe.each(STORES)("on %s", (store) => {
  beforeAll(async () => {
    db = await databaseOn(store);
    const imported = await importRegister(db.prisma, {
      file: path.join(FIXTURES, "d0-register.csv"),
      dryRun: false,
      actor: "test",
      today: "2024-01-05",
      now: new Date("2024-01-05T10:00:00Z"),
    });
    expect(imported.errors).toEqual([]);
    for (const [name, cutOff] of [
      ["Audit Committee 27 July 2023", "2023-07-27"],
      ["Audit Committee 25 January 2024", CUT_OFF],
    ] as const) {
      const created = await createReportingPoint(db.prisma, { name, cutOff, actor: "test" });
      if (!created.ok) throw new Error(created.reason);
      point = created.point;
    }
    before = await outputsWithoutPosting();

    await changeAfterTheCutOff();

    posted = await postPeriodSummary(
      db.prisma,
      {
        point,
        register: await loadRegister(db.prisma),
        actor: "improvement.team@example.org",
        conversationId: "19:audit-channel@thread.tacv2",
        requestId: "post-1",
        now: POSTED,
      },
      {
        statusKey: "2024",
        configuredLastReport: null,
        baseUrl: BASE_URL,
        linkMinutes: 30,
        logger: createLogger("silent"),
      },
    );
    const queued = await db.prisma.outboundMessage.findUniqueOrThrow({ where: { id: posted.outboundId } });
    const stored = await db.prisma.reportingPoint.findUniqueOrThrow({ where: { id: point.id } });
    after = {
      card: (JSON.parse(queued.payload) as { attachments: { content: unknown }[] }).attachments[0]!.content,
      snapshot: JSON.parse(stored.snapshot!),
      ...(await documents()),
    };
  }, 120_000);
  afterAll(async () => {
    await db?.close();
  });

  it("the changes were made: the register today has them", async () => {
    const register = await loadRegister(db.prisma);
    const cpc = register.find((r) => r.title === CPC)!;
    expect(cpc.items.map((i) => i.ref)).toEqual(expect.arrayContaining(["Recommendation 8", "Rec 8 milestone 1"]));
    expect(cpc.items.find((i) => i.ref === "Recommendation 1")!.progress).toBe("complete");
    expect(cpc.items.find((i) => i.ref === "Recommendation 2")!.ownerEmail).toBe("new.owner@example.org");
    expect(cpc.items.find((i) => i.ref === "Recommendation 3")!.priority).toBe("high");
  });

  it("the summary card posted after the changes is the card built before them", () => {
    expect(after.card).toEqual(before.card);
  });

  it("the snapshot recorded after the changes is the one built before them, counting items and milestones apart", () => {
    expect(after.snapshot).toEqual(before.snapshot);
    const items = (before.snapshot as { items: { counted: boolean }[] }).items;
    expect(posted).toMatchObject({ recorded: true, items: items.filter((i) => i.counted).length, milestones: 0 });
    expect(JSON.stringify(after.snapshot)).not.toContain("Recommendation 8");
  });

  it("the Word report built after the changes reads as the one built before them", () => {
    expect(after.words).toEqual(before.words);
    for (const later of ["Added after the cut-off", "typed after the cut-off", "Completion recorded after"]) {
      expect(after.words).not.toContain(later);
    }
  });

  it("the workbook built after the changes holds the same cell values as the one built before them", () => {
    expect(after.cells).toEqual(before.cells);
    const text = JSON.stringify(after.cells);
    for (const later of ["Added after the cut-off", "new.owner@example.org", "Extension asked after the cut-off"]) {
      expect(text).not.toContain(later);
    }
  });
});
