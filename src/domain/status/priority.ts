/**
 * Item priority: the council's own labels (a setting, highest first), reading an imported `priority` cell,
 * ranking, and the reminder policy each priority gets.
 *
 * Committees ask for different chasing by priority (Flintshire: the officer attends when a high-priority
 * action is overdue), so a priority may override parts of the reminder policy: how often an overdue item is
 * chased, when it is escalated, which reminders go before the target. The overrides are data merged over the
 * base policy (reminder-policy.ts); an item with no priority, or a priority with no overrides, keeps the base
 * policy itself, so nothing changes for a register that does not use priorities.
 */
import { londonDate, type IsoDate } from "../dates/calendar-date.js";
import { choiceList, refused, type Outcome } from "../outcome.js";
import { type ReminderPolicy } from "../reminders/reminder-policy.js";
import { isOpen, type Progress } from "./status.js";

/** The labels when the council sets none, highest first. Bromsgrove's would be fundamental, important, desirable. */
export const DEFAULT_PRIORITY_LABELS: readonly string[] = ["high", "medium", "low"];

/** The most labels a scale may have: more than a handful stops meaning anything to a committee. */
export const MAX_PRIORITY_LABELS = 6;

function normaliseLabel(text: string): string {
  return text.replace(/\s+/g, " ").trim().toLowerCase();
}

/** Reads the PRIORITY_LABELS setting: comma-separated labels, highest first, e.g. "fundamental, important, desirable". */
export function parsePriorityLabels(text: string): Outcome<readonly string[]> {
  const labels = text.split(",").map(normaliseLabel);
  if (labels.some((l) => l === "")) {
    return refused(
      `give priority labels separated by commas, highest first, with none empty (e.g. high,medium,low); got "${text}"`,
    );
  }
  if (labels.length < 2 || labels.length > MAX_PRIORITY_LABELS) {
    return refused(
      `give between 2 and ${MAX_PRIORITY_LABELS} priority labels, highest first (e.g. high,medium,low); got ${labels.length}`,
    );
  }
  const repeated = labels.find((l, i) => labels.indexOf(l) !== i);
  if (repeated) return refused(`the priority label "${repeated}" is given twice: each label once, highest first`);
  const numeric = labels.find((l) => /^\d+$/.test(l));
  if (numeric) {
    return refused(`"${numeric}" is a number: give priority labels as words (e.g. high,medium,low), highest first`);
  }
  return { ok: true, value: labels };
}

/**
 * An imported `priority` cell: one of the labels in any case, optionally followed by "priority" ("High priority").
 * Blank means no priority. Anything else is refused with the allowed labels named.
 */
export function parsePriorityCell(cell: string | null | undefined, labels: readonly string[]): Outcome<string | null> {
  const text = normaliseLabel(cell ?? "").replace(/ priority$/, "");
  if (text === "") return { ok: true, value: null };
  if (labels.includes(text)) return { ok: true, value: text };
  return refused(
    `priority "${(cell ?? "").trim()}" is not one of the council's labels: use ${choiceList(labels)}, or leave it blank`,
  );
}

/** 0 for the highest label, 1 for the next ...; an item with no priority (or a label no longer in use) ranks after all. */
export function priorityRank(priority: string | null, labels: readonly string[]): number {
  const index = priority === null ? -1 : labels.indexOf(priority);
  return index === -1 ? labels.length : index;
}

/** For sorting, highest priority first. */
export function comparePriority(a: string | null, b: string | null, labels: readonly string[]): number {
  return priorityRank(a, labels) - priorityRank(b, labels);
}

/** The top label: what "high-priority" means in the council's words ("fundamental" at Bromsgrove). */
export function isTopPriority(priority: string | null, labels: readonly string[]): boolean {
  return priority !== null && priority === labels[0];
}

export interface PrioritisedItem {
  priority: string | null;
  progress: Progress;
  /** The revised target if any, else the original; null when TBC. */
  effectiveTarget: IsoDate | null;
}

/** Open, of the top priority, and past its current target in London: the items committees want named with who is responsible. */
export function isOverdueTopPriority(item: PrioritisedItem, labels: readonly string[], now: Date): boolean {
  return (
    isTopPriority(item.priority, labels) &&
    isOpen(item.progress) &&
    item.effectiveTarget !== null &&
    londonDate(now) > item.effectiveTarget
  );
}

/** The parts of the reminder policy a priority may change. The send window and update rounds are the same for all. */
export type PriorityReminderOverride = Partial<
  Pick<ReminderPolicy, "workingDaysBefore" | "overdueEveryDays" | "escalateAfterWorkingDays">
>;

/** Overrides by label, e.g. { high: { overdueEveryDays: 7, escalateAfterWorkingDays: 5 }, low: { overdueEveryDays: 14 } }. */
export type PriorityReminderOverrides = Readonly<Record<string, PriorityReminderOverride>>;

/** The policy for each priority, built once: each is a stable value, so the reminder policy's per-policy memo keeps working. */
export interface PriorityReminderPolicies {
  policyFor(priority: string | null): ReminderPolicy;
}

function overrideProblem(label: string, override: PriorityReminderOverride): string | null {
  const { workingDaysBefore, overdueEveryDays, escalateAfterWorkingDays } = override;
  if (workingDaysBefore && workingDaysBefore.some((d) => !Number.isInteger(d) || d < 0 || d > 120)) {
    return `reminders before the target for "${label}" must be whole numbers of working days from 0 to 120, e.g. 10,3,0`;
  }
  if (
    overdueEveryDays !== undefined &&
    (!Number.isInteger(overdueEveryDays) || overdueEveryDays < 1 || overdueEveryDays > 90)
  ) {
    return `chasing an overdue "${label}" item must be every 1 to 90 days (7 is weekly); got ${overdueEveryDays}`;
  }
  if (
    escalateAfterWorkingDays !== undefined &&
    (!Number.isInteger(escalateAfterWorkingDays) || escalateAfterWorkingDays < 1 || escalateAfterWorkingDays > 120)
  ) {
    return `escalating an overdue "${label}" item must be after 1 to 120 working days; got ${escalateAfterWorkingDays}`;
  }
  return null;
}

/** Checks the overrides against the labels and merges each over `base`; a label the council does not use is refused. */
export function buildPriorityReminderPolicies(
  base: ReminderPolicy,
  overrides: PriorityReminderOverrides,
  labels: readonly string[],
): Outcome<PriorityReminderPolicies> {
  const byLabel = new Map<string, ReminderPolicy>();
  for (const [rawLabel, override] of Object.entries(overrides)) {
    const label = normaliseLabel(rawLabel);
    if (!labels.includes(label)) {
      return refused(
        `the reminder policy names priority "${rawLabel}", which is not one of the labels ${choiceList(labels)}`,
      );
    }
    const problem = overrideProblem(label, override);
    if (problem) return refused(problem);
    const merged: ReminderPolicy = {
      ...base,
      workingDaysBefore: override.workingDaysBefore
        ? [...new Set(override.workingDaysBefore)].sort((a, b) => b - a)
        : base.workingDaysBefore,
      overdueEveryDays: override.overdueEveryDays ?? base.overdueEveryDays,
      escalateAfterWorkingDays: override.escalateAfterWorkingDays ?? base.escalateAfterWorkingDays,
    };
    byLabel.set(label, merged);
  }
  return { ok: true, value: { policyFor: (priority) => (priority === null ? base : (byLabel.get(priority) ?? base)) } };
}
