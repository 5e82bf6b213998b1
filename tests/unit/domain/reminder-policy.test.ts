/**
 * The reminder policy in tables: when each reminder goes for targets around weekends, bank holidays,
 * month ends and the clock changes; which reminders are due at a given instant; catch-up after downtime.
 * Instants are written in UTC: 09:00 London is 08:00Z in summer time and 09:00Z in winter.
 */
import { describe, expect, it } from "vitest";
import { addDays } from "../../../src/domain/dates/calendar-date.js";
import {
  DEFAULT_REMINDER_POLICY as policy,
  describeReminder,
  planReminders,
  reminderSchedule,
  type ReminderClaimState,
  type ReminderSubject,
} from "../../../src/domain/reminders/reminder-policy.js";
import { dueRoundChase, roundChases } from "../../../src/domain/updates/round-chase-policy.js";
import { isInsideSendWindow, nextSendOpportunity, parseSendWindow } from "../../../src/domain/reminders/send-window.js";

const at = (iso: string) => new Date(iso);
const iso = (d: Date | undefined | null) => d?.toISOString() ?? null;

function schedule(target: string) {
  const rows = reminderSchedule(target, policy, addDays(target, 30)).filter(
    (r) => r.family !== "overdue" || r.kind === "overdue_1",
  );
  return Object.fromEntries(rows.map((r) => [r.kind, r.sendOn]));
}

describe("when each reminder goes (default policy: 20, 10, 3 working days before, on the day, weekly after, escalation after 10 working days)", () => {
  it.each([
    [
      "2025-06-30",
      "a Monday month end",
      {
        before_20: "2025-06-02",
        before_10: "2025-06-16",
        before_3: "2025-06-25",
        before_0: "2025-06-30",
        overdue_1: "2025-07-07",
        escalation: "2025-07-14",
      },
    ],
    [
      "2025-12-31",
      "New Year's Eve: back over Christmas, on over New Year's Day",
      {
        before_20: "2025-12-01",
        before_10: "2025-12-15",
        before_3: "2025-12-24",
        before_0: "2025-12-31",
        overdue_1: "2026-01-07",
        escalation: "2026-01-15",
      },
    ],
    [
      "2025-04-21",
      "Easter Monday: 'on the day' is the Thursday before Good Friday",
      {
        before_20: "2025-03-21",
        before_10: "2025-04-04",
        before_3: "2025-04-15",
        before_0: "2025-04-17",
        overdue_1: "2025-04-28",
        escalation: "2025-05-06",
      },
    ],
    [
      "2026-05-04",
      "the early May bank holiday",
      {
        before_20: "2026-04-02",
        before_10: "2026-04-20",
        before_3: "2026-04-29",
        before_0: "2026-05-01",
        overdue_1: "2026-05-11",
        escalation: "2026-05-18",
      },
    ],
    [
      "2025-08-25",
      "the late August bank holiday",
      {
        before_20: "2025-07-28",
        before_10: "2025-08-11",
        before_3: "2025-08-20",
        before_0: "2025-08-22",
        overdue_1: "2025-09-01",
        escalation: "2025-09-08",
      },
    ],
    [
      "2025-05-31",
      'a Saturday month end ("May-25")',
      {
        before_20: "2025-05-01",
        before_10: "2025-05-16",
        before_3: "2025-05-28",
        before_0: "2025-05-30",
        overdue_1: "2025-06-09",
        escalation: "2025-06-13",
      },
    ],
    [
      "2025-12-18",
      "weekly reminders moved off Christmas Day and New Year's Day",
      {
        before_20: "2025-11-20",
        before_10: "2025-12-04",
        before_3: "2025-12-15",
        before_0: "2025-12-18",
        overdue_1: "2025-12-29",
        escalation: "2026-01-06",
      },
    ],
  ])("target %s (%s)", (target, _why, expected) => {
    expect(schedule(target)).toEqual(expected);
  });

  it("keeps weekly reminders going, each moved to a working day", () => {
    const overdue = reminderSchedule("2025-12-18", policy, "2026-01-31")
      .filter((r) => r.family === "overdue")
      .map((r) => [r.kind, r.sendOn]);
    expect(overdue).toEqual([
      ["overdue_1", "2025-12-29"],
      ["overdue_2", "2026-01-02"],
      ["overdue_3", "2026-01-08"],
      ["overdue_4", "2026-01-15"],
      ["overdue_5", "2026-01-22"],
      ["overdue_6", "2026-01-29"],
    ]);
  });

  it.each([
    [
      "2025-03-31",
      "the Monday after the clocks go forward",
      { before_3: "2025-03-26T09:00:00.000Z", before_0: "2025-03-31T08:00:00.000Z" },
    ],
    [
      "2025-10-27",
      "the Monday after the clocks go back",
      { before_3: "2025-10-22T08:00:00.000Z", before_0: "2025-10-27T09:00:00.000Z" },
    ],
    [
      "2026-03-30",
      "2026's spring change (29 March)",
      { before_3: "2026-03-25T09:00:00.000Z", before_0: "2026-03-30T08:00:00.000Z" },
    ],
  ])("target %s (%s): each reminder goes at 09:00 London time", (target, _why, expected) => {
    const rows = reminderSchedule(target, policy, target);
    expect(
      Object.fromEntries(rows.filter((r) => r.kind in expected).map((r) => [r.kind, r.dueAt.toISOString()])),
    ).toEqual(expected);
  });

  it("follows a configured policy", () => {
    const custom = { ...policy, workingDaysBefore: [5, 1], overdueEveryDays: 14, escalateAfterWorkingDays: 3 };
    const rows = reminderSchedule("2025-06-30", custom, "2025-07-31");
    expect(rows.map((r) => [r.kind, r.sendOn])).toEqual([
      ["before_5", "2025-06-23"],
      ["before_1", "2025-06-27"],
      ["escalation", "2025-07-03"],
      ["overdue_1", "2025-07-14"],
      ["overdue_2", "2025-07-28"],
    ]);
  });
});

