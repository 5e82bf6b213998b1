/** "Since the last report" and the meeting's date: one definition, the same answer wherever it is asked. */
import { describe, expect, it } from "vitest";
import {
  cutOffHasPassed,
  lastReport,
  meetingDateOf,
  meetingHasTakenPlace,
  periodStart,
  splitMeetingName,
  summaryPostableFrom,
} from "../../../src/domain/reports/reporting-period.js";

const JANUARY_2027 = { name: "Audit Committee 28 January 2027", cutOff: "2026-12-31" };
const JULY_2026 = { name: "Audit Committee 23 July 2026", cutOff: "2026-06-30" };

describe("since the last report", () => {
  it("on 30 November 2026, before any cut-off has passed, a chat answer and the January meeting's period start on the same day", () => {
    const inChat = lastReport([JANUARY_2027], "2026-11-30", null);
    const forTheMeeting = lastReport([JANUARY_2027], JANUARY_2027.cutOff, null);
    expect(inChat).toEqual({ date: "2026-06-30", basis: "six_months", point: null });
    expect(forTheMeeting).toEqual(inChat);
  });

  it("is the cut-off of the latest point before the day, which is also where the next point's period starts", () => {
    expect(lastReport([JANUARY_2027, JULY_2026], "2026-11-30", "2026-01-31")).toEqual({
      date: "2026-06-30",
      basis: "reporting_point",
      point: JULY_2026,
    });
    expect(lastReport([JANUARY_2027, JULY_2026], JANUARY_2027.cutOff, null).date).toBe("2026-06-30");
  });

  it("a meeting is presented during its day: on the meeting's day the last report is still the one before", () => {
    expect(lastReport([JULY_2026], "2026-07-23", null)).toEqual({
      date: "2025-12-31",
      basis: "six_months",
      point: null,
    });
    expect(lastReport([JULY_2026], "2026-07-24", null).date).toBe("2026-06-30");
  });

  it("uses LAST_REPORT_DATE when no earlier point is named, and six months before today when nothing is", () => {
    expect(lastReport([JANUARY_2027], "2026-11-30", "2026-04-30")).toEqual({
      date: "2026-04-30",
      basis: "configured",
      point: null,
    });
    expect(lastReport([], "2026-11-30", null)).toEqual({ date: "2026-05-31", basis: "six_months", point: null });
    // A setting that is not before the day cannot be the last report.
    expect(lastReport([], "2026-11-30", "2026-12-01").basis).toBe("six_months");
  });
});

describe("a point is the last report once its meeting has taken place, not when its cut-off passes", () => {
  const JULY = { name: "Audit Committee 20 July 2026", cutOff: "2026-06-30", meetingDate: "2026-07-20" };
  const JANUARY = { name: "Audit Committee 28 January 2027", cutOff: "2026-11-30", meetingDate: "2027-01-28" };

  it("between January's cut-off and its meeting, answers count from July's cut-off, as January's own period does", () => {
    const onSeventhDecember = lastReport([JULY, JANUARY], "2026-12-07", null);
    expect(onSeventhDecember).toEqual({ date: "2026-06-30", basis: "reporting_point", point: JULY });
    expect(periodStart([JULY, JANUARY], JANUARY, null)).toEqual(onSeventhDecember);
    // On the meeting's day the figures are being presented: still the report before.
    expect(lastReport([JULY, JANUARY], "2027-01-28", null).date).toBe("2026-06-30");
  });

  it("from the day after January's meeting, answers count from its cut-off", () => {
    expect(meetingHasTakenPlace(JANUARY, "2027-01-28")).toBe(false);
    expect(meetingHasTakenPlace(JANUARY, "2027-01-29")).toBe(true);
    expect(lastReport([JULY, JANUARY], "2027-01-29", null)).toEqual({
      date: "2026-11-30",
      basis: "reporting_point",
      point: JANUARY,
    });
    // January's own period does not move when its meeting passes.
    expect(periodStart([JULY, JANUARY], JANUARY, null).date).toBe("2026-06-30");
  });

  it("with no meeting yet held, the first point's period and a chat answer both start six months before its cut-off", () => {
    expect(lastReport([JANUARY], "2026-12-07", null)).toEqual({ date: "2026-05-31", basis: "six_months", point: null });
    expect(periodStart([JANUARY], JANUARY, null)).toEqual(lastReport([JANUARY], "2026-12-07", null));
  });
});

describe("the meeting and its cut-off", () => {
  it.each([
    ["Audit Committee 28 January 2027", "Audit Committee", "2027-01-28"],
    ["Audit Committee 28th Jan 2027", "Audit Committee", "2027-01-28"],
    ["Cabinet – 28/01/2027", "Cabinet", "2027-01-28"],
    ["Audit and Standards Committee on 2027-01-28", "Audit and Standards Committee", "2027-01-28"],
  ])("reads %j as the meeting and its date", (text, committee, meetingDate) => {
    expect(splitMeetingName(text)).toEqual({ committee, meetingDate });
  });

  it.each(["Audit Committee", "Audit Committee January 2027", "Audit Committee 31 February 2027"])(
    "finds no meeting date in %j",
    (text) => {
      expect(splitMeetingName(text)).toBeNull();
    },
  );

  it("an old point without a stored date reads it from its name, else takes its cut-off", () => {
    expect(meetingDateOf({ name: "Audit Committee 9 January 2024", cutOff: "2024-01-02" })).toBe("2024-01-09");
    expect(meetingDateOf({ name: "Spring report", cutOff: "2024-03-31" })).toBe("2024-03-31");
    expect(
      meetingDateOf({ name: "Audit Committee 9 January 2024", cutOff: "2024-01-02", meetingDate: "2024-01-10" }),
    ).toBe("2024-01-10");
  });

  it("a summary can be posted from the day after the cut-off", () => {
    expect(cutOffHasPassed("2026-12-31", "2026-12-31")).toBe(false);
    expect(cutOffHasPassed("2026-12-31", "2027-01-01")).toBe(true);
    expect(summaryPostableFrom("2026-12-31")).toBe("2027-01-01");
  });
});
