/**
 * Dates are calendar values inside a window: far dates are refused where they are typed, impossible days
 * are named as such, and no count of days can run for ever, however far off a stored date is.
 */
import { describe, expect, it } from "vitest";
import {
  addDays,
  compareDates,
  dayNumber,
  daysBetween,
  isoDate,
  splitIsoDate,
} from "../../../src/domain/dates/calendar-date.js";
import { impossibleDayReason, parseDateText, unreadableDateReason } from "../../../src/domain/dates/date-text.js";
import { isWithinAcceptedWindow, outsideWindowReason, windowProblem } from "../../../src/domain/dates/date-window.js";
import { parseCutOff } from "../../../src/domain/dates/parse-cut-off.js";
import { parseStartRoundCommand } from "../../../src/domain/updates/round-command.js";
import { validateProgressUpdate, type CurrentItem } from "../../../src/domain/updates/progress-update.js";
import { computeItemStatus, Progress, Status } from "../../../src/domain/status/status.js";

describe("the accepted window", () => {
  it.each([
    ["1999-12-31", false],
    ["2000-01-01", true],
    ["2026-12-07", true],
    ["2100-12-31", true],
    ["2101-01-01", false],
    ["9999-12-31", false],
    ["10000-01-01", false],
  ])("%s is inside: %s", (date, inside) => {
    expect(isWithinAcceptedWindow(date)).toBe(inside);
  });

  it("says which date is outside, the window, and what to check", () => {
    expect(outsideWindowReason("9999-12-31")).toBe(
      "31 Dec 9999 is outside the dates this tracker accepts (1 Jan 2000 to 31 Dec 2100): check the year",
    );
    expect(windowProblem({ start: "9999-12-01", end: "9999-12-31" })).toContain("31 Dec 9999");
    expect(windowProblem({ start: "1999-11-01", end: "2000-01-31" })).toContain("1 Nov 1999");
    expect(windowProblem({ start: "2025-01-01", end: "2025-01-31" })).toBeNull();
  });
});

describe("dates compare as values", () => {
  it("orders a five-digit year after 9999, where text would put it first", () => {
    expect("10000-01-01" < "9999-12-31").toBe(true);
    expect(compareDates("10000-01-01", "9999-12-31")).toBe(1);
    expect(addDays("9999-12-31", 1)).toBe("10000-01-01");
    expect(splitIsoDate("10000-01-01")).toEqual({ year: 10000, month: 1, day: 1 });
    expect(daysBetween("9999-12-31", "10000-01-01")).toBe(1);
    expect(dayNumber("1970-01-01")).toBe(0);
  });
});

describe("an impossible day is named as such, not blamed on the form", () => {
  it.each([
    ["31/02/2027", "February 2027 has no 31st"],
    ["29/02/2027", "February 2027 has no 29th"],
    ["2027-02-30", "February 2027 has no 30th"],
    ["31 June 2026", "June 2026 has no 31st"],
    ["31 April 2026", "April 2026 has no 31st"],
    ["12/13/2026", "there is no month 13"],
    ["00/01/2026", "there is no day 0 in a month"],
  ])("%s: %s", (text, reason) => {
    expect(impossibleDayReason(text)).toBe(reason);
    expect(unreadableDateReason(text)).toBe(`"${text}" is not a day: ${reason}`);
  });

  it.each(["29/02/2028", "31 March 2026", "2026-12-31", "soon", "March 2026"])("%s is no impossible day", (text) => {
    expect(impossibleDayReason(text)).toBeNull();
  });

  it("names the forms when the text is no date at all", () => {
    expect(unreadableDateReason("soon")).toMatch(/^"soon" is not a date I can read: use 2025-03-31, 31\/03\/2025/);
  });
});

describe("every route that takes a typed date refuses one outside the window", () => {
  const today = "2026-12-07";

  it("the update card's revised target", () => {
    const current: CurrentItem = {
      progress: Progress.inProgress,
      originalTarget: parseDateText("2027-03-31"),
      revisedTarget: parseDateText(null),
      delegateEmail: null,
    };
    for (const [typed, reason] of [
      [
        "31 December 9999",
        "31 Dec 9999 is outside the dates this tracker accepts (1 Jan 2000 to 31 Dec 2100): check the year.",
      ],
      [
        "December 9999",
        "31 Dec 9999 is outside the dates this tracker accepts (1 Jan 2000 to 31 Dec 2100): check the year.",
      ],
      ["31/02/2027", '"31/02/2027" is not a day: February 2027 has no 31st.'],
    ] as const) {
      const outcome = validateProgressUpdate(
        { progress: "in_progress", narrative: "Moving", revisedTarget: typed, revisionReason: "Because" },
        current,
        today,
      );
      expect(outcome.ok ? null : outcome.errors.revisedTarget, typed).toBe(reason);
    }
  });

  it("the start of an update round", () => {
    expect(parseStartRoundCommand("start update round Cabinet by 31 December 9999", today)).toEqual({
      ok: false,
      reason: "31 Dec 9999 is outside the dates this tracker accepts (1 Jan 2000 to 31 Dec 2100): check the year.",
    });
    expect(parseStartRoundCommand("start update round Cabinet by 31/02/2027", today)).toEqual({
      ok: false,
      reason: '"31/02/2027" is not a day: February 2027 has no 31st.',
    });
    expect(parseStartRoundCommand("start update round Cabinet by 31 December 2100", today)).toEqual({
      ok: true,
      name: "Cabinet",
      deadline: "2100-12-31",
    });
  });

  it("a reporting point's cut-off", () => {
    expect(parseCutOff("1 January 2101")).toEqual({
      ok: false,
      reason: "1 Jan 2101 is outside the dates this tracker accepts (1 Jan 2000 to 31 Dec 2100): check the year.",
    });
    expect(parseCutOff("31/02/2027")).toEqual({
      ok: false,
      reason: '"31/02/2027" is not a day: February 2027 has no 31st.',
    });
  });
});

describe("the status rule on a far original target", () => {
  it.each([
    // [original, revised, today, status]: a year later than 9999 must not read as earlier than it.
    ["9999-06-30", null, "2026-12-07", Status.onTrack],
    ["9999-06-30", "9999-12-31", "2026-12-07", Status.partlyDelayed],
    ["9998-06-30", "9999-12-31", "2026-12-07", Status.significantDelay],
    ["2025-06-30", "9999-12-31", "2026-12-07", Status.significantDelay],
    ["1990-06-30", null, "2026-12-07", Status.significantDelay],
  ])("original %s, revised %s, on %s: %s", (originalTarget, revisedTarget, today, status) => {
    expect(computeItemStatus({ progress: Progress.inProgress, originalTarget, revisedTarget }, today).status).toBe(
      status,
    );
  });
});

describe("isoDate and splitIsoDate agree for every year the window and its margins can reach", () => {
  it.each([1, 999, 2000, 9999, 10000, 12345])("year %i", (year) => {
    expect(splitIsoDate(isoDate(year, 2, 28))).toEqual({ year, month: 2, day: 28 });
  });
});
