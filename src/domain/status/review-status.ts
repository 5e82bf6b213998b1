/** The review-level roll-up of the status key (DOMAIN.md section 2; DESIGN.md 4.1). */
import { type IsoDate } from "../dates/calendar-date.js";
import {
  computeItemStatus,
  measureDelay,
  Progress,
  Status,
  StatusKey,
  type ItemDates,
  type StatusOutcome,
} from "./status.js";
import { plural } from "../text/readable-text.js";

/** Items sorted into one category each, as D0 describes a review ("2 complete; 2 delayed"), plus the over-12-months part. */
export interface ReviewBreakdown {
  items: number;
  complete: number;
  noActionRequired: number;
  /** Open, in progress and within the original target. */
  inProgress: number;
  /** Open, not started and within the original target. */
  awaitingStart: number;
  /** Open and behind the original target (revised later, or overdue). */
  delayed: number;
  /** The part of `delayed` more than 12 months past the original target. */
  significant: number;
}

export interface ReviewStatusOutcome extends StatusOutcome {
  breakdown: ReviewBreakdown;
  /** "(2 complete; 2 delayed; 1 more than 12 months)" */
  breakdownText: string;
}

export function describeBreakdown(b: ReviewBreakdown): string {
  const parts: string[] = [];
  if (b.complete) parts.push(`${b.complete} complete`);
  if (b.inProgress) parts.push(`${b.inProgress} in progress`);
  if (b.awaitingStart) parts.push(`${b.awaitingStart} awaiting start`);
  if (b.delayed) parts.push(`${b.delayed} delayed`);
  if (b.significant) parts.push(`${b.significant} more than 12 months`);
  if (b.noActionRequired) parts.push(`${b.noActionRequired} no action required`);
  return parts.length ? `(${parts.join("; ")})` : "(no items)";
}

/** Behind the original target: revised to a later date, or open and past its target. Completed items count too. */
function slipped(item: ItemDates, today: IsoDate): boolean {
  if (!item.originalTarget) return false;
  if (item.revisedTarget && item.revisedTarget > item.originalTarget) return true;
  return Boolean(measureDelay(item, today)?.overdue);
}

export function rollUpReview(
  review: { outcomeKnown: boolean },
  items: readonly ItemDates[],
  today: IsoDate,
  key: StatusKey = StatusKey.y2024,
): ReviewStatusOutcome {
  const breakdown: ReviewBreakdown = {
    items: items.length,
    complete: 0,
    noActionRequired: 0,
    inProgress: 0,
    awaitingStart: 0,
    delayed: 0,
    significant: 0,
  };
  let anySlipped = false;
  let everySlipped = items.length > 0;
  for (const item of items) {
    const itemSlipped = slipped(item, today);
    anySlipped ||= itemSlipped;
    everySlipped &&= itemSlipped;
    if (item.progress === Progress.complete) breakdown.complete += 1;
    else if (item.progress === Progress.noActionRequired) breakdown.noActionRequired += 1;
    else if (itemSlipped) {
      breakdown.delayed += 1;
      if (computeItemStatus(item, today).status === Status.significantDelay) breakdown.significant += 1;
    } else if (item.progress === Progress.inProgress) breakdown.inProgress += 1;
    else breakdown.awaitingStart += 1;
  }
  const breakdownText = describeBreakdown(breakdown);
  const outcome = (status: Status, reason: string): ReviewStatusOutcome => ({
    status,
    reason,
    breakdown,
    breakdownText,
  });

  if (!review.outcomeKnown) return outcome(Status.noActionRequired, "the outcome is not yet known");
  if (items.length === 0) return outcome(Status.noActionRequired, "there are no recommendations");
  const closed = breakdown.complete + breakdown.noActionRequired;
  if (closed === items.length) {
    return breakdown.complete > 0
      ? outcome(Status.complete, "every item is complete")
      : outcome(Status.noActionRequired, "no item needs action");
  }
  if (breakdown.significant > 0) {
    return outcome(
      Status.significantDelay,
      `${plural(breakdown.significant, "item")} more than 12 months past the original target`,
    );
  }
  if (key === StatusKey.y2024 && everySlipped) {
    return outcome(Status.significantDelay, "every item's target is later than its original (2024 key)");
  }
  if (anySlipped) {
    const reason = breakdown.delayed
      ? `${plural(breakdown.delayed, "open item")} behind the original target`
      : "a completed item finished later than its original target";
    return outcome(Status.partlyDelayed, reason);
  }
  if (breakdown.inProgress === 0) {
    return outcome(Status.onTrack, "every open item is awaiting start and within its original target");
  }
  return outcome(Status.onTrack, "every open item is within its original target");
}
