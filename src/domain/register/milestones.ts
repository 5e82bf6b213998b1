/**
 * Milestones: dated steps within an item, as the papers write them ("EHCP compliance 50% by Dec 2025, 60% by
 * Sep 2026"). Each has its own target and progress, and its status comes from the same key as an item's
 * (status.ts). The item's own status still comes from the item's own targets, as the key says: a milestone
 * that slips is shown beside the item's status, it does not change it.
 *
 * Import shape: a milestone is a row with `item_kind` "milestone" and `parent_ref` naming its item, rather than
 * a new `milestone_of` column. Why:
 * - the register already nests items by `parent_ref` within a review (recommendation -> action), and the import
 *   already checks that a parent_ref names an item of the same review; a second column would be a second way
 *   to say "belongs to", and a row could then carry both and disagree;
 * - a milestone is stored as an Item (ref, text, target, progress, owner), so reminders, updates and history
 *   work for it as for any item, with `counted` false so it never enters the committee's item counts;
 * - the canonical column list, which other councils' scripts write, stays as it is.
 * The rules a milestone row must meet beyond that are in `checkMilestoneRows`. A milestone row with no
 * owner_email takes its item's owner from the same file (import/check-rows.ts): whoever works towards the
 * item is reminded of its steps.
 */
import { londonDate, splitIsoDate, type IsoDate } from "../dates/calendar-date.js";
import { type DateText } from "../dates/date-text.js";
import { ItemKind } from "./item-kinds.js";
import { isScrutinyFollowUp } from "../scrutiny/follow-up-milestone.js";
import { refused, type Outcome } from "../outcome.js";
import { readableDate } from "../text/readable-text.js";
import {
  computeItemStatus,
  isOpen,
  Status,
  STATUS_LABELS,
  type ItemDates,
  type Progress,
  type StatusOutcome,
} from "../status/status.js";

/** The `item_kind` of a milestone row, and the kind stored on its Item. */
export const MILESTONE_KIND = ItemKind.milestone;

export function isMilestoneKind(kind: string | null | undefined): boolean {
  return (kind ?? "").trim().toLowerCase() === MILESTONE_KIND;
}

/** Whether an item is confidential: by its own flag, or, for a milestone, as its item is. */
export function confidentialWithItsItem(kind: string, own: boolean, itemConfidential: boolean): boolean {
  return own || (isMilestoneKind(kind) && itemConfidential);
}

/** Milestones are steps towards an item, not items the committee counts. */
export function countsAsItem(kind: string): boolean {
  return !isMilestoneKind(kind);
}

export interface Milestone {
  ref: string;
  /** What is to be reached: "EHCP compliance 50%". */
  text: string;
  originalTarget: DateText;
  revisedTarget: DateText;
  progress: Progress;
}

export interface MilestoneWithStatus<M extends Milestone = Milestone> {
  milestone: M;
  effectiveTarget: IsoDate | null;
  status: StatusOutcome;
}

function datesOf(milestone: Milestone): ItemDates {
  return {
    progress: milestone.progress,
    originalTarget: milestone.originalTarget.end,
    revisedTarget: milestone.revisedTarget.end,
  };
}

/** The target a milestone is held to now: its revised target once there is one, else its original. */
export function effectiveTargetOf(milestone: Milestone): DateText {
  return milestone.revisedTarget.end ? milestone.revisedTarget : milestone.originalTarget;
}

/** A milestone's status by the council's key, exactly as an item's would be. */
export function milestoneStatus<M extends Milestone>(milestone: M, today: IsoDate): MilestoneWithStatus<M> {
  return {
    milestone,
    effectiveTarget: effectiveTargetOf(milestone).end,
    status: computeItemStatus(datesOf(milestone), today),
  };
}

/** "EHCP compliance 50% by 31 Dec 2025". */
export function describeMilestone(milestone: Milestone): string {
  return `${milestone.text} by ${readableDate(effectiveTargetOf(milestone))}`;
}

/**
 * "Milestone of Rec 3: EHCP compliance 50% by 31 Dec 2025": a milestone named where it is shown apart from
 * its item (a reminder card), so the reader knows which item it is a step of and what it is to reach.
 */
export function nameMilestoneOf(itemRef: string, milestone: Milestone): string {
  return `Milestone of ${itemRef}: ${describeMilestone(milestone)}`;
}

