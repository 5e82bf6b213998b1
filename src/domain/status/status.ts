/**
 * The council's status key (DOMAIN.md section 2; DESIGN.md 4.1), computed, never typed in.
 * Every outcome carries the reason in words, so a person can check the rule that gave it.
 */
import {
  addMonths,
  compareDates,
  formatDay,
  laterOf,
  wholeMonthsBetween,
  daysBetween,
  type IsoDate,
} from "../dates/calendar-date.js";

export const Progress = {
  notStarted: "not_started",
  inProgress: "in_progress",
  complete: "complete",
  noActionRequired: "no_action_required",
} as const;
export type Progress = (typeof Progress)[keyof typeof Progress];
export const PROGRESS_VALUES = Object.values(Progress);

export const Status = {
  complete: "complete",
  onTrack: "on_track",
  partlyDelayed: "partly_delayed",
  significantDelay: "significant_delay",
  noActionRequired: "no_action_required",
  notStarted: "not_started",
} as const;
export type Status = (typeof Status)[keyof typeof Status];
export const STATUS_VALUES = Object.values(Status);

export const STATUS_LABELS: Record<Status, string> = {
  complete: "Complete",
  on_track: "In progress and on track",
  partly_delayed: "In progress and partly delayed",
  significant_delay: "Significant delay",
  no_action_required: "No action required",
  not_started: "Awaiting start",
};

/** 2024: the Jan 2024 Audit Committee key (D0). 2025: the May 2025 tracker's key (D1), which drops "all delayed". */
export const StatusKey = { y2024: "2024", y2025: "2025" } as const;
export type StatusKey = (typeof StatusKey)[keyof typeof StatusKey];

export interface ItemDates {
  progress: Progress;
  /** Parsed original target; null when the paper says TBC, n/a or nothing. */
  originalTarget: IsoDate | null;
  revisedTarget: IsoDate | null;
}

export interface StatusOutcome {
  status: Status;
  reason: string;
}

export function isOpen(progress: Progress): boolean {
  return progress === Progress.notStarted || progress === Progress.inProgress;
}

function monthsPhrase(months: number): string {
  return months === 1 ? "1 month" : `${months} months`;
}

/** How late an item is against its original target, as of `today`; null when it cannot be late. */
export function measureDelay(
  item: ItemDates,
  today: IsoDate,
): { reference: IsoDate; overdue: boolean; months: number; significant: boolean } | null {
  const original = item.originalTarget;
  if (!original) return null;
  const effective = item.revisedTarget ?? original;
  const overdue = isOpen(item.progress) && compareDates(today, effective) > 0;
  const reference = overdue ? laterOf(effective, today) : effective;
  if (compareDates(reference, original) <= 0) return { reference, overdue, months: 0, significant: false };
  return {
    reference,
    overdue,
    months: wholeMonthsBetween(original, reference),
    significant: compareDates(reference, addMonths(original, 12)) > 0,
  };
}

export function computeItemStatus(item: ItemDates, today: IsoDate): StatusOutcome {
  if (item.progress === Progress.complete) return { status: Status.complete, reason: "progress is complete" };
  if (item.progress === Progress.noActionRequired) {
    return { status: Status.noActionRequired, reason: "marked no action required" };
  }
  const open = item.progress === Progress.notStarted ? Status.notStarted : Status.onTrack;
  const original = item.originalTarget;
  if (!original) {
    return { status: open, reason: "no original target date (TBC), so it cannot be delayed" };
  }
  const effective = item.revisedTarget ?? original;
  const delay = measureDelay(item, today)!;
  if (compareDates(delay.reference, original) > 0) {
    const status = delay.significant ? Status.significantDelay : Status.partlyDelayed;
    const threshold = delay.significant ? "more than 12 months" : "not more than 12 months";
    const lateness =
      delay.months >= 1 ? `${monthsPhrase(delay.months)}` : `${daysBetween(original, delay.reference)} days`;
    const reason = delay.overdue
      ? `open and past its target ${formatDay(effective)}: as of ${formatDay(today)} it is ${lateness} after the original ${formatDay(original)} (${threshold})`
      : `revised target ${formatDay(effective)} is ${lateness} after the original ${formatDay(original)} (${threshold})`;
    return { status, reason };
  }
  const target =
    item.revisedTarget && item.revisedTarget !== original
      ? `revised target ${formatDay(item.revisedTarget)} is not after the original ${formatDay(original)}`
      : `target ${formatDay(original)} is the original and not yet passed`;
  return { status: open, reason: open === Status.notStarted ? `not started; ${target}` : target };
}

/** Reads a status as the papers write it ("In Progress and On Track", "slightly delayed", "removed"). */
export function parseRecordedStatus(text: string | null | undefined): Status | null {
  const t = (text ?? "").toLowerCase().replace(/\s+/g, " ").trim();
  if (!t) return null;
  if (/^complete(d)?\b/.test(t)) return Status.complete;
  if (/significant(ly)? delay/.test(t)) return Status.significantDelay;
  if (/(partly|slightly|partially) delayed|\bdelayed\b/.test(t)) return Status.partlyDelayed;
  if (/on track/.test(t)) return Status.onTrack;
  if (/awaiting start|not yet (scheduled|started)|not started/.test(t)) return Status.notStarted;
  if (/no (further )?action|outcome (is )?(not yet known|unknown)|removed|not (to be )?implemented/.test(t))
    return Status.noActionRequired;
  if (/in progress/.test(t)) return Status.onTrack;
  return null;
}

/** The label at the start of a D1 status cell, and what follows it. */
export function splitStatusCell(text: string): { label: string | null; status: Status | null; rest: string } {
  const flat = text.replace(/\s+/g, " ").trim();
  const match =
    /^(complete\.?|in progress and (?:on track|partly delayed|slightly delayed)|significant delay|awaiting start|no action required(?: or outcome unknown)?|no further action|removed|outcome unknown)\b[.:]?\s*/i.exec(
      flat,
    );
  if (!match) return { label: null, status: null, rest: flat };
  const label = match[1]!.replace(/\.$/, "");
  return { label, status: parseRecordedStatus(label), rest: flat.slice(match[0].length).trim() };
}

export interface StatusDisagreement {
  recorded: Status;
  computed: Status;
  explanation: string;
}

/** Where an imported tracker's status disagrees with the key: both kept, and the rule named. */
export function compareRecordedStatus(
  recordedText: string | null | undefined,
  computed: StatusOutcome,
): StatusDisagreement | null {
  const recorded = parseRecordedStatus(recordedText);
  if (!recorded || recorded === computed.status) return null;
  return {
    recorded,
    computed: computed.status,
    explanation: `recorded "${STATUS_LABELS[recorded]}" but the key gives "${STATUS_LABELS[computed.status]}": ${computed.reason}`,
  };
}