describe("the send window: 09:00 to 17:00 London time on working days", () => {
  it.each([
    ["2025-03-31T07:59:00Z", false, "08:59 BST, the first Monday of summer time"],
    ["2025-03-31T08:00:00Z", true, "09:00 BST"],
    ["2025-03-31T15:59:00Z", true, "16:59 BST"],
    ["2025-03-31T16:00:00Z", false, "17:00 BST"],
    ["2025-03-28T08:30:00Z", false, "08:30 GMT on the Friday before the change"],
    ["2025-03-28T09:00:00Z", true, "09:00 GMT"],
    ["2025-03-28T16:30:00Z", true, "16:30 GMT"],
    ["2025-10-27T08:30:00Z", false, "08:30 GMT, the first Monday of winter time"],
    ["2025-10-24T08:30:00Z", true, "09:30 BST on the Friday before"],
    ["2025-10-24T16:30:00Z", false, "17:30 BST"],
    ["2025-06-07T10:00:00Z", false, "a Saturday"],
    ["2025-12-25T10:00:00Z", false, "Christmas Day"],
    ["2025-08-25T10:00:00Z", false, "the late August bank holiday"],
  ])("%s inside: %s (%s)", (instant, expected) => {
    expect(isInsideSendWindow(at(instant), policy.window)).toBe(expected);
  });

  it.each([
    ["2025-03-28T17:30:00Z", "2025-03-31T08:00:00.000Z", "Friday evening GMT to Monday 09:00 BST"],
    ["2025-10-24T17:30:00Z", "2025-10-27T09:00:00.000Z", "Friday evening BST to Monday 09:00 GMT"],
    ["2025-04-17T18:00:00Z", "2025-04-22T08:00:00.000Z", "Maundy Thursday evening to the Tuesday after Easter"],
    ["2025-12-24T17:00:00Z", "2025-12-29T09:00:00.000Z", "Christmas Eve to the Monday after Boxing Day"],
    ["2025-06-02T06:00:00Z", "2025-06-02T08:00:00.000Z", "early morning to the same day's opening"],
    ["2025-06-02T10:00:00Z", "2025-06-02T10:00:00.000Z", "inside the window: now"],
  ])("next send opportunity after %s is %s (%s)", (instant, expected) => {
    expect(nextSendOpportunity(at(instant), policy.window).toISOString()).toBe(expected);
  });

  it("reads the window setting and refuses nonsense", () => {
    expect(parseSendWindow("09:00-17:00")).toEqual({ startMinute: 540, endMinute: 1020 });
    expect(parseSendWindow("08:30-12:15")).toEqual({ startMinute: 510, endMinute: 735 });
    expect(parseSendWindow("17:00-09:00")).toBeNull();
    expect(parseSendWindow("25:00-26:00")).toBeNull();
    expect(parseSendWindow("9-5")).toBeNull();
  });
});

