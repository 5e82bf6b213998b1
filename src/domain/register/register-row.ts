/**
 * One row of the register as imported: the canonical columns of DESIGN.md section 6, checked.
 * Validation collects every problem in a row, each saying what to fix.
 */
import { findDirectorate, DIRECTORATE_CHOICES } from "./directorates.js";
import {
  ACCEPTED_DATE_FORMS,
  DateKind,
  impossibleDayReason,
  parseDateText,
  unreadableDateReason,
  type DateText,
} from "../dates/date-text.js";
import { windowProblem } from "../dates/date-window.js";
import { isIsoDate, type IsoDate } from "../dates/calendar-date.js";
import { parseRecordedStatus, Progress, PROGRESS_VALUES, Status } from "../status/status.js";
import { ITEM_KIND_CHOICES, ItemKind, kindFromRef, readItemKind } from "./item-kinds.js";
import { DEFAULT_PRIORITY_LABELS, parsePriorityCell } from "../status/priority.js";
import { checkMilestoneRows, heldTarget, type MilestoneRow } from "./milestones.js";
import { checkIdentifyingText, normaliseEmail } from "../text/identity-text.js";
import type { ReviewSource } from "./review-sources.js";
import { readSourceCell, SourceAgreement } from "./review-source-cells.js";
import type { ScrutinyFields } from "../scrutiny/scrutiny-columns.js";
import type { OmbudsmanItemFields } from "../ombudsman/ombudsman-row.js";
import { OTHER_REGISTER_COLUMNS, readOtherRegisterCells } from "../ombudsman/other-register-cells.js";

export const CANONICAL_COLUMNS = [
  "directorate",
  "review_title",
  "review_body",
  "review_type",
  "review_date",
  "findings_received",
  "outcome",
  "item_ref",
  "item_kind",
  "item_text",
  "parent_ref",
  "responsible_unit",
  "owner_email",
  "original_target",
  "revised_target",
  "revision_reason",
  "progress",
  "recorded_status",
  "progress_update",
  "confidential",
  "completed_on",
  "priority",
  "source",
  ...OTHER_REGISTER_COLUMNS,
] as const;
export type CanonicalColumn = (typeof CANONICAL_COLUMNS)[number];
export type CanonicalRecord = Partial<Record<CanonicalColumn, string>>;

export interface ReviewFields {
  directorateId: string;
  title: string;
  body: string | null;
  reviewType: string | null;
  reviewDate: DateText;
  findingsReceived: DateText;
  outcome: string | null;
  outcomeKnown: boolean;
  narrative: string | null;
  /** One line on why the review happens ("Usually undertaken every three years"); D1 has it under the title. */
  purpose: string | null;
  confidential: boolean;
  /** Where the review comes from (review-sources.ts); null when the file leaves it blank (kept, or an inspection). */
  source: ReviewSource | null;
}

export interface ItemFields {
  ref: string;
  kind: ItemKind;
  text: string;
  parentRef: string | null;
  responsibleUnit: string | null;
  ownerEmail: string | null;
  originalTarget: DateText;
  revisedTarget: DateText;
  revisionReason: string | null;
  progress: Progress;
  recordedStatus: string | null;
  progressUpdate: string | null;
  confidential: boolean;
  completedOn: IsoDate | null;
  /** One of the council's priority labels, or null for none. */
  priority: string | null;
  /** The response clock (ombudsman/other-register-cells.ts): a scrutiny recommendation's or a public report's. */
  scrutiny: ScrutinyFields;
  /** An Ombudsman remedy's case, decision and kind (source ombudsman); absent or null otherwise. */
  ombudsman?: OmbudsmanItemFields | null;
}

export interface RegisterRow {
  line: number;
  review: ReviewFields;
  /** Null for a review with no items (an inspection that raised none, a confidential home). */
  item: ItemFields | null;
}

export interface RowError {
  line: number;
  message: string;
}

export type RowResult = { ok: true; row: RegisterRow } | { ok: false; errors: RowError[] };

