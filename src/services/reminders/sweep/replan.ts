/**
 * The sweep's planning around its work: the full replan at the first sweep of each London day (so changes
 * made without a replan, such as an import moving targets, are picked up within a day), and the replan of
 * the items it looked at once their cards are queued (the claimed ones move on, the rest wait for theirs).
 */
import type { Store } from "../../../data/database.js";
import { claimDailyFullPlan } from "../../../data/reminders/claims.js";
import { runAlone, WorkLock } from "../../../data/work-locks.js";
import { loadReminderItems, type ReminderItemRow } from "../../../data/reminders/store.js";
import { londonDate } from "../../../domain/dates/calendar-date.js";
import type { ReminderPolicy } from "../../../domain/reminders/reminder-policy.js";
import { planItemReminders, planLoadedItems, type PlanReport } from "../plan-reminders.js";

/** Replans every item if this is the day's first sweep on any instance; undefined otherwise. */
export async function planEveryItemOnceADay(
  store: Store,
  now: Date,
  policy: ReminderPolicy,
): Promise<PlanReport | undefined> {
  // One instance at a time looks (a database lock on PostgreSQL); the day's claim makes it once a day.
  const outcome = await runAlone(store, WorkLock.fullReplan, async () => {
    if (!(await claimDailyFullPlan(store, londonDate(now)))) return undefined;
    return planItemReminders(store, "all", now, policy);
  });
  return outcome.ran ? outcome.value : undefined;
}

/** Plans the next reminder of each item looked at, as it stands now the sweep has queued its cards. */
export async function replanLookedAt(
  store: Store,
  looked: readonly ReminderItemRow[],
  now: Date,
  policy: ReminderPolicy,
): Promise<PlanReport> {
  const rows = await loadReminderItems(store, { ids: looked.map((row) => row.id) });
  return planLoadedItems(store, rows, now, policy);
}

/** Two plan reports as one. */
export function addPlanReports(first: PlanReport | undefined, second: PlanReport): PlanReport {
  if (!first) return second;
  return {
    items: first.items + second.items,
    changed: first.changed + second.changed,
    cancelledClaims: first.cancelledClaims + second.cancelledClaims,
  };
}
