/**
 * The scrutiny columns of a canonical import row: when the recommendation went to the executive, the
 * executive's response and its date, when the response is due (two months after it went, unless given), and
 * the day the committee is to hear back on implementation (follow_up, made a milestone by the import).
 * Checked together so every problem in a row is named with what to fix; only a `scrutiny` row may carry them.
 */
import { isIsoDate, type IsoDate } from "../dates/calendar-date.js";
import { DateKind, impossibleDayReason, parseDateText } from "../dates/date-text.js";
import { windowProblem } from "../dates/date-window.js";
import { scrutinyResponseDue } from "../reminders/response-clock.js";
import { ReviewSource } from "../register/review-sources.js";
import { Progress } from "../status/status.js";

export const ExecutiveResponse = {
  awaiting: "awaiting",
  accepted: "accepted",
  partlyAccepted: "partly_accepted",
  notAccepted: "not_accepted",
  noted: "noted",
} as const;
export type ExecutiveResponse = (typeof ExecutiveResponse)[keyof typeof ExecutiveResponse];
export const EXECUTIVE_RESPONSES: readonly ExecutiveResponse[] = Object.values(ExecutiveResponse);

/** Responses that close a recommendation: nothing to implement, counted as "No action required" in the council's key. */
export function closesRecommendation(response: string | null): boolean {
  return response === ExecutiveResponse.notAccepted || response === ExecutiveResponse.noted;
}

/** Responses that agree (wholly or in part) to act: the share Cabinet accepted counts these. */
export function acceptsRecommendation(response: string | null): boolean {
  return response === ExecutiveResponse.accepted || response === ExecutiveResponse.partlyAccepted;
}

export const SCRUTINY_COLUMNS = [
  "sent_to_executive",
  "executive_response",
  "response_date",
  "response_due",
  "follow_up",
] as const;
export type ScrutinyColumn = (typeof SCRUTINY_COLUMNS)[number];

/** The response clock's facts of one item, as stored on Item (ISO days). */
export interface ScrutinyFields {
  sentToExecutive: IsoDate | null;
  executiveResponse: ExecutiveResponse | null;
  responseDate: IsoDate | null;
  responseDue: IsoDate | null;
  /**
   * The day the committee is to hear how it went ("report back 12 months after implementation"): not stored on
   * the item; the import makes it the item's follow-up milestone (follow-up-milestone.ts). Absent when not given.
   */
  followUp?: IsoDate | null;
}

export const NO_SCRUTINY_FIELDS: ScrutinyFields = {
  sentToExecutive: null,
  executiveResponse: null,
  responseDate: null,
  responseDue: null,
};

/** A day in the accepted window, or why not. */
function dayCell(column: string, text: string): { ok: true; day: IsoDate } | { ok: false; reason: string } {
  const parsed = parseDateText(text);
  const outside = parsed.end ? windowProblem(parsed) : null;
  const impossible = impossibleDayReason(text);
  if (outside) return { ok: false, reason: `${column} "${text}": ${outside}` };
  if (impossible) return { ok: false, reason: `${column} "${text}" is not a day: ${impossible}` };
  if (parsed.kind === DateKind.day && parsed.end) return { ok: true, day: parsed.end };
  if (isIsoDate(text)) return { ok: true, day: text };
  return { ok: false, reason: `${column} "${text}" must be a day, e.g. 2019-09-11` };
}

export type ScrutinyOutcome =
  { ok: true; fields: ScrutinyFields; progress: Progress | null } | { ok: false; errors: string[] };

/**
 * Reads a row's scrutiny cells (`cell` gives a column's trimmed text, null when blank). `progressGiven` is the
 * row's own progress cell: a response that closes the recommendation sets progress to no_action_required
 * (returned as `progress`), and a different progress typed beside it is refused.
 */
export function readScrutinyColumns(
  cell: (column: ScrutinyColumn) => string | null,
  source: string | null,
  progressGiven: string | null,
): ScrutinyOutcome {
  const given = SCRUTINY_COLUMNS.filter((c) => cell(c) !== null);
  if (given.length === 0) return { ok: true, fields: NO_SCRUTINY_FIELDS, progress: null };
  if (source !== ReviewSource.scrutiny)
    return {
      ok: false,
      errors: [
        `${given.join(", ")} ${given.length === 1 ? "is" : "are"} only for scrutiny rows: set source to scrutiny or clear ${given.length === 1 ? "it" : "them"}`,
      ],
    };
  const errors: string[] = [];
  const day = (column: ScrutinyColumn): IsoDate | null => {
    const text = cell(column);
    if (text === null) return null;
    const read = dayCell(column, text);
    if (read.ok) return read.day;
    errors.push(read.reason);
    return null;
  };
  const sent = day("sent_to_executive");
  const responseDate = day("response_date");
  const dueGiven = day("response_due");
  const followUp = day("follow_up");
  if (cell("sent_to_executive") === null)
    errors.push("sent_to_executive is empty: give the day the recommendation went to the executive, e.g. 2019-09-11");

  const responseText = cell("executive_response");
  let response: ExecutiveResponse | null = ExecutiveResponse.awaiting;
  if (responseText !== null) {
    const normalised = responseText.toLowerCase().replace(/[\s-]+/g, "_");
    response = (EXECUTIVE_RESPONSES as readonly string[]).includes(normalised)
      ? (normalised as ExecutiveResponse)
      : null;
    if (!response) errors.push(`executive_response "${responseText}" must be one of ${EXECUTIVE_RESPONSES.join(", ")}`);
  }
  if (response && response !== ExecutiveResponse.awaiting && cell("response_date") === null)
    errors.push(`response_date is empty: a response of ${response} needs the day it was given`);
  if (response === ExecutiveResponse.awaiting && cell("response_date") !== null)
    errors.push("response_date is set but executive_response is awaiting: give the response, or clear the date");
  if (sent && responseDate && responseDate < sent)
    errors.push(`response_date ${responseDate} is before sent_to_executive ${sent}: check both`);
  if (sent && dueGiven && dueGiven < sent)
    errors.push(`response_due ${dueGiven} is before sent_to_executive ${sent}: check both`);
  if (sent && followUp && followUp < sent)
    errors.push(`follow_up ${followUp} is before sent_to_executive ${sent}: check both`);

  const closes = closesRecommendation(response);
  const progressText = progressGiven?.toLowerCase().replace(/[\s-]+/g, "_") ?? null;
  if (closes && progressText !== null && progressText !== Progress.noActionRequired)
    errors.push(
      `progress "${progressGiven}" conflicts with executive_response ${response}: a recommendation the executive did not accept, or only noted, has no action (no_action_required); clear progress`,
    );
  if (errors.length) return { ok: false, errors };
  return {
    ok: true,
    fields: {
      sentToExecutive: sent,
      executiveResponse: response,
      responseDate,
      responseDue: dueGiven ?? (sent ? scrutinyResponseDue(sent) : null),
      ...(followUp ? { followUp } : {}),
    },
    progress: closes ? Progress.noActionRequired : null,
  };
}
