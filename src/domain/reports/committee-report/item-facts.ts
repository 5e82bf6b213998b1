/**
 * What the report needs to know about each item and review in the period: whether an item was closed
 * or complete at the last report (from its snapshot, else from completion dates), and a review's row
 * in the New or Ongoing table.
 */
import type { IsoDate } from "../../dates/calendar-date.js";
import { publicOutcome, publicTitle } from "../../register/confidential-reviews.js";
import { bodyNames } from "../../questions/parse/bodies.js";
import { words } from "../../questions/parse/text.js";
import { ReviewPeriod } from "../period-summary.js";
import { reviewStatus, type RegisterItem, type RegisterReview } from "../../register/register.js";
import type { ReportingSnapshot } from "../reporting-snapshot.js";
import { Progress, Status, STATUS_LABELS, type StatusKey } from "../../status/status.js";
import type { ChartStatus, ReviewRow } from "./types.js";
import { proseDate, sentence } from "./words.js";

export interface ItemFacts {
  item: RegisterItem;
  /** Closed (complete or no action) when the last report was made. */
  closedAtLast: boolean;
  completeAtLast: boolean;
  /** Completed after the last report (by the snapshot when there is one, else by its completion date). */
  completedSince: boolean;
}

export interface PeriodContext {
  since: IsoDate;
  today: IsoDate;
  snapshot: ReportingSnapshot | null;
  snapshotItems: Map<number, ReportingSnapshot["items"][number]>;
  snapshotReviews: Map<number, ReportingSnapshot["reviews"][number]>;
}

export function completedSinceByDate(item: RegisterItem, ctx: PeriodContext): boolean {
  return (
    item.progress === Progress.complete &&
    Boolean(item.completedOn && item.completedOn > ctx.since && item.completedOn <= ctx.today)
  );
}

export function factsOf(item: RegisterItem, period: ReviewPeriod, ctx: PeriodContext): ItemFacts {
  const complete = item.progress === Progress.complete;
  // A new review was not in the last report: whatever of it is done was done since.
  if (period === ReviewPeriod.new)
    return { item, closedAtLast: false, completeAtLast: false, completedSince: complete };
  if (ctx.snapshot) {
    const recorded = ctx.snapshotItems.get(item.id);
    const completeAtLast = recorded?.progress === Progress.complete;
    return {
      item,
      completeAtLast,
      completedSince: complete && !completeAtLast,
      closedAtLast: completeAtLast || recorded?.progress === Progress.noActionRequired,
    };
  }
  const completedSince = completedSinceByDate(item, ctx);
  const completeAtLast = complete && !completedSince;
  return {
    item,
    completedSince,
    completeAtLast,
    closedAtLast: completeAtLast || item.progress === Progress.noActionRequired,
  };
}

export function emptyStatusCounts(): Record<ChartStatus, number> {
  return { complete: 0, on_track: 0, not_started: 0, partly_delayed: 0, significant_delay: 0 };
}

/**
 * "Customer Service Peer Review (LGA)": D0's "title (body)"; a confidential review's generic title. A title
 * that already ends with its body in brackets, by any of the body's names ("2023/24 VFM arrangements (Grant
 * Thornton)", "… (Sports Ground Safety Authority (SGSA))" for SGSA), keeps it once; a body named only inside the
 * title ("Quest Foundation Review") is still added, as D0 writes it.
 */
export function displayTitle(review: RegisterReview): string {
  const title = publicTitle(review);
  return review.body && !endsWithBody(title, review.body) ? `${title} (${review.body})` : title;
}

function endsWithBody(title: string, body: string): boolean {
  const bracketed = /\(((?:[^()]|\([^()]*\))*)\)\s*$/.exec(title)?.[1];
  if (!bracketed) return false;
  const named = ` ${words(bracketed).join(" ")} `;
  return bodyNames(body).some((name) => named.includes(` ${words(name).join(" ")} `));
}

export function isDelayed(status: Status): boolean {
  return status === Status.partlyDelayed || status === Status.significantDelay;
}

export function reviewRowBase(review: RegisterReview, today: IsoDate, statusKey: StatusKey): ReviewRow {
  const counted = review.items.filter((i) => i.counted);
  const rolled = reviewStatus(review, today, statusKey);
  const title = displayTitle(review);
  const date = [
    review.reviewDate.raw ? sentence(proseDate(review.reviewDate)) : null,
    review.findingsReceived.raw ? sentence(`Findings received ${proseDate(review.findingsReceived)}`) : null,
  ]
    .filter(Boolean)
    .join(" ");
  // Digits only: the narrative names the kind ("four areas for improvement"), and table columns are narrow.
  let recommendationsText = String(counted.length);
  let statusLabel = STATUS_LABELS[rolled.status];
  let statusDetail = rolled.breakdownText;
  if (!review.outcomeKnown) statusDetail = "The outcome is not yet known.";
  else if (counted.length === 0) statusDetail = "There were no recommendations made.";
  if (review.confidential && counted.length === 0) {
    // A home's recommendations are not held in the register: say so rather than "no action required".
    recommendationsText = "Not reported";
    statusLabel = "Confidential";
    statusDetail = "Followed up monthly";
  }
  return {
    reviewId: review.id,
    title,
    date: date || "Date not recorded",
    outcome: publicOutcome(review) ?? "Outcome not recorded",
    recommendations: counted.length,
    recommendationsText,
    status: rolled.status,
    statusLabel,
    statusDetail,
    confidential: review.confidential,
  };
}
