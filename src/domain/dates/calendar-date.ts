/**
 * Calendar dates as ISO "YYYY-MM-DD" strings. Targets and completion dates are days in
 * Europe/London, not instants, so the domain never handles Date objects or time zones for them.
 * Day arithmetic and the comparisons that bound loops go through day numbers (compareDates, dayNumber),
 * never text: "10000-01-01" sorts before "9999-12-31" as text, which once let a loop over days run for ever.
 */
import { MONTH_SHORT_NAMES } from "./months.js";
export type IsoDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isIsoDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  return m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

export function isoDate(year: number, month: number, day: number): IsoDate {
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

export function splitIsoDate(date: IsoDate): { year: number; month: number; day: number } {
  // Fixed positions from the end rather than split(): every status over the register calls this several
  // times per item, and a year past 9999 (day arithmetic can reach one) has five digits.
  const yearEnd = date.length - 6;
  return {
    year: Number(date.slice(0, yearEnd)),
    month: Number(date.slice(yearEnd + 1, yearEnd + 3)),
    day: Number(date.slice(yearEnd + 4)),
  };
}

/** Days since 1 Jan 1970: a date as a number, so that dates compare and subtract as values. */
export function dayNumber(date: IsoDate): number {
  const { year, month, day } = splitIsoDate(date);
  return Math.round(utcMidnight(year, month, day) / 86_400_000);
}

/** Date.UTC reads years 0-99 as 1900-1999; setUTCFullYear does not. */
function utcMidnight(year: number, month: number, day: number): number {
  if (year >= 100) return Date.UTC(year, month - 1, day);
  const instant = new Date(0);
  instant.setUTCFullYear(year, month - 1, day);
  return instant.getTime();
}

export function dateOfDayNumber(days: number): IsoDate {
  const date = new Date(days * 86_400_000);
  return isoDate(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
}

/** Negative when `a` is the earlier day, 0 on the same day, positive when `a` is later: by value, whatever the year's width. */
export function compareDates(a: IsoDate, b: IsoDate): number {
  // Two four-digit years: fixed-width text orders as the days do, and costs no parsing (the status rule asks often).
  if (a.length === 10 && b.length === 10) return a < b ? -1 : a > b ? 1 : 0;
  return dayNumber(a) - dayNumber(b);
}

export function daysInMonth(year: number, month: number): number {
  return new Date(utcMidnight(year, month + 1, 0)).getUTCDate();
}

export function endOfMonth(year: number, month: number): IsoDate {
  return isoDate(year, month, daysInMonth(year, month));
}

export function isLastDayOfMonth(date: IsoDate): boolean {
  const { year, month, day } = splitIsoDate(date);
  return day === daysInMonth(year, month);
}

/**
 * Adds calendar months keeping the day of the month; a month's last day maps to the last day of
 * the month that many months on (31 Mar + 12 = 31 Mar; 28 Feb 2023 + 12 = 29 Feb 2024), and a day
 * past the end of a shorter month is clamped to its end.
 */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const { year, month, day } = splitIsoDate(date);
  const index = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = (index % 12) + 1;
  const lastDay = daysInMonth(targetYear, targetMonth);
  const targetDay = isLastDayOfMonth(date) ? lastDay : Math.min(day, lastDay);
  return isoDate(targetYear, targetMonth, targetDay);
}

export function addDays(date: IsoDate, days: number): IsoDate {
  const { year, month, day } = splitIsoDate(date);
  const shifted = new Date(utcMidnight(year, month, day + days));
  return isoDate(shifted.getUTCFullYear(), shifted.getUTCMonth() + 1, shifted.getUTCDate());
}

export function daysBetween(from: IsoDate, to: IsoDate): number {
  return dayNumber(to) - dayNumber(from);
}

/** Whole calendar months from `from` to `to` (negative when `to` is earlier), counted as addMonths counts them. */
export function wholeMonthsBetween(from: IsoDate, to: IsoDate): number {
  if (compareDates(to, from) < 0) return -wholeMonthsBetween(to, from);
  const a = splitIsoDate(from);
  const b = splitIsoDate(to);
  const months = (b.year - a.year) * 12 + (b.month - a.month);
  // The month count is exact or one too many (when `to`'s day of the month is earlier than `from`'s).
  return months > 0 && compareDates(addMonths(from, months), to) > 0 ? months - 1 : months;
}

export function laterOf(a: IsoDate, b: IsoDate): IsoDate {
  return compareDates(a, b) > 0 ? a : b;
}

/** "30 Sep 2025", as people read dates in the council's papers. */
export function formatDay(date: IsoDate): string {
  const { year, month, day } = splitIsoDate(date);
  return `${day} ${MONTH_SHORT_NAMES[month - 1]} ${year}`;
}

// Made once: constructing an Intl.DateTimeFormat costs about 0.15 ms, and the reminder sweep asks this thousands of times.
const LONDON_DAY = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/London",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

/** The calendar date of an instant in Europe/London: what "today" means for the council. */
export function londonDate(instant: Date): IsoDate {
  const parts = LONDON_DAY.formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return isoDate(get("year"), get("month"), get("day"));
}

const LONDON_TIME = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/London",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

/** The time of day of an instant in Europe/London, "14:05": said beside a day where a card is as at a moment. */
export function londonTimeOfDay(instant: Date): string {
  return LONDON_TIME.format(instant);
}
