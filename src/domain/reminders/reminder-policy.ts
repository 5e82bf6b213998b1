/**
 * The reminder policy (DESIGN.md 4.3), pure and configurable. For one open item it says which reminders
 * are due now and when to look at the item next; the sweep stores that instant in Item.nextReminderAt.
 *
 * Reminders to the owner, about the item's effective target T (the revised target, else the original):
 * - before_N: N working days before T (before_0 is the day itself, or the working day before a target that
 *   falls on a weekend or bank holiday);
 * - overdue_K: every `overdueEveryDays` calendar days after T (K = 1, 2, ...), moved to the next working
 *   day when that day is not one.
 * And one escalation to the directorate's lead, `escalateAfterWorkingDays` working days after T, when
 * there has been no update since T.
 *
 * Every reminder goes when the send window opens on its day (09:00 London by default), and only inside
 * the window on a working day. A reminder that fell due while nothing was sending (downtime, a night, a
 * weekend) is caught up at the next opportunity, but only the latest one of each item counts: one catch-up
 * card, not the backlog. A reminder is also dropped when the owner updated the item after it fell due.
 * Claims (ReminderClaim rows) say which reminders were already taken by a sweep: settled ones never go
 * again; one still being sent (its lease running) is left to that sweep until its lease ends.
 */
import type { PriorityReminderPolicies } from "../status/priority.js";
import { compareDates, daysBetween, formatDay, londonDate, addDays, type IsoDate } from "../dates/calendar-date.js";
import {
  DEFAULT_SEND_WINDOW,
  isInsideSendWindow,
  nextSendOpportunity,
  windowOpening,
  type SendWindow,
} from "./send-window.js";
import {
  addWorkingDays,
  clampToDayCountRange,
  subtractWorkingDays,
  workingDaysBetween,
} from "../dates/working-days.js";

export const ReminderFamily = { before: "before", overdue: "overdue", escalation: "escalation" } as const;
export type ReminderFamily = (typeof ReminderFamily)[keyof typeof ReminderFamily];

export const ESCALATION_KIND = "escalation";

export interface ReminderPolicy {
  /** Working days before the effective target when the owner is reminded; 0 is the day itself. */
  workingDaysBefore: readonly number[];
  /** Calendar days between reminders once the target has passed. */
  overdueEveryDays: number;
  /** Working days after the target when an item with no update since is escalated to the directorate's lead. */
  escalateAfterWorkingDays: number;
  /** When reminders may be sent (London time, working days). */
  window: SendWindow;
  /** Update rounds: working days before the deadline when owners who have not replied are chased. */
  roundChaseWorkingDaysBefore: readonly number[];
  /** The policy each priority gets (priority.ts); absent, every item gets this one. */
  byPriority?: PriorityReminderPolicies;
}

export const DEFAULT_REMINDER_POLICY: ReminderPolicy = {
  workingDaysBefore: [20, 10, 3, 0],
  overdueEveryDays: 7,
  escalateAfterWorkingDays: 10,
  window: DEFAULT_SEND_WINDOW,
  roundChaseWorkingDaysBefore: [5, 2],
};

export interface ScheduledReminder {
  /** before_20 ... before_0, overdue_1, overdue_2 ..., escalation: with the target, the claim's key. */
  kind: string;
  family: ReminderFamily;
  /** The effective target the reminder is about. */
  targetDate: IsoDate;
  /** The working day it goes. */
  sendOn: IsoDate;
  /** When the window opens that day. */
  dueAt: Date;
}

export interface ReminderClaimState {
  kind: string;
  /** Null once settled (queued to send, or found unreachable); while a sweep holds it, when its hold ends. */
  leaseUntil: Date | null;
}

export interface ReminderSubject {
  /** Open (not started or in progress) and not awaiting the improvement team's check of a completion. */
  open: boolean;
  effectiveTarget: IsoDate | null;
  /** Items with no owner get no reminders (the improvement team's daily report counts them). */
  hasOwner: boolean;
  /** The owner's last update: a reminder that fell due before it is no longer needed. */
  lastUpdateAt: Date | null;
  /** Claims made for this item and its current effective target (cancelled ones left out). */
  claims: readonly ReminderClaimState[];
  /** The item's priority label, which may choose another policy (`byPriority`); absent or null, the base policy. */
  priority?: string | null;
}

export interface ReminderPlan {
  /** To send now: at most one reminder to the owner (the latest that fell due) and the escalation. */
  due: ScheduledReminder[];
  /** When the sweep should look at the item again, and for which reminder; null when nothing more will fall due. */
  next: { at: Date; kind: string } | null;
  /** Kinds claimed by a sweep that stopped before sending them, now overtaken by a later reminder: cancel them. */
  abandoned: string[];
}

