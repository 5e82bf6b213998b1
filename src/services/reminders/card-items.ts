/**
 * One register item as a reminder card shows it (status, why it is listed, target, last update) and as
 * the sweep's JSON lists it. Shared by reminders, escalations and update rounds.
 */
import type { ReminderCardItem } from "../../cards/reminder-card.js";
import { STATUS_EMPHASIS } from "../../cards/card-text.js";
import type { ReminderItemRow } from "../../data/reminders/store.js";
import { formatDay, londonDate, type IsoDate } from "../../domain/dates/calendar-date.js";
import { computeItemStatus, isOpen, STATUS_LABELS, type Status } from "../../domain/status/status.js";
import { targetOf } from "./plan-reminders.js";
import { readableDate } from "../../domain/text/readable-text.js";
import { isMilestoneKind, nameMilestoneOf } from "../../domain/register/milestones.js";

const MAX_UPDATE_CHARS = 240;

/** One line of `remind --json` and of the sweep's report. */
export interface ReminderLine {
  item_id: number;
  review_title: string;
  item_ref: string;
  directorate: string;
  /** before_20 ... before_0, overdue_N, escalation, or the round's kind. */
  reminder: string;
  reason: string;
  target: IsoDate | null;
  status: Status;
  status_label: string;
  last_update: IsoDate | null;
  /** Present when the item has a priority, which may give it its own reminder policy (REMINDER_PRIORITY_POLICY). */
  priority?: string;
}

export function statusOf(row: ReminderItemRow, today: IsoDate) {
  return computeItemStatus(
    { progress: row.progress, originalTarget: row.originalTarget.end, revisedTarget: row.revisedTarget.end },
    today,
  );
}

export function reminderLine(row: ReminderItemRow, reminder: string, reason: string, today: IsoDate): ReminderLine {
  const status = statusOf(row, today);
  return {
    item_id: row.id,
    review_title: row.reviewTitle,
    item_ref: row.ref,
    directorate: row.directorateId,
    reminder,
    reason,
    target: targetOf(row),
    status: status.status,
    status_label: STATUS_LABELS[status.status],
    last_update: row.lastUpdateAt ? londonDate(row.lastUpdateAt) : null,
    ...(row.priority ? { priority: row.priority } : {}),
  };
}

function targetText(row: ReminderItemRow): string {
  const target = targetOf(row);
  if (!target) {
    const text = readableDate(row.originalTarget);
    return text === "none" ? "None set" : text;
  }
  const original = row.originalTarget.end;
  return original && original !== target
    ? `${formatDay(target)} (revised from ${formatDay(original)})`
    : formatDay(target);
}

/** "SEND inspection: Rec 3", or for a milestone "SEND inspection: Milestone of Rec 3: EHCP compliance 50% by 31 Dec 2025". */
function headingOf(row: ReminderItemRow): string {
  if (!isMilestoneKind(row.kind) || !row.parentRef) return `${row.reviewTitle}: ${row.ref}`;
  return `${row.reviewTitle}: ${nameMilestoneOf(row.parentRef, row)}`;
}

function shorten(text: string | null, limit: number): string {
  const flat = (text ?? "").replace(/\s+/g, " ").trim();
  return flat.length <= limit ? flat : `${flat.slice(0, limit - 1).trimEnd()}\u2026`;
}

/** Open with a target still ahead (or today): the owner can still say whether it will be met. */
function askConfidence(row: ReminderItemRow, today: IsoDate): boolean {
  const target = targetOf(row);
  return target !== null && today <= target && isOpen(row.progress);
}

export function reminderCardItem(
  row: ReminderItemRow,
  reason: string,
  urgent: boolean,
  today: IsoDate,
  options: { showOwner?: boolean } = {},
): ReminderCardItem {
  const status = statusOf(row, today);
  const facts = [
    { title: "Target", value: targetText(row) },
    { title: "Last update", value: row.lastUpdateAt ? formatDay(londonDate(row.lastUpdateAt)) : "None recorded" },
  ];
  if (options.showOwner)
    facts.push({
      title: "Owner",
      value: row.ownerName ? `${row.ownerName} (${row.ownerEmail ?? "no email"})` : (row.ownerEmail ?? "No owner"),
    });
  return {
    itemId: row.id,
    heading: headingOf(row),
    ref: row.ref,
    text: shorten(row.text, 400),
    statusLabel: STATUS_LABELS[status.status],
    statusEmphasis: STATUS_EMPHASIS[status.status],
    reason,
    urgent,
    facts,
    latestUpdate: shorten(row.latestUpdate, MAX_UPDATE_CHARS),
    askConfidence: askConfidence(row, today),
  };
}
