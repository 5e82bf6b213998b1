/**
 * The preview card of a tracker file sent in Teams, built from the import's real dry run on a real register
 * and rendered by Microsoft's adaptivecards renderer in headless Chromium: what would change (milestones
 * apart), the recorded statuses that disagree with the key, every bad row by its place with typed text shown
 * as text, and Import and Cancel only while there is something to import.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MOST_LINES_ON_PREVIEW, renderImportPreviewCard } from "../../src/cards/import-preview-card.js";
import { importRegister, type ImportReport } from "../../src/services/imports/import-register.js";
import { CardRenderer } from "../support/card-renderer.js";
import { createTestDatabase, FIXTURES, type TestDatabase } from "../support/test-database.js";

let db: TestDatabase;
let renderer: CardRenderer;

beforeAll(async () => {
  db = await createTestDatabase();
  renderer = await CardRenderer.start();
}, 60_000);
afterAll(async () => {
  await renderer?.close();
  await db?.close();
});

async function dryRun(file: string, today = "2025-05-31"): Promise<ImportReport> {
  return importRegister(db.prisma, { file, dryRun: true, actor: "test", today, now: new Date("2025-06-02T09:00:00Z") });
}

function view(report: ImportReport, fileName: string) {
  return {
    previewId: "preview-token-0123456789",
    fileName,
    report,
    asOfText: "Recorded statuses compared with the status key as at 31 May 2025 (the date in the file's name).",
    expiresText: "You can import it until 2 Jun, 10:30; the file is deleted then, or when you press Import or Cancel.",
  };
}

describe("the import preview card", () => {
  it("shows what the May 2025 tracker would create and the statuses that disagree, with Import and Cancel", async () => {
    const report = await dryRun(path.join(FIXTURES, "d1-tracker-clean.csv"));
    expect(report.ok).toBe(true);
    const card = renderImportPreviewCard(
      { ...view(report, "Inspections tracker May 2025.csv"), asOf: "2025-05-31" },
      { actionable: true },
    );
    const rendered = await renderer.render(card, "import-preview");
    expect(rendered.problems).toEqual([]);
    expect(rendered.actions).toEqual(["Import", "Compare as at this date", "Cancel"]);
    expect(rendered.text).toContain(`${report.items.created} new, 0 changed, 0 unchanged`);
    expect(rendered.text).toContain("as at 31 May 2025 (the date in the file's name)");
    expect(report.disagreements.length).toBeGreaterThan(0);
    const first = report.disagreements[0]!;
    expect(rendered.text).toContain(`line ${first.line}: ${first.review_title} / ${first.item_ref}`);
    expect(rendered.headings.join("\n")).toMatch(/recorded status(es)? differs? from the status key/);
  });

  it("lists bad rows by their line with typed markdown and HTML shown as text, and offers no Import", async () => {
    const file = path.join(db.dir, "bad.csv");
    const header =
      "directorate,review_title,review_body,review_type,review_date,findings_received,outcome,item_ref,item_kind,item_text,parent_ref,responsible_unit,owner_email,original_target,revised_target,revision_reason,progress,recorded_status,progress_update,confidential,completed_on";
    const rows = Array.from(
      { length: MOST_LINES_ON_PREVIEW + 5 },
      (_, n) =>
        `**Bold** <b>HTML</b> ${n},Review ${n},Audit,audit,March 2024,,,Rec 1,recommendation,Do it,,,,Mar-25,,,in_progress,,,false,`,
    );
    writeFileSync(file, [header, ...rows].join("\n"));
    const report = await dryRun(file);
    expect(report.ok).toBe(false);
    const card = renderImportPreviewCard(view(report, "bad.csv"), { actionable: true });
    const rendered = await renderer.render(card, "import-preview-problems");
    expect(rendered.problems).toEqual([]);
    expect(rendered.actions).toEqual([]);
    expect(rendered.text).toContain(`Problems (${MOST_LINES_ON_PREVIEW + 5})`);
    expect(rendered.text).toContain('line 2: directorate "**Bold** <b>HTML</b> 0" is not one I know');
    expect(rendered.text).toContain("and 5 more problems: fix these and send the file again to see the rest");
    // The card's own bullets are its only formatting: nothing typed became bold or HTML.
    expect(rendered.formatting.filter((tag) => tag !== "ul" && tag !== "li")).toEqual([]);
  });
});
