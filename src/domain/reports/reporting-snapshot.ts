/**
 * What the register said at a reporting point, recorded when its summary is posted, so the next
 * report's "implemented at last report" and its recap rest on what was reported then rather than on
 * a recomputation that later edits (a back-dated completion, a corrected target) would change.
 */
import { z } from "zod";
import { type IsoDate } from "../dates/calendar-date.js";
import { itemExtensionsAsAt } from "../extensions/extensions-as-at.js";
import { classifyReview, countPeriod, emptyCounts, ReviewPeriod, type PeriodCounts } from "./period-summary.js";
import { itemStatus, reviewStatus, toSummaryReview, type RegisterReview } from "../register/register.js";
import { Progress, STATUS_VALUES, PROGRESS_VALUES, type StatusKey } from "../status/status.js";

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

const snapshotItemSchema = z.object({
  itemId: z.number(),
  reviewId: z.number(),
  review: z.string(),
  ref: z.string(),
  directorate: z.string(),
  progress: z.enum(PROGRESS_VALUES as [Progress, ...Progress[]]),
  status: z.enum(STATUS_VALUES as [string, ...string[]]),
  completedOn: isoDate.nullable(),
  confidential: z.boolean(),
  counted: z.boolean(),
});

const snapshotReviewSchema = z.object({
  reviewId: z.number(),
  title: z.string(),
  directorate: z.string(),
  period: z.enum([ReviewPeriod.new, ReviewPeriod.ongoing]),
  outcomeKnown: z.boolean(),
  confidential: z.boolean(),
  items: z.number(),
  status: z.string(),
});

const periodCountsSchema = z.object(
  Object.fromEntries(Object.keys(emptyCounts()).map((key) => [key, z.number()])) as Record<
    keyof PeriodCounts,
    z.ZodNumber
  >,
);
const countsSchema = periodCountsSchema.extend({
  since: isoDate,
  as_of: isoDate,
  by_directorate: z.record(z.string(), periodCountsSchema),
});

const snapshotSchema = z.object({
  version: z.literal(1),
  name: z.string(),
  cutOff: isoDate,
  since: isoDate,
  statusKey: z.string(),
  takenAt: z.string(),
  counts: countsSchema,
  newReviewsOutcomeUnknown: z.number(),
  reviews: z.array(snapshotReviewSchema),
  items: z.array(snapshotItemSchema),
});

export type SnapshotItem = z.infer<typeof snapshotItemSchema>;
export type SnapshotReview = z.infer<typeof snapshotReviewSchema>;
/** `counts` holds the headline figures reported at the point (DESIGN.md 6 counts). */
export type ReportingSnapshot = z.infer<typeof snapshotSchema>;

/**
 * The register as it stood at the end of `day`: an item completed later was still open then (the
 * register does not say whether it had started, so "in progress"), and its extension requests and
 * target are as they were then (a request made or decided later, a target moved later). Reviews whose
 * findings arrive later are left for countPeriod to treat as future.
 */
export function registerAsAt(reviews: readonly RegisterReview[], day: IsoDate): RegisterReview[] {
  return reviews.map((review) => {
    let changed = false;
    const items = review.items.map((item) => {
      let asAt = itemExtensionsAsAt(item, day);
      if (asAt.completedOn && asAt.completedOn > day)
        asAt = { ...asAt, progress: Progress.inProgress, completedOn: null };
      if (asAt !== item) changed = true;
      return asAt;
    });
    return changed ? { ...review, items } : review;
  });
}

export interface SnapshotPoint {
  name: string;
  cutOff: IsoDate;
  /** The previous point's cut-off: the start of the period this point reports on. */
  since: IsoDate;
  statusKey: StatusKey;
  takenAt: Date;
}

export function takeSnapshot(register: readonly RegisterReview[], point: SnapshotPoint): ReportingSnapshot {
  const asAt = registerAsAt(register, point.cutOff);
  const reviews: SnapshotReview[] = [];
  const items: SnapshotItem[] = [];
  let newReviewsOutcomeUnknown = 0;
  for (const review of asAt) {
    const period = classifyReview(toSummaryReview(review), point.since, point.cutOff);
    // A review not yet held at the cut-off was not part of that report.
    if (period === ReviewPeriod.future) continue;
    if (period === ReviewPeriod.new && !review.outcomeKnown) newReviewsOutcomeUnknown += 1;
    const counted = review.items.filter((i) => i.counted);
    reviews.push({
      reviewId: review.id,
      title: review.title,
      directorate: review.directorateId,
      period,
      outcomeKnown: review.outcomeKnown,
      confidential: review.confidential,
      items: counted.length,
      status: reviewStatus(review, point.cutOff, point.statusKey).status,
    });
    for (const item of review.items) {
      items.push({
        itemId: item.id,
        reviewId: review.id,
        review: review.title,
        ref: item.ref,
        directorate: review.directorateId,
        progress: item.progress,
        status: itemStatus(item, point.cutOff).status,
        completedOn: item.completedOn,
        confidential: item.confidential || review.confidential,
        counted: item.counted,
      });
    }
  }
  return {
    version: 1,
    name: point.name,
    cutOff: point.cutOff,
    since: point.since,
    statusKey: point.statusKey,
    takenAt: point.takenAt.toISOString(),
    counts: countPeriod(asAt.map(toSummaryReview), point.since, point.cutOff),
    newReviewsOutcomeUnknown,
    reviews,
    items,
  };
}

export interface SnapshotCounts {
  /** The items recorded (milestones are steps of items, never counted as items). */
  items: number;
  milestones: number;
}

export function snapshotCounts(snapshot: Pick<ReportingSnapshot, "items">): SnapshotCounts {
  const items = snapshot.items.filter((i) => i.counted).length;
  return { items, milestones: snapshot.items.length - items };
}

/** A stored snapshot, or null (with the reason) when the JSON is not one this version wrote. */
export function parseSnapshot(
  json: string | null | undefined,
): { ok: true; snapshot: ReportingSnapshot } | { ok: false; reason: string } {
  if (!json) return { ok: false, reason: "no snapshot was recorded" };
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return { ok: false, reason: "the stored snapshot is not JSON" };
  }
  const parsed = snapshotSchema.safeParse(value);
  if (!parsed.success)
    return {
      ok: false,
      reason: `the stored snapshot is not in the expected form: ${parsed.error.issues[0]?.message ?? "unknown"}`,
    };
  return { ok: true, snapshot: parsed.data };
}