function clean(value: string | undefined | null): string | null {
  if (value == null) return null;
  const text = String(value).replace(/\r\n?/g, "\n").trim();
  return text === "" ? null : text;
}

export function parseBoolean(value: string | null): boolean | null {
  if (value === null) return false;
  const v = value.toLowerCase();
  if (["true", "yes", "y", "1"].includes(v)) return true;
  if (["false", "no", "n", "0"].includes(v)) return false;
  return null;
}

/** The normalised title a review is known by, so "NEW 2023/24 VFM arrangements" and its later rows match. */
export function titleKey(title: string): string {
  return title
    .toLowerCase()
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u2012-\u2015]/g, "-")
    .replace(/\s+/g, " ")
    .trim();
}

/** Progress where the file gives only a recorded status, as D1 does. */
export function progressFromRecordedStatus(recorded: string | null): Progress {
  switch (parseRecordedStatus(recorded)) {
    case Status.complete:
      return Progress.complete;
    case Status.notStarted:
      return Progress.notStarted;
    case Status.noActionRequired:
      return Progress.noActionRequired;
    case null:
      return Progress.notStarted;
    default:
      return Progress.inProgress;
  }
}

function dateError(column: string, parsed: DateText): string | null {
  if (parsed.kind === DateKind.unparsed)
    return `${column} ${unreadableDateReason(parsed.raw ?? "", ACCEPTED_DATE_FORMS)}`;
  const outside = windowProblem(parsed);
  return outside ? `${column} "${parsed.raw}": ${outside}` : null;
}

