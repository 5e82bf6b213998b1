/** Reads a CSV or XLSX file into header-keyed records, each with the line (row) it came from. */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { parse } from "csv-parse/sync";
import type { CellValue } from "exceljs";
import { isoDate } from "../domain/calendar-date.js";

export interface TableRecord {
  line: number;
  cells: Record<string, string>;
}

export interface Table {
  headers: string[];
  records: TableRecord[];
}

export class TableFileError extends Error {}

/** Undoes the export's formula guard: a leading apostrophe before =, +, - or @ is not part of the value. */
function unguard(value: string): string {
  return /^'[=+\-@]/.test(value) ? value.slice(1) : value;
}

export async function readTableFile(file: string): Promise<Table> {
  const extension = path.extname(file).toLowerCase();
  if (extension === ".csv") return readCsv(await readFile(file, "utf8"));
  if (extension === ".xlsx") return readXlsx(file);
  throw new TableFileError(`"${file}" is neither .csv nor .xlsx: save the register as CSV (UTF-8) or Excel workbook`);
}

export function readCsv(text: string): Table {
  let rows: { record: string[]; info: { lines: number } }[];
  try {
    rows = parse(text.replace(/^\uFEFF/, ""), { relax_column_count: true, skip_empty_lines: false, info: true }) as never;
  } catch (error) {
    throw new TableFileError(`the CSV cannot be read: ${(error as Error).message}`);
  }
  if (rows.length === 0) throw new TableFileError("the file is empty: the first row must hold the column headings");
  const headers = rows[0]!.record.map((h) => h.trim());
  const records = rows.slice(1).map(({ record, info }) => ({
    // info.lines is the line a record ends on; a quoted cell may span several lines
    line: info.lines,
    cells: Object.fromEntries(headers.map((h, i) => [h, unguard(record[i] ?? "")])),
  }));
  return { headers, records };
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
    if ("result" in value) return cellText(value.result as CellValue);
    if ("error" in value) return "";
  }
  return String(value);
}

async function readXlsx(file: string): Promise<Table> {
  // Loaded only for a workbook: exceljs is large, and the bot and most commands never read one.
  const { default: ExcelJS } = await import("exceljs");
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.readFile(file);
  } catch (error) {
    throw new TableFileError(`the workbook cannot be read: ${(error as Error).message}`);
  }
  const sheet = workbook.worksheets[0];
  if (!sheet || sheet.rowCount === 0) throw new TableFileError("the workbook's first sheet is empty: it must hold the register with headings in row 1");
  const headerRow = sheet.getRow(1);
  const headers: string[] = [];
  for (let c = 1; c <= headerRow.cellCount; c += 1) headers.push(cellText(headerRow.getCell(c).value).trim());
  const records: TableRecord[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (rowNumber === 1) return;
    const cells: Record<string, string> = {};
    headers.forEach((h, i) => {
      if (h) cells[h] = unguard(cellText(row.getCell(i + 1).value));
    });
    records.push({ line: rowNumber, cells });
  });
  return { headers, records };
}
