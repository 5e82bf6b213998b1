/**
 * Reminder policy per priority: the REMINDER_PRIORITY_POLICY setting, checked against the council's labels,
 * and the item's priority choosing its policy where reminders are planned.
 */
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../../src/config.js";
import { planReminders, type ReminderSubject } from "../../../src/domain/reminders/reminder-policy.js";
import { reminderPolicyFromConfig } from "../../../src/services/reminders/policy-from-config.js";

/** Tuesday 1 December 2026, 10:00 London: seven working days after a target of Friday 20 November. */
const NOW = new Date("2026-12-01T10:00:00Z");
const overdue = (priority: string | null): ReminderSubject => ({
  open: true,
  effectiveTarget: "2026-11-20",
  hasOwner: true,
  lastUpdateAt: null,
  claims: [],
  priority,
});
const escalated = (subject: ReminderSubject, env: Record<string, string>) =>
  planReminders(subject, reminderPolicyFromConfig(loadConfig(env)), NOW).due.some((r) => r.kind === "escalation");

describe("reminders by priority", () => {
  const env = {
    REMINDER_PRIORITY_POLICY:
      '{"high":{"overdueEveryDays":7,"escalateAfterWorkingDays":5},"low":{"overdueEveryDays":14}}',
  };

  it("a high-priority item is escalated after 5 working days; medium and unprioritised items keep the base 10", () => {
    expect(escalated(overdue("high"), env)).toBe(true);
    expect(escalated(overdue("medium"), env)).toBe(false);
    expect(escalated(overdue(null), env)).toBe(false);
    // Without the setting every item has the base policy.
    expect(escalated(overdue("high"), {})).toBe(false);
  });

  it("follows the council's labels", () => {
    const bromsgrove = {
      PRIORITY_LABELS: "fundamental,important,desirable",
      REMINDER_PRIORITY_POLICY: '{"Fundamental":{"escalateAfterWorkingDays":5}}',
    };
    expect(escalated(overdue("fundamental"), bromsgrove)).toBe(true);
  });

  it.each([
    ["not JSON", "high: weekly", "REMINDER_PRIORITY_POLICY: must be JSON by priority label"],
    ["an unknown field", '{"high":{"chaseWeekly":true}}', "REMINDER_PRIORITY_POLICY: must be JSON by priority label"],
    [
      "a number as text",
      '{"high":{"overdueEveryDays":"7"}}',
      "REMINDER_PRIORITY_POLICY: must be JSON by priority label",
    ],
  ])("%s stops start-up saying what to write", (_, value, message) => {
    expect(() => loadConfig({ REMINDER_PRIORITY_POLICY: value })).toThrow(message);
  });

  it.each([
    [
      "a label the council does not use",
      '{"urgent":{"overdueEveryDays":3}}',
      'REMINDER_PRIORITY_POLICY: the reminder policy names priority "urgent", which is not one of the labels high, medium or low',
    ],
    [
      "chasing every 0 days",
      '{"high":{"overdueEveryDays":0}}',
      'chasing an overdue "high" item must be every 1 to 90 days',
    ],
  ])("%s is refused when the policy is built at start", (_, value, message) => {
    const config = loadConfig({ REMINDER_PRIORITY_POLICY: value });
    expect(() => reminderPolicyFromConfig(config)).toThrow(message);
  });
});
