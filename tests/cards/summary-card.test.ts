/**
 * The period summary card, expanded from the D0 register, rendered by Microsoft's adaptivecards
 * renderer in headless Chromium. That renderer does not know Teams' charts, so it must say it will
 * use the chart's fallback (dropping it), and the status table after it must render with no other problem.
 */
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderSummaryCard } from "../../src/cards/render-summary-card.js";
import { loadRegister } from "../../src/data/register/register-store.js";
import { buildCommitteeReport } from "../../src/domain/reports/committee-report.js";
import type { AdaptiveCard } from "../../src/cards/render-card.js";
import { importRegister } from "../../src/services/imports/import-register.js";
import { CardRenderer } from "../support/card-renderer.js";
import { chromiumAvailable } from "../support/chromium.js";
import { createTestDatabase, FIXTURES, type TestDatabase } from "../support/test-database.js";

let db: TestDatabase;
let card: AdaptiveCard;
let renderer: CardRenderer | undefined;

const CHART_FALLBACK_NOTICE =
  'parse: Unknown element type "Chart.VerticalBar.Grouped". Fallback will be used if present.';

beforeAll(async () => {
  db = await createTestDatabase();
  await importRegister(db.prisma, {
    file: path.join(FIXTURES, "d0-register.csv"),
    dryRun: false,
    actor: "test",
    today: "2024-01-09",
    now: new Date(),
  });
  const model = buildCommitteeReport({
    register: await loadRegister(db.prisma),
    today: "2024-01-09",
    since: "2023-07-27",
    statusKey: "2024",
    point: { name: "Audit Committee 9 January 2024" },
    previous: { name: "Audit Committee 27 July 2023", cutOff: "2023-07-27", snapshot: null },
  });
  card = renderSummaryCard(model, {
    word: "https://tracker.example.org/documents/1.docx.1704797400.2024.sig",
    workbook: "https://tracker.example.org/documents/1.xlsx.1704797400.2024.sig",
    expiresAt: new Date("2024-01-09T10:30:00Z"),
  });
  if (chromiumAvailable()) renderer = await CardRenderer.start();
}, 60_000);
afterAll(async () => {
  await renderer?.close();
  await db?.close();
});

/** The parts of the summary card these tests read: its tables and its chart. */
interface TableRow {
  cells: { items: { text: string }[] }[];
}
interface Element {
  type: string;
  rows: TableRow[];
  data: { legend: string; color: string; values: { x: string; y: number }[] }[];
  [property: string]: unknown;
}

describe("the period summary card", () => {
  it("binds everything, and carries Teams' stacked bar chart followed by the same figures as a table", () => {
    expect(JSON.stringify(card)).not.toContain("${");
    expect(card).toMatchObject({ type: "AdaptiveCard", version: "1.5", msteams: { width: "Full" } });
    const body = card.body as Element[];
    const chart = body.find((e) => e.type === "Chart.VerticalBar.Grouped")!;
    expect(chart).toMatchObject({ stacked: true, xAxisTitle: "Directorate", yAxisTitle: "Items", fallback: "drop" });
    // The chart tells statuses apart by colour alone: its figures follow as text, whatever the host.
    const statusTable = body[body.indexOf(chart) + 1]!;
    expect(statusTable.type).toBe("Table");
    expect(statusTable.rows.map((row) => row.cells.map((c) => c.items[0]!.text))[1]).toEqual([
      "CYPS",
      "6",
      "0",
      "0",
      "2",
      "1",
    ]);
    expect(chart.data.map((s) => [s.legend, s.color])).toEqual([
      ["Done", "good"],
      ["On track", "categoricalBlue"],
      ["Not started", "neutral"],
      ["Partly delayed", "warning"],
      ["Over 12 months", "attention"],
    ]);
    // Each colour's legend is the status table's heading for the same figures.
    expect(statusTable.rows[0]!.cells.slice(1).map((c) => c.items[0]!.text)).toEqual(chart.data.map((s) => s.legend));
    expect(chart.data[4]!.values).toEqual([
      { x: "CYPS", y: 1 },
      { x: "ACHPH", y: 0 },
      { x: "R&E", y: 0 },
      { x: "FCS", y: 0 },
      { x: "ACEX", y: 0 },
    ]);
    const table = body.find((e) => e.type === "Table")!;
    const cells = (row: TableRow) => row.cells.map((c) => c.items[0]!.text);
    expect(table.rows.map(cells)).toEqual([
      ["Directorate", "New reviews", "New items", "Done since", "Ongoing", "Delayed", "At risk"],
      ["CYPS", "2", "0", "6", "3", "3 (1 >12m)", "1"],
      ["ACHPH", "1", "6", "3", "12", "0", "2"],
      ["R&E", "2", "0", "3", "1", "1", "0"],
      ["FCS", "2", "0", "2", "3", "1", "0"],
      ["ACEX", "0", "0", "0", "29", "0", "0"],
      ["Total", "7", "6", "14", "48", "5 (1 >12m)", "3"],
    ]);
    expect(card.actions).toEqual([
      {
        type: "Action.OpenUrl",
        title: "Word report",
        url: "https://tracker.example.org/documents/1.docx.1704797400.2024.sig",
      },
      {
        type: "Action.OpenUrl",
        title: "Excel workbook",
        url: "https://tracker.example.org/documents/1.xlsx.1704797400.2024.sig",
      },
    ]);
  });

  it("renders cleanly: only the chart's fallback notice, then the status table", async () => {
    const rendered = await renderer!.render(card, "period-summary");
    expect(rendered.problems).toEqual([CHART_FALLBACK_NOTICE]);
    expect(rendered.text).toContain("Period summary: Audit Committee 9 January 2024");
    expect(rendered.text).toContain("Seven new inspections, reviews and audits have taken place since July 2023.");
    // The status table's header and a row: shown by every host, with or without charts.
    for (const words of ["Not started", "Partly delayed", "Over 12 months", "ACEX"])
      expect(rendered.text).toContain(words);
    expect(rendered.actions).toEqual(["Word report", "Excel workbook"]);
  });
});
