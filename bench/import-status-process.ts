/**
 * The measured part of the register benchmark, run as a process of its own so its peak memory is the
 * import's and the status's alone, not the benchmark's generated rows or the floor's: import the file
 * into a fresh database, import it again (nothing changes), then status as `status --json` writes it.
 * Each import's report is dropped once checked, as the CLI's process ends with it, so status is not
 * measured holding the import's 100,000 changes. Prints one line, IMPORT_STATUS followed by its figures as JSON.
 */
import { performance } from "node:perf_hooks";
import { writeJsonArray } from "../src/cli/json-array-output.js";
import { openDatabase } from "../src/data/database.js";
import { ensureDirectorates, loadRegister } from "../src/data/register/register-store.js";
import { DEFAULT_IMPORT_FILE_LIMITS } from "../src/domain/imports/limits.js";
import { listItemStatuses } from "../src/domain/register/register.js";
import { importRegister, type ImportReport } from "../src/services/imports/import-register.js";

export interface ImportStatusFigures {
  importMs: number;
  reimportMs: number;
  statusMs: number;
  jsonChars: number;
  peakRssMb: number;
}

const [url, file, itemsText, today] = process.argv.slice(2) as [string, string, string, string];
const items = Number(itemsText);
const prisma = await openDatabase(url);
await ensureDirectorates(prisma);
/** One import of the file, timed; its report (every change, 100,000 of them) is let go once checked. */
async function timedImport(check: (report: ImportReport) => void): Promise<number> {
  const started = performance.now();
  // The benchmark's register is as large as asked: the import's row and size limits are raised to take it.
  const limits = {
    ...DEFAULT_IMPORT_FILE_LIMITS,
    rows: Math.max(items, DEFAULT_IMPORT_FILE_LIMITS.rows),
    fileBytes: Number.MAX_SAFE_INTEGER,
  };
  check(await importRegister(prisma, { file, dryRun: false, actor: "bench", today, now: new Date(), limits }));
  return performance.now() - started;
}
const importMs = await timedImport((report) => {
  if (!report.ok || report.items.created !== items)
    throw new Error(`import failed: ${JSON.stringify(report.errors.slice(0, 3))}`);
});
const reimportMs = await timedImport(({ items: { unchanged } }) => {
  if (unchanged !== items) throw new Error(`re-import changed something: ${items - unchanged} items`);
});

const t2 = performance.now();
// As `status --json` writes it: in pieces, here counted rather than kept.
let jsonChars = 0;
writeJsonArray(listItemStatuses(await loadRegister(prisma), today), (piece) => {
  jsonChars += piece.length;
});
const statusMs = performance.now() - t2;
await prisma.$disconnect();
const figures: ImportStatusFigures = {
  importMs,
  reimportMs,
  statusMs,
  jsonChars,
  peakRssMb: process.resourceUsage().maxRSS / 1024,
};
console.log(`IMPORT_STATUS ${JSON.stringify(figures)}`);