/**
 * The milestones whose current target falls in this calendar month (London), earliest first, each with
 * its status: the ones already met show as complete, so the answer says what this month was meant to reach.
 */
export function milestonesDueThisMonth<M extends Milestone>(
  milestones: readonly M[],
  now: Date,
): MilestoneWithStatus<M>[] {
  return milestonesDueInMonthOf(milestones, londonDate(now));
}

/** As milestonesDueThisMonth, for the London calendar month of `today`. */
export function milestonesDueInMonthOf<M extends Milestone>(
  milestones: readonly M[],
  today: IsoDate,
): MilestoneWithStatus<M>[] {
  const { year, month } = splitIsoDate(today);
  return milestones
    .map((m) => milestoneStatus(m, today))
    .filter(
      (m) =>
        m.effectiveTarget !== null &&
        splitIsoDate(m.effectiveTarget).year === year &&
        splitIsoDate(m.effectiveTarget).month === month,
    )
    .sort((a, b) =>
      a.effectiveTarget! < b.effectiveTarget!
        ? -1
        : a.effectiveTarget! > b.effectiveTarget!
          ? 1
          : a.milestone.ref.localeCompare(b.milestone.ref),
    );
}

const BEHIND: readonly Status[] = [Status.partlyDelayed, Status.significantDelay];

export interface ItemAndMilestones<M extends Milestone = Milestone> {
  /** The item's status, from its own targets only. */
  status: StatusOutcome;
  milestones: MilestoneWithStatus<M>[];
  /** Open milestones that are delayed by the key. */
  behind: MilestoneWithStatus<M>[];
  /** Said beside the item's status when a milestone is behind while the item itself is not: null otherwise. */
  note: string | null;
}

/** How an item's status relates to its milestones: its own status stands, and slipping milestones are named beside it. */
export function relateItemToMilestones<M extends Milestone>(
  item: ItemDates,
  milestones: readonly M[],
  now: Date,
): ItemAndMilestones<M> {
  return relateItemToMilestonesOn(item, milestones, londonDate(now));
}

/** As relateItemToMilestones, for a calendar day already worked out (the item's card has one). */
export function relateItemToMilestonesOn<M extends Milestone>(
  item: ItemDates,
  milestones: readonly M[],
  today: IsoDate,
): ItemAndMilestones<M> {
  const status = computeItemStatus(item, today);
  const withStatus = milestones
    .map((m) => milestoneStatus(m, today))
    .sort((a, b) => (a.effectiveTarget ?? "9999").localeCompare(b.effectiveTarget ?? "9999"));
  const behind = withStatus.filter((m) => isOpen(m.milestone.progress) && BEHIND.includes(m.status.status));
  let note: string | null = null;
  if (behind.length > 0 && !BEHIND.includes(status.status) && isOpen(item.progress)) {
    const named = behind.map((m) => `${describeMilestone(m.milestone)} (${STATUS_LABELS[m.status.status]})`).join("; ");
    note = `${STATUS_LABELS[status.status]} by its own target, but ${behind.length === 1 ? "a milestone is" : `${behind.length} milestones are`} behind: ${named}`;
  }
  return { status, milestones: withStatus, behind, note };
}

/** What the import needs of a row to check its milestones. */
export interface MilestoneRow {
  line: number;
  reviewTitle: string;
  ref: string;
  kind: string;
  parentRef: string | null;
  /** The row's current target: revised if given, else original. */
  effectiveTarget: DateText;
  /** The review's source as the row gives it (a scrutiny follow-up report may fall after its item's target). */
  source?: string | null;
}

export interface MilestoneRowError {
  line: number;
  message: string;
}

/**
 * Rules for milestone rows beyond the import's own (a parent_ref must name an item of the same review):
 * a milestone names its item, its item is not itself a milestone, it has a target date, and that date is
 * not after its item's own target (save a scrutiny recommendation's follow-up report, which comes after
 * implementation by its nature).
 */
