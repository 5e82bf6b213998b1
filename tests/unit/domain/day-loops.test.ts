/**
 * Property tests over random dates, across the accepted window and far beyond it (years 1000 to 12000):
 * every count of days ends quickly and its answer is sane. A seeded generator keeps each run the same,
 * and the seed is in the test's name so a failure can be replayed.
 */
import { beforeAll, describe, expect, it } from "vitest";
import {
  addDays,
  compareDates,
  dateOfDayNumber,
  dayNumber,
  isoDate,
  daysInMonth,
} from "../../../src/domain/dates/calendar-date.js";
import { assessAtRisk, DEFAULT_AT_RISK_SETTINGS } from "../../../src/domain/status/at-risk.js";
import {
  DEFAULT_REMINDER_POLICY,
  planReminders,
  reminderSchedule,
} from "../../../src/domain/reminders/reminder-policy.js";
import { isWithinAcceptedWindow } from "../../../src/domain/dates/date-window.js";
import { parseCutOff } from "../../../src/domain/dates/parse-cut-off.js";
import { roundChases } from "../../../src/domain/updates/round-chase-policy.js";
import {
  DEFAULT_SEND_WINDOW,
  londonInstant,
  nextSendOpportunity,
  windowOpening,
} from "../../../src/domain/reminders/send-window.js";
import { computeItemStatus, Progress } from "../../../src/domain/status/status.js";
import {
  addWorkingDays,
  DAY_COUNT_RANGE,
  isWorkingDay,
  subtractWorkingDays,
  workingDaysBetween,
} from "../../../src/domain/dates/working-days.js";

const SEED = 20261207;

/** mulberry32: a small, fast generator whose sequence is fixed by its seed. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomDates(seed: number, count: number, firstYear: number, lastYear: number): string[] {
  const random = seededRandom(seed);
  const pick = (low: number, high: number) => low + Math.floor(random() * (high - low + 1));
  return Array.from({ length: count }, () => {
    const year = pick(firstYear, lastYear);
    const month = pick(1, 12);
    return isoDate(year, month, pick(1, daysInMonth(year, month)));
  });
}

/** Working days after `from` up to `to`, counted one day at a time: the plain rule, for short spans. */
function countOneByOne(from: string, to: string): number {
  let count = 0;
  for (let day = dayNumber(from) + 1; day <= dayNumber(to); day += 1)
    if (isWorkingDay(dateOfDayNumber(day))) count += 1;
  return count;
}

const FAR = ["9999-12-31", "9000-06-30", "10000-01-01", "1000-01-01", "1998-12-31", "2102-01-01"];

