/**
 * The dates a reporting point stands on, decided once: the meeting's date (read from "Audit Committee
 * 28 January 2027" when not stored), when a cut-off has passed, and what "since the last report"
 * means on a given day. Answers, the summary card, the documents and the command line all ask here,
 * so the same question never gets two dates.
 */
import { addDays, addMonths, formatDay, type IsoDate } from "../dates/calendar-date.js";
import { DateKind, parseDateText } from "../dates/date-text.js";

export interface DatedPoint {
  name: string;
  cutOff: IsoDate;
  /** The meeting's day; absent, read from the name (meetingDateOf). */
  meetingDate?: IsoDate | null;
}

// A day written at the end of a meeting's name: "28 January 2027", "28th Jan 2027", "28/01/2027", "2027-01-28".
const TRAILING_DAY =
  /(?:^|\s|[-–,])\s*(\d{1,2}(?:st|nd|rd|th)?\s+[A-Za-z]+\.?\s+\d{4}|\d{1,2}\/\d{1,2}\/\d{2,4}|\d{4}-\d{2}-\d{2})\s*$/;

/** The meeting's name and date as typed ("Audit Committee 28 January 2027"): the committee and the day, or null when no day ends it. */
export function splitMeetingName(text: string): { committee: string; meetingDate: IsoDate } | null {
  const match = TRAILING_DAY.exec(text.trim());
  if (!match) return null;
  const parsed = parseDateText(match[1]!.replace(/(\d)(st|nd|rd|th)\b/, "$1"));
  if (parsed.kind !== DateKind.day || !parsed.end) return null;
  const committee = text
    .trim()
    .slice(0, match.index)
    .replace(/[\s\-–,]+(?:on|meeting)?\s*$/i, "")
    .trim();
  return { committee, meetingDate: parsed.end };
}

/** The day a point's meeting sits: as recorded, else read from its name, else (for an old point named without one) its cut-off. */
export function meetingDateOf(point: DatedPoint & { meetingDate?: IsoDate | null }): IsoDate {
  return point.meetingDate ?? splitMeetingName(point.name)?.meetingDate ?? point.cutOff;
}

/** A cut-off is "as at the end of the day": it has passed from the next day on. */
export function cutOffHasPassed(cutOff: IsoDate, today: IsoDate): boolean {
  return today > cutOff;
}

/** The first day a point's summary can be posted and its snapshot taken. */
export function summaryPostableFrom(cutOff: IsoDate): IsoDate {
  return addDays(cutOff, 1);
}

/**
 * A point becomes "the last report" once its meeting has taken place (its figures were presented),
 * not when its cut-off passes: from the day after the meeting. Until then, answers, cards and
 * documents count from the report before it.
 */
export function meetingHasTakenPlace(point: DatedPoint, today: IsoDate): boolean {
  return today > meetingDateOf(point);
}

export const LastReportBasis = {
  /** A reporting point whose meeting took place before the day (or, for a point's own period, the point before it). */
  point: "reporting_point",
  /** No earlier point: the LAST_REPORT_DATE setting. */
  configured: "configured",
  /** Neither: six months (the committee's cycle) before the next point's cut-off, or before the day when none is named. */
  sixMonths: "six_months",
} as const;
export type LastReportBasis = (typeof LastReportBasis)[keyof typeof LastReportBasis];

export interface LastReport<P extends DatedPoint> {
  date: IsoDate;
  basis: LastReportBasis;
  /** The point the date is the cut-off of (basis "reporting_point"). */
  point: P | null;
}

/** The configured date when it is before `before`, else six months before `next` (the period the next report covers). */
function withoutPoint<P extends DatedPoint>(before: IsoDate, next: IsoDate, configured: IsoDate | null): LastReport<P> {
  if (configured && configured < before) return { date: configured, basis: LastReportBasis.configured, point: null };
  return { date: addMonths(next, -6), basis: LastReportBasis.sixMonths, point: null };
}

/**
 * "Since the last report" on `asOf`: the cut-off of the latest point whose meeting has taken place
 * (meetingHasTakenPlace); else the configured LAST_REPORT_DATE (when before it); else six months
 * before the next point's cut-off (the period that report will cover), or before `asOf` itself when
 * no point is named. Until a point's meeting, this is where its own period starts (periodStart), so
 * a chat answer and the point's summary card on the same day count from the same date.
 */
export function lastReport<P extends DatedPoint>(
  points: readonly P[],
  asOf: IsoDate,
  configured: IsoDate | null,
): LastReport<P> {
  let latest: P | null = null;
  let next: P | null = null;
  for (const point of points) {
    if (meetingHasTakenPlace(point, asOf)) {
      if (!latest || point.cutOff > latest.cutOff) latest = point;
    } else if (!next || point.cutOff < next.cutOff) {
      next = point;
    }
  }
  if (latest) return { date: latest.cutOff, basis: LastReportBasis.point, point: latest };
  return withoutPoint(asOf, next?.cutOff ?? asOf, configured);
}

/** Where a point's own period starts: the cut-off of the point before it; else as lastReport without a point. */
export function periodStart<P extends DatedPoint>(
  points: readonly P[],
  point: DatedPoint,
  configured: IsoDate | null,
): LastReport<P> {
  let previous: P | null = null;
  for (const other of points) {
    if (other.cutOff < point.cutOff && (!previous || other.cutOff > previous.cutOff)) previous = other;
  }
  if (previous) return { date: previous.cutOff, basis: LastReportBasis.point, point: previous };
  return withoutPoint(point.cutOff, point.cutOff, configured);
}

/** "9 Jan 2024, the cut-off of Audit Committee 9 January 2024": the last report's date and where it came from, for people. */
export function describeLastReport(last: LastReport<DatedPoint>): string {
  const day = formatDay(last.date);
  switch (last.basis) {
    case LastReportBasis.point:
      return `${day}, the cut-off of ${last.point!.name}`;
    case LastReportBasis.configured:
      return `${day}, the LAST_REPORT_DATE setting (no earlier reporting point is named)`;
    case LastReportBasis.sixMonths:
      return `${day}, six months (the committee's cycle) back, as no earlier reporting point is named and LAST_REPORT_DATE is not set`;
  }
}
