/**
 * The Ombudsman's section of the period summary card, the Word report and the workbook's "Ombudsman" sheet,
 * on the demo register (the OSMB pack's annual letter, shifted to today): upheld cases with the upheld rate,
 * remedies by directorate, service improvements and their progress; the personal remedy counted, never
 * described, in any of them (all three are published to channels). The card through the official renderer.
 */
import AdmZip from "adm-zip";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderSummaryCard } from "../../src/cards/render-summary-card.js";
import { loadRegister } from "../../src/data/register/register-store.js";
import type { CommitteeReport } from "../../src/domain/reports/committee-report.js";
import { loadDemoRegister } from "../../src/services/imports/load-demo-register.js";
import { buildRegisterWorkbook } from "../../src/services/reports/build-register-workbook.js";
import { buildWordReport } from "../../src/services/reports/build-word-report.js";
import { committeeReportForPeriod } from "../../src/services/reports/load-committee-report.js";
import { CardRenderer } from "../support/card-renderer.js";
import { STORES, storeDatabases } from "../support/stores.js";
import type { TestDatabase } from "../support/test-database.js";

const NOW = new Date("2026-12-07T10:00:00Z");
const TODAY = "2026-12-07";
/** The personal remedy's words: never in a published document or a channel's card. */
const PERSONAL = ["£500", "distress and uncertainty", "short breaks assessment"];
const LINKS = { word: "http://localhost/documents/w", workbook: "http://localhost/documents/x", expiresAt: NOW };
const databaseOn = storeDatabases();

describe.each(STORES)("on %s", (store) => {
  let db: TestDatabase;
  let model: CommitteeReport;
  beforeAll(async () => {
    db = await databaseOn(store);
    expect((await loadDemoRegister(db.prisma, NOW))?.ok).toBe(true);
    const loaded = await committeeReportForPeriod(db.prisma, { today: TODAY, since: "2026-06-30", statusKey: "2024" });
    if (!loaded.ok) throw new Error(loaded.reason);
    model = loaded.model;
  });
  afterAll(async () => {
    await db?.close();
  });

  it("the section gives the upheld cases and rate, remedies by directorate and each service improvement's progress", () => {
    const section = model.sourceSections?.find((s) => s.source === "ombudsman");
    expect(section?.heading).toBe("Local Government and Social Care Ombudsman findings");
    expect(section?.paragraphs).toContain(
      "Decisions received from 1 Jul 2026 to 7 Dec 2026: 6 of 14 cases upheld (43% upheld rate).",
    );
    expect(section?.paragraphs).toContain(
      "Children and Young People's Services: 3 of 5 cases upheld (60% upheld rate).",
    );
    expect(section?.paragraphs).toContain(
      "Public report on case 19 002 114: the council's response to the Ombudsman is due by 31 Dec 2026.",
    );
    const [byDirectorate, improvements] = section!.tables;
    expect(byDirectorate!.rows).toEqual([
      ["Adult Care, Housing and Public Health", "0", "2", "0", "2"],
      ["Children and Young People's Services", "1", "3", "0", "3"],
      ["Regeneration and Environment", "0", "1", "0", "1"],
    ]);
    // The service improvements only: the personal remedy of the same case is not among them.
    expect(improvements!.rows.map((row) => row[0])).toEqual([
      "19 000 652",
      "19 006 010",
      "19 002 114",
      "19 004 506",
      "19 005 233",
      "19 003 355",
    ]);
    expect(improvements!.rows[2]).toEqual([
      "19 002 114",
      "Children and Young People's Services",
      "Review how the Children's Disability Service records short breaks decisions, and train its staff on the review.",
      "31 Mar 2027",
      "In progress and on track",
    ]);
  });

  it("the Word report has the section, and never the personal remedy", async () => {
    const xml = new AdmZip(await buildWordReport(model))
      .readAsText("word/document.xml")
      .replace(/&apos;/g, "'")
      .replace(/&amp;/g, "&");
    expect(xml).toContain("Local Government and Social Care Ombudsman findings");
    expect(xml).toContain("6 of 14 cases upheld (43% upheld rate)");
    expect(xml).toContain("Service improvements and their progress");
    expect(xml).toContain("Set a timescale for responding to damp and mould repair complaints");
    for (const secret of PERSONAL.filter((s) => s !== "short breaks assessment")) expect(xml).not.toContain(secret);
    expect(xml).not.toContain("distress and uncertainty");
  });

  it('the workbook has an "Ombudsman" sheet with every case, the personal remedy not described', async () => {
    const workbook = new ExcelJS.Workbook();
    const xlsx = await buildRegisterWorkbook(await loadRegister(db.prisma), TODAY, "2024");
    await workbook.xlsx.load(xlsx as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet("Ombudsman")!;
    expect(sheet).toBeDefined();
    const rows = sheet.getSheetValues().slice(2) as unknown[][];
    expect(rows).toHaveLength(15);
    const personal = rows.find((r) => r[7] === "Personal")!;
    expect(personal.slice(1)).toEqual([
      "19 002 114",
      "Children and Young People's Services",
      "2026-09-30",
      "Yes",
      "2026-12-31",
      "Personal remedy (confidential: not described)",
      "Personal",
      "31 Dec 2026",
      "In progress and on track",
    ]);
    expect(rows.filter((r) => r[6] === "Not upheld")).toHaveLength(8);
    const all = JSON.stringify(workbook.worksheets.map((w) => w.getSheetValues()));
    for (const secret of ["£500", "distress and uncertainty"]) expect(all).not.toContain(secret);
  });

  it("the period summary card shows the section in the official renderer, without the personal remedy", async () => {
    const card = renderSummaryCard(model, LINKS);
    const renderer = await CardRenderer.start();
    try {
      const result = await renderer.render(card, `ombudsman-summary-${store}`);
      // Teams draws the chart; the official renderer does not know it and says so (the card's own fallback follows).
      expect(result.problems.filter((p) => !p.includes('"Chart.VerticalBar.Grouped"'))).toEqual([]);
      expect(result.text).toContain("Local Government and Social Care Ombudsman findings");
      expect(result.text).toContain("6 of 14 cases upheld (43% upheld rate)");
      expect(result.text).toContain("Remedies by directorate:");
      expect(result.text).toContain(
        "Children and Young People's Services; Personal remedies 1; Service improvements 3; Done 0; Open 3",
      );
      for (const secret of ["£500", "distress and uncertainty"]) expect(JSON.stringify(card)).not.toContain(secret);
    } finally {
      await renderer.close();
    }
  });
});
