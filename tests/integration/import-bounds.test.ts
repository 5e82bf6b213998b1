/**
 * An import reads only what it can hold: a workbook that unpacks to hundreds of megabytes, a cell of
 * megabytes (CSV and workbook) and a file of too many rows are each refused early, saying where, and the
 * refusing `tracker import` process (one of its own) stays within 600 MB at its peak. Nothing is written.
 * SQLite only: each file is refused before the register is read or written.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import AdmZip from "adm-zip";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_IMPORT_FILE_LIMITS } from "../../src/domain/imports/limits.js";
import { CANONICAL_COLUMNS } from "../../src/domain/register/register-row.js";
import { importRegister } from "../../src/services/imports/import-register.js";
import { runCliCaptured } from "../support/cli-run.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";
import { writeZip } from "../support/zip-writer.js";

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, "../..");
/** The most any refused file may cost the process that refuses it. */
const PEAK_LIMIT_MB = 600;
const MB = 1024 * 1024;

let db: TestDatabase;
let dir: string;

beforeAll(async () => {
  db = await createTestDatabase();
  await db.prisma.$disconnect(); // the command line opens its own client
  dir = mkdtempSync(path.join(os.tmpdir(), "tracker-bounds-"));
});
afterAll(async () => {
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

interface ProcessRun {
  code: number;
  output: Record<string, unknown>;
  peakMb: number;
}

/** `tracker import FILE --json` in a process of its own, with its peak resident memory. */
async function importInProcess(file: string): Promise<ProcessRun> {
  let stdout: string;
  let code = 0;
  try {
    ({ stdout } = await run("npx", ["tsx", "tests/support/cli-peak-child.ts", "import", file, "--json"], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: db.url, LOG_LEVEL: "warn" },
      maxBuffer: 16 * MB,
    }));
  } catch (error) {
    const failed = error as { code: number; stdout: string };
    code = failed.code;
    stdout = failed.stdout;
  }
  const peak = /PEAK_RSS_MB (\d+)/.exec(stdout);
  if (!peak) throw new Error(`the import process printed no peak memory: ${stdout}`);
  return { code, output: JSON.parse(stdout.slice(0, peak.index)) as Record<string, unknown>, peakMb: Number(peak[1]) };
}

async function registerIsEmpty(): Promise<boolean> {
  const { stdout } = await runCliCaptured(["status", "--json"], { DATABASE_URL: db.url }, new Date());
  return (JSON.parse(stdout) as unknown[]).length === 0;
}

const ITEM_TEXT_COLUMN = CANONICAL_COLUMNS.indexOf("item_text");

/** One good register row; `itemText` in its item_text cell. */
function row(n: number, itemText: string): string[] {
  const cells: Record<string, string> = {
    directorate: "ASC",
    review_title: `Bounds review ${Math.floor(n / 20)}`,
    review_body: "Internal Audit",
    item_ref: `Rec ${n}`,
    item_kind: "recommendation",
    item_text: itemText,
    original_target: "Mar-26",
    progress: "in_progress",
    confidential: "false",
  };
  return CANONICAL_COLUMNS.map((c) => cells[c] ?? "");
}

const PLACEHOLDER = "ITEM-TEXT-PLACEHOLDER";

/**
 * A register workbook whose row 3 holds `pieces` (written piece by piece into its part, never held
 * whole) as its item_text: a good row 2 beside it, every part as Excel's own would be.
 */
async function workbookWithCell(name: string, pieces: Iterable<Buffer>): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("Register");
  sheet.addRow([...CANONICAL_COLUMNS]);
  sheet.addRow(row(1, "Publish the charging policy"));
  sheet.addRow(row(2, PLACEHOLDER));
  const zip = new AdmZip(Buffer.from(await workbook.xlsx.writeBuffer()));
  const file = path.join(dir, name);
  await writeZip(
    file,
    zip.getEntries().map((entry) => {
      const text = entry.getData().toString("utf8");
      const at = text.indexOf(PLACEHOLDER);
      if (at === -1) return { name: entry.entryName, pieces: [entry.getData()] };
      const before = Buffer.from(text.slice(0, at), "utf8");
      const after = Buffer.from(text.slice(at + PLACEHOLDER.length), "utf8");
      return {
        name: entry.entryName,
        pieces: (function* () {
          yield before;
          yield* pieces;
          yield after;
        })(),
      };
    }),
  );
  return file;
}

function* repeated(piece: Buffer, times: number): Generator<Buffer> {
  for (let i = 0; i < times; i += 1) yield piece;
}

/** Letters in no repeating pattern, so they pack as ordinary text does (about 2:1), not as a bomb does. */
function lettersWithoutPattern(length: number): Buffer {
  const bytes = Buffer.alloc(length);
  let seed = 12345;
  for (let i = 0; i < length; i += 1) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    bytes[i] = i % 7 === 6 ? 0x20 : 0x61 + ((seed >> 16) % 26);
  }
  return bytes;
}

describe("a workbook is checked before it is unpacked", () => {
  it("refuses a small workbook whose text unpacks to 300 MB, from its zip directory, staying under 600 MB", async () => {
    const file = await workbookWithCell("bomb.xlsx", repeated(Buffer.alloc(MB, "a"), 300));
    const { code, output, peakMb } = await importInProcess(file);
    expect(code).toBe(1);
    expect(output.ok).toBe(false);
    expect(output.error).toMatch(/unpacks to 300(\.\d)? MB/);
    expect(output.error).toContain("save the register alone in a new workbook");
    expect(peakMb).toBeLessThan(PEAK_LIMIT_MB);
    expect(await registerIsEmpty()).toBe(true);
  }, 120_000);

  it("refuses a workbook cell of 3 million characters as its row's problem, naming the column", async () => {
    const file = await workbookWithCell("long-cell.xlsx", [lettersWithoutPattern(3_000_000)]);
    const { code, output, peakMb } = await importInProcess(file);
    expect(code).toBe(1);
    expect(output.errors).toEqual([
      {
        line: 3,
        message: "item_text is 3,000,000 characters long: at most 4,000 fit (as on the card), so shorten it",
      },
    ]);
    expect(peakMb).toBeLessThan(PEAK_LIMIT_MB);
    expect(await registerIsEmpty()).toBe(true);
  }, 120_000);
});

