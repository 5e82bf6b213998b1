/**
 * Register benchmark: import 10,000 items into a fresh SQLite file, then `status --json` over them.
 * Prints both times and the peak memory. Targets (2-core machine): import < 5 s, status < 1 s.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { stringify } from "csv-stringify/sync";
import { openDatabase } from "../src/data/database.js";
import { ensureDirectorates, loadRegister } from "../src/data/register-store.js";
import { listItemStatuses } from "../src/domain/register.js";
import { CANONICAL_COLUMNS } from "../src/domain/register-row.js";
import { importRegister } from "../src/services/import-register.js";

const ITEMS = Number(process.env.BENCH_ITEMS ?? 10_000);
const ITEMS_PER_REVIEW = 25;
const TODAY = "2025-05-15";
const DIRECTORATES = ["CYPS", "ACHPH", "RE", "FCS", "ACEX"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

export function makeRegisterCsv(items: number): string {
  const rows: string[][] = [[...CANONICAL_COLUMNS]];
  for (let i = 0; i < items; i += 1) {
    const review = Math.floor(i / ITEMS_PER_REVIEW);
    const month = MONTHS[i % 12]!;
    const year = 23 + (i % 4);
    const revised = i % 5 === 0 ? `${MONTHS[(i + 7) % 12]}-${year + 1}` : "";
    const progress = ["in_progress", "complete", "not_started", "in_progress"][i % 4]!;
    rows.push([
      DIRECTORATES[review % DIRECTORATES.length]!, `Benchmark review ${review} (Ofsted)`, "Ofsted", "inspection", "March 2023", "",
      "Good", `Rec ${(i % ITEMS_PER_REVIEW) + 1}`, "recommendation", `Recommendation text number ${i} with some realistic length to it.`,
      "", "", `owner${i % 300}@example.org`, `${month}-${year}`, revised, revised ? "Resourcing" : "", progress, "", `Update ${i}`, "false",
      progress === "complete" ? "2024-01-31" : "",
    ]);
  }
  return stringify(rows);
}

function mb(kilobytes: number): string {
  return `${(kilobytes / 1024).toFixed(0)} MB`;
}

export async function runRegisterBench(): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "tracker-bench-"));
  const url = `file:${path.join(dir, "bench.db")}`;
  const file = path.join(dir, "register.csv");
  writeFileSync(file, makeRegisterCsv(ITEMS));
  try {
    const prisma = await openDatabase(url);
    await ensureDirectorates(prisma);
    const t0 = performance.now();
    const report = await importRegister(prisma, { file, dryRun: false, actor: "bench", today: TODAY });
    const importMs = performance.now() - t0;
    if (!report.ok || report.items.created !== ITEMS) throw new Error(`import failed: ${JSON.stringify(report.errors.slice(0, 3))}`);

    const t1 = performance.now();
    const json = JSON.stringify(listItemStatuses(await loadRegister(prisma), TODAY));
    const statusMs = performance.now() - t1;
    await prisma.$disconnect();
    const peakInProcess = process.resourceUsage().maxRSS;

    // The same as a user runs it: a fresh process, `npm run tracker -- status --json`, timed end to end.
    const t2 = performance.now();
    const out = execFileSync("npx", ["tsx", "src/cli/main.ts", "status", "--json", "--as-of", TODAY], {
      cwd: path.resolve(import.meta.dirname, ".."),
      env: { ...process.env, DATABASE_URL: url, LOG_LEVEL: "warn" },
      maxBuffer: 256 * 1024 * 1024,
    });
    const cliMs = performance.now() - t2;
    const cliItems = (JSON.parse(out.toString()) as unknown[]).length;

    console.log(`register: import of ${ITEMS} items: ${(importMs / 1000).toFixed(2)} s (target < 5 s)`);
    console.log(`register: status over ${ITEMS} items (load + status + JSON, ${(json.length / 1e6).toFixed(1)} MB): ${statusMs.toFixed(0)} ms (target < 1 s)`);
    console.log(`register: status --json as a new process (incl. start-up), ${cliItems} items: ${cliMs.toFixed(0)} ms`);
    console.log(`register: peak memory (RSS) of the import and status process: ${mb(peakInProcess)}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await runRegisterBench();
