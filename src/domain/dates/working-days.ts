/**
 * Working days in England and Wales: Monday to Friday, except bank holidays.
 *
 * Bank holidays come from the `date-holidays` library (country GB, state ENG), not a hand-kept list.
 * What the library returns for GB-ENG, checked for 2020-2030 (tests/unit/domain/working-days.test.ts):
 * - type "public": the bank holidays: New Year's Day, Good Friday, Easter Monday, the early May, spring
 *   and summer bank holidays, Christmas Day and Boxing Day; the substitute days when one falls at a
 *   weekend ("Boxing Day (substitute day)", 28 Dec 2026); and one-off holidays proclaimed for a year
 *   (the 2022 Platinum Jubilee, the Queen's funeral on 19 Sep 2022, the Coronation on 8 May 2023);
 * - type "observance": Mother's Day, Easter Sunday and Father's Day, which are not days off and are ignored.
 * England and Wales share their bank holidays (GB-WLS gives the same "public" days), so ENG stands for both.
 * A holiday's `date` is "YYYY-MM-DD 00:00:00" in local time: its first ten characters are the calendar day.
 *
 * Pure: a year's holidays, and each day's answer, are computed on first use and kept; nothing here reads the clock.
 *
 * Every loop here is bounded by construction. Days are counted as numbers, never compared as text (the
 * day after 9999-12-31 is "10000-01-01", which sorts before it), and dates outside DAY_COUNT_RANGE count
 * as its nearer end: the accepted window (date-window.ts) keeps new dates well inside it, and a far date
 * stored before the window existed costs no more than one at the range's end.
 */
import Holidays from "date-holidays";
import { compareDates, dateOfDayNumber, dayNumber, splitIsoDate, type IsoDate } from "./calendar-date.js";

/**
 * Dates whose working days are counted exactly: the accepted window with a year either side (room for
 * reminders after a target on its last day). Each year's holidays cost the library a few milliseconds,
 * so the range is kept no wider than the dates the tracker accepts.
 */
export const DAY_COUNT_RANGE = { first: "1999-01-01", last: "2101-12-31" } as const;
const FIRST_DAY = dayNumber(DAY_COUNT_RANGE.first);
const LAST_DAY = dayNumber(DAY_COUNT_RANGE.last);

/** The date itself inside DAY_COUNT_RANGE, else the range's nearer end. */
export function clampToDayCountRange(date: IsoDate): IsoDate {
  if (compareDates(date, DAY_COUNT_RANGE.first) < 0) return DAY_COUNT_RANGE.first;
  if (compareDates(date, DAY_COUNT_RANGE.last) > 0) return DAY_COUNT_RANGE.last;
  return date;
}

function clampedDayNumber(date: IsoDate): number {
  return Math.min(LAST_DAY, Math.max(FIRST_DAY, dayNumber(date)));
}

const calendar = new Holidays("GB", "ENG");
const holidaysByYear = new Map<number, ReadonlyMap<IsoDate, string>>();

/** The bank holidays of one year in England and Wales, by date, with their names. */
export function bankHolidaysOf(year: number): ReadonlyMap<IsoDate, string> {
  let holidays = holidaysByYear.get(year);
  if (!holidays) {
    // The library knows four-digit years only (it answers year 10000 with dates in year 0).
    holidays =
      year < 1 || year > 9999
        ? new Map()
        : new Map(
            calendar
              .getHolidays(year)
              .filter((h) => h.type === "public")
              .map((h) => [h.date.slice(0, 10), h.name] as const),
          );
    holidaysByYear.set(year, holidays);
  }
  return holidays;
}

export function bankHolidayName(date: IsoDate): string | null {
  return bankHolidaysOf(splitIsoDate(date).year).get(date) ?? null;
}

