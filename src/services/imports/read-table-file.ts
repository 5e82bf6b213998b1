/**
 * Reads a CSV, XLSX or Word (.docx) file into header-keyed records, each with the line (row) it came
 * from, within the import's limits (ImportLimit). A CSV's encoding is found, not assumed (csv-encoding.ts),
 * and the table says which was used; a Word document's tables are read by read-word-document.ts, each
 * row's line standing for its table and row.
 */
import { createReadStream } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { performance } from "node:perf_hooks";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import path from "node:path";
import { CsvError, parse } from "csv-parse";
import type { CellValue } from "exceljs";
import { isoDate } from "../../domain/dates/calendar-date.js";
import { DEFAULT_IMPORT_FILE_LIMITS, ImportLimit, type ImportFileLimits } from "../../domain/imports/limits.js";
import { plural } from "../../domain/text/readable-text.js";
import { TextEncoding } from "../../domain/text/text-encoding.js";
import type { WordTableRead, WordTableUnread } from "../../domain/imports/word-tables.js";
import { openCsvText } from "./csv-encoding.js";
import { TableFileError } from "./table-file-error.js";
import { DAMAGED_WORKBOOK, workbookZipProblem } from "./workbook-zip-check.js";

export interface TableRecord {
  line: number;
  cells: Record<string, string>;
}

export interface Table {
  headers: string[];
  records: TableRecord[];
  /** The CSV's encoding; null (or absent) for a workbook or rows built in memory, whose text is already Unicode. */
  encoding?: TextEncoding | null;
}

export { TableFileError } from "./table-file-error.js";

/** Undoes the export's formula guard: a leading apostrophe before =, +, - or @ is not part of the value. */
function unguard(value: string): string {
  // The first-character test keeps the regular expression off the many cells that cannot match.
  return value.charCodeAt(0) === 39 && /^'[=+\-@]/.test(value) ? value.slice(1) : value;
}

/** Where a file's rows go as they are read: its headings once, then each record in order. */
export interface TableSink {
  start(headers: string[], encoding: TextEncoding | null): void;
  add(record: TableRecord): void;
  /** A Word document's tables, read and not read, told before its rows. */
  tables?(read: WordTableRead[], unread: WordTableUnread[]): void;
}

/** Reads the whole file into memory: for small files and tests; an import streams (streamTableFile). */
export async function readTableFile(file: string): Promise<Table> {
  let table: Table | null = null;
  await streamTableFile(file, {
    start: (headers, encoding) => (table = { headers, records: [], encoding }),
    add: (record) => table!.records.push(record),
  });
  return table!;
}

/**
 * Reads a CSV, XLSX or .docx file record by record into `sink`, so a large CSV is never held whole,
 * neither as text nor as cells. Throws TableFileError, saying what to fix, for a file that cannot be read
 * or is beyond ImportLimit (its size, its rows, a workbook's or document's unpacked size, the time
 * reading takes).
 */
export async function streamTableFile(
  file: string,
  sink: TableSink,
  limits: ImportFileLimits = DEFAULT_IMPORT_FILE_LIMITS,
): Promise<void> {
  const size = await fileSize(file);
  const extension = path.extname(file).toLowerCase();
  if (extension !== ".csv" && extension !== ".xlsx" && extension !== ".docx")
    throw new TableFileError(
      `${path.basename(file)} is not a .csv, .xlsx or .docx file: save the register from Excel as "CSV UTF-8 (Comma delimited)" or as an Excel workbook (.xlsx), or the tracker from Word as a Word document (.docx), and import that`,
    );
  if (size > limits.fileBytes)
    throw new TableFileError(
      `the file is ${megabytes(size)}, more than the ${megabytes(limits.fileBytes)} an import reads (IMPORT_MAX_FILE_MB): import the register in parts`,
    );
  const bounded = boundedSink(sink, limits, performance.now());
  if (extension === ".docx") return readDocx(file, bounded);
  return extension === ".csv" ? streamCsv(file, bounded) : readXlsx(file, bounded);
}

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toLocaleString("en-GB", { maximumFractionDigits: 1 })} MB`;
}

/** The file's size in bytes, or a TableFileError when there is no such file to read. */
async function fileSize(file: string): Promise<number> {
  try {
    const found = await stat(file);
    if (found.isFile()) return found.size;
    throw new TableFileError(`${file} is a folder, not a file: give the register file's name`);
  } catch (error) {
    if (error instanceof TableFileError) throw error;
    throw new TableFileError(`there is no file ${file} that can be read: check its name and folder`);
  }
}

