/**
 * The period summary card counts at-risk items per directorate, beside (not instead of) the status counts,
 * and still renders cleanly in Microsoft's adaptivecards renderer.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderSummaryCard } from "../../src/cards/render-summary-card.js";
import { loadRegister } from "../../src/data/register/register-store.js";
import { buildCommitteeReport } from "../../src/domain/reports/committee-report.js";
import type { AdaptiveCard } from "../../src/cards/render-card.js";
import { importRegister } from "../../src/services/imports/import-register.js";
import { CardRenderer } from "../support/card-renderer.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";

const TODAY = "2024-01-09";
let db: TestDatabase;
let renderer: CardRenderer;

interface TableRow {
  cells: { items: { text: string }[] }[];
}

beforeAll(async () => {
  db = await createTestDatabase();
  const file = path.join(db.dir, "register.csv");
  writeFileSync(
    file,
    [
      "directorate,review_title,review_body,review_date,item_ref,item_text,owner_email,original_target,progress,completed_on",
      // Within 20 working days of its target with no update: at risk.
      "CYPS,SEND inspection,Ofsted,March 2023,Rec 1,Publish the plan,a@example.org,2024-01-31,in_progress,",
      "CYPS,SEND inspection,Ofsted,March 2023,Rec 2,Train the SENCOs,a@example.org,2024-01-25,in_progress,",
      // Complete: never at risk.
      "CYPS,SEND inspection,Ofsted,March 2023,Rec 3,Appoint a lead,a@example.org,2024-01-31,complete,2023-12-01",
      // Months away: not yet.
      "RE,Highways audit,Internal Audit,April 2023,Rec 1,Resurface the junction,b@example.org,Sep-24,in_progress,",
    ].join("\n"),
  );
  expect(
    (
      await importRegister(db.prisma, {
        file,
        dryRun: false,
        actor: "test",
        today: TODAY,
        now: new Date("2024-01-09T10:00:00Z"),
      })
    ).errors,
  ).toEqual([]);
  renderer = await CardRenderer.start();
}, 60_000);
afterAll(async () => {
  await renderer?.close();
  await db?.close();
});

function summaryCard(atRisk?: { workingDaysBeforeTarget: number; staleAfterDays: number }): Promise<AdaptiveCard> {
  return loadRegister(db.prisma).then((register) =>
    renderSummaryCard(
      buildCommitteeReport({
        register,
        today: TODAY,
        since: "2023-07-27",
        statusKey: "2024",
        point: { name: "Audit Committee 9 January 2024" },
        previous: { name: null, cutOff: "2023-07-27", snapshot: null },
        ...(atRisk ? { atRisk } : {}),
      }),
      {
        word: "https://tracker.example.org/w",
        workbook: "https://tracker.example.org/x",
        expiresAt: new Date("2024-01-09T10:30:00Z"),
      },
    ),
  );
}

/** The directorate table as text: one array of cell texts per row. */
function directorateTable(card: AdaptiveCard): string[][] {
  const table = (card.body as { type: string; rows?: TableRow[] }[]).find((e) => e.type === "Table")!;
  return table.rows!.map((row) => row.cells.map((cell) => cell.items[0]!.text));
}

describe("at-risk counts on the summary card", () => {
  it("counts each directorate's open at-risk items in their own column, with the total", async () => {
    const rows = directorateTable(await summaryCard());
    expect(rows[0]).toEqual(["Directorate", "New reviews", "New items", "Done since", "Ongoing", "Delayed", "At risk"]);
    expect(rows.slice(1).map((r) => [r[0], r[6]])).toEqual([
      ["CYPS", "2"],
      ["R&E", "0"],
      ["Total", "2"],
    ]);
    // The items stay counted under their status: both are in progress and on track.
    expect(rows[1]![4]).toBe("2");
    expect(JSON.stringify(await summaryCard())).toContain("at risk of missing their target");
  });

  it("follows the council's settings: a 12-working-day window flags only the item due in 12 working days (25 Jan), not the one due in 16", async () => {
    const rows = directorateTable(await summaryCard({ workingDaysBeforeTarget: 12, staleAfterDays: 30 }));
    expect(rows.slice(1).map((r) => [r[0], r[6]])).toEqual([
      ["CYPS", "1"],
      ["R&E", "0"],
      ["Total", "1"],
    ]);
  });

  it("renders in the official renderer with nothing but the chart's own fallback notice", async () => {
    const card = await summaryCard();
    expect(JSON.stringify(card)).not.toContain("${");
    const rendered = await renderer.render(card, "summary-at-risk");
    expect(rendered.problems.filter((p) => !p.includes("Chart.VerticalBar.Grouped"))).toEqual([]);
    expect(rendered.text).toContain("At risk");
  });
});
