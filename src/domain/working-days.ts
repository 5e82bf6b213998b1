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
 */
import Holidays from "date-holidays";
import { addDays, splitIsoDate, type IsoDate } from "./calendar-date.js";

const calendar = new Holidays("GB", "ENG");
const holidaysByYear = new Map<number, ReadonlyMap<IsoDate, string>>();

/** The bank holidays of one year in England and Wales, by date, with their names. */
export function bankHolidaysOf(year: number): ReadonlyMap<IsoDate, string> {
  let holidays = holidaysByYear.get(year);
  if (!holidays) {
    holidays = new Map(
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

export function isWeekend(date: IsoDate): boolean {
  const { year, month, day } = splitIsoDate(date);
  const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  return weekday === 0 || weekday === 6;
}

const workingDayMemo = new Map<IsoDate, boolean>();

export function isWorkingDay(date: IsoDate): boolean {
  let working = workingDayMemo.get(date);
  if (working === undefined) {
    working = !isWeekend(date) && bankHolidayName(date) === null;
    workingDayMemo.set(date, working);
  }
  return working;
}

/**
 * The working day `days` working days after `date` (the date itself is not counted). With 0, the date
 * itself when it is a working day, else the next working day.
 */
export function addWorkingDays(date: IsoDate, days: number): IsoDate {
  if (days < 0) return subtractWorkingDays(date, -days);
  let current = date;
  if (days === 0) {
    while (!isWorkingDay(current)) current = addDays(current, 1);
    return current;
  }
  let counted = 0;
  while (counted < days) {
    current = addDays(current, 1);
    if (isWorkingDay(current)) counted += 1;
  }
  return current;
}

/**
 * The working day `days` working days before `date` (the date itself is not counted). With 0, the date
 * itself when it is a working day, else the working day before it: a target that falls on a Saturday
 * is "due" on the Friday.
 */
export function subtractWorkingDays(date: IsoDate, days: number): IsoDate {
  if (days < 0) return addWorkingDays(date, -days);
  let current = date;
  if (days === 0) {
    while (!isWorkingDay(current)) current = addDays(current, -1);
    return current;
  }
  let counted = 0;
  while (counted < days) {
    current = addDays(current, -1);
    if (isWorkingDay(current)) counted += 1;
  }
  return current;
}

/** Working days after `from` up to and including `to` (0 when `to` is not after `from`). */
export function workingDaysBetween(from: IsoDate, to: IsoDate): number {
  let count = 0;
  for (let current = addDays(from, 1); current <= to; current = addDays(current, 1)) {
    if (isWorkingDay(current)) count += 1;
  }
  return count;
}