describe("a workbook of too many rows", () => {
  it("refuses a workbook of a million rows at the row past 50,000, reading no further, staying under 600 MB", async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet("Register").addRow([...CANONICAL_COLUMNS]);
    const zip = new AdmZip(Buffer.from(await workbook.xlsx.writeBuffer()));
    /** Rows 2 to 1,000,001, each one number in column A, a thousand rows a piece. */
    function* millionRows(): Generator<Buffer> {
      for (let first = 2; first <= 1_000_001; first += 1000) {
        let xml = "";
        for (let r = first; r < first + 1000; r += 1) xml += `<row r="${r}"><c r="A${r}"><v>${r}</v></c></row>`;
        yield Buffer.from(xml);
      }
    }
    const file = path.join(dir, "million-rows.xlsx");
    await writeZip(
      file,
      zip.getEntries().map((entry) => {
        const text = entry.getData().toString("utf8");
        const end = text.indexOf("</sheetData>");
        if (!entry.entryName.startsWith("xl/worksheets/") || end === -1)
          return { name: entry.entryName, pieces: [entry.getData()] };
        const before = Buffer.from(text.slice(0, end));
        const after = Buffer.from(text.slice(end));
        return {
          name: entry.entryName,
          pieces: (function* () {
            yield before;
            yield* millionRows();
            yield after;
          })(),
        };
      }),
    );
    const { code, output, peakMb } = await importInProcess(file);
    expect(code).toBe(1);
    expect(output.errors).toEqual([
      {
        line: 50_002,
        message:
          "the file has more than 50,000 rows below its headings, the most an import reads (IMPORT_MAX_ROWS): import the register in parts",
      },
    ]);
    expect(peakMb).toBeLessThan(PEAK_LIMIT_MB);
    expect(await registerIsEmpty()).toBe(true);
  }, 180_000);
});

describe("a CSV is read within its limits", () => {
  it("stops reading a 15 MB cell once its row passes the limit, saying which line, staying under 600 MB", async () => {
    const file = path.join(dir, "long-cell.csv");
    const good = row(1, "Publish the charging policy").join(",");
    const long = row(2, "").map((cell, i) => (i === ITEM_TEXT_COLUMN ? "x".repeat(15 * MB) : cell));
    writeFileSync(file, [CANONICAL_COLUMNS.join(","), good, long.join(",")].join("\n"));
    const { code, output, peakMb } = await importInProcess(file);
    expect(code).toBe(1);
    expect(output.errors).toEqual([
      {
        line: 3,
        message:
          "the row is longer than the 262,144 characters an import reads (a cell holds at most 4,000), so reading stopped: shorten its text, or close a quote left open above it",
      },
    ]);
    expect(peakMb).toBeLessThan(PEAK_LIMIT_MB);
    expect(await registerIsEmpty()).toBe(true);
  }, 120_000);

  it("refuses a file of more than 50,000 rows at the row past the limit", async () => {
    const file = path.join(dir, "many-rows.csv");
    const lines = [CANONICAL_COLUMNS.join(",")];
    for (let n = 1; n <= 50_001; n += 1) lines.push(row(n, `Recommendation ${n}`).join(","));
    writeFileSync(file, lines.join("\n"));
    const { code, output, peakMb } = await importInProcess(file);
    expect(code).toBe(1);
    expect(output.errors).toEqual([
      {
        line: 50_002,
        message:
          "the file has more than 50,000 rows below its headings, the most an import reads (IMPORT_MAX_ROWS): import the register in parts",
      },
    ]);
    expect(peakMb).toBeLessThan(PEAK_LIMIT_MB);
    expect(await registerIsEmpty()).toBe(true);
  }, 120_000);

  it("stops reading once reading has taken longer than its time limit, saying at which line", async () => {
    const file = path.join(dir, "slow.csv");
    const lines = [CANONICAL_COLUMNS.join(",")];
    for (let n = 1; n <= 2000; n += 1) lines.push(row(n, `Recommendation ${n}`).join(","));
    writeFileSync(file, lines.join("\n"));
    const report = await importRegister(db.prisma, {
      file,
      dryRun: true,
      actor: "test",
      today: "2025-05-15",
      now: new Date(),
      // No time at all: the clock, read every 1,024 rows, stops it at the first look.
      limits: { ...DEFAULT_IMPORT_FILE_LIMITS, readSeconds: 0 },
    });
    expect(report.ok).toBe(false);
    expect(report.errors).toEqual([
      {
        line: 1025,
        message: "reading the file took more than 0 seconds, so the import stopped: import the register in parts",
      },
    ]);
  });

  it("refuses a file over 20 MB without reading it", async () => {
    const file = path.join(dir, "large.csv");
    writeFileSync(file, `${CANONICAL_COLUMNS.join(",")}\n`);
    truncateSync(file, 21 * MB);
    const { code, stdout } = await runCliCaptured(["import", file], { DATABASE_URL: db.url }, new Date());
    expect(code).toBe(1);
    expect(stdout).toBe(
      `Nothing imported from ${file}: the file is 21 MB, more than the 20 MB an import reads (IMPORT_MAX_FILE_MB): import the register in parts.\n`,
    );
  });
});