export function checkMilestoneRows(rows: readonly MilestoneRow[]): MilestoneRowError[] {
  const key = (title: string, ref: string) => `${title.trim().toLowerCase()}\u0000${ref.trim().toLowerCase()}`;
  const byRef = new Map(rows.map((r) => [key(r.reviewTitle, r.ref), r]));
  const errors: MilestoneRowError[] = [];
  for (const row of rows.filter((r) => isMilestoneKind(r.kind))) {
    const name = `milestone "${row.ref}" of "${row.reviewTitle}"`;
    if (!row.parentRef?.trim()) {
      errors.push({
        line: row.line,
        message: `${name} has no parent_ref: give the item_ref of the item it is a step towards`,
      });
      continue;
    }
    if (!row.effectiveTarget.end) {
      errors.push({
        line: row.line,
        message: `${name} has no target date ("${row.effectiveTarget.raw ?? ""}"): a milestone needs one, e.g. Dec-25`,
      });
    }
    const parent = byRef.get(key(row.reviewTitle, row.parentRef));
    if (!parent) continue;
    if (isMilestoneKind(parent.kind)) {
      errors.push({
        line: row.line,
        message: `${name} belongs to "${parent.ref}", which is itself a milestone: give the item_ref of the item`,
      });
      continue;
    }
    const followUp = isScrutinyFollowUp(row.source ?? parent.source, row.ref, parent.ref);
    if (
      !followUp &&
      row.effectiveTarget.end &&
      parent.effectiveTarget.end &&
      row.effectiveTarget.end > parent.effectiveTarget.end
    ) {
      errors.push({
        line: row.line,
        message: `${name} is due ${readableDate(row.effectiveTarget)}, after its item "${parent.ref}" (${readableDate(parent.effectiveTarget)}): a milestone comes on or before its item's target`,
      });
    }
  }
  return errors;
}

/** What the rules below read of a milestone or an item: its label and the target it is held to now. */
export interface TargetHolder {
  ref: string;
  effectiveTarget: DateText;
}

/** The target held to now from stored raw texts: the revised one once there is one, else the original. */
export function heldTarget(original: DateText, revised: DateText): DateText {
  return revised.end ? revised : original;
}

const WITHIN_ITEM = "a milestone comes on or before its item's target";

/**
 * A milestone's new target (revised on its card, or an extension approved) against its item's target, by the
 * rule the import applies: refused with the dates and what to do instead when it would come after. `source` is
 * the review's: a scrutiny recommendation's follow-up report is reported after implementation by its nature,
 * so it alone is not held to its item's target.
 */
export function milestoneTargetWithinItem(
  milestoneRef: string,
  target: DateText,
  item: TargetHolder,
  source: string | null = null,
): Outcome<true> {
  const limit = item.effectiveTarget;
  if (isScrutinyFollowUp(source, milestoneRef, item.ref)) return { ok: true, value: true };
  if (!target.end || !limit.end || target.end <= limit.end) return { ok: true, value: true };
  return refused(
    `Milestone "${milestoneRef}" would be due ${readableDate(target)}, after its item "${item.ref}" (${readableDate(limit)}): ${WITHIN_ITEM}. Give a date on or before ${readableDate(limit)}, or extend the item's target first.`,
  );
}

/**
 * An item's new target against its milestones: an item's target that moves earlier (a first target for a TBC
 * item, a re-import) may not leave a milestone after it; the refusal names each such milestone. `item` names
 * the item and its review's source: a scrutiny recommendation's follow-up report is after implementation by
 * its nature, so it is not counted against the item's target.
 */
export function itemTargetCoversMilestones(
  target: DateText,
  milestones: readonly TargetHolder[],
  item: { ref: string; source: string | null } | null = null,
): Outcome<true> {
  if (!target.end) return { ok: true, value: true };
  const after = milestones.filter(
    (m) =>
      m.effectiveTarget.end &&
      m.effectiveTarget.end > target.end! &&
      !isScrutinyFollowUp(item?.source, m.ref, item?.ref),
  );
  if (after.length === 0) return { ok: true, value: true };
  const named = after.map((m) => `"${m.ref}" (${readableDate(m.effectiveTarget)})`);
  const list = named.length === 1 ? named[0] : `${named.slice(0, -1).join(", ")} and ${named[named.length - 1]}`;
  const latest = after.reduce((a, b) => (b.effectiveTarget.end! > a.effectiveTarget.end! ? b : a));
  return refused(
    `${after.length === 1 ? "Milestone" : "Milestones"} ${list} would be after the item's target ${readableDate(target)}: ${WITHIN_ITEM}. Move ${after.length === 1 ? "that milestone" : "those milestones"} earlier first, or give the item a date on or after ${readableDate(latest.effectiveTarget)}.`,
  );
}
