/**
 * The other registers' columns of an import row, read together: the scrutiny columns and the Ombudsman's.
 * Both feed the one response clock (Item.responseDue and responseDate), so this is the one place that sets
 * it: a scrutiny recommendation's from when it went to the executive, an Ombudsman public report's from the
 * decision (or as either row gives response_due). response_due and response_date belong to both sources.
 */
import {
  NO_SCRUTINY_FIELDS,
  readScrutinyColumns,
  SCRUTINY_COLUMNS,
  type ScrutinyColumn,
  type ScrutinyFields,
} from "../scrutiny/scrutiny-columns.js";
import { ReviewSource } from "../register/review-sources.js";
import type { Progress } from "../status/status.js";
import {
  isConfidentialRemedy,
  OMBUDSMAN_COLUMNS,
  readOmbudsmanCells,
  type OmbudsmanColumn,
  type OmbudsmanItemFields,
} from "./ombudsman-row.js";

/** The canonical columns of the scrutiny and Ombudsman registers, in the order files and exports give them. */
export const OTHER_REGISTER_COLUMNS = [...SCRUTINY_COLUMNS, ...OMBUDSMAN_COLUMNS] as const;

/** Columns both sources use: on an Ombudsman row they are the Ombudsman's to read. */
const SHARED_CLOCK_COLUMNS: readonly ScrutinyColumn[] = ["response_due", "response_date"];

export interface OtherRegisterCells {
  errors: string[];
  /** The response clock as the item stores it (all null for an item that waits for no response). */
  scrutiny: ScrutinyFields;
  ombudsman: OmbudsmanItemFields | null;
  /** A progress the row's response sets (a scrutiny response that closes the recommendation); null otherwise. */
  progress: Progress | null;
  /** A personal remedy: confidential whatever the review's row says. */
  confidential: boolean;
}

export function readOtherRegisterCells(
  get: (column: ScrutinyColumn | OmbudsmanColumn | "progress") => string | null,
  source: ReviewSource | null,
  hasItem: boolean,
): OtherRegisterCells {
  const ombudsmanRow = source === ReviewSource.ombudsman;
  const ombudsman = readOmbudsmanCells(get, ombudsmanRow, hasItem);
  const scrutinyCell = (column: ScrutinyColumn) =>
    ombudsmanRow && SHARED_CLOCK_COLUMNS.includes(column) ? null : get(column);
  const scrutiny = hasItem
    ? readScrutinyColumns(scrutinyCell, source, get("progress"))
    : { ok: true as const, fields: NO_SCRUTINY_FIELDS, progress: null };
  const errors = [...ombudsman.errors, ...(scrutiny.ok ? [] : scrutiny.errors)];
  const clock: ScrutinyFields = ombudsman.fields
    ? { ...NO_SCRUTINY_FIELDS, responseDue: ombudsman.fields.responseDue, responseDate: ombudsman.fields.responseDate }
    : scrutiny.ok
      ? scrutiny.fields
      : NO_SCRUTINY_FIELDS;
  return {
    errors,
    scrutiny: clock,
    ombudsman: ombudsman.fields,
    progress: scrutiny.ok ? scrutiny.progress : null,
    confidential: isConfidentialRemedy(ombudsman.fields),
  };
}
