/**
 * The cards a reminder sweep queues, as the activities the outbox sends: one per owner listing their due
 * reminders (most urgent first, at most 20 shown), and the escalation to a directorate's lead and
 * leadership channel. The wording lives here; the templates and rendering in src/cards.
 */
import {
  cardActivity,
  renderReminderCard,
  type ReminderCardContent,
  type ReminderCardItem,
} from "../../../cards/reminder-card.js";
import type { IsoDate } from "../../../domain/dates/calendar-date.js";
import { directorateName } from "../../../domain/register/directorates.js";
import { plural } from "../../../domain/text/readable-text.js";
import {
  chasingReminders,
  policyForPriority,
  ReminderFamily,
  type ReminderPolicy,
  type ScheduledReminder,
} from "../../../domain/reminders/reminder-policy.js";
import { describeClockReminder } from "../../../domain/reminders/response-clock.js";
import { reminderCardItem } from "../card-items.js";
import type { ClaimedReminder } from "./claim.js";
import type { DueReminder } from "./select.js";

/** A card longer than this is hard to act on (and Teams caps a message at about 28 KB). */
const MAX_ITEMS_PER_CARD = 20;

/** Overdue and escalated items first (oldest target first), then the soonest due. */
export function byUrgency(a: DueReminder, b: DueReminder): number {
  return a.reminder.targetDate.localeCompare(b.reminder.targetDate) || a.row.id - b.row.id;
}

function isUrgent(reminder: ScheduledReminder, today: IsoDate): boolean {
  return reminder.family !== ReminderFamily.before || reminder.targetDate < today;
}

/** An owner's reminder card as content: its wording, and each item shown with why it is listed. */
export function ownerCardContent(claims: readonly ClaimedReminder[], today: IsoDate): ReminderCardContent {
  const sorted = [...claims].sort(byUrgency);
  const shown = sorted.slice(0, MAX_ITEMS_PER_CARD);
  const overdue = sorted.filter((c) => c.reminder.targetDate < today).length;
  const n = sorted.length;
  const title = n === 1 ? "One of your actions needs an update" : `${n} of your actions need an update`;
  const intro = [
    overdue
      ? `${overdue === n ? (n === 1 ? "It is" : "All are") : `${overdue} ${overdue === 1 ? "is" : "are"}`} past the target date.`
      : "",
    "Press Update on each to record progress, ask for a revised date (with the reason), or mark it complete with evidence.",
  ]
    .filter(Boolean)
    .join(" ");
  const items: ReminderCardItem[] = shown.map((c) =>
    reminderCardItem(
      c.row,
      describeClockReminder(c.reminder, today, c.row.reviewSource ?? ""),
      isUrgent(c.reminder, today),
      today,
    ),
  );
  const note = n > shown.length ? `And ${n - shown.length} more: ask me "my actions" to see them all.` : "";
  return { title, intro, items, note };
}

export function ownerCardActivity(claims: readonly ClaimedReminder[], today: IsoDate): Record<string, unknown> {
  const content = ownerCardContent(claims, today);
  return cardActivity(renderReminderCard(content), content.title);
}

/** When an item is escalated (working days past its target) and how it was chased before: "weekly reminders". */
interface EscalationTerms {
  days: number;
  chasing: string;
}

function escalationTerms(policy: ReminderPolicy): EscalationTerms {
  return { days: policy.escalateAfterWorkingDays, chasing: chasingReminders(policy.overdueEveryDays) };
}

/**
 * The escalation to a directorate's lead (or its channel). Each item was escalated by its own priority's policy
 * (REMINDER_PRIORITY_POLICY): when the items share one, the introduction states its days and chasing; when they
 * differ, each item states its own, so a high-priority item escalated after 5 working days never reads as 10.
 */
export function escalationCardActivity(
  claims: readonly ClaimedReminder[],
  directorateId: string,
  today: IsoDate,
  policy: ReminderPolicy,
): Record<string, unknown> {
  const sorted = [...claims].sort(byUrgency);
  const shown = sorted.slice(0, MAX_ITEMS_PER_CARD);
  const n = sorted.length;
  const termsOf = (c: ClaimedReminder) => escalationTerms(policyForPriority(policy, c.row.priority));
  const distinct = new Map(sorted.map((c) => termsOf(c)).map((t) => [`${t.days}, ${t.chasing}`, t]));
  const shared = distinct.size === 1 ? [...distinct.values()][0]! : null;
  const title = `Escalation: ${n} ${directorateName(directorateId)} ${n === 1 ? "item is" : "items are"} overdue with no update`;
  const followUp = `Please follow up with the ${n === 1 ? "owner" : "owners"}.`;
  const intro = shared
    ? `${n === 1 ? "This item is" : "These items are"} ${shared.days} or more working days past target and ${n === 1 ? "its owner has" : "their owners have"} not updated ${n === 1 ? "it" : "them"} since, despite ${shared.chasing}. ${followUp}`
    : `These items are past target and their owners have not updated them since, each as long as its priority allows before escalation (each item says how long, and how it was chased). ${followUp}`;
  const items = shown.map((c) => {
    const reason = describeClockReminder(c.reminder, today, c.row.reviewSource ?? "");
    if (shared) return reminderCardItem(c.row, reason, true, today, { showOwner: true });
    const { days, chasing } = termsOf(c);
    const priority = c.row.priority ? `${capitalise(c.row.priority)} priority` : "No priority";
    const rule = `${priority}: escalated when ${plural(days, "working day")} past target with no update, despite ${chasing}`;
    return reminderCardItem(c.row, `${reason}. ${rule}`, true, today, { showOwner: true });
  });
  const note =
    n > shown.length ? `And ${n - shown.length} more overdue items in ${directorateName(directorateId)}.` : "";
  return cardActivity(renderReminderCard({ title, intro, items, note }), title);
}

function capitalise(text: string): string {
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
}
