/**
 * What an import says it did (or, on a dry run, would do): counts of reviews and items created, updated
 * and unchanged, each change with its line, every bad row, and every recorded status the key disagrees with.
 */
import type { RowError } from "../register/register-row.js";
import type { Status } from "../status/status.js";
import type { TextEncoding } from "../text/text-encoding.js";

export interface ImportCounts {
  created: number;
  updated: number;
  unchanged: number;
}

export interface ImportChange {
  line: number;
  review_title: string;
  item_ref: string | null;
  action: "created" | "updated";
  before: Record<string, unknown> | null;
  after: Record<string, unknown>;
}

export interface StatusDisagreementLine {
  line: number;
  review_title: string;
  item_ref: string;
  recorded_status: Status;
  status: Status;
  reason: string;
}

export type ImportLayout = "canonical" | "d1";

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
  errors: RowError[];
  reviews: ImportCounts;
  /** Items the register counts; milestones (steps of an item, never counted) apart. */
  items: ImportCounts;
  milestones: ImportCounts;
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
    reviews: { created: 0, updated: 0, unchanged: 0 },
    items: { created: 0, updated: 0, unchanged: 0 },
    milestones: { created: 0, updated: 0, unchanged: 0 },
    changes: [],
    disagreements: [],
  };
}
