/**
 * When the bot may send reminders: inside a daily window (09:00 to 17:00 by default) in Europe/London,
 * on working days only. Wall-clock times are turned into instants with the London time zone rules, so
 * 09:00 is 08:00 UTC in summer and 09:00 UTC in winter, and the window is right on the days the clocks
 * change. Pure: every function takes the instant it reasons about.
 */
import { TZDate } from "@date-fns/tz";
import { addDays, londonDate, splitIsoDate, type IsoDate } from "../dates/calendar-date.js";
import { addWorkingDays, isWorkingDay } from "../dates/working-days.js";

export const LONDON = "Europe/London";

export interface SendWindow {
  /** Minutes after midnight, London time, when sending may start (inclusive). */
  startMinute: number;
  /** Minutes after midnight when sending stops (exclusive). */
  endMinute: number;
}

export const DEFAULT_SEND_WINDOW: SendWindow = { startMinute: 9 * 60, endMinute: 17 * 60 };

/** Reads "09:00-17:00"; null when it is not two times of day with the first earlier than the second. */
export function parseSendWindow(text: string): SendWindow | null {
  const match = /^(\d{2}):(\d{2})-(\d{2}):(\d{2})$/.exec(text.trim());
  if (!match) return null;
  const [h1, m1, h2, m2] = match.slice(1).map(Number) as [number, number, number, number];
  if (h1 > 23 || h2 > 24 || m1 > 59 || m2 > 59 || (h2 === 24 && m2 > 0)) return null;
  const window = { startMinute: h1 * 60 + m1, endMinute: h2 * 60 + m2 };
  return window.startMinute < window.endMinute ? window : null;
}

/** The instant a London wall-clock time happens on a day (a time the spring change skips moves an hour on). */
export function londonInstant(date: IsoDate, minuteOfDay: number): Date {
  const { year, month, day } = splitIsoDate(date);
  return new Date(new TZDate(year, month - 1, day, Math.floor(minuteOfDay / 60), minuteOfDay % 60, LONDON).getTime());
}

/** Minutes after midnight on the London clock at an instant. */
export function londonMinuteOfDay(instant: Date): number {
  const local = new TZDate(instant.getTime(), LONDON);
  return local.getHours() * 60 + local.getMinutes();
}

const openingMemo = new Map<string, number>();

/** When the window opens on a day (the caller makes sure it is a working day). */
export function windowOpening(date: IsoDate, window: SendWindow): Date {
  const key = `${date}|${window.startMinute}`;
  let opening = openingMemo.get(key);
  if (opening === undefined) {
    opening = londonInstant(date, window.startMinute).getTime();
    openingMemo.set(key, opening);
  }
  return new Date(opening);
}

export function isInsideSendWindow(instant: Date, window: SendWindow): boolean {
  if (!isWorkingDay(londonDate(instant))) return false;
  const minute = londonMinuteOfDay(instant);
  return minute >= window.startMinute && minute < window.endMinute;
}

/** `instant` itself when sending is allowed then, else the next time the window opens on a working day. */
export function nextSendOpportunity(instant: Date, window: SendWindow): Date {
  if (isInsideSendWindow(instant, window)) return instant;
  const today = londonDate(instant);
  if (isWorkingDay(today) && londonMinuteOfDay(instant) < window.startMinute) return windowOpening(today, window);
  return windowOpening(addWorkingDays(addDays(today, 1), 0), window);
}
