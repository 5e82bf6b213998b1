/**
 * A large register imports without the whole file held in memory: the import reads, checks and groups
 * rows as the file is read. Run as a real `tracker import` process with V8's heap held well below what
 * the file's cells and checked rows take when all held at once, so reading the whole file first runs out
 * of memory here while the streaming import reports every row.
 * SQLite only: it measures reading the file, a dry run the store does not change (it passes on PostgreSQL
 * too, at about 17 s more per run).
 */
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, expect, it } from "vitest";
import { CANONICAL_COLUMNS } from "../../src/domain/register/register-row.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, "../..");
const ROWS = 60_000;
/** Holding the whole file costs about 185 MB of heap at this size (cells, then checked rows); streaming about 80. */
const HEAP_CAP_MB = 150;

let db: TestDatabase;
let dir: string;

/** 60,000 items in 2,400 reviews, every canonical column filled as a council's export would. */
function registerCsv(): string {
  const lines = [CANONICAL_COLUMNS.join(",")];
  for (let i = 0; i < ROWS; i += 1) {
    const review = Math.floor(i / 25);
    const cells: Record<string, string> = {
      directorate: ["CYPS", "ACHPH", "RE", "FCS", "ACEX"][review % 5]!,
      review_title: `Streaming review ${review} (Ofsted)`,
      review_body: "Ofsted",
      review_type: "inspection",
      review_date: "March 2023",
      outcome: "Good",
      item_ref: `Rec ${(i % 25) + 1}`,
      item_kind: "recommendation",
      item_text: `Recommendation text number ${i} with some realistic length to it.`,
      owner_email: `owner${i % 300}@example.org`,
      original_target: `Oct-${23 + (i % 4)}`,
      progress: "in_progress",
      progress_update: `Update ${i}`,
      confidential: "false",
    };
    lines.push(CANONICAL_COLUMNS.map((c) => cells[c] ?? "").join(","));
  }
  return lines.join("\n") + "\n";
}

beforeAll(async () => {
  db = await createTestDatabase();
  await db.prisma.$disconnect(); // the CLI opens its own client
  dir = mkdtempSync(path.join(os.tmpdir(), "tracker-streaming-"));
});
afterAll(async () => {
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

it(`imports ${ROWS.toLocaleString("en-GB")} rows with V8's heap held to ${HEAP_CAP_MB} MB, reading the file as it goes`, async () => {
  const file = path.join(dir, "large-register.csv");
  writeFileSync(file, registerCsv());
  const { stdout } = await run(
    "npx",
    ["tsx", "src/cli/main.ts", "import", file, "--dry-run", "--as-of", "2025-05-15"],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        DATABASE_URL: db.url,
        LOG_LEVEL: "warn",
        // More rows than an import reads by default: the setting raises the limit for a register this large.
        IMPORT_MAX_ROWS: String(ROWS),
        NODE_OPTIONS: `--max-old-space-size=${HEAP_CAP_MB}`,
      },
      maxBuffer: 16 * 1024 * 1024,
    },
  );
  expect(stdout).toContain(`canonical layout, ${ROWS} rows`);
  expect(stdout).toContain("reviews: 2400 new, 0 changed, 0 unchanged");
  expect(stdout).toContain(`items:   ${ROWS} new, 0 changed, 0 unchanged`);
}, 180_000);