function subject(changes: Partial<ReminderSubject> = {}): ReminderSubject {
  return { open: true, effectiveTarget: "2025-06-30", hasOwner: true, lastUpdateAt: null, claims: [], ...changes };
}
const settled = (...kinds: string[]): ReminderClaimState[] => kinds.map((kind) => ({ kind, leaseUntil: null }));

describe("planReminders: what is due now and when to look again (target Monday 30 June 2025)", () => {
  it.each([
    ["before the first reminder", subject(), "2025-06-01T10:00:00Z", [], "2025-06-02T08:00:00.000Z", "before_20"],
    [
      "when the first reminder falls due",
      subject(),
      "2025-06-02T08:00:00Z",
      ["before_20"],
      "2025-06-02T08:00:00.000Z",
      "before_20",
    ],
    [
      "once it is claimed",
      subject({ claims: settled("before_20") }),
      "2025-06-02T08:05:00Z",
      [],
      "2025-06-16T08:00:00.000Z",
      "before_10",
    ],
    [
      "after downtime: only the latest reminder (before_3), not the backlog",
      subject(),
      "2025-06-26T10:00:00Z",
      ["before_3"],
      "2025-06-26T10:00:00.000Z",
      "before_3",
    ],
    [
      "after downtime past the target: the latest weekly reminder and the escalation",
      subject(),
      "2025-07-22T12:00:00Z",
      ["overdue_3", "escalation"],
      "2025-07-22T12:00:00.000Z",
      "overdue_3",
    ],
    [
      "after hours: nothing now, the next morning",
      subject(),
      "2025-06-02T17:00:00Z",
      [],
      "2025-06-03T08:00:00.000Z",
      "before_20",
    ],
    [
      "at the weekend: nothing now, Monday 09:00",
      subject({ claims: settled("before_20", "before_10") }),
      "2025-06-28T10:00:00Z",
      [],
      "2025-06-30T08:00:00.000Z",
      "before_3",
    ],
    [
      "the owner updated after it fell due: dropped",
      subject({ lastUpdateAt: at("2025-06-25T12:00:00Z") }),
      "2025-06-26T10:00:00Z",
      [],
      "2025-06-30T08:00:00.000Z",
      "before_0",
    ],
    [
      "an update on the target day stops the escalation, not the weekly reminder",
      subject({ lastUpdateAt: at("2025-06-30T15:00:00Z"), claims: settled("before_0", "overdue_1") }),
      "2025-07-14T10:00:00Z",
      ["overdue_2"],
      "2025-07-14T10:00:00.000Z",
      "overdue_2",
    ],
    [
      "an update before the target does not stop the escalation",
      subject({ lastUpdateAt: at("2025-06-20T12:00:00Z"), claims: settled("before_0", "overdue_1", "overdue_2") }),
      "2025-07-14T10:00:00Z",
      ["escalation"],
      "2025-07-14T10:00:00.000Z",
      "escalation",
    ],
    [
      "escalated and reminded: the next weekly reminder",
      subject({ claims: settled("overdue_2", "escalation") }),
      "2025-07-14T10:00:00Z",
      [],
      "2025-07-21T08:00:00.000Z",
      "overdue_3",
    ],
    ["a completed item", subject({ open: false }), "2025-06-26T10:00:00Z", [], null, null],
    ["no target date (TBC)", subject({ effectiveTarget: null }), "2025-06-26T10:00:00Z", [], null, null],
    ["no owner", subject({ hasOwner: false }), "2025-06-26T10:00:00Z", [], null, null],
  ])("%s", (_case, item, now, due, nextAt, nextKind) => {
    const plan = planReminders(item, policy, at(now));
    expect(plan.due.map((r) => r.kind)).toEqual(due);
    expect(iso(plan.next?.at)).toBe(nextAt);
    expect(plan.next?.kind ?? null).toBe(nextKind);
  });

  it("leaves a reminder another sweep holds to that sweep until its lease ends, then takes it back", () => {
    const held = subject({ claims: [{ kind: "before_3", leaseUntil: at("2025-06-26T10:10:00Z") }] });
    const during = planReminders(held, policy, at("2025-06-26T10:00:00Z"));
    expect(during.due).toEqual([]);
    expect(iso(during.next?.at)).toBe("2025-06-26T10:10:00.000Z");
    const after = planReminders(held, policy, at("2025-06-26T10:11:00Z"));
    expect(after.due.map((r) => r.kind)).toEqual(["before_3"]);
    expect(after.abandoned).toEqual([]);
  });

  it("abandons a claim a stopped sweep left behind once a later reminder overtakes it", () => {
    const plan = planReminders(
      subject({ claims: [{ kind: "before_10", leaseUntil: at("2025-06-17T08:10:00Z") }] }),
      policy,
      at("2025-06-26T10:00:00Z"),
    );
    expect(plan.due.map((r) => r.kind)).toEqual(["before_3"]);
    expect(plan.abandoned).toEqual(["before_10"]);
  });

  it.each([
    ["2025-03-31", "2025-03-31T07:30:00Z", false, "08:30 BST on the day after the clocks go forward"],
    ["2025-03-31", "2025-03-31T08:00:00Z", true, "09:00 BST"],
    ["2025-10-27", "2025-10-27T08:30:00Z", false, "08:30 GMT on the day after the clocks go back"],
    ["2025-10-27", "2025-10-27T09:00:00Z", true, "09:00 GMT"],
  ])("target %s at %s: the on-the-day reminder is due: %s (%s)", (target, now, expected) => {
    const plan = planReminders(
      subject({ effectiveTarget: target, claims: settled("before_20", "before_10", "before_3") }),
      policy,
      at(now),
    );
    expect(plan.due.map((r) => r.kind)).toEqual(expected ? ["before_0"] : []);
    if (!expected) expect(plan.next?.kind).toBe("before_0");
  });

  it("says why each reminder went", () => {
    const [before3, before0, overdue, escalation] = ["before_3", "before_0", "overdue_1", "escalation"].map((kind) =>
      reminderSchedule("2025-06-30", policy, "2025-12-31").find((r) => r.kind === kind)!,
    );
    expect(describeReminder(before3!, "2025-06-25")).toBe("Due in 3 working days (target 30 Jun 2025)");
    expect(describeReminder(before0!, "2025-06-30")).toBe("Due today (target 30 Jun 2025)");
    expect(describeReminder(overdue!, "2025-07-07")).toBe("Overdue: the target was 30 Jun 2025 (1 week ago)");
    expect(describeReminder(escalation!, "2025-07-14")).toBe(
      "Escalated: 10 working days past its target 30 Jun 2025 with no update since",
    );
    expect(describeReminder({ family: "before", targetDate: "2025-05-31" }, "2025-05-30")).toBe(
      "Due 31 May 2025, not a working day: today is the last working day before it",
    );
  });
});

