/**
 * How much an import accepts: the file's size, its rows, each cell's length (the cards' own limits, so an
 * imported item can always be shown and sent) and a workbook's unpacked size. Each breach is refused with
 * where it is, never truncated: text cut short, or a file read into gigabytes, would both lose something.
 */
import { InputLimit } from "../input-limits.js";
import type { CanonicalColumn } from "../register/register-row.js";

/** The limits an import is given: rows and size are settings (IMPORT_MAX_ROWS, IMPORT_MAX_FILE_MB). */
export interface ImportFileLimits {
  /** Rows below the headings. */
  rows: number;
  /** A file's size on disk: a 50,000-row register is about 15 MB as CSV and less as a workbook. */
  fileBytes: number;
  /** How long reading and checking the file may take before the import stops. */
  readSeconds: number;
}

export const DEFAULT_IMPORT_FILE_LIMITS: ImportFileLimits = {
  rows: 50_000,
  fileBytes: 20 * 1024 * 1024,
  readSeconds: 120,
};

/** The fixed limits: each follows from what a card shows or what a register's file can hold. */
export const ImportLimit = {
  /** Any one cell, whatever its column (D1's cells hold a status with its narrative). */
  cellCharacters: InputLimit.wording,
  /**
   * Any one CSV record as read, every cell together: reading stops here rather than building a cell of
   * many megabytes only to refuse it (a row of 22 full cells is about 90,000).
   */
  recordCharacters: 256 * 1024,
  /** A workbook's parts once unpacked, all together, as its zip directory gives them. */
  workbookUnpackedBytes: 200 * 1024 * 1024,
  /** How many times larger than its packed size one part may unpack to (a sheet's XML packs about 10:1). */
  workbookPartRatio: 100,
  /** Parts in a workbook (a register's has about a dozen). */
  workbookParts: 1000,
} as const;

/** Each canonical column's limit: the card field that shows or edits it has the same one. */
export const COLUMN_CHARACTERS: Record<CanonicalColumn, number> = {
  directorate: InputLimit.name,
  review_title: InputLimit.name,
  review_body: InputLimit.name,
  review_type: InputLimit.name,
  review_date: InputLimit.dateText,
  findings_received: InputLimit.dateText,
  outcome: InputLimit.wording,
  item_ref: InputLimit.name,
  item_kind: InputLimit.token,
  item_text: InputLimit.wording,
  parent_ref: InputLimit.name,
  responsible_unit: InputLimit.name,
  owner_email: InputLimit.email,
  original_target: InputLimit.dateText,
  revised_target: InputLimit.dateText,
  revision_reason: InputLimit.reason,
  progress: InputLimit.token,
  recorded_status: InputLimit.name,
  progress_update: InputLimit.narrative,
  confidential: InputLimit.token,
  completed_on: InputLimit.dateText,
  priority: InputLimit.name,
  source: InputLimit.token,
  sent_to_executive: InputLimit.dateText,
  executive_response: InputLimit.token,
  response_date: InputLimit.dateText,
  response_due: InputLimit.dateText,
  follow_up: InputLimit.dateText,
  case_ref: InputLimit.token,
  decision_date: InputLimit.dateText,
  remedy_kind: InputLimit.token,
  public_report: InputLimit.token,
};

/** Control characters other than tab, line feed and carriage return: NUL cuts text short in storage. */
// eslint-disable-next-line no-control-regex -- finding control characters is its purpose
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

const CONTROL_NAMES: Record<number, string> = { 0: "NUL", 0x1b: "ESC", 0x7f: "DEL" };

function describeControl(character: string): string {
  const code = character.charCodeAt(0);
  const hex = `U+${code.toString(16).padStart(4, "0").toUpperCase()}`;
  return CONTROL_NAMES[code] ? `${CONTROL_NAMES[code]}, ${hex}` : hex;
}

/**
 * What is wrong with one cell's text, saying what to fix; null when nothing is. `limit` is the column's
 * length in characters (UTF-16 units, as the cards count them).
 */
export function cellTextProblem(heading: string, text: string, limit: number): string | null {
  if (text.length > limit)
    return `${heading} is ${text.length.toLocaleString("en-GB")} characters long: at most ${limit.toLocaleString("en-GB")} fit (as on the card), so shorten it`;
  const control = CONTROL.exec(text);
  if (control)
    return `${heading} holds a control character (${describeControl(control[0])}) at character ${control.index + 1}: remove it, as it would cut the text short`;
  return null;
}
