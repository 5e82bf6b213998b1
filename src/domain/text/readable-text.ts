/**
 * How values read to people, in one place: dates as "31 Mar 2027", progress and statuses as their
 * labels, counts with the right plural. Cards, answers and the command line's text output use these;
 * JSON output keeps the codes and ISO dates that scripts rely on.
 */
import { CONFIDENCE_LABELS, type Confidence } from "../status/at-risk.js";
import { formatDay, isIsoDate } from "../dates/calendar-date.js";
import { DateKind, parseDateText, type DateText } from "../dates/date-text.js";
import { PROGRESS_VALUES, STATUS_LABELS, STATUS_VALUES, type Progress, type Status } from "../status/status.js";

export const PROGRESS_LABELS: Record<Progress, string> = {
  not_started: "Not started",
  in_progress: "In progress",
  complete: "Complete",
  no_action_required: "No action required",
};

/** The noun alone, for layouts that show the number apart: "item" beside 1, "items" beside 3. */
export function nounFor(count: number, singular: string, pluralForm = `${singular}s`): string {
  return count === 1 ? singular : pluralForm;
}

/** "1 item", "3 items", "1 new review"; `pluralForm` for the irregular ones ("1 person", "2 people"). */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${nounFor(count, singular, pluralForm)}`;
}

/** A date as people read it: "31 Mar 2027"; TBC stays TBC; "n/a", "-" and blank read as "none". */
export function readableDate(date: DateText): string {
  if (date.end) return formatDay(date.end);
  if (date.kind === DateKind.tbc) return "TBC";
  if (date.kind === DateKind.notApplicable || date.kind === DateKind.none) return "none";
  return date.raw ?? "none";
}

/** A date that is not a target, as written when it names more than a day ("July 2024", "5-9 July 2021"), else "12 Jul 2024". */
export function readableEventDate(date: DateText): string {
  if (date.kind === DateKind.day && date.end) return formatDay(date.end);
  return date.raw ?? "none";
}

/** Placeholders people typed where a date would go ("n/a", "TBC", "-"): never a value to pre-fill an input with. */
export function isPlaceholderDate(raw: string | null | undefined): boolean {
  const parsed = parseDateText(raw);
  return parsed.kind === DateKind.tbc || parsed.kind === DateKind.notApplicable || parsed.kind === DateKind.none;
}

/** A progress or status code as its label; anything else unchanged. */
export function readableCode(value: string): string {
  if ((PROGRESS_VALUES as readonly string[]).includes(value)) return PROGRESS_LABELS[value as Progress];
  if ((STATUS_VALUES as readonly string[]).includes(value)) return STATUS_LABELS[value as Status];
  return value;
}

/** Stored field names as history lines name them; a field not listed reads with its underscores as spaces. */
const FIELD_NAMES: Record<string, string> = {
  latest_update: "progress note",
  pending_progress: "completion claimed",
  evidence_url: "evidence link",
  completion_claimed_on: "completion date claimed",
  completed_on: "completed on",
  revision_reason: "reason for the new target",
  owner_email: "owner",
  verification: "verification",
};

/** A completion's verification state as people read it. */
const VERIFICATION_LABELS: Record<string, string> = {
  none: "not waiting",
  awaiting: "waiting for the improvement team",
  returned: "returned to the owner",
};

/** One stored field's name as people read it, for history lines: "evidence link" for `evidence_url`. */
export function readableFieldName(field: string): string {
  return FIELD_NAMES[field] ?? field.replace(/_/g, " ");
}

/** One stored field's value as people read it, for history lines: labels for codes, "31 Mar 2027" for dates. */
export function readableFieldValue(field: string, value: string): string {
  if (field === "verification") return VERIFICATION_LABELS[value] ?? value;
  if (field === "progress" || field === "status" || field === "pending_progress") return readableCode(value);
  // "on_track" is also a status code: the owner's confidence reads as they chose it.
  if (field === "confidence" && value in CONFIDENCE_LABELS) return CONFIDENCE_LABELS[value as Confidence];
  if (/(?:^|_)(?:target|date)$|_on$|_received$/.test(field) || isIsoDate(value))
    return readableDate(parseDateText(value));
  return value;
}