/** 1 Jan 1970 (day 0) was a Thursday: Sunday is 0 and Saturday 6, as Date.getUTCDay counts. */
function weekdayOfDayNumber(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

export function isWeekend(date: IsoDate): boolean {
  const weekday = weekdayOfDayNumber(dayNumber(date));
  return weekday === 0 || weekday === 6;
}

// Bounded like the date parser's cache: a long-running bot is asked about ever more days.
const workingDayMemo = new Map<IsoDate, boolean>();
const WORKING_DAY_MEMO_LIMIT = 50_000;

export function isWorkingDay(date: IsoDate): boolean {
  let working = workingDayMemo.get(date);
  if (working === undefined) {
    working = !isWeekend(date) && bankHolidayName(date) === null;
    if (workingDayMemo.size >= WORKING_DAY_MEMO_LIMIT) workingDayMemo.clear();
    workingDayMemo.set(date, working);
  }
  return working;
}

// England never goes more than a few days without a working day (Christmas and a weekend: five at most),
// so a step of this many calendar days always meets one; the loops below stop there whatever happens.
const MOST_DAYS_WITHOUT_A_WORKING_DAY = 10;

/** The first working day from `date` (itself included) in the direction `step`, within a bounded number of steps. */
function nearestWorkingDay(date: number, step: 1 | -1): number {
  let current = date;
  for (let n = 0; n < MOST_DAYS_WITHOUT_A_WORKING_DAY && !isWorkingDay(dateOfDayNumber(current)); n += 1) {
    current += step;
  }
  return current;
}

/** `days` working days on from `date` in the direction `step`; the loop is bounded by `days`, not by a date. */
function stepWorkingDays(date: IsoDate, days: number, step: 1 | -1): IsoDate {
  let current = clampedDayNumber(date);
  if (days === 0) return dateOfDayNumber(nearestWorkingDay(current, step));
  for (let counted = 0; counted < days; counted += 1) current = nearestWorkingDay(current + step, step);
  return dateOfDayNumber(current);
}

/**
 * The working day `days` working days after `date` (the date itself is not counted). With 0, the date
 * itself when it is a working day, else the next working day.
 */
export function addWorkingDays(date: IsoDate, days: number): IsoDate {
  if (days < 0) return subtractWorkingDays(date, -days);
  return stepWorkingDays(date, days, 1);
}

/**
 * The working day `days` working days before `date` (the date itself is not counted). With 0, the date
 * itself when it is a working day, else the working day before it: a target that falls on a Saturday
 * is "due" on the Friday.
 */
export function subtractWorkingDays(date: IsoDate, days: number): IsoDate {
  if (days < 0) return addWorkingDays(date, -days);
  return stepWorkingDays(date, days, -1);
}

/** Monday to Friday among day numbers [0, day): counted in whole weeks, so no loop over days. */
function weekdaysBefore(day: number): number {
  // Day 4 (5 Jan 1970) was a Monday: count whole weeks from there and the Monday-first remainder.
  const sinceMonday = day - 4;
  const weeks = Math.floor(sinceMonday / 7);
  const rest = sinceMonday - weeks * 7;
  return weeks * 5 + Math.min(rest, 5);
}

/** Bank holidays on weekdays among day numbers (after, upTo]: one look per year, not per day. */
function weekdayBankHolidaysIn(after: number, upTo: number): number {
  const firstYear = splitIsoDate(dateOfDayNumber(after + 1)).year;
  const lastYear = splitIsoDate(dateOfDayNumber(upTo)).year;
  let count = 0;
  for (let year = firstYear; year <= lastYear; year += 1) {
    for (const date of bankHolidaysOf(year).keys()) {
      const day = dayNumber(date);
      const weekday = weekdayOfDayNumber(day);
      if (day > after && day <= upTo && weekday !== 0 && weekday !== 6) count += 1;
    }
  }
  return count;
}

/**
 * Working days after `from` up to and including `to` (0 when `to` is not after `from`). Counted by
 * arithmetic over weeks and each year's holidays, so a target decades away costs no more than next week's.
 */
export function workingDaysBetween(from: IsoDate, to: IsoDate): number {
  const after = clampedDayNumber(from);
  const upTo = clampedDayNumber(to);
  if (upTo <= after) return 0;
  return weekdaysBefore(upTo + 1) - weekdaysBefore(after + 1) - weekdayBankHolidaysIn(after, upTo);
}
