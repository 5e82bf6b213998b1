/** The reminder policy as configured (REMINDER_* and ESCALATE_AFTER_WORKING_DAYS; README "Reminders"). */
import type { Config } from "../../config.js";
import { DEFAULT_REMINDER_POLICY, type ReminderPolicy } from "../../domain/reminders/reminder-policy.js";
import { parseSendWindow } from "../../domain/reminders/send-window.js";
import { buildPriorityReminderPolicies, DEFAULT_PRIORITY_LABELS } from "../../domain/status/priority.js";

export type ReminderConfig = Pick<
  Config,
  "REMINDER_WORKING_DAYS_BEFORE" | "REMINDER_OVERDUE_EVERY_DAYS" | "ESCALATE_AFTER_WORKING_DAYS" | "REMINDER_WINDOW"
> &
  Partial<Pick<Config, "REMINDER_PRIORITY_POLICY" | "PRIORITY_LABELS">>;

export function reminderPolicyFromConfig(config: ReminderConfig): ReminderPolicy {
  const window = parseSendWindow(config.REMINDER_WINDOW);
  if (!window)
    throw new Error(
      `REMINDER_WINDOW "${config.REMINDER_WINDOW}" must be two London times, the first earlier, e.g. 09:00-17:00`,
    );
  const base: ReminderPolicy = {
    ...DEFAULT_REMINDER_POLICY,
    workingDaysBefore: config.REMINDER_WORKING_DAYS_BEFORE,
    overdueEveryDays: config.REMINDER_OVERDUE_EVERY_DAYS,
    escalateAfterWorkingDays: config.ESCALATE_AFTER_WORKING_DAYS,
    window,
  };
  const overrides = config.REMINDER_PRIORITY_POLICY ?? {};
  if (Object.keys(overrides).length === 0) return base;
  const byPriority = buildPriorityReminderPolicies(base, overrides, config.PRIORITY_LABELS ?? DEFAULT_PRIORITY_LABELS);
  if (!byPriority.ok) throw new Error(`REMINDER_PRIORITY_POLICY: ${byPriority.reason}`);
  return { ...base, byPriority: byPriority.value };
}
