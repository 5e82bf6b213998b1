import { describe, expect, it } from "vitest";
import { parseDateText, shiftDateText, splitLabelledDates, DateKind } from "../../../src/domain/dates/date-text.js";
import { addMonths, londonDate, wholeMonthsBetween } from "../../../src/domain/dates/calendar-date.js";

describe("parseDateText reads every form in the papers", () => {
  it.each([
    // raw text, kind, start, end
    ["Oct-24", DateKind.month, "2024-10-01", "2024-10-31"],
    ["Sep-25", DateKind.month, "2025-09-01", "2025-09-30"],
    ["Feb-24", DateKind.month, "2024-02-01", "2024-02-29"],
    ["September 2026", DateKind.month, "2026-09-01", "2026-09-30"],
    ["March 2026", DateKind.month, "2026-03-01", "2026-03-31"],
    ["Sept 2025", DateKind.month, "2025-09-01", "2025-09-30"],
    ["12 July 2024", DateKind.day, "2024-07-12", "2024-07-12"],
    ["08 April 2024", DateKind.day, "2024-04-08", "2024-04-08"],
    ["2025-03-31", DateKind.day, "2025-03-31", "2025-03-31"],
    ["31/03/2025", DateKind.day, "2025-03-31", "2025-03-31"],
    ["5-9 July 2021", DateKind.range, "2021-07-05", "2021-07-09"],
    ["11-13 July 2023", DateKind.range, "2023-07-11", "2023-07-13"],
    ["14 and 15 May 2024", DateKind.range, "2024-05-14", "2024-05-15"],
    ["March – May 2022", DateKind.range, "2022-03-01", "2022-05-31"],
    ["March - May 2022", DateKind.range, "2022-03-01", "2022-05-31"],
    ["30 September 2024 - 4 October 2024", DateKind.range, "2024-09-30", "2024-10-04"],
    ["December 2023 – June 2024", DateKind.range, "2023-12-01", "2024-06-30"],
    ["November - February 2023", DateKind.range, "2022-11-01", "2023-02-28"],
    ["Review date August 2026", DateKind.review, "2026-08-01", "2026-08-31"],
    ["will commence January 2024", DateKind.month, "2024-01-01", "2024-01-31"],
    // Quarters are the council's financial-year quarters: Q3 of 2027/28 is October to December 2027.
    ["Q3 2027", DateKind.range, "2027-10-01", "2027-12-31"],
    ["Q3 2027/28", DateKind.range, "2027-10-01", "2027-12-31"],
    ["Q4 2027/28", DateKind.range, "2028-01-01", "2028-03-31"],
    ["Q1 26/27", DateKind.range, "2026-04-01", "2026-06-30"],
    ["by Q2 2026-27", DateKind.range, "2026-07-01", "2026-09-30"],
    ["Q3 2027/29", DateKind.unparsed, null, null],
    ["Q3", DateKind.unparsed, null, null],
    ["TBC", DateKind.tbc, null, null],
    ["tbc", DateKind.tbc, null, null],
    ["n/a", DateKind.notApplicable, null, null],
    ["N/A", DateKind.notApplicable, null, null],
    ["", DateKind.none, null, null],
    ["   ", DateKind.none, null, null],
    ["soon", DateKind.unparsed, null, null],
    ["31 February 2025", DateKind.unparsed, null, null],
    ["2025-02-30", DateKind.unparsed, null, null],
  ])("%j is %s from %s to %s", (raw, kind, start, end) => {
    const parsed = parseDateText(raw);
    expect(parsed).toMatchObject({ kind, start, end });
  });

  it("keeps the raw text as given", () => {
    expect(parseDateText(" Oct-24 ").raw).toBe("Oct-24");
    expect(parseDateText(null).raw).toBeNull();
  });
});

describe("splitLabelledDates separates the visit from the findings", () => {
  it.each([
    ["Focused visit: 14 and 15 May 2024 Published: 12 July 2024", "14 and 15 May 2024", "12 July 2024"],
    [
      "Inspection date: 30 September 2024 - 4 October 2024 Report published: 14 November 2024",
      "30 September 2024 - 4 October 2024",
      "14 November 2024",
    ],
    ["5-8 June 2023 Findings received August 2023", "5-8 June 2023", "August 2023"],
    ["Conducted: 8-10 October 2024", "8-10 October 2024", null],
    ["March 2024", "March 2024", null],
  ])("%j", (text, visit, findings) => {
    expect(splitLabelledDates(text)).toEqual({ visit, findingsReceived: findings });
  });
});

describe("calendar months", () => {
  it.each([
    ["2022-11-30", 12, "2023-11-30"],
    ["2023-03-31", 12, "2024-03-31"],
    ["2023-02-28", 12, "2024-02-29"], // a month's last day maps to the last day a year on
    ["2024-02-29", 12, "2025-02-28"],
    ["2024-01-15", 12, "2025-01-15"],
    ["2024-01-31", 1, "2024-02-29"],
    ["2024-10-31", 18, "2026-04-30"],
  ])("%s + %i months = %s", (from, months, to) => {
    expect(addMonths(from, months)).toBe(to);
  });

  it.each([
    ["2022-11-30", "2024-02-29", 15],
    ["2023-03-31", "2024-03-31", 12],
    ["2025-03-31", "2025-09-30", 6],
    ["2025-03-31", "2025-03-31", 0],
  ])("from %s to %s is %i whole months", (from, to, months) => {
    expect(wholeMonthsBetween(from, to)).toBe(months);
  });

  it.each([
    // instants either side of midnight in London, in summer (BST) and winter (GMT)
    ["2025-06-30T23:30:00Z", "2025-07-01"],
    ["2025-06-30T22:59:00Z", "2025-06-30"],
    ["2025-12-31T23:30:00Z", "2025-12-31"],
    ["2025-03-30T00:30:00Z", "2025-03-30"], // the morning the clocks go forward
    ["2025-10-25T23:30:00Z", "2025-10-26"], // the night the clocks go back (still BST at 23:30 UTC)
  ])("the London calendar date of %s is %s", (instant, date) => {
    expect(londonDate(new Date(instant))).toBe(date);
  });
});

describe("shiftDateText moves the demo register forward, keeping each form", () => {
  it.each([
    ["Oct-24", 18, "Apr-26"],
    ["September 2026", 18, "March 2028"],
    ["Review date August 2026", 18, "Review date February 2028"],
    ["12 July 2024", 18, "12 January 2026"],
    ["5-9 July 2021", 18, "5-9 January 2023"],
    ["March - May 2022", 18, "September - November 2023"],
    ["30 September 2024 - 4 October 2024", 18, "30 March 2026 - 4 April 2026"],
    ["31 August 2024", 18, "28 February 2026"],
    ["2025-03-31", 18, "2026-09-30"],
    ["TBC", 18, "TBC"],
    ["n/a", 18, "n/a"],
  ])("%j + %i months = %j", (raw, months, shifted) => {
    expect(shiftDateText(raw, months)).toBe(shifted);
  });
});