describe("update round chases: 5 and 2 working days before the deadline", () => {
  const round = { deadline: "2025-12-15", startedAt: at("2025-12-01T10:00:00Z") };

  it.each([
    [
      "2025-12-15",
      "2025-12-01T10:00:00Z",
      [
        ["chase_5", "2025-12-08"],
        ["chase_2", "2025-12-11"],
      ],
    ],
    [
      "2026-01-05",
      "2025-12-01T10:00:00Z",
      [
        ["chase_5", "2025-12-24"],
        ["chase_2", "2025-12-31"],
      ],
    ],
    ["2025-12-15", "2025-12-09T10:00:00Z", [["chase_2", "2025-12-11"]]],
  ])("deadline %s, started %s", (deadline, startedAt, expected) => {
    expect(roundChases(deadline, startedAt.slice(0, 10), policy).map((c) => [c.kind, c.sendOn])).toEqual(expected);
  });

  it.each([
    ["2025-12-08T08:59:00Z", [], null, "before the window opens on the day"],
    ["2025-12-08T09:00:00Z", [], "chase_5", "when it opens"],
    ["2025-12-08T10:00:00Z", ["chase_5"], null, "once sent"],
    ["2025-12-11T09:00:00Z", ["chase_5"], "chase_2", "the second chase"],
    ["2025-12-12T10:00:00Z", [], "chase_2", "after downtime, only the latest"],
    ["2025-12-12T10:00:00Z", ["chase_2"], null, "a later chase covers the earlier"],
    ["2025-12-13T10:00:00Z", [], null, "never on a Saturday"],
  ])("at %s having had %j: %s (%s)", (now, chased, expected, _why) => {
    expect(dueRoundChase(round, chased, policy, at(now))?.kind ?? null).toBe(expected);
  });
});
