import { describe, expect, it } from "vitest";
import { committeeOf, formatLongDay, formatMonthYear } from "../../../src/domain/reports/committee-report.js";
import { numberWord, numberWordCapitalised, countOf } from "../../../src/domain/reports/number-words.js";
import { ratingOf, publicTitle, publicOutcome } from "../../../src/domain/register/confidential-reviews.js";
import { parseCutOff } from "../../../src/domain/dates/parse-cut-off.js";

describe("numbers in running text, as D0 writes them", () => {
  it.each([
    [0, "zero"],
    [1, "one"],
    [6, "six"],
    [14, "fourteen"],
    [20, "twenty"],
    [29, "twenty-nine"],
    [48, "forty-eight"],
    [99, "ninety-nine"],
    [101, "101"],
    [-1, "-1"],
  ])("%i -> %s", (n, word) => {
    expect(numberWord(n)).toBe(word);
  });

  it("capitalises and counts", () => {
    expect(numberWordCapitalised(48)).toBe("Forty-eight");
    expect(countOf(1, "area for improvement", "areas for improvement")).toBe("one area for improvement");
    expect(countOf(7, "suggestion")).toBe("seven suggestions");
  });
});

describe("report dates and names", () => {
  it("names the committee from the reporting point", () => {
    expect(committeeOf("Audit Committee 9 January 2024")).toBe("Audit Committee");
    expect(committeeOf("Cabinet – 18 March 2024")).toBe("Cabinet");
    expect(committeeOf("Overview and Scrutiny Management Board")).toBe("Overview and Scrutiny Management Board");
    expect(committeeOf(null)).toBe("Audit Committee");
  });

  it("dates as the papers do", () => {
    expect(formatLongDay("2024-01-09")).toBe("9 January 2024");
    expect(formatMonthYear("2023-07-27")).toBe("July 2023");
  });

  it.each([
    ["2024-01-09", "2024-01-09"],
    ["9 January 2024", "2024-01-09"],
    ["09/01/2024", "2024-01-09"],
  ])("reads the cut-off %s", (text, iso) => {
    expect(parseCutOff(text)).toEqual({ ok: true, cutOff: iso });
  });

  it.each(["January 2024", "next Tuesday", "March - May 2024", ""])("refuses %j as a cut-off", (text) => {
    expect(parseCutOff(text)).toMatchObject({ ok: false, reason: expect.stringContaining("is not a single day") });
  });

  it("names an impossible day as such rather than asking for a single day", () => {
    expect(parseCutOff("2024-02-30")).toEqual({
      ok: false,
      reason: '"2024-02-30" is not a day: February 2024 has no 30th.',
    });
  });
});

describe("confidential reviews show their rating only", () => {
  it.each([
    ["Good rating (overall judgement). Outcome confidential.", "Good rating"],
    ["Requires improvement to be good in leaders and managers", "Requires improvement to be good rating"],
    ["Judged OUTSTANDING", "Outstanding rating"],
    ["Awaiting first inspection", null],
  ])("%s -> %s", (outcome, rating) => {
    expect(ratingOf(outcome)).toBe(rating);
  });

  it("never uses the home's name or its outcome text", () => {
    const home = {
      title: "Pegasus House Children's Residential Home",
      confidential: true,
      outcome: "Good rating; 2 requirements about the kitchen",
    };
    expect(publicTitle(home)).toBe("Children's residential home inspection");
    expect(publicOutcome(home)).toBe("Good rating");
    expect(publicOutcome({ ...home, outcome: null })).toBe("Rating not recorded");
    expect(publicTitle({ ...home, confidential: false })).toBe(home.title);
  });
});
