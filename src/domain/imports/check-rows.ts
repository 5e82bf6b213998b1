/**
 * An import's rows checked, before anything is read from the database: the file's layout (canonical
 * columns or D1's own headings) turned into canonical records, each row checked on its own and with the
 * others, and the good rows grouped by review. Every bad row is listed; one is enough to import nothing.
 */
import { D1_COLUMNS, isD1Layout, readD1Layout, splitOutcomeCell, splitTitleAndPurpose } from "../register/d1-layout.js";
import {
  CANONICAL_COLUMNS,
  RowsTogetherCheck,
  titleKey,
  validateCanonicalRecord,
  type CanonicalColumn,
  type CanonicalRecord,
  type ItemFields,
  type RegisterRow,
  type ReviewFields,
  type RowError,
} from "../register/register-row.js";
import { isMilestoneKind } from "../register/milestones.js";
import { FOLLOW_UP_COMPARED, followUpMilestone, followUpRefProblem } from "../scrutiny/follow-up-milestone.js";
import type { TextEncoding } from "../text/text-encoding.js";
import { emptyImportReport, type ImportReport } from "./report.js";
import { cellTextProblem, COLUMN_CHARACTERS, ImportLimit } from "./limits.js";

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
  items: { line: number; fields: ItemFields; compared?: readonly string[] }[];
}

export interface CheckedImport {
  report: ImportReport;
  /** The reviews by title key; null when any row is wrong (the report lists them). */
  incoming: Map<string, IncomingReview> | null;
  /** The file's headings, lower case: a field whose column is absent is left alone. */
  headers: Set<string>;
}

/** What the check needs beyond the rows: the file's name for the report, and the council's priority labels. */
export interface ImportCheckOptions {
  file: string;
  dryRun: boolean;
  priorityLabels?: readonly string[];
}

/** Every row checked on its own and with the others, grouped by review; the report alone when any is wrong. */
export function checkImportTable(table: ImportTable, options: ImportCheckOptions): CheckedImport {
  const check = new ImportRowCheck(table.headers, table.encoding ?? null, options);
  for (const record of table.records) check.add(record);
  return check.finish();
}

/**
 * The same check fed one record at a time as a file is read, so a large file's cells are never all held:
 * a canonical row is checked and grouped into its review as it arrives, and only the grouped fields are
 * kept. D1's layout reads each row against the ones above it and is kept whole (it is a paper tracker's
 * few hundred rows).
 */
export class ImportRowCheck {
  private readonly report: ImportReport;
  private readonly headerSet: Set<string>;
  private readonly errors: RowError[] = [];
  private readonly together = new RowsTogetherCheck();
  private readonly reviews = new Map<string, IncomingReview>();
  private readonly d1Records: ImportTable["records"][number][] | null;
  private readonly columnOf: ((header: string) => CanonicalColumn | null) | null;

  constructor(
    private readonly headers: readonly string[],
    encoding: TextEncoding | null,
    private readonly options: ImportCheckOptions,
  ) {
    const d1 = isD1Layout(headers);
    this.report = emptyImportReport(options.file, d1 ? "d1" : "canonical", options.dryRun, encoding);
    this.headerSet = new Set(headers.map((h) => h.trim().toLowerCase()));
    this.d1Records = d1 ? [] : null;
    this.columnOf = d1 ? null : this.canonicalColumns();
  }

  add(record: ImportTable["records"][number]): void {
    this.report.rows += 1;
    if (!this.cellsFit(record)) return;
    if (this.d1Records) this.d1Records.push(record);
    else if (this.columnOf) {
      const canonical = toCanonicalRecord(record.cells, this.columnOf);
      if (canonical) this.checkRow(canonical, record.line);
    }
  }

  finish(): CheckedImport {
    const { report, headerSet: headers } = this;
    if (this.d1Records) {
      const d1 = readD1Layout(this.d1Records);
      this.errors.push(...d1.errors);
      for (const { line, record } of d1.records) this.checkRow(record, line);
    }
    this.errors.push(...this.together.errors());
    if (this.errors.length) {
      // Stable: a line's own problems before those found across rows, as they were found.
      report.errors = this.errors.sort((a, b) => a.line - b.line);
      return { report, incoming: null, headers };
    }
    for (const review of this.reviews.values()) giveMilestonesTheirItemsOwner(review);
    return { report, incoming: this.reviews, headers };
  }

  private checkRow(record: CanonicalRecord, line: number): void {
    const result = validateCanonicalRecord(record, line, this.options.priorityLabels);
    if (!result.ok) {
      this.errors.push(...result.errors);
      return;
    }
    const { row } = result;
    // A scrutiny row's follow_up is its item's follow-up milestone, made here as if the file had a row for it,
    // so it is checked, planned, written, audited and reminded as every milestone is.
    const followUp = row.item?.scrutiny.followUp ?? null;
    const refProblem = followUp && row.item ? followUpRefProblem(row.item.ref) : null;
    if (refProblem) {
      this.errors.push({ line, message: refProblem });
      return;
    }
    const milestone =
      followUp && row.item ? { ...row, item: followUpMilestone(row.item, followUp, row.review.body) } : null;
    this.together.add(row);
    if (milestone) this.together.add(milestone);
    if (this.d1Records) attachD1ReviewText(row, this.d1Records, this.headers);
    // Once any row is wrong nothing is imported: the rest are only checked, not kept.
    if (this.errors.length > 0) return;
    groupIntoReview(this.reviews, row);
    // Its progress and any revision are the owner's, kept by a re-import; the file sets only what it derives.
    if (milestone) groupIntoReview(this.reviews, milestone, FOLLOW_UP_COMPARED);
  }

