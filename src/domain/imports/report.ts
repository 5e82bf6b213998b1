/**
 * What an import says it did (or, on a dry run, would do): counts of reviews and items created, updated
 * and unchanged, each change with its line, every bad row, and every recorded status the key disagrees with.
 */
import type { RowError } from "../register/register-row.js";
import type { Status } from "../status/status.js";
import type { TextEncoding } from "../text/text-encoding.js";
import { wordPlace, type WordTableRead, type WordTableUnread } from "./word-tables.js";

export interface ImportCounts {
  created: number;
  updated: number;
  unchanged: number;
}

export interface ImportChange {
  line: number;
  /** Where the row is in a Word document ("table 2, row 5"); absent for a CSV or workbook, whose line says it. */
  place?: string;
  review_title: string;
  item_ref: string | null;
  action: "created" | "updated";
  before: Record<string, unknown> | null;
  after: Record<string, unknown>;
}

export interface StatusDisagreementLine {
  line: number;
  place?: string;
  review_title: string;
  item_ref: string;
  recorded_status: Status;
  status: Status;
  reason: string;
}

/** "calendar": an inspection calendar file (domain/calendar), whose rows are regimes, not items. */
export type ImportLayout = "canonical" | "d1" | "calendar";

export interface ImportReport {
  file: string;
  /** How a CSV's bytes were read (e.g. windows-1252 when it was not UTF-8); null for a workbook. */
  encoding: TextEncoding | null;
  layout: ImportLayout;
  dry_run: boolean;
  ok: boolean;
  rows: number;
  /** What stops the whole file being imported (missing, damaged, too large, an unknown encoding); null when none. */
  file_problem: string | null;
  errors: (RowError & { place?: string })[];
  /** A Word document's tables: those read (with their layout) and those not, with their heading row; null for a CSV or workbook. */
  tables: { read: WordTableRead[]; unread: WordTableUnread[] } | null;
  reviews: ImportCounts;
  /** Items the register counts; milestones (steps of an item, never counted) apart. */
  items: ImportCounts;
  milestones: ImportCounts;
  /** An inspection calendar's regimes; absent for a register file. */
  regimes?: ImportCounts;
  changes: ImportChange[];
  disagreements: StatusDisagreementLine[];
}

export function emptyImportReport(
  file: string,
  layout: ImportLayout,
  dryRun: boolean,
  encoding: TextEncoding | null = null,
): ImportReport {
  return {
    file,
    encoding,
    layout,
    dry_run: dryRun,
    ok: false,
    rows: 0,
    file_problem: null,
    errors: [],
    tables: null,
    reviews: { created: 0, updated: 0, unchanged: 0 },
    items: { created: 0, updated: 0, unchanged: 0 },
    milestones: { created: 0, updated: 0, unchanged: 0 },
    changes: [],
    disagreements: [],
  };
}

/** The report of a Word document: its tables named, and each row's place said as its table and row. */
export function withWordPlaces(
  report: ImportReport,
  tables: { read: WordTableRead[]; unread: WordTableUnread[] },
): ImportReport {
  const placed = <T extends { line: number }>(entry: T): T => ({ ...entry, place: wordPlace(entry.line) });
  return {
    ...report,
    tables,
    errors: report.errors.map(placed),
    changes: report.changes.map(placed),
    disagreements: report.disagreements.map(placed),
  };
}

/** Where an entry of the report is, as its reader says it: "table 2, row 5" in a Word document, else "line 12". */
export function placeOf(entry: { line: number; place?: string }): string {
  return entry.place ?? `line ${entry.line}`;
}