describe(`day loops end and give sane answers (seed ${SEED})`, () => {
  // The holiday calendar for every year days are counted in is made once per process; make it first,
  // so the times below measure the counting alone.
  beforeAll(() => {
    workingDaysBetween(DAY_COUNT_RANGE.first, DAY_COUNT_RANGE.last);
  }, 60_000);

  it("working days between two random dates, across years 1000 to 12000, end at once and never go negative", () => {
    const froms = randomDates(SEED, 300, 1000, 12000);
    const tos = randomDates(SEED + 1, 300, 1000, 12000);
    const started = Date.now();
    froms.forEach((from, i) => {
      const to = tos[i]!;
      const count = workingDaysBetween(from, to);
      expect(count).toBeGreaterThanOrEqual(0);
      if (compareDates(to, from) <= 0) expect(count, `${from} to ${to}`).toBe(0);
      // No more working days than days in the range where days are counted exactly.
      expect(count).toBeLessThanOrEqual(dayNumber(DAY_COUNT_RANGE.last) - dayNumber(DAY_COUNT_RANGE.first));
    });
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it("inside the window, the count by weeks and holidays equals counting one day at a time", () => {
    const froms = randomDates(SEED + 2, 200, 2000, 2100);
    const random = seededRandom(SEED + 3);
    for (const from of froms) {
      const to = addDays(from, Math.floor(random() * 400) - 20);
      expect(workingDaysBetween(from, to), `${from} to ${to}`).toBe(countOneByOne(from, to));
    }
  });

  it("adding then counting working days gives back the number added, and lands on a working day", () => {
    const starts = randomDates(SEED + 4, 200, 2000, 2100);
    const random = seededRandom(SEED + 5);
    for (const start of starts) {
      const days = Math.floor(random() * 40);
      const later = addWorkingDays(start, days);
      const earlier = subtractWorkingDays(start, days);
      expect(isWorkingDay(later), later).toBe(true);
      expect(isWorkingDay(earlier), earlier).toBe(true);
      if (days > 0) {
        expect(workingDaysBetween(start, later), `${start} + ${days}`).toBe(days);
        // The count runs up to and including `start`, which the subtraction itself did not count.
        expect(workingDaysBetween(earlier, start), `${start} - ${days}`).toBe(days - 1 + (isWorkingDay(start) ? 1 : 0));
      }
    }
  });

  it.each(FAR)(
    "a stored target of %s: statuses, reminders, at-risk and rounds answer, and at once when asked again",
    (target) => {
      const nows = randomDates(SEED + 6, 20, 2000, 2100).map((day) => londonInstant(day, 10 * 60));
      const answerAll = () => {
        for (const now of nows) {
          const plan = planReminders(
            { open: true, effectiveTarget: target, hasOwner: true, lastUpdateAt: null, claims: [] },
            DEFAULT_REMINDER_POLICY,
            now,
          );
          for (const reminder of plan.due) expect(reminder.dueAt.getTime()).toBeLessThanOrEqual(now.getTime());
          const risk = assessAtRisk(
            { progress: Progress.inProgress, effectiveTarget: target, latestConfidence: null, lastUpdateAt: null },
            DEFAULT_AT_RISK_SETTINGS,
            now,
          );
          // Years away from its target, an item is not "near its target".
          if (compareDates(target, "2102-01-01") >= 0) expect(risk.atRisk).toBe(false);
          computeItemStatus(
            { progress: Progress.inProgress, originalTarget: target, revisedTarget: null },
            "2026-12-07",
          );
          for (const chase of roundChases(target, "2026-12-07", DEFAULT_REMINDER_POLICY))
            expect(chase.dueAt).toBeInstanceOf(Date);
        }
        expect(reminderSchedule("2100-12-31", DEFAULT_REMINDER_POLICY, target).length).toBeLessThan(100);
      };
      // The first answer may fill the holiday calendar for the years up to the window's end (once per process).
      const first = Date.now();
      answerAll();
      expect(Date.now() - first).toBeLessThan(8_000);
      const again = Date.now();
      answerAll();
      expect(Date.now() - again).toBeLessThan(500);
    },
  );
});

describe("send times across the clock changes, to the window's last year", () => {
  it.each([
    // [instant, next time a reminder may go]: 09:00 London is 09:00 UTC in winter and 08:00 UTC in summer.
    [
      "2025-03-28T18:00:00Z",
      "2025-03-31T08:00:00.000Z",
      "Friday evening before the clocks go forward: Monday 09:00 BST",
    ],
    ["2025-03-30T08:30:00Z", "2025-03-31T08:00:00.000Z", "the Sunday they go forward"],
    ["2025-10-24T17:00:00Z", "2025-10-27T09:00:00.000Z", "Friday evening before they go back: Monday 09:00 GMT"],
    ["2025-10-26T01:30:00Z", "2025-10-27T09:00:00.000Z", "the repeated hour on the Sunday they go back"],
    [
      "2100-03-25T18:00:00Z",
      "2100-03-30T08:00:00.000Z",
      "Easter 2100 falls on the Sunday the clocks go forward: Good Friday and Easter Monday pass, then 09:00 BST",
    ],
    ["2100-12-24T18:00:00Z", "2100-12-29T09:00:00.000Z", "Christmas 2100, the window's last bank holidays"],
    [
      "2100-12-31T18:00:00Z",
      "2101-01-04T09:00:00.000Z",
      "the window's last evening: New Year's Day 2101 is a Saturday, so Monday is its substitute",
    ],
  ])("%s → %s (%s)", (instant, expected) => {
    expect(nextSendOpportunity(new Date(instant), DEFAULT_SEND_WINDOW).toISOString()).toBe(expected);
  });

  it.each([
    ["2025-03-28", "2025-03-28T09:00:00.000Z"],
    ["2025-03-31", "2025-03-31T08:00:00.000Z"],
    ["2025-10-24", "2025-10-24T08:00:00.000Z"],
    ["2025-10-27", "2025-10-27T09:00:00.000Z"],
    ["2100-07-01", "2100-07-01T08:00:00.000Z"],
  ])("the window opens on %s at %s", (day, expected) => {
    expect(windowOpening(day, DEFAULT_SEND_WINDOW).toISOString()).toBe(expected);
  });
});

describe(`typed dates across the window and beyond (seed ${SEED})`, () => {
  it("a typed day is accepted exactly when it is a real day inside the window, and otherwise says which it is not", () => {
    const random = seededRandom(SEED + 7);
    const pick = (low: number, high: number) => low + Math.floor(random() * (high - low + 1));
    for (let n = 0; n < 2_000; n += 1) {
      const [day, month, year] = [pick(1, 31), pick(1, 12), pick(1000, 9999)];
      const typed = `${day}/${month}/${year}`;
      const real = day <= daysInMonth(year, month);
      const inside = real && isWithinAcceptedWindow(isoDate(year, month, day));
      const outcome = parseCutOff(typed);
      expect(outcome.ok, typed).toBe(inside);
      if (outcome.ok) continue;
      expect(outcome.reason, typed).toMatch(
        real
          ? /is outside the dates this tracker accepts \(1 Jan 2000 to 31 Dec 2100\): check the year\.$/
          : / has no \d+(st|nd|rd|th)\.$/,
      );
    }
  });
});