/** How often the clock is read while rows are read: each row costs microseconds, the clock too. */
const CLOCK_EVERY_ROWS = 1024;

/** `sink` stopped (with the line) at the row past the limit, or once reading has taken too long. */
function boundedSink(sink: TableSink, limits: ImportFileLimits, startedMs: number): TableSink {
  const maxRows = limits.rows;
  let rows = 0;
  return {
    start: (headers, encoding) => sink.start(headers, encoding),
    tables: (read, unread) => sink.tables?.(read, unread),
    add: (record) => {
      rows += 1;
      if (rows > maxRows)
        throw new TableFileError(
          `the file has more than ${maxRows.toLocaleString("en-GB")} rows below its headings, the most an import reads (IMPORT_MAX_ROWS): import the register in parts`,
          record.line,
        );
      if (rows % CLOCK_EVERY_ROWS === 0 && performance.now() - startedMs > limits.readSeconds * 1000)
        throw new TableFileError(
          `reading the file took more than ${plural(limits.readSeconds, "second")}, so the import stopped: import the register in parts`,
          record.line,
        );
      sink.add(record);
    },
  };
}

async function streamCsv(file: string, sink: TableSink): Promise<void> {
  const { encoding, pieces } = await openCsvText(file);
  let headers = null as string[] | null;
  const parser = parse({
    bom: true,
    // Stops at a record past its limit rather than building a cell of many megabytes to refuse it.
    max_record_size: ImportLimit.recordCharacters,
    relax_column_count: true,
    skip_empty_lines: false,
    // csv-parse's types expect on_record to return a row array; any value is kept as the record, null drops it.
    on_record: ((record: string[], context: { lines: number }): TableRecord | null => {
      if (headers === null) {
        headers = record.map((h) => h.trim());
        sink.start(headers, encoding);
        return null;
      }
      const cells: Record<string, string> = {};
      for (let i = 0; i < headers.length; i += 1) cells[headers[i]!] = unguard(record[i] ?? "");
      // context.lines is the line a record ends on; a quoted cell may span several lines
      return { line: context.lines, cells };
    }) as never,
  });
  // Why the sink stopped the reading: the pipeline may reject with the abort its stopping caused instead.
  const stopped: { by: TableFileError | null } = { by: null };
  try {
    await pipeline(Readable.from(pieces), parser, async (records: AsyncIterable<TableRecord>) => {
      for await (const record of records) {
        try {
          sink.add(record);
        } catch (error) {
          if (error instanceof TableFileError) stopped.by = error;
          throw error;
        }
      }
    });
  } catch (error) {
    if (stopped.by) throw stopped.by;
    if (error instanceof CsvError) throw csvProblem(error);
    throw error;
  }
  if (headers === null) throw new TableFileError("the file is empty: the first row must hold the column headings");
}

/** csv-parse's error as a sentence saying what to fix, with the line it stopped at. */
function csvProblem(error: CsvError): TableFileError {
  const line = (error as CsvError & { lines?: number }).lines ?? null;
  if (error.code === "CSV_MAX_RECORD_SIZE")
    return new TableFileError(
      `the row is longer than the ${ImportLimit.recordCharacters.toLocaleString("en-GB")} characters an import reads (a cell holds at most ${ImportLimit.cellCharacters.toLocaleString("en-GB")}), so reading stopped: shorten its text, or close a quote left open above it`,
      line,
    );
  if (error.code === "CSV_QUOTE_NOT_CLOSED")
    return new TableFileError(`a quoted cell is never closed: add the closing " to the cell that starts it`, line);
  return new TableFileError(
    `the CSV cannot be read there: check its quotes and commas, or save it again from Excel as "CSV UTF-8 (Comma delimited)"`,
    line,
  );
}

