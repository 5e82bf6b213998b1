/**
 * Register benchmark: import ITEMS items (BENCH_ITEMS, default 10,000) into a fresh SQLite file,
 * import the same file again (nothing changes), then status over them, each against the floor
 * measured in the same run (register-floor.ts: plain better-sqlite3 writing the same rows in one
 * transaction, and reading them back). Prints each figure, its ratio to the floor, and the peak
 * memory of the import and status. Aims: import <= 10x the floor, status <= 1 s, peak <= 500 MB.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { stringify } from "csv-stringify/sync";
import { CANONICAL_COLUMNS } from "../src/domain/register/register-row.js";
import type { ImportStatusFigures } from "./import-status-process.js";
import { measureFloor } from "./register-floor.js";

const ITEMS = Number(process.env.BENCH_ITEMS ?? 10_000);
const ITEMS_PER_REVIEW = 25;
const TODAY = "2025-05-15";
const DIRECTORATES = ["CYPS", "ACHPH", "RE", "FCS", "ACEX"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** One generated register row: what the CSV says and what the floor writes. */
export interface BenchRow {
  directorate: string;
  title: string;
  ref: string;
  text: string;
  owner: string;
  original: string;
  originalEnd: string;
  revised: string;
  revisedEnd: string | null;
  progress: string;
  update: string;
  completedOn: string;
}

const MONTH_END = ["31", "28", "31", "30", "31", "30", "31", "31", "30", "31", "30", "31"];

function monthEnd(month: number, year: number): string {
  const day = month === 1 && year % 4 === 0 ? "29" : MONTH_END[month]!;
  return `20${year}-${String(month + 1).padStart(2, "0")}-${day}`;
}

export function makeRegisterRows(items: number): BenchRow[] {
  const rows: BenchRow[] = [];
  for (let i = 0; i < items; i += 1) {
    const review = Math.floor(i / ITEMS_PER_REVIEW);
    const year = 23 + (i % 4);
    const revisedMonth = (i + 7) % 12;
    const revised = i % 5 === 0 ? `${MONTHS[revisedMonth]}-${year + 1}` : "";
    const progress = ["in_progress", "complete", "not_started", "in_progress"][i % 4]!;
    rows.push({
      directorate: DIRECTORATES[review % DIRECTORATES.length]!,
      title: `Benchmark review ${review} (Ofsted)`,
      ref: `Rec ${(i % ITEMS_PER_REVIEW) + 1}`,
      text: `Recommendation text number ${i} with some realistic length to it.`,
      owner: `owner${i % 300}@example.org`,
      original: `${MONTHS[i % 12]}-${year}`,
      originalEnd: monthEnd(i % 12, year),
      revised,
      revisedEnd: revised ? monthEnd(revisedMonth, year + 1) : null,
      progress,
      update: `Update ${i}`,
      completedOn: progress === "complete" ? "2024-01-31" : "",
    });
  }
  return rows;
}

export function makeRegisterCsv(items: number, rows = makeRegisterRows(items)): string {
  return stringify([
    [...CANONICAL_COLUMNS],
    ...rows.map((r) => [
      r.directorate,
      r.title,
      "Ofsted",
      "inspection",
      "March 2023",
      "",
      "Good",
      r.ref,
      "recommendation",
      r.text,
      "",
      "",
      r.owner,
      r.original,
      r.revised,
      r.revised ? "Resourcing" : "",
      r.progress,
      "",
      r.update,
      "false",
      r.completedOn,
    ]),
  ]);
}

/** Import and status in a process of their own, so the peak is theirs, not the generated rows' or the floor's. */
function measureImportAndStatus(url: string, file: string, nodeOptions = ""): ImportStatusFigures {
  const measured = execFileSync("npx", ["tsx", "bench/import-status-process.ts", url, file, String(ITEMS), TODAY], {
    cwd: path.resolve(import.meta.dirname, ".."),
    env: { ...process.env, LOG_LEVEL: "warn", NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} ${nodeOptions}`.trim() },
  }).toString();
  const line = measured.split("\n").find((l) => l.startsWith("IMPORT_STATUS "));
  if (!line) throw new Error(`the import and status process printed no figures: ${measured}`);
  return JSON.parse(line.slice("IMPORT_STATUS ".length)) as ImportStatusFigures;
}

const CAPPED_HEAP_MB = 384;

const ratio = (ms: number, floorMs: number) => `${(ms / floorMs).toFixed(1)}x`;

export function runRegisterBench(): void {
  const dir = mkdtempSync(path.join(os.tmpdir(), "tracker-bench-"));
  const url = `file:${path.join(dir, "bench.db")}`;
  const file = path.join(dir, "register.csv");
  try {
    const floor = (() => {
      const rows = makeRegisterRows(ITEMS);
      writeFileSync(file, makeRegisterCsv(ITEMS, rows));
      return measureFloor(rows);
    })();
    const { importMs, reimportMs, statusMs, jsonChars, peakRssMb } = measureImportAndStatus(url, file);
    // The same work with V8's old space held to CAPPED_HEAP_MB: how much of the peak is live data and how much garbage not yet collected.
    const capped = measureImportAndStatus(
      `file:${path.join(dir, "capped.db")}`,
      file,
      `--max-old-space-size=${CAPPED_HEAP_MB}`,
    );

    // The same as a user runs it: a fresh process, `npm run tracker -- status --json`, timed end to end.
    const t3 = performance.now();
    const out = execFileSync("npx", ["tsx", "src/cli/main.ts", "status", "--json", "--as-of", TODAY], {
      cwd: path.resolve(import.meta.dirname, ".."),
      env: { ...process.env, DATABASE_URL: url, LOG_LEVEL: "warn" },
      maxBuffer: 512 * 1024 * 1024,
    });
    const cliMs = performance.now() - t3;
    const cliItems = (JSON.parse(out.toString()) as unknown[]).length;

    console.log(
      `register: ${ITEMS} items; floor (plain better-sqlite3, same rows, one transaction, median of 3): write ${floor.writeMs.toFixed(0)} ms, read ${floor.readMs.toFixed(0)} ms`,
    );
    console.log(
      `register: import of ${ITEMS} items (read, check, plan, write with audit and history): ${importMs.toFixed(0)} ms = ${ratio(importMs, floor.writeMs)} the floor (aim <= 10x)`,
    );
    console.log(
      `register: re-import of the same file (all unchanged): ${reimportMs.toFixed(0)} ms = ${ratio(reimportMs, floor.writeMs)} the floor`,
    );
    console.log(
      `register: status over ${ITEMS} items (load + status + JSON, ${(jsonChars / 1e6).toFixed(1)} MB): ${statusMs.toFixed(0)} ms = ${ratio(statusMs, floor.readMs)} the floor's read (aim <= 1 s)`,
    );
    console.log(`register: status --json as a new process (incl. start-up), ${cliItems} items: ${cliMs.toFixed(0)} ms`);
    console.log(
      `register: peak memory (RSS) of the import and status process (a process of its own): ${peakRssMb.toFixed(0)} MB (aim <= 500 MB)`,
    );
    console.log(
      `register: the same with --max-old-space-size=${CAPPED_HEAP_MB}: peak ${capped.peakRssMb.toFixed(0)} MB, import ${capped.importMs.toFixed(0)} ms, re-import ${capped.reimportMs.toFixed(0)} ms, status ${capped.statusMs.toFixed(0)} ms`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) runRegisterBench();
