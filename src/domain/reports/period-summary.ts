/**
 * The period summary's counts (DOMAIN.md section 3; DESIGN.md section 6): what came in since the
 * last report, and how the older ("ongoing") items moved.
 */
import { type IsoDate } from "../dates/calendar-date.js";
import { computeItemStatus, isOpen, Progress, Status, type ItemDates } from "../status/status.js";

export interface SummaryItem extends ItemDates {
  completedOn: IsoDate | null;
  /** Counts are taken at the lowest tracked level; themes above their recommendations are not counted. */
  counted: boolean;
  /** Flagged at risk (at-risk.ts) as of the summary's day; absent when the caller did not assess it. */
  atRisk?: boolean;
}

export interface SummaryReview {
  directorateId: string;
  /** Findings received, as a range of days (a month-only date spans the month). */
  findingsReceived: { start: IsoDate; end: IsoDate } | null;
  reviewDate: { start: IsoDate; end: IsoDate } | null;
  items: readonly SummaryItem[];
}

export interface PeriodCounts {
  new_reviews: number;
  new_items: number;
  new_items_complete: number;
  new_items_in_progress: number;
  new_items_not_started: number;
  new_items_no_action_required: number;
  ongoing_items: number;
  ongoing_completed_before: number;
  ongoing_completed_since: number;
  ongoing_in_progress: number;
  ongoing_delayed: number;
  ongoing_significant_delay: number;
  ongoing_no_action_required: number;
  /** Open items, new or ongoing, flagged at risk: a flag beside the status, so also counted under their status. */
  at_risk: number;
}

export interface PeriodSummaryCounts extends PeriodCounts {
  since: IsoDate;
  as_of: IsoDate;
  by_directorate: Record<string, PeriodCounts>;
}

export function emptyCounts(): PeriodCounts {
  return {
    new_reviews: 0,
    new_items: 0,
    new_items_complete: 0,
    new_items_in_progress: 0,
    new_items_not_started: 0,
    new_items_no_action_required: 0,
    ongoing_items: 0,
    ongoing_completed_before: 0,
    ongoing_completed_since: 0,
    ongoing_in_progress: 0,
    ongoing_delayed: 0,
    ongoing_significant_delay: 0,
    ongoing_no_action_required: 0,
    at_risk: 0,
  };
}

export const ReviewPeriod = { new: "new", ongoing: "ongoing", future: "future" } as const;
export type ReviewPeriod = (typeof ReviewPeriod)[keyof typeof ReviewPeriod];

/** New when its findings were received (failing that, its date falls) after `since`; reviews not yet held by `today` are left out. */
export function classifyReview(
  review: Pick<SummaryReview, "findingsReceived" | "reviewDate">,
  since: IsoDate,
  today: IsoDate,
): ReviewPeriod {
  const when = review.findingsReceived ?? review.reviewDate;
  if (!when) return ReviewPeriod.ongoing;
  if (when.start > today) return ReviewPeriod.future;
  return when.end > since ? ReviewPeriod.new : ReviewPeriod.ongoing;
}

function addItem(counts: PeriodCounts, period: ReviewPeriod, item: SummaryItem, since: IsoDate, today: IsoDate): void {
  if (item.atRisk && isOpen(item.progress)) counts.at_risk += 1;
  if (period === ReviewPeriod.new) {
    counts.new_items += 1;
    if (item.progress === Progress.complete) counts.new_items_complete += 1;
    else if (item.progress === Progress.noActionRequired) counts.new_items_no_action_required += 1;
    else if (item.progress === Progress.inProgress) counts.new_items_in_progress += 1;
    else counts.new_items_not_started += 1;
    return;
  }
  counts.ongoing_items += 1;
  if (item.progress === Progress.complete) {
    if (item.completedOn && item.completedOn > since && item.completedOn <= today) counts.ongoing_completed_since += 1;
    else counts.ongoing_completed_before += 1;
    return;
  }
  if (item.progress === Progress.noActionRequired) {
    counts.ongoing_no_action_required += 1;
    return;
  }
  if (!isOpen(item.progress)) return;
  counts.ongoing_in_progress += 1;
  const { status } = computeItemStatus(item, today);
  if (status === Status.partlyDelayed || status === Status.significantDelay) counts.ongoing_delayed += 1;
  if (status === Status.significantDelay) counts.ongoing_significant_delay += 1;
}

function addCounts(into: PeriodCounts, from: PeriodCounts): void {
  for (const key of Object.keys(into) as (keyof PeriodCounts)[]) into[key] += from[key];
}

export function countPeriod(reviews: readonly SummaryReview[], since: IsoDate, today: IsoDate): PeriodSummaryCounts {
  const byDirectorate: Record<string, PeriodCounts> = {};
  for (const review of reviews) {
    const period = classifyReview(review, since, today);
    if (period === ReviewPeriod.future) continue;
    const counts = (byDirectorate[review.directorateId] ??= emptyCounts());
    if (period === ReviewPeriod.new) counts.new_reviews += 1;
    for (const item of review.items) if (item.counted) addItem(counts, period, item, since, today);
  }
  const total = emptyCounts();
  for (const counts of Object.values(byDirectorate)) addCounts(total, counts);
  const sorted = Object.fromEntries(Object.entries(byDirectorate).sort(([a], [b]) => a.localeCompare(b)));
  return { since, as_of: today, ...total, by_directorate: sorted };
}
