/** The register as the rules see it: reviews with their items, dates parsed and raw. */
import { type IsoDate } from "../dates/calendar-date.js";
import { parseDateText, type DateText } from "../dates/date-text.js";
import type { ExtensionRequest } from "../extensions/extension-request.js";
import { computeItemStatus, type ItemDates, type Progress, type Status, type StatusOutcome } from "../status/status.js";
import { rollUpReview, type ReviewStatusOutcome } from "../status/review-status.js";
import { type StatusKey } from "../status/status.js";
import { type SummaryReview } from "../reports/period-summary.js";
import { type AtRiskSettings, type StatedConfidence } from "../status/at-risk.js";
import { itemAtRisk } from "../status/item-at-risk.js";
import type { ReviewSource } from "./review-sources.js";
import type { OmbudsmanFacts } from "../ombudsman/ombudsman-facts.js";

export interface RegisterItem {
  id: number;
  ref: string;
  kind: string;
  text: string;
  parentRef: string | null;
  counted: boolean;
  responsibleUnit: string | null;
  ownerEmail: string | null;
  /** The owner as people read them ("Jo Bloggs, Head of Service"); absent where not loaded: the email stands in. */
  ownerLabel?: string | null;
  /** Someone the owner has asked to keep the item updated: it is among their actions too. */
  delegateEmail: string | null;
  originalTarget: DateText;
  revisedTarget: DateText;
  revisionReason: string | null;
  progress: Progress;
  recordedStatus: string | null;
  latestUpdate: string | null;
  completedOn: IsoDate | null;
  confidential: boolean;
  version: number;
  /** none | awaiting | returned: a completion counts only once the improvement team verifies it. */
  verification: string;
  /** Extension requests made for the item, oldest first; left out where they are not loaded. */
  extensionRequests?: readonly ExtensionRequest[];
  /** The council's priority label, or null (absent) for none. */
  priority?: string | null;
  /** The owner's latest confidence in meeting the target, for the at-risk flag (at-risk.ts). */
  confidence?: StatedConfidence | null;
  /** The owner's last update of any kind; null (absent) when never updated. */
  lastUpdateAt?: Date | null;
  /** An Ombudsman remedy's case, decision and response clock; absent or null for other items. */
  ombudsman?: OmbudsmanFacts | null;
  /** The response clock (domain/reminders/response-clock.ts), ISO days; null (absent) when the item waits for none. */
  sentToExecutive?: IsoDate | null;
  executiveResponse?: string | null;
  responseDate?: IsoDate | null;
  responseDue?: IsoDate | null;
}

export interface RegisterReview {
  id: number;
  title: string;
  body: string | null;
  reviewType: string | null;
  reviewDate: DateText;
  findingsReceived: DateText;
  outcome: string | null;
  outcomeKnown: boolean;
  narrative: string | null;
  purpose: string | null;
  directorateId: string;
  confidential: boolean;
  /** Where its items come from (review-sources.ts); absent is an inspection. */
  source?: ReviewSource;
  items: RegisterItem[];
}

/**
 * Rebuilds a stored date from its raw text, so the parse rule lives in one place. A register repeats
 * the same few texts ("Mar-25", "TBC") across thousands of items, so each text is parsed once and its
 * (frozen) result shared: less time and memory for a large register.
 */
export function storedDate(raw: string | null): DateText {
  let parsed = storedDates.get(raw);
  if (!parsed) {
    parsed = Object.freeze(parseDateText(raw));
    if (storedDates.size >= STORED_DATES_LIMIT) storedDates.clear();
    storedDates.set(raw, parsed);
  }
  return parsed;
}

const storedDates = new Map<string | null, DateText>();
const STORED_DATES_LIMIT = 10_000;

export function itemDates(item: Pick<RegisterItem, "progress" | "originalTarget" | "revisedTarget">): ItemDates {
  return { progress: item.progress, originalTarget: item.originalTarget.end, revisedTarget: item.revisedTarget.end };
}

/** Register items are never mutated (a reload replaces them), so each item's status is computed once a day. */
const statusMemo = new WeakMap<RegisterItem, { today: IsoDate; outcome: StatusOutcome }>();

export function itemStatus(item: RegisterItem, today: IsoDate): StatusOutcome {
  const memo = statusMemo.get(item);
  if (memo?.today === today) return memo.outcome;
  const outcome = computeItemStatus(itemDates(item), today);
  statusMemo.set(item, { today, outcome });
  return outcome;
}

export function reviewStatus(review: RegisterReview, today: IsoDate, key: StatusKey): ReviewStatusOutcome {
  return rollUpReview(review, review.items.filter((i) => i.counted).map(itemDates), today, key);
}

export function toSummaryReview(review: RegisterReview): SummaryReview {
  const span = (d: DateText) => (d.start && d.end ? { start: d.start, end: d.end } : null);
  return {
    directorateId: review.directorateId,
    findingsReceived: span(review.findingsReceived),
    reviewDate: span(review.reviewDate),
    items: review.items.map((item) => ({ ...itemDates(item), completedOn: item.completedOn, counted: item.counted })),
  };
}

/** The summary's view of a review with each item's at-risk flag as of `today`: for `reviews.map(...)`. */
export function toSummaryReviewWithRisk(
  settings: AtRiskSettings,
  today: IsoDate,
): (review: RegisterReview) => SummaryReview {
  return (review) => {
    const summary = toSummaryReview(review);
    return {
      ...summary,
      items: summary.items.map((item, i) => ({
        ...item,
        atRisk: itemAtRisk(review.items[i]!, settings, today).atRisk,
      })),
    };
  };
}

/** One line of `status --json` (DESIGN.md section 6). */
export interface ItemStatusLine {
  review_title: string;
  item_ref: string;
  /** Which kind of item (ITEM_KINDS): a milestone is a step of the item `parent_ref` names, never counted. */
  item_kind: string;
  parent_ref: string | null;
  directorate: string;
  owner_email: string | null;
  progress: Progress;
  original_target: string | null;
  revised_target: string | null;
  status: Status;
  reason: string;
  recorded_status: string | null;
  confidential: boolean;
}

export function listItemStatuses(
  reviews: readonly RegisterReview[],
  today: IsoDate,
  filter: { directorateId?: string; status?: Status } = {},
): ItemStatusLine[] {
  const lines: ItemStatusLine[] = [];
  for (const review of reviews) {
    if (filter.directorateId && review.directorateId !== filter.directorateId) continue;
    for (const item of review.items) {
      const { status, reason } = itemStatus(item, today);
      if (filter.status && status !== filter.status) continue;
      lines.push({
        review_title: review.title,
        item_ref: item.ref,
        item_kind: item.kind,
        parent_ref: item.parentRef,
        directorate: review.directorateId,
        owner_email: item.ownerEmail,
        progress: item.progress,
        original_target: item.originalTarget.raw,
        revised_target: item.revisedTarget.raw,
        status,
        reason,
        recorded_status: item.recordedStatus,
        confidential: item.confidential || review.confidential,
      });
    }
  }
  return lines;
}
