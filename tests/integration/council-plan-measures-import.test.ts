/**
 * Council Plan measures through the import, on SQLite and PostgreSQL: the pack's figures imported (one row
 * per measure per period, upserted), their exceptions made into improvement items owned by the lead
 * officers, once; a file with errors listing every bad row and importing nothing; a later period noted in
 * an exception item's history; and the demo loading the measures beside the register.
 */
import { copyFileSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { itemAuditEntries } from "../../src/data/register/audit-store.js";
import { importRegister } from "../../src/services/imports/import-register.js";
import { DEMO_MEASURES_FILE } from "../../src/services/measures/load-demo-measures.js";
import { STORES, storeDatabases } from "../support/stores.js";
import type { TestDatabase } from "../support/test-database.js";

let db: TestDatabase;
const databaseOn = storeDatabases();
const NOW = new Date("2019-10-15T09:00:00Z");
const HEADER =
  "measure_ref,outcome,measure,lead_officer,directorate,polarity,frequency,target,period,value,status_override";

describe.each(STORES)("on %s", (store) => {
  beforeEach(async () => {
    db = await databaseOn(store);
  });
  afterEach(async () => {
    await db.close();
  });

  const importFile = (file: string, dryRun = false, now = NOW) =>
    importRegister(db.prisma, { file, dryRun, actor: "performance team", today: "2019-10-15", now });

  function writeCsv(name: string, lines: string[]): string {
    const file = path.join(db.dir, name);
    writeFileSync(file, lines.join("\n"));
    return file;
  }

  it("imports the pack's measures and makes 1.A2, 1.A5 and 1.A8 improvement items owned by their lead officer", async () => {
    const file = path.join(db.dir, "measures.csv");
    copyFileSync(DEMO_MEASURES_FILE, file);
    const dry = await importFile(file, true);
    expect(dry).toMatchObject({ ok: true, layout: "council_plan_measures", items: { created: 3 } });
    expect(await db.prisma.councilPlanMeasure.count()).toBe(0);

    const report = await importFile(file);
    expect(report.ok).toBe(true);
    expect(report.measures?.measures.created).toBe(10);
    expect(report.measures?.readings.created).toBe(70);
    expect(report.measures?.exceptions.map((e) => e.measure_ref)).toEqual(["1.A2", "1.A5", "1.A8"]);
    expect(report.measures?.exceptions[1]).toMatchObject({
      period: "2019/20 Q1",
      against_target: "10.1% against a target of 7% (lower is better)",
      item: "new",
    });

    const items = await db.prisma.item.findMany({
      where: { review: { source: "council_plan" } },
      include: { owner: true, review: true },
      orderBy: { ref: "asc" },
    });
    expect(items.map((i) => [i.ref, i.owner?.email, i.kind, i.originalTarget])).toEqual([
      ["1.A2", "ailsa.barr@example.org", "action", "2019-09-30"],
      ["1.A5", "ailsa.barr@example.org", "action", "2019-09-30"],
      ["1.A8", "ailsa.barr@example.org", "action", "2019-09-30"],
    ]);
    expect(items[1]!.text).toContain(
      "The proportion of children who are subject to repeat child protection plans (within 24 months) - 10.1% against a target of 7% (lower is better) in 2019/20 Q1",
    );
    expect(items[1]!.text).toContain("end of the next reporting period (2019/20 Q2)");
    expect(items[0]!.review.title).toBe("Council Plan performance exceptions: Children and Young People's Services");
    const linked = await db.prisma.councilPlanMeasure.findUniqueOrThrow({ where: { measureRef: "1.A5" } });
    expect(linked.exceptionItemId).toBe(items[1]!.id);
    const entries = await db.prisma.auditEntry.findMany({ where: { entityType: "measure_reading" } });
    expect(entries).toHaveLength(70);
    expect(entries[0]).toMatchObject({ actor: "performance team", action: "created" });

    // Again: nothing changes, and no second item.
    const again = await importFile(file);
    expect(again.changes).toEqual([]);
    expect(await db.prisma.item.count({ where: { review: { source: "council_plan" } } })).toBe(3);
  });

  it("upserts by measure and period, and notes a later period in the exception item's history without closing it", async () => {
    const file = path.join(db.dir, "measures.csv");
    copyFileSync(DEMO_MEASURES_FILE, file);
    await importFile(file);
    const later = writeCsv("q2.csv", [
      HEADER,
      `1.A5,A,The proportion of children who are subject to repeat child protection plans (within 24 months),ailsa.barr@example.org,CYPS,low,Monthly,7%,Q2 2019/20,6.9%,`,
      `1.A2,A,The number of children subject to a child protection plan (rate per 10K population under 18),ailsa.barr@example.org,CYPS,LOW,Monthly,90,2019/20 Q2,97.0,`,
    ]);
    const report = await importFile(later, false, new Date("2020-01-10T09:00:00Z"));
    expect(report.ok).toBe(true);
    expect(report.measures?.readings).toEqual({ created: 2, updated: 0, unchanged: 0 });
    expect(report.measures?.no_longer_exceptions).toEqual([
      { measure_ref: "1.A5", period: "2019/20 Q2", against_target: "6.9% against a target of 7% (lower is better)" },
    ]);
    const item = await db.prisma.item.findFirstOrThrow({ where: { ref: "1.A5", review: { source: "council_plan" } } });
    expect(item.progress).toBe("not_started");
    const history = await itemAuditEntries(db.prisma, item.id);
    expect(history[0]).toMatchObject({ action: "measure_no_longer_exception", actor: "performance team" });
    expect(JSON.parse(history[0]!.after!)).toMatchObject({ period: "2019/20 Q2", exception: false });
    // The same file again notes nothing more.
    await importFile(later, false, new Date("2020-01-11T09:00:00Z"));
    expect(await itemAuditEntries(db.prisma, item.id)).toHaveLength(history.length);
    // A corrected figure for a period already held is an update of that reading, not a second one.
    const corrected = readFileSync(later, "utf8").replace("6.9%", "7.4%");
    const fixed = await importFile(writeCsv("q2-fixed.csv", [corrected]));
    expect(fixed.measures?.readings).toEqual({ created: 0, updated: 1, unchanged: 1 });
  });

  it("imports nothing from a file with bad rows, and lists every one with what to fix", async () => {
    const file = writeCsv("bad.csv", [
      HEADER,
      `1.A5,A,Repeat plans,ailsa.barr@example.org,CYPS,low,Monthly,7%,2019/20 Q1,10.1%,`,
      `1.A2,A,CP plans,ailsa.barr@example.org,CYPS,sideways,Monthly,90,2019/20 Q1,94.8,`,
      `1.A8,A,Family placements,not-an-email,CYPS,high,Monthly,85%,Q7 2019,81.7%,`,
      `1.A3,A,LAC rate,ailsa.barr@example.org,Nowhere,low,Monthly,106,2019/20 Q1,111.3,perhaps`,
    ]);
    const report = await importFile(file);
    expect(report.ok).toBe(false);
    expect([...new Set(report.errors.map((e) => e.line))]).toEqual([3, 4, 5]);
    const messages = report.errors.map((e) => e.message).join("\n");
    expect(messages).toContain('polarity "sideways" must be high or low');
    expect(messages).toContain("lead_officer");
    expect(messages).toContain('period "Q7 2019"');
    expect(messages).toContain('directorate "Nowhere" is not one I know');
    expect(messages).toContain('status_override "perhaps" must be blank or one of exception, on_target, off_target');
    expect(await db.prisma.councilPlanMeasure.count()).toBe(0);
    expect(await db.prisma.item.count()).toBe(0);
  });

  it("reads the same columns from a workbook", async () => {
    const ExcelJS = (await import("exceljs")).default;
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Measures");
    sheet.addRow(HEADER.split(","));
    sheet.addRow([
      "1.A5",
      "A",
      "Repeat plans",
      "ailsa.barr@example.org",
      "CYPS",
      "low",
      "Monthly",
      "7%",
      "2018/19 Q4",
      "6.5%",
      "",
    ]);
    sheet.addRow([
      "1.A5",
      "A",
      "Repeat plans",
      "ailsa.barr@example.org",
      "CYPS",
      "low",
      "Monthly",
      "7%",
      "2019/20 Q1",
      "10.1%",
      "",
    ]);
    const file = path.join(db.dir, "measures.xlsx");
    await workbook.xlsx.writeFile(file);
    const report = await importFile(file);
    expect(report).toMatchObject({ ok: true, items: { created: 1 } });
    expect(report.measures?.exceptions).toEqual([
      expect.objectContaining({
        measure_ref: "1.A5",
        against_target: "10.1% against a target of 7% (lower is better)",
      }),
    ]);
  });
});