  /**
   * Whether every cell is within its column's length and free of control characters; each that is not is
   * a problem of its row (its heading named), never text cut short and stored.
   */
  private cellsFit(record: ImportTable["records"][number]): boolean {
    let fits = true;
    for (const heading in record.cells) {
      const text = record.cells[heading]!;
      const column = this.columnOf?.(heading) ?? null;
      const problem = cellTextProblem(
        column ?? (heading ? `"${heading}"` : "a cell without a heading"),
        text,
        column ? COLUMN_CHARACTERS[column] : ImportLimit.cellCharacters,
      );
      if (problem) {
        this.errors.push({ line: record.line, message: problem });
        fits = false;
      }
    }
    return fits;
  }

  /** Each heading's column worked out once, not once per row; null when the headings are not canonical. */
  private canonicalColumns(): ((header: string) => CanonicalColumn | null) | null {
    const missing = (["directorate", "review_title"] as const).filter((c) => !this.headerSet.has(c));
    if (missing.length) {
      this.errors.push({
        line: 1,
        message: `the headings are neither the canonical columns (missing ${missing.join(", ")}; expected ${CANONICAL_COLUMNS.join(", ")}) nor the May 2025 tracker's ("Title and purpose", "Date", "Outstanding recommendations", ...)`,
      });
      return null;
    }
    const known = new Set<string>(CANONICAL_COLUMNS);
    const columns = new Map<string, CanonicalColumn | null>();
    return (header) => {
      let column = columns.get(header);
      if (column === undefined) {
        const name = header.trim().toLowerCase();
        columns.set(header, (column = known.has(name) ? (name as CanonicalColumn) : null));
      }
      return column;
    };
  }
}

/** A row's cells under their canonical columns; null for a blank row. */
function toCanonicalRecord(
  cells: Record<string, string>,
  columnOf: (header: string) => CanonicalColumn | null,
): CanonicalRecord | null {
  const record: CanonicalRecord = {};
  let blank = true;
  for (const header in cells) {
    const value = cells[header]!;
    if (blank && String(value).trim() !== "") blank = false;
    const column = columnOf(header);
    if (column) record[column] = value;
  }
  return blank ? null : record;
}

/** D1 keeps each review's purpose under its title and its overall progress after its outcome; canonical columns have neither. */
function attachD1ReviewText(row: RegisterRow, records: ImportTable["records"], headers: readonly string[]): void {
  if (row.item) return;
  const cell = (record: ImportTable["records"][number], heading: string) =>
    Object.entries(record.cells).find(([h]) => h.trim().toLowerCase() === heading.toLowerCase())?.[1] ?? "";
  const record = records.find((r) => r.line === row.line);
  if (!record) return;
  // Our own export names the title in its own column and puts the purpose on the line below it.
  const titleColumn = headers.some((h) => h.trim().toLowerCase() === "review_title");
  row.review.narrative = splitOutcomeCell(cell(record, D1_COLUMNS.recommendations)).narrative;
  const titleCell = cell(record, D1_COLUMNS.title);
  row.review.purpose = titleColumn
    ? titleCell.split(/\r?\n/).slice(1).join(" ").replace(/\s+/g, " ").trim() || null
    : splitTitleAndPurpose(titleCell).purpose;
}

/**
 * A milestone row without its own owner_email takes its item's (from the same file): the owner of the item
 * is who works towards its milestones, so they are reminded of them and see them among their actions. A
 * milestone with its own owner_email keeps it. Stored on the milestone, so re-importing the file changes nothing.
 */
function giveMilestonesTheirItemsOwner(review: IncomingReview): void {
  const byRef = new Map(review.items.map((i) => [i.fields.ref.toLowerCase(), i.fields]));
  for (const item of review.items) {
    const { fields } = item;
    if (!isMilestoneKind(fields.kind) || fields.ownerEmail || !fields.parentRef) continue;
    const owner = byRef.get(fields.parentRef.toLowerCase())?.ownerEmail ?? null;
    if (owner) item.fields = { ...fields, ownerEmail: owner };
  }
}

/**
 * Adds a checked row to its review: later rows fill in what the first row left blank. `compared` limits the
 * fields a re-import compares for that item (a made row's fields the file does not give).
 */
function groupIntoReview(reviews: Map<string, IncomingReview>, row: RegisterRow, compared?: readonly string[]): void {
  const key = titleKey(row.review.title);
  let review = reviews.get(key);
  if (!review) {
    review = { line: row.line, fields: { ...row.review }, items: [] };
    reviews.set(key, review);
  } else {
    // Confidential agrees on every row: RowsTogetherCheck.
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
  if (row.item) review.items.push({ line: row.line, fields: row.item, ...(compared ? { compared } : {}) });
}
