/**
 * Priority in tables: the labels setting, reading an imported `priority` cell, ranking, and the reminder
 * policy per priority merged over the base policy (with weekends, Christmas and New Year's Day in the way).
 */
import { describe, expect, it } from "vitest";
import {
  buildPriorityReminderPolicies,
  comparePriority,
  DEFAULT_PRIORITY_LABELS,
  isOverdueTopPriority,
  isTopPriority,
  parsePriorityCell,
  parsePriorityLabels,
  priorityRank,
  type PriorityReminderOverrides,
} from "../../../src/domain/status/priority.js";
import { Progress } from "../../../src/domain/status/status.js";
import {
  DEFAULT_REMINDER_POLICY,
  reminderSchedule,
  type ReminderPolicy,
} from "../../../src/domain/reminders/reminder-policy.js";

const BROMSGROVE = ["fundamental", "important", "desirable"];

describe("the labels setting", () => {
  it.each([
    ["high,medium,low", ["high", "medium", "low"]],
    ["Fundamental, Important , Desirable", BROMSGROVE],
    ["must do,should do", ["must do", "should do"]],
  ])("%j gives %j, highest first", (text, labels) => {
    expect(parsePriorityLabels(text)).toEqual({ ok: true, value: labels });
  });

  it.each([
    [
      "high,,low",
      'give priority labels separated by commas, highest first, with none empty (e.g. high,medium,low); got "high,,low"',
    ],
    ["", 'give priority labels separated by commas, highest first, with none empty (e.g. high,medium,low); got ""'],
    ["high", "give between 2 and 6 priority labels, highest first (e.g. high,medium,low); got 1"],
    ["a,b,c,d,e,f,g", "give between 2 and 6 priority labels, highest first (e.g. high,medium,low); got 7"],
    ["high,medium,High", 'the priority label "high" is given twice: each label once, highest first'],
    ["1,2,3", '"1" is a number: give priority labels as words (e.g. high,medium,low), highest first'],
  ])("%j is refused: %s", (text, reason) => {
    expect(parsePriorityLabels(text)).toEqual({ ok: false, reason });
  });
});

describe("an imported priority cell", () => {
  it.each([
    ["High", DEFAULT_PRIORITY_LABELS, "high"],
    ["  low ", DEFAULT_PRIORITY_LABELS, "low"],
    ["MEDIUM priority", DEFAULT_PRIORITY_LABELS, "medium"],
    ["", DEFAULT_PRIORITY_LABELS, null],
    [null, DEFAULT_PRIORITY_LABELS, null],
    ["Fundamental", BROMSGROVE, "fundamental"],
    ["desirable", BROMSGROVE, "desirable"],
  ])("%j with labels %j reads as %j", (cell, labels, expected) => {
    expect(parsePriorityCell(cell, labels)).toEqual({ ok: true, value: expected });
  });

  it.each([
    [
      "urgent",
      DEFAULT_PRIORITY_LABELS,
      'priority "urgent" is not one of the council\'s labels: use high, medium or low, or leave it blank',
    ],
    [
      "1",
      DEFAULT_PRIORITY_LABELS,
      'priority "1" is not one of the council\'s labels: use high, medium or low, or leave it blank',
    ],
    [
      "High",
      BROMSGROVE,
      'priority "High" is not one of the council\'s labels: use fundamental, important or desirable, or leave it blank',
    ],
  ])("%j with labels %j is refused, naming the labels", (cell, labels, reason) => {
    expect(parsePriorityCell(cell, labels)).toEqual({ ok: false, reason });
  });
});

describe("ranking", () => {
  it("sorts highest first; no priority, and a label no longer in use, come last", () => {
    const priorities = ["low", null, "high", "retired", "medium", "high"];
    expect([...priorities].sort((a, b) => comparePriority(a, b, DEFAULT_PRIORITY_LABELS))).toEqual([
      "high",
      "high",
      "medium",
      "low",
      null,
      "retired",
    ]);
    expect(priorities.map((p) => priorityRank(p, DEFAULT_PRIORITY_LABELS))).toEqual([2, 3, 0, 3, 1, 0]);
  });

  it.each([
    ["high", DEFAULT_PRIORITY_LABELS, true],
    ["medium", DEFAULT_PRIORITY_LABELS, false],
    [null, DEFAULT_PRIORITY_LABELS, false],
    ["fundamental", BROMSGROVE, true],
    ["high", BROMSGROVE, false],
  ])("%j is the top priority of %j: %s", (priority, labels, top) => {
    expect(isTopPriority(priority, labels)).toBe(top);
  });
});

describe("overdue top-priority items, for the committee", () => {
  const open = (priority: string | null, effectiveTarget: string | null, progress: Progress = Progress.inProgress) => ({
    priority,
    progress,
    effectiveTarget,
  });
  it.each([
    ["high, a day past its target", open("high", "2025-06-30"), DEFAULT_PRIORITY_LABELS, "2025-07-01T08:00:00Z", true],
    ["high, on its target day", open("high", "2025-06-30"), DEFAULT_PRIORITY_LABELS, "2025-06-30T22:59:00Z", false],
    [
      "high, 00:30 London the day after (summer time)",
      open("high", "2025-06-30"),
      DEFAULT_PRIORITY_LABELS,
      "2025-06-30T23:30:00Z",
      true,
    ],
    [
      "high, 23:30 London on the target day (winter time)",
      open("high", "2025-12-31"),
      DEFAULT_PRIORITY_LABELS,
      "2025-12-31T23:30:00Z",
      false,
    ],
    [
      "high, not started and overdue",
      open("high", "2025-06-30", Progress.notStarted),
      DEFAULT_PRIORITY_LABELS,
      "2025-07-10T08:00:00Z",
      true,
    ],
    [
      "high, complete",
      open("high", "2025-06-30", Progress.complete),
      DEFAULT_PRIORITY_LABELS,
      "2025-07-10T08:00:00Z",
      false,
    ],
    ["high, TBC", open("high", null), DEFAULT_PRIORITY_LABELS, "2025-07-10T08:00:00Z", false],
    ["medium, overdue", open("medium", "2025-06-30"), DEFAULT_PRIORITY_LABELS, "2025-07-10T08:00:00Z", false],
    ["no priority, overdue", open(null, "2025-06-30"), DEFAULT_PRIORITY_LABELS, "2025-07-10T08:00:00Z", false],
    ["fundamental at Bromsgrove, overdue", open("fundamental", "2025-06-30"), BROMSGROVE, "2025-07-10T08:00:00Z", true],
  ])("%s", (_case, item, labels, now, expected) => {
    expect(isOverdueTopPriority(item, labels, new Date(now))).toBe(expected);
  });
});