export function validateCanonicalRecord(
  record: CanonicalRecord,
  line: number,
  priorityLabels: readonly string[] = DEFAULT_PRIORITY_LABELS,
): RowResult {
  const errors: string[] = [];
  const get = (column: CanonicalColumn) => clean(record[column]);

  const directorateText = get("directorate");
  const directorate = findDirectorate(directorateText);
  if (!directorateText) errors.push(`directorate is empty: give one of ${DIRECTORATE_CHOICES}`);
  else if (!directorate)
    errors.push(
      `directorate "${directorateText}" is not one I know: use one of ${DIRECTORATE_CHOICES} or its full name`,
    );

  const title = get("review_title");
  if (!title) errors.push("review_title is empty: every row names its review");
  const titleProblem = title ? checkIdentifyingText("review_title", title) : null;
  if (titleProblem) errors.push(titleProblem);

  const reviewDate = parseDateText(get("review_date"));
  const findingsReceived = parseDateText(get("findings_received"));
  for (const [column, parsed] of [
    ["review_date", reviewDate],
    ["findings_received", findingsReceived],
  ] as const) {
    const error = dateError(column, parsed);
    if (error) errors.push(error);
  }

  const reviewConfidential = parseBoolean(get("confidential"));
  if (reviewConfidential === null) errors.push(`confidential "${get("confidential")}" must be true or false`);

  const { source, error: sourceError } = readSourceCell(get("source"));
  if (sourceError) errors.push(sourceError);
  const outcome = get("outcome");
  const review: ReviewFields = {
    directorateId: directorate?.id ?? "",
    title: title ?? "",
    body: get("review_body"),
    reviewType: get("review_type"),
    reviewDate,
    findingsReceived,
    outcome,
    outcomeKnown: !/outcome (is )?(not yet known|unknown)/i.test(outcome ?? ""),
    narrative: null,
    purpose: null,
    confidential: reviewConfidential ?? false,
    source,
  };

  const ref = get("item_ref");
  const text = get("item_text");
  const itemColumns: CanonicalColumn[] = [
    "item_ref",
    "item_text",
    "original_target",
    "revised_target",
    "progress",
    "recorded_status",
    "owner_email",
    "completed_on",
    ...OTHER_REGISTER_COLUMNS,
  ];
  const hasItem = itemColumns.some((column) => get(column) !== null);
  let item: ItemFields | null = null;
  const others = readOtherRegisterCells(get, source, hasItem);
  errors.push(...others.errors);

  if (hasItem) {
    if (!ref)
      errors.push(`item_ref is empty: give the item's label as the paper does, e.g. "Recommendation 2" or "Rec IR4"`);
    if (!text) errors.push("item_text is empty: give the recommendation's wording");
    const refProblem = ref ? checkIdentifyingText("item_ref", ref) : null;
    if (refProblem) errors.push(refProblem);

    const progressText = get("progress");
    const recordedStatus = get("recorded_status");
    let progress: Progress = progressFromRecordedStatus(recordedStatus);
    if (progressText) {
      const normalised = progressText.toLowerCase().replace(/[\s-]+/g, "_");
      if ((PROGRESS_VALUES as readonly string[]).includes(normalised)) progress = normalised as Progress;
      else errors.push(`progress "${progressText}" must be one of ${PROGRESS_VALUES.join(", ")}`);
    }

    const originalTarget = parseDateText(get("original_target"));
    const revisedTarget = parseDateText(get("revised_target"));
    for (const [column, parsed] of [
      ["original_target", originalTarget],
      ["revised_target", revisedTarget],
    ] as const) {
      const error = dateError(column, parsed);
      if (error) errors.push(error);
    }

    const ownerText = get("owner_email");
    const owner = ownerText === null ? null : normaliseEmail(ownerText);
    if (owner && !owner.ok) errors.push(`owner_email: ${owner.reason}`);
    const ownerEmail = owner?.ok ? owner.value : null;

    const kindText = get("item_kind");
    const kind = kindText === null ? kindFromRef(ref ?? "") : readItemKind(kindText);
    if (kind === null)
      errors.push(
        `item_kind "${kindText}" is not a kind of item: use one of ${ITEM_KIND_CHOICES}, or leave it blank to take the kind from item_ref`,
      );

    const completedOnText = get("completed_on");
    let completedOn: IsoDate | null = null;
    if (completedOnText) {
      const parsed = parseDateText(completedOnText);
      const outside = parsed.end ? windowProblem(parsed) : null;
      const impossible = impossibleDayReason(completedOnText);
      if (outside) errors.push(`completed_on "${completedOnText}": ${outside}`);
      else if (impossible) errors.push(`completed_on "${completedOnText}" is not a day: ${impossible}`);
      else if (parsed.kind === DateKind.day && parsed.end) completedOn = parsed.end;
      else if (isIsoDate(completedOnText)) completedOn = completedOnText;
      else errors.push(`completed_on "${completedOnText}" must be a day, e.g. 2025-03-31`);
      if (progress !== Progress.complete)
        errors.push(`completed_on is set but progress is ${progress}: clear it or set progress to complete`);
    }

    const priority = parsePriorityCell(get("priority"), priorityLabels);
    if (!priority.ok) errors.push(priority.reason);
    if (others.progress) progress = others.progress;

    item = {
      ref: ref ?? "",
      kind: kind ?? ItemKind.recommendation,
      text: text ?? "",
      parentRef: get("parent_ref"),
      responsibleUnit: get("responsible_unit"),
      ownerEmail,
      originalTarget,
      revisedTarget,
      revisionReason: get("revision_reason"),
      progress,
      recordedStatus,
      progressUpdate: get("progress_update"),
      // A personal remedy is never published: confidential whatever the review's row says.
      confidential: (reviewConfidential ?? false) || others.confidential,
      completedOn,
      priority: priority.ok ? priority.value : null,
      scrutiny: others.scrutiny,
      ...(others.ombudsman ? { ombudsman: others.ombudsman } : {}),
    };
  }

  if (errors.length) return { ok: false, errors: errors.map((message) => ({ line, message })) };
  return { ok: true, row: { line, review, item } };
}

function lineList(lines: readonly number[]): string {
  return `${lines.length === 1 ? "line" : "lines"} ${lines.join(", ")}`;
}

/**
 * Checks across rows, fed one row at a time so a large file's rows need not all be held: an item listed
 * twice, a review described two ways (directorate, confidentiality), a parent that is not there, and the
 * milestone rules (milestones.ts), for which each item keeps only its ref, kind, parent and target.
 */