function cellText(value: CellValue): string {
  if (value == null) return "";
  if (value instanceof Date) {
    // Excel stores a day as midnight UTC
    return isoDate(value.getUTCFullYear(), value.getUTCMonth() + 1, value.getUTCDate());
  }
  if (typeof value === "object") {
    if ("richText" in value) return value.richText.map((r) => r.text).join("");
    if ("text" in value) return String(value.text);
    if ("result" in value) return cellText(value.result);
    if ("error" in value) return "";
    return ""; // a formula without a result, or a cell kind with no text of its own
  }
  return String(value);
}

/**
 * Reads the workbook's first sheet row by row (exceljs's streaming reader), so a sheet of many rows is
 * never held whole and the row limit stops it early; its zip directory is checked before anything is
 * unpacked.
 */
async function readXlsx(file: string, sink: TableSink): Promise<void> {
  const zipProblem = workbookZipProblem(await readFile(file));
  if (zipProblem) throw new TableFileError(zipProblem);
  // Loaded only for a workbook: exceljs is large, and the bot and most commands never read one.
  const { default: ExcelJS } = await import("exceljs");
  const input = createReadStream(file);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    worksheets: "emit",
    sharedStrings: "cache",
    // Styles say which numbers are dates.
    styles: "cache",
    hyperlinks: "ignore",
    entries: "ignore",
  });
  let headers: string[] | null = null;
  let sheetsSeen = 0;
  try {
    for await (const sheet of reader) {
      // Only the first sheet is the register; the others' parts are passed over unread.
      if ((sheetsSeen += 1) > 1) continue;
      for await (const row of sheet) {
        if (headers === null) {
          headers = [];
          if (row.number === 1)
            for (let c = 1; c <= row.cellCount; c += 1) headers.push(cellText(row.getCell(c).value).trim());
          sink.start(headers, null);
          if (row.number === 1) continue;
        }
        if (!row.hasValues) continue;
        const cells: Record<string, string> = {};
        headers.forEach((h, i) => {
          if (h) cells[h] = unguard(cellText(row.getCell(i + 1).value));
        });
        sink.add({ line: row.number, cells });
      }
    }
  } catch (error) {
    if (error instanceof TableFileError) throw error;
    throw new TableFileError(DAMAGED_WORKBOOK);
  } finally {
    input.destroy();
  }
  if (headers === null)
    throw new TableFileError("the workbook's first sheet is empty: it must hold the register with headings in row 1");
}

/** A Word document's tables (read whole: a tracker is a few thousand rows), then its rows in order. */
async function readDocx(file: string, sink: TableSink): Promise<void> {
  // Loaded only for a Word document, as exceljs is only for a workbook.
  const { readWordDocument } = await import("./read-word-document.js");
  const document = await readWordDocument(file);
  sink.tables?.(document.read, document.unread);
  if (!document.layout) {
    const unread = document.unread.map((t) => `table ${t.table} (${t.headings.join(" | ") || "no headings"})`);
    throw new TableFileError(
      unread.length
        ? `no table in the document is a tracker the import reads (${unread.join("; ")}): the heading row must be the May 2025 tracker's ("Title and purpose", "Date", "Outstanding recommendations", ...), the January 2024 appendix's ("Title", "Date", "Outcome", ...) or the canonical columns`
        : "the document has no tables: the tracker must be a Word table with its headings in the first row",
    );
  }
  sink.start(document.headers, null);
  for (const record of document.records) sink.add(record);
}
