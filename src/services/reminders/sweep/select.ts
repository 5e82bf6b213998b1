/**
 * The sweep's first step: what is due. The items whose stored next reminder has fallen due (for a dry
 * run, every open item, so its answer does not depend on the stored plan), each put to the pure reminder
 * policy with the claims it already has; the policy says which of its reminders are due.
 */
import type { Store } from "../../../data/database.js";
import { loadClaims } from "../../../data/reminders/claims.js";
import { loadReminderItems, type ReminderItemRow } from "../../../data/reminders/store.js";
import type { ReminderPolicy, ScheduledReminder } from "../../../domain/reminders/reminder-policy.js";
import { planItemNow } from "../plan-reminders.js";

/** A reminder the policy says is due, with the item it is about. */
export interface DueReminder {
  row: ReminderItemRow;
  reminder: ScheduledReminder;
}

export interface Selection {
  /** Every item looked at (each gets its next reminder planned after the sweep). */
  looked: ReminderItemRow[];
  due: DueReminder[];
}

/** The reminders due at `evaluatedAt`: on the items due by `now`, or on every item for a dry run. */
export async function selectDueReminders(
  store: Store,
  policy: ReminderPolicy,
  now: Date,
  evaluatedAt: Date,
  dryRun: boolean,
): Promise<Selection> {
  const looked = await loadReminderItems(store, dryRun ? { all: true } : { dueBy: now });
  const claims = await loadClaims(
    store,
    looked.map((row) => row.id),
  );
  const due: DueReminder[] = [];
  for (const row of looked) {
    const plan = planItemNow(row, claims.get(row.id) ?? [], policy, evaluatedAt);
    for (const reminder of plan.due) due.push({ row, reminder });
  }
  return { looked, due };
}
