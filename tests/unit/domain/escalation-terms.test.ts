/**
 * The words an escalation uses for an item's policy, in tables: how an overdue item was chased, and which
 * policy an item gets by its priority (its own when the council set one, else the base).
 */
import { describe, expect, it } from "vitest";
import { buildPriorityReminderPolicies, DEFAULT_PRIORITY_LABELS } from "../../../src/domain/status/priority.js";
import {
  chasingReminders,
  DEFAULT_REMINDER_POLICY,
  policyForPriority,
} from "../../../src/domain/reminders/reminder-policy.js";

describe("chasingReminders", () => {
  it.each([
    [1, "daily reminders"],
    [7, "weekly reminders"],
    [14, "fortnightly reminders"],
    [3, "reminders every 3 days"],
    [28, "reminders every 28 days"],
  ])("every %i days reads %s", (days, words) => {
    expect(chasingReminders(days)).toBe(words);
  });
});

describe("policyForPriority", () => {
  const built = buildPriorityReminderPolicies(
    DEFAULT_REMINDER_POLICY,
    { high: { escalateAfterWorkingDays: 5 }, low: { overdueEveryDays: 14 } },
    DEFAULT_PRIORITY_LABELS,
  );
  if (!built.ok) throw new Error(built.reason);
  const policy = { ...DEFAULT_REMINDER_POLICY, byPriority: built.value };

  it.each([
    ["high", 5, 7],
    ["low", 10, 14],
    ["medium", 10, 7],
    [null, 10, 7],
    [undefined, 10, 7],
  ])("an item of priority %s is escalated after %i working days and chased every %i days", (priority, days, every) => {
    expect(policyForPriority(policy, priority)).toMatchObject({
      escalateAfterWorkingDays: days,
      overdueEveryDays: every,
    });
  });

  it("without per-priority policies, every item gets the base policy itself", () => {
    expect(policyForPriority(DEFAULT_REMINDER_POLICY, "high")).toBe(DEFAULT_REMINDER_POLICY);
  });
});
