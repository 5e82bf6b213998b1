/**
 * When the next event of a regime is expected, and when its readiness owner is reminded: 6 and 3 months
 * before it, each on the working day at or after that date (a weekend or bank holiday moves it on). A
 * sweep that missed a reminder (downtime) sends only the latest one due, never one after the event.
 * Pure: `today` is passed in.
 */
import { addMonths, compareDates, type IsoDate } from "../dates/calendar-date.js";
import { addWorkingDays } from "../dates/working-days.js";

/** Months before the expected event that the readiness owner is reminded, earliest first. */
export const READINESS_MONTHS_BEFORE = [6, 3] as const;
export type ReadinessLead = (typeof READINESS_MONTHS_BEFORE)[number];

/** The next event: the calendar's own date when it gives one, else the last event plus the cycle. */
export function nextExpectedOf(lastEvent: IsoDate | null, cycleMonths: number, given: IsoDate | null): IsoDate | null {
  if (given) return given;
  return lastEvent ? addMonths(lastEvent, cycleMonths) : null;
}

export interface ReadinessReminderDay {
  monthsBefore: ReadinessLead;
  day: IsoDate;
}

/** The working days the readiness owner is reminded on, earliest first. */
export function readinessReminderDays(nextExpected: IsoDate): ReadinessReminderDay[] {
  return READINESS_MONTHS_BEFORE.map((monthsBefore) => ({
    monthsBefore,
    day: addWorkingDays(addMonths(nextExpected, -monthsBefore), 0),
  }));
}

/** The reminder due on `today`: the latest whose day has come, while the event is still ahead; else null. */
export function dueReadinessReminder(nextExpected: IsoDate, today: IsoDate): ReadinessReminderDay | null {
  if (compareDates(today, nextExpected) >= 0) return null;
  const due = readinessReminderDays(nextExpected).filter((r) => compareDates(r.day, today) <= 0);
  return due.at(-1) ?? null;
}

/** The outbox's key for one reminder: a moved nextExpected is a new reminder, the same one never goes twice. */
export function readinessDedupeKey(regimeId: number, nextExpected: IsoDate, monthsBefore: number): string {
  return `calendar:${regimeId}:${nextExpected}:${monthsBefore}`;
}
