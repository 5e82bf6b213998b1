/**
 * The Ombudsman's response clock: after a public report the council has three months to tell the
 * Ombudsman what it has done (Local Government Act 1974, s31). A decision on a month's last day is due on
 * the last day of the month three on (30 Nov -> 28/29 Feb), as addMonths keeps month ends.
 */
import type { IsoDate } from "../dates/calendar-date.js";
import { RESPONSE_MONTHS, responseDueAfter } from "../reminders/response-clock.js";

export const PUBLIC_REPORT_RESPONSE_MONTHS = RESPONSE_MONTHS.ombudsman;

export function publicReportResponseDue(decisionDate: IsoDate): IsoDate {
  return responseDueAfter(decisionDate, RESPONSE_MONTHS.ombudsman);
}
