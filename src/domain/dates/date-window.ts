/**
 * The dates this tracker accepts: every date typed on a card, in a command, in an imported file or in a
 * setting lies between 1 Jan 2000 and 31 Dec 2100. A target in year 9999 is a slip of the keyboard, not a
 * plan, and a far date makes every count of days over it slow. Dates stored before the window existed
 * are still read (and reported at start), and every loop over days is clamped, so none can hang a turn.
 */
import { compareDates, formatDay, type IsoDate } from "./calendar-date.js";

export const ACCEPTED_DATE_WINDOW = { first: "2000-01-01", last: "2100-12-31" } as const satisfies Record<
  string,
  IsoDate
>;

export function isWithinAcceptedWindow(date: IsoDate): boolean {
  return compareDates(date, ACCEPTED_DATE_WINDOW.first) >= 0 && compareDates(date, ACCEPTED_DATE_WINDOW.last) <= 0;
}

/** "1 Jan 2000 to 31 Dec 2100", for messages and the README. */
export function acceptedWindowText(): string {
  return `${formatDay(ACCEPTED_DATE_WINDOW.first)} to ${formatDay(ACCEPTED_DATE_WINDOW.last)}`;
}

/** Why a date outside the window is refused, naming the fix: "31 Dec 9999 is outside ... : check the year". */
export function outsideWindowReason(date: IsoDate): string {
  return `${formatDay(date)} is outside the dates this tracker accepts (${acceptedWindowText()}): check the year`;
}

/** Null when every day the parsed text can mean is inside the window; else the reason for the last that is not. */
export function windowProblem(span: { start: IsoDate | null; end: IsoDate | null }): string | null {
  for (const date of [span.end, span.start]) {
    if (date !== null && !isWithinAcceptedWindow(date)) return outsideWindowReason(date);
  }
  return null;
}