function beforeKind(days: number): string {
  return `before_${days}`;
}

function scheduled(
  kind: string,
  family: ReminderFamily,
  targetDate: IsoDate,
  sendOn: IsoDate,
  policy: ReminderPolicy,
): ScheduledReminder {
  return { kind, family, targetDate, sendOn, dueAt: windowOpening(sendOn, policy.window) };
}

// A sweep asks about the same few hundred targets again and again: each target's reminders are worked
// out once per policy (pure values, so keeping them changes nothing but the time taken).
const scheduleMemo = new WeakMap<ReminderPolicy, Map<string, unknown>>();

function remembered<T>(policy: ReminderPolicy, key: string, compute: () => T): T {
  let memo = scheduleMemo.get(policy);
  if (!memo) {
    memo = new Map();
    scheduleMemo.set(policy, memo);
  }
  if (!memo.has(key)) memo.set(key, compute());
  return memo.get(key) as T;
}

/** The owner's reminders before the target, earliest first (on the same day, the nearer-to-target one last). */
export function beforeReminders(target: IsoDate, policy: ReminderPolicy): readonly ScheduledReminder[] {
  return remembered(policy, `before|${target}`, () =>
    [...new Set(policy.workingDaysBefore)]
      .sort((a, b) => b - a)
      .map((days) =>
        scheduled(beforeKind(days), ReminderFamily.before, target, subtractWorkingDays(target, days), policy),
      ),
  );
}

/** The K-th weekly (by default) reminder after the target. */
export function overdueReminder(target: IsoDate, k: number, policy: ReminderPolicy): ScheduledReminder {
  return remembered(policy, `overdue|${target}|${k}`, () =>
    scheduled(
      `overdue_${k}`,
      ReminderFamily.overdue,
      target,
      addWorkingDays(addDays(target, k * policy.overdueEveryDays), 0),
      policy,
    ),
  );
}

export function escalationReminder(target: IsoDate, policy: ReminderPolicy): ScheduledReminder {
  return remembered(policy, `escalation|${target}`, () =>
    scheduled(
      ESCALATION_KIND,
      ReminderFamily.escalation,
      target,
      addWorkingDays(target, policy.escalateAfterWorkingDays),
      policy,
    ),
  );
}

/**
 * Every reminder for a target that goes on or before `through`, in the order they go: what the
 * improvement team can check against the written policy.
 */
export function reminderSchedule(target: IsoDate, policy: ReminderPolicy, through: IsoDate): ScheduledReminder[] {
  const all = [...beforeReminders(target, policy)];
  // The K-th overdue reminder goes no earlier than target + K * every, so K stops by construction at
  // the count that fits before `through`; past the range where days are counted every reminder lands on
  // its end, so a far `through` counts no further.
  const lastK = Math.floor(daysBetween(target, clampToDayCountRange(through)) / policy.overdueEveryDays);
  for (let k = 1; k <= lastK; k += 1) all.push(overdueReminder(target, k, policy));
  all.push(escalationReminder(target, policy));
  return all.filter((r) => compareDates(r.sendOn, through) <= 0).sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
}

/** The latest owner reminder that has fallen due by `now`, and the first still to come. */
function ownerReminderAround(
  target: IsoDate,
  policy: ReminderPolicy,
  now: Date,
): { latest: ScheduledReminder | null; upcoming: ScheduledReminder[] } {
  const today = londonDate(now);
  const before = beforeReminders(target, policy);
  // Overdue reminders go on or just after target + K * every (moved to a working day, at most a few
  // days on), so only the K around today's count can be the latest past or the next to come.
  const elapsed = Math.max(0, Math.floor(daysBetween(target, today) / policy.overdueEveryDays));
  const lowest = Math.max(1, elapsed - Math.ceil(7 / policy.overdueEveryDays) - 1);
  const overdue: ScheduledReminder[] = [];
  for (let k = lowest; k <= elapsed + 2; k += 1) overdue.push(overdueReminder(target, k, policy));
  const candidates = [...before, ...overdue];
  const past = candidates.filter((r) => r.dueAt.getTime() <= now.getTime());
  // Overdue reminders below `lowest` are earlier than any in the window, so the window's latest is the latest.
  const latest = past.length ? past[past.length - 1]! : null;
  const upcoming = candidates.filter((r) => r.dueAt.getTime() > now.getTime());
  return { latest, upcoming };
}

function earliest(a: { at: Date; kind: string } | null, b: { at: Date; kind: string } | null) {
  if (!a) return b;
  if (!b) return a;
  return b.at.getTime() < a.at.getTime() ? b : a;
}

