/**
 * Stores each item's next reminder (Item.nextReminderAt / nextReminderKind) from the pure policy, and
 * cancels reminders claimed but not yet sent that no longer apply: the item's effective target moved,
 * the item was completed (or awaits the improvement team's check), it lost its owner, or a later reminder
 * overtook one a stopped sweep left behind.
 *
 * Call it after changing an item's target dates, progress, owner or verification, with the items changed:
 *   await planItemReminders(prisma, [itemId], new Date(), reminderPolicyFromConfig(config));
 * and with "all" after a bulk change such as an import. The sweep also replans every item once a day.
 *
 * An item waiting for a response (responseDue set, responseDate empty) is on the response clock
 * (domain/reminders/response-clock.ts) instead of its target's: its implementation is not agreed yet.
 */
import type { Store, Tx } from "../../data/database.js";
import { cancelPendingClaims, loadClaims, type StoredClaim } from "../../data/reminders/claims.js";
import { ClaimStatus, loadReminderItems, saveNextReminders, type ReminderItemRow } from "../../data/reminders/store.js";
import type { IsoDate } from "../../domain/dates/calendar-date.js";
import {
  planReminders,
  type ReminderPlan,
  type ReminderPolicy,
  type ReminderSubject,
} from "../../domain/reminders/reminder-policy.js";
import { isResponseKind, planResponseReminders, responseClockRunning } from "../../domain/reminders/response-clock.js";
import { effectiveTarget } from "../../domain/questions/select-items.js";
import { isOpen } from "../../domain/status/status.js";

type Db = Store | Tx;

export interface PlanReport {
  /** Items looked at. */
  items: number;
  /** Items whose next reminder changed. */
  changed: number;
  /** Pending claims cancelled. */
  cancelledClaims: number;
}

/** Whether the owner should be reminded at all: open, and not waiting for the improvement team to verify a completion. */
export function isRemindable(row: Pick<ReminderItemRow, "progress" | "verification">): boolean {
  return isOpen(row.progress) && row.verification !== "awaiting";
}

export function targetOf(row: Pick<ReminderItemRow, "originalTarget" | "revisedTarget">): IsoDate | null {
  return effectiveTarget(row);
}

/** Whether the item waits for a response, so the response clock rather than its target reminds its owner. */
export function onResponseClock(row: Pick<ReminderItemRow, "responseDue" | "responseDate">): boolean {
  return responseClockRunning({ responseDue: row.responseDue ?? null, responseDate: row.responseDate ?? null });
}

/** The day the item's running clock counts to: the response's due day, else the effective target. */
export function clockDateOf(row: ReminderItemRow): IsoDate | null {
  return onResponseClock(row) ? row.responseDue! : targetOf(row);
}

/** The policy's view of an item: its claims for the current target only (a moved target is a new set of reminders). */
export function reminderSubjectOf(row: ReminderItemRow, claims: readonly StoredClaim[]): ReminderSubject {
  const target = clockDateOf(row);
  const response = onResponseClock(row);
  return {
    open: isRemindable(row),
    effectiveTarget: target,
    hasOwner: row.ownerId !== null,
    lastUpdateAt: row.lastUpdateAt,
    priority: row.priority,
    claims: claims
      .filter((c) => c.targetDate === target && isResponseKind(c.kind) === response)
      .map((c) => ({
        kind: c.kind,
        leaseUntil: c.status === ClaimStatus.claimed ? (c.leaseUntil ?? new Date(0)) : null,
      })),
  };
}

/** Which reminders are due now for one item, on whichever clock it is on, and when to look at it next. */
export function planItemNow(
  row: ReminderItemRow,
  claims: readonly StoredClaim[],
  policy: ReminderPolicy,
  now: Date,
): ReminderPlan {
  const subject = reminderSubjectOf(row, claims);
  if (!onResponseClock(row)) return planReminders(subject, policy, now);
  return planResponseReminders({ ...subject, responseDue: subject.effectiveTarget }, policy, now);
}

/** Claimed-but-unsent claims of an item that its plan no longer wants (including those of the clock it left). */
export function claimsToCancel(row: ReminderItemRow, claims: readonly StoredClaim[], plan: ReminderPlan): number[] {
  const target = clockDateOf(row);
  const response = onResponseClock(row);
  const live = isRemindable(row) && row.ownerId !== null && target !== null;
  const abandoned = new Set(plan.abandoned);
  const stale = (c: StoredClaim) => c.targetDate !== target || isResponseKind(c.kind) !== response;
  return claims
    .filter((c) => c.status === ClaimStatus.claimed && (!live || stale(c) || abandoned.has(c.kind)))
    .map((c) => c.id);
}

export async function planItemReminders(
  db: Db,
  itemIds: readonly number[] | "all",
  now: Date,
  policy: ReminderPolicy,
): Promise<PlanReport> {
  const rows = await loadReminderItems(db, itemIds === "all" ? { all: true } : { ids: [...new Set(itemIds)] });
  return planLoadedItems(db, rows, now, policy);
}

/** Plans items already loaded (the sweep has them in hand). */
export async function planLoadedItems(
  db: Db,
  rows: readonly ReminderItemRow[],
  now: Date,
  policy: ReminderPolicy,
): Promise<PlanReport> {
  const claims = await loadClaims(
    db,
    rows.map((r) => r.id),
  );
  const changes: { id: number; at: Date | null; kind: string | null }[] = [];
  const cancel: number[] = [];
  for (const row of rows) {
    const itemClaims = claims.get(row.id) ?? [];
    const plan = planItemNow(row, itemClaims, policy, now);
    cancel.push(...claimsToCancel(row, itemClaims, plan));
    const at = plan.next?.at ?? null;
    const kind = plan.next?.kind ?? null;
    if (at?.getTime() !== row.nextReminderAt?.getTime() || kind !== row.nextReminderKind)
      changes.push({ id: row.id, at, kind });
  }
  const cancelledClaims = await cancelPendingClaims(db, cancel);
  await saveNextReminders(db, changes);
  return { items: rows.length, changed: changes.length, cancelledClaims };
}
