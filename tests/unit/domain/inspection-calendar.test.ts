/** The inspection calendar's rules: the next event, the readiness reminders' days, a peer challenge's follow-ups, the file's rows. */
import { describe, expect, it } from "vitest";
import { CANONICAL_COLUMNS } from "../../../src/domain/register/register-row.js";
import { CALENDAR_COLUMNS, checkCalendarRows, isCalendarLayout } from "../../../src/domain/calendar/calendar-rows.js";
import {
  dueReadinessReminder,
  nextExpectedOf,
  readinessDedupeKey,
  readinessReminderDays,
} from "../../../src/domain/calendar/readiness.js";
import { followUpDeadlines, RegimeKind, regimeKindOf } from "../../../src/domain/calendar/regime-kinds.js";

describe("the next expected event", () => {
  it("is the last event plus the cycle, keeping month ends", () => {
    expect(nextExpectedOf("2022-06-15", 36, null)).toBe("2025-06-15");
    expect(nextExpectedOf("2023-08-31", 6, null)).toBe("2024-02-29");
    expect(nextExpectedOf("2024-02-29", 12, null)).toBe("2025-02-28");
  });

  it("is the calendar's own date when it gives one, and unknown with neither", () => {
    expect(nextExpectedOf("2023-06-05", 60, "2028-01-01")).toBe("2028-01-01");
    expect(nextExpectedOf(null, 36, null)).toBeNull();
  });
});

describe("readiness reminders 6 and 3 months before", () => {
  it("fall on the day itself when it is a working day", () => {
    expect(readinessReminderDays("2027-06-15")).toEqual([
      { monthsBefore: 6, day: "2026-12-15" },
      { monthsBefore: 3, day: "2027-03-15" },
    ]);
  });

  it("move past a weekend and the Boxing Day substitute bank holiday to the next working day", () => {
    // 26 Dec 2026 is a Saturday; Monday 28 Dec is the Boxing Day substitute day.
    expect(readinessReminderDays("2027-06-26")[0]).toEqual({ monthsBefore: 6, day: "2026-12-29" });
  });

  it("move past Easter Monday", () => {
    // 29 Mar 2027 is Easter Monday.
    expect(readinessReminderDays("2027-06-29")[1]).toEqual({ monthsBefore: 3, day: "2027-03-30" });
  });

  it("are due from their day, only the latest after downtime, and none once the event is here", () => {
    expect(dueReadinessReminder("2027-06-15", "2026-12-14")).toBeNull();
    expect(dueReadinessReminder("2027-06-15", "2026-12-15")?.monthsBefore).toBe(6);
    expect(dueReadinessReminder("2027-06-15", "2027-03-12")?.monthsBefore).toBe(6);
    expect(dueReadinessReminder("2027-06-15", "2027-04-20")?.monthsBefore).toBe(3);
    expect(dueReadinessReminder("2027-06-15", "2027-06-15")).toBeNull();
  });

  it("are keyed by regime, expected date and lead, so a moved date is a new reminder", () => {
    expect(readinessDedupeKey(4, "2027-06-30", 6)).toBe("calendar:4:2027-06-30:6");
    expect(readinessDedupeKey(4, "2027-07-31", 6)).not.toBe(readinessDedupeKey(4, "2027-06-30", 6));
  });
});

describe("follow-up deadlines after an event", () => {
  it("for a Corporate Peer Challenge are 3, 5, 10 and 12 months on", () => {
    expect(regimeKindOf("LGA Corporate Peer Challenge", "LGA")).toBe(RegimeKind.corporatePeerChallenge);
    expect(followUpDeadlines(RegimeKind.corporatePeerChallenge, "2023-06-05").map((f) => [f.months, f.target])).toEqual(
      [
        [3, "2023-09-05"],
        [5, "2023-11-05"],
        [10, "2024-04-05"],
        [12, "2024-06-05"],
      ],
    );
  });

  it("keep month ends (30 Nov + 3 months is 29 Feb in a leap year)", () => {
    expect(followUpDeadlines(RegimeKind.corporatePeerChallenge, "2023-11-30")[0]!.target).toBe("2024-02-29");
  });

  it("are none for ILACS, CQC and SEND, whose papers set the council none", () => {
    expect(regimeKindOf("ILACS", "Ofsted")).toBe(RegimeKind.ilacs);
    expect(regimeKindOf("Area SEND inspection", "Ofsted and CQC")).toBe(RegimeKind.areaSend);
    expect(regimeKindOf("Adult social care assessment", "CQC")).toBe(RegimeKind.cqcAdultSocialCare);
    expect(followUpDeadlines(RegimeKind.ilacs, "2022-06-15")).toEqual([]);
  });
});

