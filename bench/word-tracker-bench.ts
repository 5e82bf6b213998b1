/**
 * Word tracker benchmark: preview (dry run) and import a tracker of WORD_ITEMS items (BENCH_WORD_ITEMS,
 * default 2,000) in the May 2025 layout from a .docx (directorate headings spanning the table, each
 * review's cells merged down beside its items), beside the CSV import of the same register as its floor,
 * measured in the same run, each into a fresh SQLite file.
 */
import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { stringify } from "csv-stringify/sync";
import { importRegister, type ImportReport } from "../src/services/imports/import-register.js";
import { createTestDatabase } from "../tests/support/test-database.js";
import { mayTrackerTable, wordDocument } from "../tests/support/tracker-docx.js";

const WORD_ITEMS = Number(process.env.BENCH_WORD_ITEMS ?? 2_000);
const ITEMS_PER_REVIEW = 10;
const TODAY = "2025-05-15";
const DIRECTORATES = [
  "Children and Young People's Services",
  "Adult Care, Housing and Public Health",
  "Regeneration and Environment",
  "Finance and Customer Services",
  "Assistant Chief Executive's Directorate",
];

/** The tracker's rows under its own headings: a directorate heading, then reviews of ten items each. */
function trackerCsv(items: number): string {
  const rows: string[][] = [
    [
      "Title and purpose",
      "Date",
      "Outstanding recommendations",
      "Original target date for completion",
      "Revised target date for completion",
      "Status",
      "Progress update",
    ],
  ];
  const reviews = Math.ceil(items / ITEMS_PER_REVIEW);
  const perDirectorate = Math.ceil(reviews / DIRECTORATES.length);
  let made = 0;
  for (let r = 0; r < reviews; r += 1) {
    if (r % perDirectorate === 0) rows.push([DIRECTORATES[r / perDirectorate]!, "", "", "", "", "", ""]);
    rows.push([
      `Bench peer review ${r + 1} (LGA)\nTo review how the service works with its partners.`,
      "June 2024. Findings received September 2024.",
      `Overall outcome: The service is improving. Overall progress: An action plan is in place for review ${r + 1}.`,
      "",
      "",
      "",
      "",
    ]);
    for (let i = 1; i <= ITEMS_PER_REVIEW && made < items; i += 1, made += 1)
      rows.push([
        "",
        "",
        `Recommendation ${i}: Strengthen the arrangements for area ${i}, reporting progress to the board each quarter.`,
        i % 3 === 0 ? "Mar-25" : "Oct-25",
        i % 3 === 0 ? "Sep-25" : "",
        i % 3 === 0 ? "In progress and partly delayed" : "In progress and on track",
        `Work is under way on area ${i}; the lead officer reports to the directorate leadership team.`,
      ]);
  }
  return stringify(rows);
}

/** One import into a fresh database, timed; it must create every item, or the benchmark stops. */
async function timed(file: string, dryRun: boolean): Promise<number> {
  const db = await createTestDatabase();
  try {
    const started = performance.now();
    const report: ImportReport = await importRegister(db.prisma, {
      file,
      dryRun,
      actor: "bench",
      today: TODAY,
      now: new Date(),
    });
    const ms = performance.now() - started;
    if (!report.ok || report.items.created !== WORD_ITEMS)
      throw new Error(
        `the import of ${file} failed: ${report.file_problem ?? JSON.stringify(report.errors.slice(0, 3))}`,
      );
    return ms;
  } finally {
    await db.close();
  }
}

function ratio(ms: number, floorMs: number): string {
  return `${(ms / floorMs).toFixed(1)}x`;
}

export async function runWordTrackerBench(): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "tracker-word-bench-"));
  try {
    const csv = path.join(dir, "tracker.csv");
    writeFileSync(csv, trackerCsv(WORD_ITEMS));
    const docx = path.join(dir, "tracker.docx");
    writeFileSync(docx, await wordDocument([mayTrackerTable(csv)]));
    const kb = (file: string) => `${Math.round(statSync(file).size / 1024).toLocaleString("en-GB")} KB`;
    // A first import of each warms the libraries' loading, so neither figure carries it.
    await timed(csv, true);
    await timed(docx, true);
    const csvPreview = await timed(csv, true);
    const wordPreview = await timed(docx, true);
    const csvImport = await timed(csv, false);
    const wordImport = await timed(docx, false);
    console.log(
      `word tracker: ${WORD_ITEMS.toLocaleString("en-GB")} items, .docx ${kb(docx)} (the same register as CSV: ${kb(csv)})`,
    );
    console.log(
      `word tracker: preview (dry run) from .docx ${wordPreview.toFixed(0)} ms beside CSV ${csvPreview.toFixed(0)} ms (floor) = ${ratio(wordPreview, csvPreview)}`,
    );
    console.log(
      `word tracker: import from .docx ${wordImport.toFixed(0)} ms beside CSV ${csvImport.toFixed(0)} ms (floor) = ${ratio(wordImport, csvImport)}`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await runWordTrackerBench();
