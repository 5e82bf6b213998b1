/**
 * Ombudsman rows (source ombudsman): the decision is the review, each remedy an item carrying its case,
 * decision day, kind and public report; a personal remedy is confidential whatever the row says; a public
 * report's response is due three months after the decision unless the row gives response_due. A file
 * with bad rows lists every one with what to fix and imports nothing.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { importRegister } from "../../src/services/imports/import-register.js";
import { loadRegister } from "../../src/data/register/register-store.js";
import { buildExportRows, writeCsvExport } from "../../src/services/reports/export-register.js";
import { STORES, storeDatabases } from "../support/stores.js";
import type { TestDatabase } from "../support/test-database.js";

const TODAY = "2026-12-01";
const NOW = new Date("2026-12-01T10:00:00Z");
let db: TestDatabase;
const databaseOn = storeDatabases();

const HEADER =
  "source,directorate,review_title,review_body,item_ref,item_text,owner_email,original_target,progress,confidential,case_ref,decision_date,remedy_kind,public_report,response_due";
const BODY = "Local Government and Social Care Ombudsman";

describe.each(STORES)("on %s", (store) => {
  beforeEach(async () => {
    db = await databaseOn(store);
  });
  afterEach(async () => {
    await db.close();
  });

  function writeCsv(name: string, rows: string[]): string {
    const file = path.join(db.dir, name);
    writeFileSync(file, [HEADER, ...rows].join("\n"));
    return file;
  }
  const importFile = (file: string) =>
    importRegister(db.prisma, { file, dryRun: false, actor: "test", today: TODAY, now: NOW });

  it("stores each remedy's case, decision and kind; a personal remedy is confidential; a public report is due in three months", async () => {
    const report = await importFile(
      writeCsv("good.csv", [
        `ombudsman,CYPS,LGSCO decision 26 001 234,${BODY},Remedy 1,Apologise to Ms X and pay £300 for the distress caused,a@example.org,Jan-27,not_started,false,26 001 234,2026-11-30,personal,yes,`,
        `ombudsman,CYPS,LGSCO decision 26 001 234,${BODY},Remedy 2,Remind social workers of the timescales for assessments,a@example.org,Mar-27,not_started,false,26 001 234,2026-11-30,service_improvement,yes,`,
        `ombudsman,RE,LGSCO decision 26 004 567,${BODY},Remedy 1,Review the bin collection complaints procedure,b@example.org,Feb-27,in_progress,,26 004 567,2026-05-31,service improvement,no,2026-09-30`,
        `ombudsman,ACHPH,LGSCO decision 26 007 890,${BODY},Case 26 007 890,Not upheld: no fault in the care assessment,,,no_action_required,,26 007 890,2026-10-12,,no,`,
        `,CYPS,Ofsted Focused Visit,Ofsted,Area for improvement 1,Reduce waits,c@example.org,Mar-27,in_progress,false,,,,,`,
      ]),
    );
    expect(report.errors).toEqual([]);
    expect(report.ok).toBe(true);
    const reviews = await db.prisma.review.findMany({ orderBy: { id: "asc" } });
    expect(reviews.map((r) => [r.title, r.source, r.confidential])).toEqual([
      ["LGSCO decision 26 001 234", "ombudsman", false],
      ["LGSCO decision 26 004 567", "ombudsman", false],
      ["LGSCO decision 26 007 890", "ombudsman", false],
      ["Ofsted Focused Visit", "inspection", false],
    ]);
    const items = await db.prisma.item.findMany({ orderBy: { id: "asc" } });
    expect(
      items.map((i) => [i.ref, i.caseRef, i.decisionDate, i.remedyKind, i.publicReport, i.responseDue, i.confidential]),
    ).toEqual([
      // 30 Nov is November's last day: three months on is February's last.
      ["Remedy 1", "26 001 234", "2026-11-30", "personal", true, "2027-02-28", true],
      ["Remedy 2", "26 001 234", "2026-11-30", "service_improvement", true, "2027-02-28", false],
      ["Remedy 1", "26 004 567", "2026-05-31", "service_improvement", false, "2026-09-30", false],
      ["Case 26 007 890", "26 007 890", "2026-10-12", null, false, null, false],
      ["Area for improvement 1", null, null, null, null, null, false],
    ]);
    // Every change is recorded: the remedy's facts are in its creation's audit entry.
    const audit = await db.prisma.auditEntry.findFirst({ where: { entityType: "item", entityId: items[0]!.id } });
    expect(JSON.parse(audit!.after!)).toMatchObject({
      case_ref: "26 001 234",
      remedy_kind: "personal",
      confidential: true,
    });

    // The export carries the source and the case columns, so it imports back with nothing changed.
    const exported = path.join(db.dir, "export.csv");
    await writeCsvExport(exported, buildExportRows(await loadRegister(db.prisma), TODAY, "2024"));
    const again = await importRegister(db.prisma, {
      file: exported,
      dryRun: true,
      actor: "test",
      today: TODAY,
      now: NOW,
    });
    expect(again.errors).toEqual([]);
    expect(again.changes).toEqual([]);
  });

  it("lists every bad row with what to fix, and imports nothing", async () => {
    const report = await importFile(
      writeCsv("bad.csv", [
        `ombudsman,CYPS,LGSCO decision 26 001 234,${BODY},Remedy 1,Apologise,a@example.org,Jan-27,not_started,,,2026-11-30,personal,yes,`,
        `ombudsman,CYPS,LGSCO decision 26 001 234,${BODY},Remedy 2,Train staff,a@example.org,Mar-27,not_started,,26 001 234,31/11/2026,refund,maybe,`,
        `ombudsman,RE,LGSCO decision 26 004 567,${BODY},Remedy 1,Review the procedure,b@example.org,Feb-27,in_progress,,26 004 567,1899-05-31,,no,`,
        `,CYPS,Ofsted Focused Visit,Ofsted,Area for improvement 1,Reduce waits,c@example.org,Mar-27,in_progress,,26 001 234,,personal,,`,
        `ombudsmen,CYPS,Another decision,${BODY},Remedy 1,Apologise,a@example.org,Jan-27,not_started,,26 009 999,2026-11-30,personal,,`,
        `ombudsman,CYPS,LGSCO decision 26 005 555,${BODY},Remedy 1,Apologise,a@example.org,Jan-27,not_started,,${"9".repeat(41)},2026-11-30,personal,,2026-10-01`,
      ]),
    );
    expect(report.ok).toBe(false);
    const byLine = (line: number) => report.errors.filter((e) => e.line === line).map((e) => e.message);
    expect(byLine(2)).toEqual(['case_ref is empty: give the Ombudsman\'s case reference, e.g. "18 012 345"']);
    expect(byLine(3)).toEqual([
      'decision_date "31/11/2026" is not a day: November 2026 has no 31st',
      'remedy_kind "refund" must be personal or service_improvement (blank for a case not upheld)',
      'public_report "maybe" must be true or false (yes or no)',
    ]);
    expect(byLine(4)).toHaveLength(2);
    expect(byLine(4)[0]).toMatch(/^decision_date "1899-05-31": /);
    expect(byLine(4)[1]).toBe(
      "remedy_kind is empty: give personal or service_improvement, or, for a case not upheld, set progress to no_action_required",
    );
    expect(byLine(5)).toEqual([
      "case_ref, remedy_kind are for Ombudsman rows only: set source to ombudsman or clear them",
    ]);
    expect(byLine(6)).toEqual([
      'source "ombudsmen" must be one of inspection, scrutiny, ombudsman, council_plan',
      "case_ref, decision_date, remedy_kind are for Ombudsman rows only: set source to ombudsman or clear them",
    ]);
    expect(byLine(7)).toEqual([
      "case_ref is 41 characters: at most 40",
      "response_due 2026-10-01 is before decision_date 2026-11-30: a response follows its decision",
    ]);
    expect(await db.prisma.item.count()).toBe(0);
    expect(await db.prisma.review.count()).toBe(0);
  });

  it("a re-import that changes a remedy's kind updates it with its before and after", async () => {
    const row = (kind: string) =>
      `ombudsman,CYPS,LGSCO decision 26 001 234,${BODY},Remedy 1,Apologise to Ms X,a@example.org,Jan-27,not_started,,26 001 234,2026-11-30,${kind},no,`;
    expect((await importFile(writeCsv("one.csv", [row("service_improvement")]))).ok).toBe(true);
    const second = await importFile(writeCsv("two.csv", [row("personal")]));
    expect(second.ok).toBe(true);
    expect(second.changes.filter((c) => c.action === "updated")).toMatchObject([
      {
        item_ref: "Remedy 1",
        before: { remedy_kind: "service_improvement", confidential: false },
        after: { remedy_kind: "personal", confidential: true },
      },
    ]);
    const item = await db.prisma.item.findFirstOrThrow();
    expect([item.remedyKind, item.confidential]).toEqual(["personal", true]);
  });
});