describe("a calendar file", () => {
  it("is told from the register's files by its headings", () => {
    expect(isCalendarLayout([...CALENDAR_COLUMNS])).toBe(true);
    expect(
      isCalendarLayout(["Regime", "Inspectorate", "Directorate", "Last_Event", "Cycle_Months", "Readiness_Owner"]),
    ).toBe(true);
    expect(isCalendarLayout([...CANONICAL_COLUMNS])).toBe(false);
  });

  const good = {
    regime: "ILACS",
    inspectorate: "Ofsted",
    directorate: "CYPS",
    last_event: "June 2022",
    cycle_months: "36",
    next_expected: "",
    readiness_owner: "Head.Of.Quality@Example.org",
  };

  it("gives the next event from the last plus the cycle, unless the file gives it", () => {
    const checked = checkCalendarRows(CALENDAR_COLUMNS, [
      { line: 2, cells: good },
      {
        line: 3,
        cells: {
          ...good,
          regime: "LGA Corporate Peer Challenge",
          last_event: "5-8 June 2023",
          cycle_months: "60",
          next_expected: "2028-06-01",
        },
      },
    ]);
    expect(
      checked.ok && checked.rows.map((r) => [r.regime, r.nextExpected, r.nextExpectedGiven, r.readinessOwnerEmail]),
    ).toEqual([
      ["ILACS", "2025-06-01", false, "head.of.quality@example.org"],
      ["LGA Corporate Peer Challenge", "2028-06-01", true, "head.of.quality@example.org"],
    ]);
  });

  it("lists every bad row with what to fix", () => {
    const checked = checkCalendarRows(CALENDAR_COLUMNS, [
      { line: 2, cells: { ...good, cycle_months: "0" } },
      { line: 3, cells: { ...good, regime: "CQC", cycle_months: "121", last_event: "someday" } },
      { line: 4, cells: { ...good, regime: "SEND", readiness_owner: "not an email", directorate: "Parks" } },
      { line: 5, cells: { ...good, regime: "Peer", last_event: "", next_expected: "" } },
      { line: 6, cells: { ...good, regime: "ilacs ", cycle_months: "36" } },
      { line: 7, cells: { ...good, regime: "Far", last_event: "2100-12-01" } },
      { line: 8, cells: { ...good, regime: "x".repeat(301) } },
    ]);
    expect(checked.ok).toBe(false);
    const errors = checked.ok ? [] : checked.errors;
    const byLine = (line: number) =>
      errors
        .filter((e) => e.line === line)
        .map((e) => e.message)
        .join(" | ");
    expect(byLine(2)).toMatch(/cycle_months "0" must be a whole number of months from 1 to 120/);
    expect(byLine(3)).toMatch(/cycle_months "121"/);
    expect(byLine(3)).toMatch(/last_event .*someday/);
    expect(byLine(4)).toMatch(/readiness_owner: "not an email" is not an email address/);
    expect(byLine(4)).toMatch(/directorate "Parks" is not one I know/);
    expect(byLine(5)).toMatch(/last_event and next_expected are both empty/);
    expect(byLine(6)).toMatch(/regime "ilacs" is already on line 2/);
    expect(byLine(7)).toMatch(/next_expected \(last_event plus cycle_months\)/);
    expect(byLine(8)).toMatch(/regime is 301 characters long: at most 300/);
  });

  it("names the headings a calendar file lacks", () => {
    const checked = checkCalendarRows(
      ["regime", "cycle_months"],
      [{ line: 2, cells: { regime: "ILACS", cycle_months: "36" } }],
    );
    expect(checked.ok ? "" : checked.errors[0]!.message).toMatch(
      /lack inspectorate, directorate, last_event, readiness_owner/,
    );
  });
});
