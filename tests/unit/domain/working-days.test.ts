/** Working days in England and Wales, from the date-holidays library's GB-ENG bank holidays. */
import Holidays from "date-holidays";
import { describe, expect, it } from "vitest";
import {
  addWorkingDays,
  bankHolidaysOf,
  isWorkingDay,
  subtractWorkingDays,
  workingDaysBetween,
} from "../../../src/domain/dates/working-days.js";

describe("what date-holidays returns for GB-ENG", () => {
  it("gives bank holidays as type public and Mother's Day, Easter Sunday and Father's Day as observances, which we ignore", () => {
    const all = new Holidays("GB", "ENG").getHolidays(2025);
    expect(new Set(all.map((h) => h.type))).toEqual(new Set(["public", "observance"]));
    expect(all.filter((h) => h.type === "observance").map((h) => h.name)).toEqual([
      "Mother's Day",
      "Easter Sunday",
      "Father's Day",
    ]);
    expect([...bankHolidaysOf(2025).keys()]).toEqual([
      "2025-01-01",
      "2025-04-18",
      "2025-04-21",
      "2025-05-05",
      "2025-05-26",
      "2025-08-25",
      "2025-12-25",
      "2025-12-26",
    ]);
  });

  it("includes substitute days and the one-off holidays", () => {
    expect(bankHolidaysOf(2026).get("2026-12-28")).toBe("Boxing Day (substitute day)");
    expect([...bankHolidaysOf(2027).keys()].filter((d) => d >= "2027-12-25")).toEqual([
      "2027-12-25",
      "2027-12-26",
      "2027-12-27",
      "2027-12-28",
    ]);
    expect(bankHolidaysOf(2022).get("2022-09-19")).toBe("Queen Elizabeth's Funeral Day");
    expect(bankHolidaysOf(2023).get("2023-05-08")).toBe("King Charles III's Coronation");
    expect(bankHolidaysOf(2020).get("2020-05-08")).toMatch(/VE day/);
  });

  it("England and Wales share their bank holidays, so ENG stands for both", () => {
    const wales = new Holidays("GB", "WLS");
    for (let year = 2020; year <= 2030; year += 1) {
      const welsh = wales
        .getHolidays(year)
        .filter((h) => h.type === "public")
        .map((h) => h.date.slice(0, 10));
      expect(welsh, String(year)).toEqual([...bankHolidaysOf(year).keys()]);
    }
  });
});

describe("isWorkingDay", () => {
  it.each([
    ["2025-12-24", true, "Christmas Eve is a working day"],
    ["2025-12-25", false, "Christmas Day"],
    ["2025-12-26", false, "Boxing Day"],
    ["2025-12-27", false, "Saturday"],
    ["2026-12-28", false, "Boxing Day substitute (Monday)"],
    ["2025-04-18", false, "Good Friday"],
    ["2025-04-21", false, "Easter Monday"],
    ["2025-04-22", true, "the Tuesday after Easter"],
    ["2025-05-05", false, "early May bank holiday"],
    ["2025-05-26", false, "spring bank holiday"],
    ["2025-08-25", false, "late August (summer) bank holiday"],
    ["2025-03-30", false, "the Sunday the clocks go forward"],
    ["2025-03-31", true, "the Monday after"],
    ["2025-10-26", false, "the Sunday the clocks go back"],
    ["2025-10-31", true, "a Friday month end"],
    ["2026-01-01", false, "New Year's Day"],
  ])("%s is a working day: %s (%s)", (date, expected) => {
    expect(isWorkingDay(date)).toBe(expected);
  });
});

describe("addWorkingDays and subtractWorkingDays", () => {
  it.each([
    ["2025-12-24", 1, "2025-12-29", "over Christmas, Boxing Day and the weekend"],
    ["2025-12-23", 3, "2025-12-30", ""],
    ["2026-12-24", 1, "2026-12-29", "over the Boxing Day substitute"],
    ["2027-12-24", 1, "2027-12-29", "both substitutes in 2027"],
    ["2025-04-17", 1, "2025-04-22", "over Easter"],
    ["2025-05-30", 1, "2025-06-02", "over a month end and a weekend"],
    ["2025-02-28", 1, "2025-03-03", "over the end of February"],
    ["2025-06-30", 10, "2025-07-14", "two weeks"],
    ["2025-12-27", 0, "2025-12-29", "0 from a Saturday is the next working day"],
    ["2025-06-02", 0, "2025-06-02", "0 from a working day is the day"],
  ])("%s + %i working days = %s %s", (from, days, expected) => {
    expect(addWorkingDays(from, days)).toBe(expected);
  });

  it.each([
    ["2026-01-05", 3, "2025-12-30", "back over New Year's Day and the weekend"],
    ["2025-05-31", 0, "2025-05-30", "a Saturday target is due on the Friday"],
    ["2025-05-31", 3, "2025-05-28", "from a Saturday, the Friday is the first"],
    ["2025-04-22", 1, "2025-04-17", "back over Easter"],
    ["2025-09-05", 10, "2025-08-21", "back over the late August bank holiday"],
    ["2025-12-31", 20, "2025-12-01", "back over Christmas"],
    ["2025-06-30", 20, "2025-06-02", "a month-end target"],
  ])("%s - %i working days = %s %s", (from, days, expected) => {
    expect(subtractWorkingDays(from, days)).toBe(expected);
  });

  it("counts working days between two dates", () => {
    expect(workingDaysBetween("2025-12-24", "2026-01-02")).toBe(4);
    expect(workingDaysBetween("2025-06-30", "2025-07-14")).toBe(10);
    expect(workingDaysBetween("2025-07-14", "2025-06-30")).toBe(0);
  });
});
