/**
 * An import's rows checked, before anything is read from the database: the file's layout (canonical
 * columns or D1's own headings) turned into canonical records, each row checked on its own and with the
 * others, and the good rows grouped by review. Every bad row is listed; one is enough to import nothing.
 */
import { D1_COLUMNS, isD1Layout, readD1Layout, splitOutcomeCell, splitTitleAndPurpose } from "../d1-layout.js";
import {
  CANONICAL_COLUMNS,
  checkRowsTogether,
  titleKey,
  validateCanonicalRecord,
  type CanonicalColumn,
  type CanonicalRecord,
  type ItemFields,
  type RegisterRow,
  type ReviewFields,
  type RowError,
} from "../register-row.js";
import type { TextEncoding } from "../text-encoding.js";
import { emptyImportReport, type ImportLayout, type ImportReport } from "./import-report.js";

/** A file's rows, each keyed by its heading and with the line it came from. */
export interface ImportTable {
  headers: readonly string[];
  records: readonly { line: number; cells: Record<string, string> }[];
  /** The CSV's encoding; null (or absent) for a workbook or rows built in memory. */
  encoding?: TextEncoding | null;
}

/** One review as the file gives it: its fields (later rows fill what the first left blank) and its items. */
export interface IncomingReview {
  line: number;
  fields: ReviewFields;
  items: { line: number; fields: ItemFields }[];
}

export interface CheckedImport {
  report: ImportReport;
  /** The reviews by title key; null when any row is wrong (the report lists them). */
  incoming: Map<string, IncomingReview> | null;
  /** The file's headings, lower case: a field whose column is absent is left alone. */
  headers: Set<string>;
}

/** Every row checked on its own and with the others, grouped by review; the report alone when any is wrong. */
export function checkImportTable(
  table: ImportTable,
  options: { file: string; dryRun: boolean; priorityLabels?: readonly string[] },
): CheckedImport {
  const { layout, records, errors: layoutErrors } = toCanonical(table);
  const report = emptyImportReport(options.file, layout, options.dryRun, table.encoding ?? null);
  report.rows = table.records.length;
  const headers = new Set(table.headers.map((h) => h.trim().toLowerCase()));
  const errors: RowError[] = [...layoutErrors];
  const rows: RegisterRow[] = [];
  for (const { line, record } of records) {
    const result = validateCanonicalRecord(record, line, options.priorityLabels);
    if (result.ok) rows.push(result.row);
    else errors.push(...result.errors);
  }
  errors.push(...checkRowsTogether(rows));
  if (layout === "d1") attachD1ReviewText(rows, table);
  if (errors.length) {
    report.errors = errors.sort((a, b) => a.line - b.line);
    return { report, incoming: null, headers };
  }
  return { report, incoming: groupByReview(rows), headers };
}

function toCanonical(table: ImportTable): {
  layout: ImportLayout;
  records: { line: number; record: CanonicalRecord }[];
  errors: RowError[];
} {
  if (isD1Layout(table.headers)) return { layout: "d1", ...readD1Layout(table.records) };
  const headers = new Set(table.headers.map((h) => h.trim().toLowerCase()));
  const missing = (["directorate", "review_title"] as const).filter((c) => !headers.has(c));
  if (missing.length) {
    return {
      layout: "canonical",
      records: [],
      errors: [
        {
          line: 1,
          message: `the headings are neither the canonical columns (missing ${missing.join(", ")}; expected ${CANONICAL_COLUMNS.join(", ")}) nor the May 2025 tracker's ("Title and purpose", "Date", "Outstanding recommendations", ...)`,
        },
      ],
    };
  }
  // Each heading's column worked out once, not once per row.
  const known = new Set<string>(CANONICAL_COLUMNS);
  const columns = new Map<string, CanonicalColumn | null>();
  const columnOf = (header: string): CanonicalColumn | null => {
    let column = columns.get(header);
    if (column === undefined) {
      const name = header.trim().toLowerCase();
      columns.set(header, (column = known.has(name) ? (name as CanonicalColumn) : null));
    }
    return column;
  };
  const records: { line: number; record: CanonicalRecord }[] = [];
  for (const r of table.records) {
    const record: CanonicalRecord = {};
    let blank = true;
    for (const header in r.cells) {
      const value = r.cells[header]!;
      if (blank && String(value).trim() !== "") blank = false;
      const column = columnOf(header);
      if (column) record[column] = value;
    }
    if (!blank) records.push({ line: r.line, record });
  }
  return { layout: "canonical", records, errors: [] };
}

/** D1 keeps each review's purpose under its title and its overall progress after its outcome; canonical columns have neither. */
function attachD1ReviewText(rows: RegisterRow[], table: ImportTable): void {
  const cell = (record: ImportTable["records"][number], heading: string) =>
    Object.entries(record.cells).find(([h]) => h.trim().toLowerCase() === heading.toLowerCase())?.[1] ?? "";
  const byLine = new Map(table.records.map((r) => [r.line, r]));
  // Our own export names the title in its own column and puts the purpose on the line below it.
  const titleColumn = table.headers.some((h) => h.trim().toLowerCase() === "review_title");
  for (const row of rows) {
    const record = byLine.get(row.line);
    if (!record || row.item) continue;
    row.review.narrative = splitOutcomeCell(cell(record, D1_COLUMNS.recommendations)).narrative;
    const titleCell = cell(record, D1_COLUMNS.title);
    row.review.purpose = titleColumn
      ? titleCell.split(/\r?\n/).slice(1).join(" ").replace(/\s+/g, " ").trim() || null
      : splitTitleAndPurpose(titleCell).purpose;
  }
}

function groupByReview(rows: readonly RegisterRow[]): Map<string, IncomingReview> {
  const reviews = new Map<string, IncomingReview>();
  for (const row of rows) {
    const key = titleKey(row.review.title);
    let review = reviews.get(key);
    if (!review) {
      review = { line: row.line, fields: { ...row.review }, items: [] };
      reviews.set(key, review);
    } else {
      // Later rows fill in what the first row left blank (confidential agrees on every row: checkRowsTogether).
      const f = review.fields as unknown as Record<string, unknown>;
      for (const [k, v] of Object.entries(row.review)) {
        const current = f[k];
        const blank =
          current == null ||
          current === "" ||
          (typeof current === "object" && (current as { raw?: unknown }).raw == null);
        if (blank) f[k] = v;
      }
    }
    if (row.item) review.items.push({ line: row.line, fields: row.item });
  }
  return reviews;
}
