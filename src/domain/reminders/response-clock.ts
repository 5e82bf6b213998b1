/**
 * The response clock: an item whose `responseDue` is set and whose `responseDate` is empty is waiting for a
 * response (the executive's response to a scrutiny report, two months after it was sent, Local Government
 * Act 2000 s9FE; the council's response to an Ombudsman public report, three months after the decision,
 * Local Government Act 1974 s31), whatever its source. While it waits, its owner is reminded before the day
 * and chased and escalated after it on the same policy as targets (working days, send window, claims), with
 * kinds of their own (`response_before_10`, `response_overdue_1`, `response_escalation`) so a claim for a
 * response never stands for, or blocks, a target's. Once the response is given the clock stops and the
 * item runs to its implementation target like any other.
 *
 * Pure: callers pass `now`.
 */
import { addMonths, daysBetween, splitIsoDate, type IsoDate } from "../dates/calendar-date.js";
import { monthName } from "../dates/months.js";
import { workingDaysBetween } from "../dates/working-days.js";
import {
  describeReminder,
  planReminders,
  ReminderFamily,
  type ReminderPlan,
  type ReminderPolicy,
  type ReminderSubject,
  type ScheduledReminder,
} from "./reminder-policy.js";

/** Every response reminder's kind starts with this; no target reminder's does. */
export const RESPONSE_KIND_PREFIX = "response_";

/** Months from the start of the clock to the day a response is due, by source. */
export const RESPONSE_MONTHS = { scrutiny: 2, ombudsman: 3 } as const;

/** The day a response is due: `months` after `start`, a month end kept as a month end (31 Dec + 2 = 28/29 Feb). */
export function responseDueAfter(start: IsoDate, months: number): IsoDate {
  return addMonths(start, months);
}

/** A scrutiny report's response is due two months after it went to the executive. */
export function scrutinyResponseDue(sentToExecutive: IsoDate): IsoDate {
  return responseDueAfter(sentToExecutive, RESPONSE_MONTHS.scrutiny);
}

/** Whether a claim's kind belongs to the response clock rather than to a target. */
export function isResponseKind(kind: string): boolean {
  return kind.startsWith(RESPONSE_KIND_PREFIX);
}

export interface ResponseFacts {
  responseDue: IsoDate | null;
  responseDate: IsoDate | null;
}

/** The clock runs while a response is due and none has been given. */
export function responseClockRunning(facts: ResponseFacts): boolean {
  return facts.responseDue !== null && facts.responseDate === null;
}

/** The subject as the response clock sees it: the due day stands for the target. */
export interface ResponseSubject extends Omit<ReminderSubject, "effectiveTarget" | "lastUpdateAt"> {
  responseDue: IsoDate | null;
}

const prefixed = (kind: string) => `${RESPONSE_KIND_PREFIX}${kind}`;

/**
 * Which response reminders are due now, and when to look again: the target policy run on the due day, its
 * kinds prefixed. An owner's progress note is not a response, so nothing but the response stops the chasing
 * and the escalation (the policy is told of no update). `claims` are this item's response claims for the
 * current due day, with their prefixed kinds.
 */
export function planResponseReminders(subject: ResponseSubject, policy: ReminderPolicy, now: Date): ReminderPlan {
  const plan = planReminders(
    {
      open: subject.open,
      hasOwner: subject.hasOwner,
      priority: subject.priority ?? null,
      effectiveTarget: subject.responseDue,
      lastUpdateAt: null,
      claims: subject.claims
        .filter((c) => isResponseKind(c.kind))
        .map((c) => ({ ...c, kind: c.kind.slice(RESPONSE_KIND_PREFIX.length) })),
    },
    policy,
    now,
  );
  return {
    due: plan.due.map((r): ScheduledReminder => ({ ...r, kind: prefixed(r.kind) })),
    next: plan.next ? { at: plan.next.at, kind: prefixed(plan.next.kind) } : null,
    abandoned: plan.abandoned.map(prefixed),
  };
}

/** "11 November 2019": the papers' own form for the day a response is due. */
export function longDay(date: IsoDate): string {
  const { year, month, day } = splitIsoDate(date);
  return `${day} ${monthName(month)} ${year}`;
}

/**
 * Why a response reminder went, in words for the card, naming whose response is due:
 * "Cabinet response due 11 November 2019 (in 3 working days)". `who` is "Cabinet response" for scrutiny.
 */
export function describeResponseReminder(
  reminder: Pick<ScheduledReminder, "family" | "targetDate">,
  today: IsoDate,
  who: string,
): string {
  const due = longDay(reminder.targetDate);
  if (reminder.family === ReminderFamily.escalation) {
    return `Escalated: ${who} due ${due} not yet given, ${workingDaysBetween(reminder.targetDate, today)} working days on`;
  }
  if (today < reminder.targetDate) {
    const days = workingDaysBetween(today, reminder.targetDate);
    if (days === 0) return `${who} due ${due}, not a working day: today is the last working day before it`;
    return `${who} due ${due} (in ${days} working day${days === 1 ? "" : "s"})`;
  }
  if (today === reminder.targetDate) return `${who} due today, ${due}`;
  const days = daysBetween(reminder.targetDate, today);
  const weeks = Math.floor(days / 7);
  const ago = weeks >= 1 ? `${weeks} week${weeks === 1 ? "" : "s"}` : `${days} day${days === 1 ? "" : "s"}`;
  return `${who} overdue: it was due ${due} (${ago} ago)`;
}

/** Whose response an item's clock waits for, by its review's source. */
export function responseNoun(source: string): string {
  if (source === "scrutiny") return "Cabinet response";
  if (source === "ombudsman") return "Response to the Ombudsman";
  return "Response";
}

/** Why any reminder went, in words: a response reminder names whose response is due, a target reminder its target. */
export function describeClockReminder(
  reminder: Pick<ScheduledReminder, "family" | "targetDate" | "kind">,
  today: IsoDate,
  source: string,
): string {
  if (isResponseKind(reminder.kind)) return describeResponseReminder(reminder, today, responseNoun(source));
  return describeReminder(reminder, today);
}
