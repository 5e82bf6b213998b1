/**
 * The Council Plan exceptions in the period summary card, the Word report and the workbook, on the demo
 * register: the pack's wording ("(1.A5) ... - 10.1% against a target of 7% (lower is better)"), the lead
 * officer, the improvement action's progress (not shown where a channel may not see the item), and a
 * "Council Plan measures" sheet with every reading's direction, status and exception. The card renders in
 * Microsoft's renderer.
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderSummaryCard } from "../../src/cards/render-summary-card.js";
import { loadMeasures } from "../../src/data/measures/measure-store.js";
import type { CommitteeReport } from "../../src/domain/reports/committee-report.js";
import { loadDemoRegister } from "../../src/services/imports/load-demo-register.js";
import { buildRegisterWorkbook } from "../../src/services/reports/build-register-workbook.js";
import { buildWordReport } from "../../src/services/reports/build-word-report.js";
import { committeeReportForPeriod } from "../../src/services/reports/load-committee-report.js";
import { CardRenderer } from "../support/card-renderer.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";

const NOW = new Date("2026-12-07T10:00:00Z");
const TODAY = "2026-12-07";
const A5 =
  "(1.A5) The proportion of children who are subject to repeat child protection plans (within 24 months) - 10.1% against a target of 7% (lower is better)";
let db: TestDatabase;
let model: CommitteeReport;
let renderer: CardRenderer;

beforeAll(async () => {
  db = await createTestDatabase();
  await loadDemoRegister(db.prisma, NOW);
  // 1.A8's improvement action is kept from channels: the documents, posted to channels, must not describe it.
  await db.prisma.item.updateMany({
    where: { ref: "1.A8", review: { source: "council_plan" } },
    data: { confidential: true, latestUpdate: "Foster carer recruitment drive" },
  });
  const loaded = await committeeReportForPeriod(db.prisma, { statusKey: "2024", today: TODAY, since: "2026-06-30" });
  if (!loaded.ok) throw new Error(loaded.reason);
  model = loaded.model;
  renderer = await CardRenderer.start();
}, 90_000);
afterAll(async () => {
  await renderer?.close();
  await db?.close();
});

describe("the Council Plan exceptions section", () => {
  it("lists the period's exceptions as the pack words them, with the lead officer and the action's progress", () => {
    expect(model.councilPlan?.period).toBe("2019/20 Q1");
    expect(model.councilPlan?.rows.map((r) => r.line.slice(0, 6))).toEqual(["(1.A2)", "(1.A5)", "(1.A8)"]);
    expect(model.councilPlan?.rows[1]).toEqual({
      line: A5,
      leadOfficer: "Ailsa Barr",
      progress: "Not started (in progress and partly delayed), target 30 Nov 2026.",
    });
    expect(model.councilPlan?.rows[2]?.progress).toBe("Improvement item not shown here.");
  });

  it("is on the period summary card, which renders cleanly", async () => {
    const card = renderSummaryCard(model, {
      word: "https://tracker.example.org/documents/1.docx",
      workbook: "https://tracker.example.org/documents/1.xlsx",
      expiresAt: new Date("2026-12-07T11:00:00Z"),
    });
    expect(JSON.stringify(card)).not.toContain("${");
    const rendered = await renderer.render(card, "period-summary-council-plan");
    expect(rendered.problems.filter((p) => !p.includes("Chart.VerticalBar.Grouped"))).toEqual([]);
    expect(rendered.text).toContain("Council Plan performance exceptions (2019/20 Q1)");
    expect(rendered.text).toContain(A5);
    expect(rendered.text).toContain("Lead officer: Ailsa Barr. Improvement action: Not started");
    expect(rendered.text).not.toContain("Foster carer recruitment drive");
  });

  it("is a numbered section of the Word report, before the lessons learnt", async () => {
    const zip = await JSZip.loadAsync(await buildWordReport(model));
    const xml = await zip.file("word/document.xml")!.async("string");
    const words = xml.replace(/<[^>]+>/g, "");
    // The register's own sections name the exceptions' reviews too: the section is the one with the pack's introduction.
    const section = words.indexOf(
      "Measures which are off track and whose direction of travel is worsening, 2019/20 Q1",
    );
    expect(section).toBeGreaterThan(words.indexOf("Extensions, early warnings and priorities"));
    expect(words.indexOf("Lessons learnt")).toBeGreaterThan(section);
    expect(words.slice(section - 60, section)).toMatch(/\d+\. Council Plan performance exceptions/);
    expect(words).toContain(A5);
    expect(words).toContain("Ailsa Barr");
    expect(words).not.toContain("Foster carer recruitment drive");
  });
});

describe("the workbook's Council Plan measures sheet", () => {
  it("holds every reading with its direction of travel, status and whether it is an exception", async () => {
    const measures = await loadMeasures(db.prisma);
    const loaded = await committeeReportForPeriod(db.prisma, { statusKey: "2024", today: TODAY, since: "2026-06-30" });
    if (!loaded.ok) throw new Error(loaded.reason);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(
      (await buildRegisterWorkbook(loaded.register, TODAY, "2024", {}, { measures })) as unknown as ArrayBuffer,
    );
    const sheet = workbook.getWorksheet("Council Plan measures")!;
    const rows = sheet.getSheetValues().filter(Boolean) as unknown[][];
    const cells = rows.map((r) => r.slice(1).map((c) => (typeof c === "string" ? c : "")));
    expect(cells[0]).toContain("Direction of travel");
    expect(cells).toHaveLength(71); // the heading and the demo's 70 readings
    const a5q1 = cells.find((r) => r[0] === "1.A5" && r[6] === "2019/20 Q1")!;
    expect(a5q1.slice(9, 13)).toEqual([
      "10.1% against a target of 7% (lower is better)",
      "worsening",
      "off target",
      "yes",
    ]);
    const a7q1 = cells.find((r) => r[0] === "1.A7" && r[6] === "2019/20 Q1")!;
    expect(a7q1.slice(10, 13)).toEqual(["improving", "off target", "no"]);
  });
});