export class RowsTogetherCheck {
  private readonly confidentiality = new Map<string, { title: string; marked: number[]; unmarked: number[] }>();
  private readonly firstReviewRow = new Map<string, { line: number; directorateId: string }>();
  private readonly sources = new SourceAgreement();
  private readonly itemLines = new Map<string, number>();
  private readonly refsByReview = new Map<string, Set<string>>();
  private readonly parents: { line: number; key: string; title: string; parentRef: string }[] = [];
  private readonly milestoneRows: MilestoneRow[] = [];
  private readonly rowErrors: RowError[] = [];

  add(row: RegisterRow): void {
    const key = titleKey(row.review.title);
    const review = this.confidentiality.get(key) ?? { title: row.review.title, marked: [], unmarked: [] };
    (row.review.confidential ? review.marked : review.unmarked).push(row.line);
    this.confidentiality.set(key, review);

    const first = this.firstReviewRow.get(key);
    if (!first) this.firstReviewRow.set(key, { line: row.line, directorateId: row.review.directorateId });
    else if (first.directorateId !== row.review.directorateId) {
      this.rowErrors.push({
        line: row.line,
        message: `review "${row.review.title}" is under ${row.review.directorateId} here but ${first.directorateId} on line ${first.line}: one review has one reporting directorate`,
      });
    }
    const sourceProblem = this.sources.disagreement(key, row.review.title, row.line, row.review.source);
    if (sourceProblem) this.rowErrors.push({ line: row.line, message: sourceProblem });
    if (!row.item) return;
    const ref = row.item.ref.toLowerCase();
    const itemKey = `${key}\u0000${ref}`;
    const seen = this.itemLines.get(itemKey);
    if (seen !== undefined)
      this.rowErrors.push({
        line: row.line,
        message: `item "${row.item.ref}" of "${row.review.title}" is already on line ${seen}: give each item its own item_ref`,
      });
    else this.itemLines.set(itemKey, row.line);
    const refs = this.refsByReview.get(key) ?? new Set<string>();
    refs.add(ref);
    this.refsByReview.set(key, refs);
    if (row.item.parentRef)
      this.parents.push({ line: row.line, key, title: row.review.title, parentRef: row.item.parentRef });
    this.milestoneRows.push({
      line: row.line,
      // The review's title as first written, so rows whose titles differ only as titleKey allows find each other.
      reviewTitle: review.title,
      ref: row.item.ref,
      kind: row.item.kind,
      parentRef: row.item.parentRef,
      effectiveTarget: heldTarget(row.item.originalTarget, row.item.revisedTarget),
      source: row.review.source,
    });
  }

  /** Every problem found across the rows added: confidentiality first, then as the rows came, then parents. */
  errors(): RowError[] {
    // A review is confidential or not as a whole: rows that disagree are refused, listing both sides, rather
    // than one row silently deciding for the rest (which would hide a review, or show a children's home).
    const errors: RowError[] = [...this.confidentiality.values()]
      .filter((r) => r.marked.length > 0 && r.unmarked.length > 0)
      .map((r) => ({
        line: Math.min(r.marked[0]!, r.unmarked[0]!),
        message:
          `review "${r.title}" is marked confidential on ${lineList(r.marked)} but not on ${lineList(r.unmarked)}: ` +
          "give every row of a review the same confidential value (true for a children's home, whose name and items must stay out of channels)",
      }));
    errors.push(...this.rowErrors);
    for (const { line, key, title, parentRef } of this.parents) {
      if (!this.refsByReview.get(key)?.has(parentRef.toLowerCase())) {
        errors.push({ line, message: `parent_ref "${parentRef}" is not an item of "${title}" in this file` });
      }
    }
    errors.push(...checkMilestoneRows(this.milestoneRows));
    return errors;
  }
}

/** Checks across rows already all read (RowsTogetherCheck, fed every row). Returns every problem found. */
export function checkRowsTogether(rows: readonly RegisterRow[]): RowError[] {
  const check = new RowsTogetherCheck();
  for (const row of rows) check.add(row);
  return check.errors();
}
