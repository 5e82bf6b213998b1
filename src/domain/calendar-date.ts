/**
 * Calendar dates as ISO "YYYY-MM-DD" strings. Targets and completion dates are days in
 * Europe/London, not instants, so the domain never handles Date objects or time zones for them.
 * Comparisons are plain string comparisons (ISO dates sort lexically).
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
  // Fixed positions rather than split(): every status over the register calls this several times per item.
  return { year: Number(date.slice(0, 4)), month: Number(date.slice(5, 7)), day: Number(date.slice(8, 10)) };
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
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
  const shifted = new Date(Date.UTC(year, month - 1, day + days));
  return isoDate(shifted.getUTCFullYear(), shifted.getUTCMonth() + 1, shifted.getUTCDate());
}

export function daysBetween(from: IsoDate, to: IsoDate): number {
  const a = splitIsoDate(from);
  const b = splitIsoDate(to);
  return Math.round((Date.UTC(b.year, b.month - 1, b.day) - Date.UTC(a.year, a.month - 1, a.day)) / 86_400_000);
}

/** Whole calendar months from `from` to `to` (negative when `to` is earlier), counted as addMonths counts them. */
export function wholeMonthsBetween(from: IsoDate, to: IsoDate): number {
  if (to < from) return -wholeMonthsBetween(to, from);
  const a = splitIsoDate(from);
  const b = splitIsoDate(to);
  let months = (b.year - a.year) * 12 + (b.month - a.month);
  while (months > 0 && addMonths(from, months) > to) months -= 1;
  return months;
}

export function laterOf(a: IsoDate, b: IsoDate): IsoDate {
  return a > b ? a : b;
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
