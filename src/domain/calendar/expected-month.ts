/** An expected event's month as people say it ("June 2028"): the calendar's dates mean a month, not a day. */
import { splitIsoDate, type IsoDate } from "../dates/calendar-date.js";
import { monthName } from "../dates/months.js";

export function expectedMonth(date: IsoDate): string {
  const { year, month } = splitIsoDate(date);
  return `${monthName(month)} ${year}`;
}