describe("the reminder policy per priority", () => {
  const flintshire: PriorityReminderOverrides = {
    High: { overdueEveryDays: 7, escalateAfterWorkingDays: 5, workingDaysBefore: [0, 10, 5, 10] },
    low: { overdueEveryDays: 14 },
  };
  const built = buildPriorityReminderPolicies(DEFAULT_REMINDER_POLICY, flintshire, DEFAULT_PRIORITY_LABELS);
  if (!built.ok) throw new Error(built.reason);
  const policies = built.value;

  function sendDays(target: string, policy: ReminderPolicy, through: string) {
    return reminderSchedule(target, policy, through).map((r) => [r.kind, r.sendOn]);
  }

  it("without a priority, or without overrides, is the base policy itself: nothing changes", () => {
    expect(policies.policyFor(null)).toBe(DEFAULT_REMINDER_POLICY);
    expect(policies.policyFor("medium")).toBe(DEFAULT_REMINDER_POLICY);
    const none = buildPriorityReminderPolicies(DEFAULT_REMINDER_POLICY, {}, DEFAULT_PRIORITY_LABELS);
    expect(none.ok && none.value.policyFor("high")).toBe(DEFAULT_REMINDER_POLICY);
    expect(policies.policyFor("high")).toBe(policies.policyFor("high"));
  });

  it.each([
    [
      "high",
      "2025-12-18",
      [
        ["before_10", "2025-12-04"],
        ["before_5", "2025-12-11"],
        ["before_0", "2025-12-18"],
        ["overdue_1", "2025-12-29"],
        ["escalation", "2025-12-29"],
        ["overdue_2", "2026-01-02"],
        ["overdue_3", "2026-01-08"],
        ["overdue_4", "2026-01-15"],
      ],
    ],
    [
      "medium",
      "2025-12-18",
      [
        ["before_20", "2025-11-20"],
        ["before_10", "2025-12-04"],
        ["before_3", "2025-12-15"],
        ["before_0", "2025-12-18"],
        ["overdue_1", "2025-12-29"],
        ["overdue_2", "2026-01-02"],
        ["escalation", "2026-01-06"],
        ["overdue_3", "2026-01-08"],
        ["overdue_4", "2026-01-15"],
      ],
    ],
    [
      "low",
      "2025-12-18",
      [
        ["before_20", "2025-11-20"],
        ["before_10", "2025-12-04"],
        ["before_3", "2025-12-15"],
        ["before_0", "2025-12-18"],
        ["overdue_1", "2026-01-02"],
        ["escalation", "2026-01-06"],
        ["overdue_2", "2026-01-15"],
      ],
    ],
    [
      "high",
      "2025-04-21",
      [
        ["before_10", "2025-04-04"],
        ["before_5", "2025-04-11"],
        ["before_0", "2025-04-17"],
        ["overdue_1", "2025-04-28"],
        ["escalation", "2025-04-28"],
        ["overdue_2", "2025-05-06"],
        ["overdue_3", "2025-05-12"],
      ],
    ],
  ])("%s priority, target %s (Christmas and New Year; Easter Monday)", (priority, target, expected) => {
    const through = target === "2025-12-18" ? "2026-01-15" : "2025-05-12";
    expect(sendDays(target, policies.policyFor(priority), through)).toEqual(expected);
  });

  it("keeps the base policy's send window and update rounds", () => {
    const high = policies.policyFor("high");
    expect(high.window).toBe(DEFAULT_REMINDER_POLICY.window);
    expect(high.roundChaseWorkingDaysBefore).toBe(DEFAULT_REMINDER_POLICY.roundChaseWorkingDaysBefore);
  });

  it.each([
    [
      { urgent: { overdueEveryDays: 7 } },
      'the reminder policy names priority "urgent", which is not one of the labels high, medium or low',
    ],
    [
      { high: { overdueEveryDays: 0 } },
      'chasing an overdue "high" item must be every 1 to 90 days (7 is weekly); got 0',
    ],
    [
      { high: { overdueEveryDays: 3.5 } },
      'chasing an overdue "high" item must be every 1 to 90 days (7 is weekly); got 3.5',
    ],
    [
      { low: { escalateAfterWorkingDays: 200 } },
      'escalating an overdue "low" item must be after 1 to 120 working days; got 200',
    ],
    [
      { medium: { workingDaysBefore: [5, -1] } },
      'reminders before the target for "medium" must be whole numbers of working days from 0 to 120, e.g. 10,3,0',
    ],
  ])("overrides %j are refused: %s", (overrides, reason) => {
    expect(buildPriorityReminderPolicies(DEFAULT_REMINDER_POLICY, overrides, DEFAULT_PRIORITY_LABELS)).toEqual({
      ok: false,
      reason,
    });
  });
});