/** The policy an item gets: its priority's, when the council set one, else the base. */
export function policyForPriority(basePolicy: ReminderPolicy, priority: string | null | undefined): ReminderPolicy {
  return basePolicy.byPriority?.policyFor(priority ?? null) ?? basePolicy;
}

/** Which reminders are due now for one item, and when to look at it next. */
export function planReminders(subject: ReminderSubject, basePolicy: ReminderPolicy, now: Date): ReminderPlan {
  const policy = policyForPriority(basePolicy, subject.priority);
  const target = subject.effectiveTarget;
  if (!subject.open || !target || !subject.hasOwner) return { due: [], next: null, abandoned: [] };

  const claims = new Map(subject.claims.map((c) => [c.kind, c]));
  const settled = (kind: string) => claims.has(kind) && claims.get(kind)!.leaseUntil === null;
  const heldUntil = (kind: string): Date | null => {
    const lease = claims.get(kind)?.leaseUntil;
    return lease && lease.getTime() > now.getTime() ? lease : null;
  };
  const sendingAllowed = isInsideSendWindow(now, policy.window);
  const due: ScheduledReminder[] = [];
  const wanted = new Set<string>();
  let next: { at: Date; kind: string } | null = null;

  // A reminder that has fallen due and is not settled: send it now, or at the next opportunity, or
  // (while another sweep holds it) look again when that sweep's hold ends.
  const consider = (reminder: ScheduledReminder) => {
    wanted.add(reminder.kind);
    if (settled(reminder.kind)) return;
    const held = heldUntil(reminder.kind);
    if (held) {
      next = earliest(next, { at: nextSendOpportunity(held, policy.window), kind: reminder.kind });
    } else if (sendingAllowed) {
      due.push(reminder);
      next = earliest(next, { at: now, kind: reminder.kind });
    } else {
      next = earliest(next, { at: nextSendOpportunity(now, policy.window), kind: reminder.kind });
    }
  };

  const owner = ownerReminderAround(target, policy, now);
  const updatedSince = (instant: Date) =>
    subject.lastUpdateAt !== null && subject.lastUpdateAt.getTime() >= instant.getTime();
  if (owner.latest && !updatedSince(owner.latest.dueAt)) consider(owner.latest);
  const upcoming = owner.upcoming.find((r) => !settled(r.kind));
  if (upcoming) next = earliest(next, { at: upcoming.dueAt, kind: upcoming.kind });

  // "No update since it fell due": an update on the target day or later stops the escalation.
  const updatedSinceTarget = subject.lastUpdateAt !== null && londonDate(subject.lastUpdateAt) >= target;
  if (!updatedSinceTarget) {
    const escalation = escalationReminder(target, policy);
    if (escalation.dueAt.getTime() <= now.getTime()) consider(escalation);
    else if (!settled(escalation.kind)) next = earliest(next, { at: escalation.dueAt, kind: escalation.kind });
  }

  // Claims a stopped sweep left behind that a later reminder or an update has overtaken: nobody will send them now.
  const abandoned = subject.claims
    .filter((c) => c.leaseUntil !== null && c.leaseUntil.getTime() <= now.getTime() && !wanted.has(c.kind))
    .map((c) => c.kind);
  return { due, next, abandoned };
}

/** How an overdue item is chased, in words: "weekly reminders", "fortnightly reminders", "reminders every 3 days". */
export function chasingReminders(overdueEveryDays: number): string {
  const named: Record<number, string> = { 1: "daily", 7: "weekly", 14: "fortnightly" };
  const word = named[overdueEveryDays];
  return word ? `${word} reminders` : `reminders every ${overdueEveryDays} days`;
}

/** Why a reminder went, in words for the card: "Due in 3 working days (target 5 Jun 2025)". */
export function describeReminder(reminder: Pick<ScheduledReminder, "family" | "targetDate">, today: IsoDate): string {
  const target = reminder.targetDate;
  if (reminder.family === ReminderFamily.escalation) {
    return `Escalated: ${workingDaysBetween(target, today)} working days past its target ${formatDay(target)} with no update since`;
  }
  if (today < target) {
    const days = workingDaysBetween(today, target);
    if (days === 0) return `Due ${formatDay(target)}, not a working day: today is the last working day before it`;
    return `Due in ${days} working day${days === 1 ? "" : "s"} (target ${formatDay(target)})`;
  }
  if (today === target) return `Due today (target ${formatDay(target)})`;
  const days = daysBetween(target, today);
  const weeks = Math.floor(days / 7);
  const ago = weeks >= 1 ? `${weeks} week${weeks === 1 ? "" : "s"}` : `${days} day${days === 1 ? "" : "s"}`;
  return `Overdue: the target was ${formatDay(target)} (${ago} ago)`;
}
