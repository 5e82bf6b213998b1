/**
 * The items a parsed question asks about (question.ts), with their computed status, in the order the
 * council's reports use: directorate, review title, then the review's own item order. Pure: `today` is
 * a date in Europe/London. Confidential items are included; the caller decides where they may be shown
 * (DESIGN.md 4.6: never to a channel or group chat).
 */
import { addMonths, laterOf, type IsoDate } from "../dates/calendar-date.js";
import { DIRECTORATES } from "../register/directorates.js";
import { itemStatus, type RegisterItem, type RegisterReview } from "../register/register.js";
import { isOpen, Progress, Status, STATUS_VALUES, type StatusOutcome } from "../status/status.js";
import { itemAtRisk } from "../status/item-at-risk.js";
import { countsAsItem } from "../register/milestones.js";
import { extensionCount, ExtensionState } from "../extensions/extension-request.js";
import { decisionsFor } from "../decisions/waiting-decisions.js";
import { bodyNames, containsPhrase, directorateOfUnit, oversightNames, type ItemFilter } from "./question.js";

export interface SelectedItem {
  review: RegisterReview;
  item: RegisterItem;
  status: StatusOutcome;
}

/** The target an item is now held to: the revised target if any, else the original. Null when neither is a date (TBC, n/a, blank). */
export function effectiveTarget(item: Pick<RegisterItem, "originalTarget" | "revisedTarget">): IsoDate | null {
  return item.revisedTarget.end ?? item.originalTarget.end;
}

/** Reported under one directorate, delivered by another unit: another directorate, a service elsewhere, or a partner. */
export function isDeliveredElsewhere(
  review: Pick<RegisterReview, "directorateId">,
  item: Pick<RegisterItem, "responsibleUnit">,
): boolean {
  if (!item.responsibleUnit?.trim()) return false;
  const unit = directorateOfUnit(item.responsibleUnit);
  return unit !== review.directorateId;
}

export function isRevised(item: Pick<RegisterItem, "originalTarget" | "revisedTarget">): boolean {
  return item.revisedTarget.end !== null && item.revisedTarget.end !== item.originalTarget.end;
}

function bodyMatches(review: RegisterReview, body: string): boolean {
  return bodyNames(body).some((name) => containsPhrase(review.body, name) || containsPhrase(review.title, name));
}

function overseenBy(review: RegisterReview, overseer: string): boolean {
  const texts = [review.narrative, review.outcome, ...review.items.map((i) => i.latestUpdate)];
  return oversightNames(overseer).some((name) => texts.some((text) => containsPhrase(text, name)));
}

function sameTitle(a: string, b: string): boolean {
  const key = (t: string) =>
    t
      .toLowerCase()
      .replace(/[\u2018\u2019]/g, "'")
      .replace(/\s+/g, " ")
      .trim();
  return key(a) === key(b);
}

/**
 * Whether one item answers the filter. Every field set must hold. A milestone is a step of its item, not an
 * item: it answers only a filter that asks for its kind by name.
 */
export function matchesFilter(
  review: RegisterReview,
  item: RegisterItem,
  status: StatusOutcome,
  filter: ItemFilter,
  today: IsoDate,
  me?: { email: string },
): boolean {
  if (!countsAsItem(item.kind) && !(filter.itemKinds as readonly string[] | undefined)?.includes(item.kind))
    return false;
  const open = isOpen(item.progress);
  if (filter.directorateId && review.directorateId !== filter.directorateId) return false;
  if (filter.body && !bodyMatches(review, filter.body)) return false;
  if (filter.reviewTitle && !sameTitle(review.title, filter.reviewTitle)) return false;
  if (filter.overseenBy && !overseenBy(review, filter.overseenBy)) return false;
  if (filter.itemKinds?.length && !(filter.itemKinds as readonly string[]).includes(item.kind)) return false;
  if (filter.statuses?.length && !filter.statuses.includes(status.status)) return false;
  if (filter.delayed && status.status !== Status.partlyDelayed && status.status !== Status.significantDelay)
    return false;
  if (filter.moreThan12Months && status.status !== Status.significantDelay) return false;
  if (filter.open && !open) return false;
  if (filter.overdue) {
    const target = effectiveTarget(item);
    if (!open || !target || !(today > target)) return false;
  }
  if (filter.dueBy) {
    const target = effectiveTarget(item);
    if (!open || !target || target > filter.dueBy) return false;
  }
  if (filter.revised && !isRevised(item)) return false;
  if (filter.awaitingStartOrTbc) {
    const noTarget = effectiveTarget(item) === null;
    if (!open || !(item.progress === Progress.notStarted || noTarget)) return false;
  }
  if (filter.deliveredElsewhere && !isDeliveredElsewhere(review, item)) return false;
  if (filter.deliveredBy && directorateOfUnit(item.responsibleUnit) !== filter.deliveredBy) return false;
  if (filter.notImplementing && item.progress !== Progress.noActionRequired) return false;
  if (filter.priority && item.priority !== filter.priority) return false;
  if (filter.atRisk && !itemAtRisk(item, filter.atRisk, today).atRisk) return false;
  if (
    filter.extendedAtLeast &&
    !(open && extensionCount({ ...item, requests: item.extensionRequests ?? [] }) >= filter.extendedAtLeast)
  )
    return false;
  if (filter.slippedMoreThanMonths) {
    const original = item.originalTarget.end ?? effectiveTarget(item);
    const current = effectiveTarget(item);
    if (!open || !original || !current) return false;
    if (!(laterOf(today, current) > addMonths(original, filter.slippedMoreThanMonths))) return false;
  }
  if (filter.overdueMoreThanMonths) {
    const current = effectiveTarget(item);
    if (!open || !current || !(today > addMonths(current, filter.overdueMoreThanMonths))) return false;
  }
  if (filter.completedFrom || filter.completedTo) {
    const on = item.completedOn;
    if (item.progress !== Progress.complete || !on) return false;
    if ((filter.completedFrom && on < filter.completedFrom) || (filter.completedTo && on > filter.completedTo))
      return false;
  }
  if (filter.extensionWaiting && !item.extensionRequests?.some((r) => r.state === ExtensionState.waiting)) return false;
  if (filter.completionWaiting && item.verification !== "awaiting") return false;
  if (filter.waitingForAsker) {
    // Without who asks (the answer sets it), nothing waits for them.
    const decisions = filter.decider ? decisionsFor(item, review.directorateId, filter.decider) : null;
    if (!decisions || !(decisions.extension || decisions.completion)) return false;
  }
  if (filter.mine) {
    const email = me?.email.trim().toLowerCase();
    if (
      !email ||
      (item.ownerEmail?.trim().toLowerCase() !== email && item.delegateEmail?.trim().toLowerCase() !== email)
    )
      return false;
  }
  return true;
}

const DIRECTORATE_ORDER = new Map(DIRECTORATES.map((d, index) => [d.id, index]));

function directorateRank(id: string): number {
  return DIRECTORATE_ORDER.get(id) ?? DIRECTORATES.length;
}

/** One collator: localeCompare with options builds a new one on every call, which dominates sorting thousands of reviews. */
const titleOrder = new Intl.Collator("en-GB", { sensitivity: "base", numeric: true });

/** Reviews in report order, per register array (a register is never mutated: a reload makes a new array). */
const reportOrderMemo = new WeakMap<readonly RegisterReview[], RegisterReview[]>();

/** The register in report order: directorate, review title, id. Worked out once per register array. */
export function inReportOrder(reviews: readonly RegisterReview[]): readonly RegisterReview[] {
  let sorted = reportOrderMemo.get(reviews);
  if (!sorted) {
    sorted = [...reviews].sort(
      (a, b) =>
        directorateRank(a.directorateId) - directorateRank(b.directorateId) ||
        a.directorateId.localeCompare(b.directorateId) ||
        titleOrder.compare(a.title, b.title) ||
        a.id - b.id,
    );
    reportOrderMemo.set(reviews, sorted);
  }
  return sorted;
}

/**
 * Gives `next` the report order already worked out for `previous`, when `next` holds the same reviews
 * in the same places (by id) with the same titles and directorates: a change to some items need not sort
 * the register again.
 */
export function carryReportOrder(previous: readonly RegisterReview[], next: readonly RegisterReview[]): void {
  const sorted = reportOrderMemo.get(previous);
  if (!sorted || reportOrderMemo.has(next) || previous.length !== next.length) return;
  // A change replaces a few reviews where they stand: only those are looked up.
  const replaced = new Map<RegisterReview, RegisterReview>();
  for (let i = 0; i < next.length; i += 1) {
    const before = previous[i]!;
    const now = next[i]!;
    if (before === now) continue;
    if (now.id !== before.id || now.title !== before.title || now.directorateId !== before.directorateId) return;
    replaced.set(before, now);
  }
  reportOrderMemo.set(next, replaced.size === 0 ? sorted : sorted.map((review) => replaced.get(review) ?? review));
}

/** One review's items answering a filter on a day, for whom, with how many of each status. */
export interface ReviewSelection {
  review: RegisterReview;
  items: readonly SelectedItem[];
  /** Only the statuses present. */
  byStatus: ReadonlyMap<Status, number>;
}

/** The key a selection is kept under: the day, the filter and, for "mine" only, who asks. */
export function selectionKey(filter: ItemFilter, today: IsoDate, me?: { email: string }): string {
  // Only "mine" reads who asks: other questions share one selection whoever asks.
  return `${today}|${filter.mine ? (me?.email ?? "") : ""}|${JSON.stringify(filter)}`;
}

/**
 * One review's selection, kept with the review under `key` (selectionKey of the same filter, day and
 * asker): after a change only the reviews it touched (new objects) are looked at again.
 */
export function reviewSelection(
  review: RegisterReview,
  key: string,
  filter: ItemFilter,
  today: IsoDate,
  me?: { email: string },
): ReviewSelection {
  let byFilter = selectionMemo.get(review);
  if (!byFilter) selectionMemo.set(review, (byFilter = new Map<string, ReviewSelection>()));
  let selection = byFilter.get(key);
  if (!selection) {
    const items: SelectedItem[] = [];
    const byStatus = new Map<Status, number>();
    for (const item of review.items) {
      const status = itemStatus(item, today);
      if (!matchesFilter(review, item, status, filter, today, me)) continue;
      items.push({ review, item, status });
      byStatus.set(status.status, (byStatus.get(status.status) ?? 0) + 1);
    }
    if (byFilter.size >= SELECTIONS_PER_REVIEW) byFilter.delete(byFilter.keys().next().value!);
    // Most reviews answer a narrow question with nothing: they share one empty count.
    byFilter.set(key, (selection = { review, items, byStatus: items.length ? byStatus : NO_COUNTS }));
  }
  return selection;
}

/** Items answering the filter, ordered by directorate (as the reports list them), review title, then item order. */
export function selectItems(
  reviews: readonly RegisterReview[],
  filter: ItemFilter,
  today: IsoDate,
  me?: { email: string },
): SelectedItem[] {
  const key = selectionKey(filter, today, me);
  const selected: SelectedItem[] = [];
  for (const review of inReportOrder(reviews)) {
    for (const entry of reviewSelection(review, key, filter, today, me).items) selected.push(entry);
  }
  return selected;
}

/** Each review's selections by filter, day and asker: reviews are never mutated (a change makes new ones). */
const selectionMemo = new WeakMap<RegisterReview, Map<string, ReviewSelection>>();
const SELECTIONS_PER_REVIEW = 64;
const NO_COUNTS: ReadonlyMap<Status, number> = new Map();

export interface ReviewGroup {
  review: RegisterReview;
  items: SelectedItem[];
  /** Counted items by status (counts are taken at the lowest tracked level, DOMAIN.md 1.4). */
  counts: Record<Status, number>;
  /** How many counted items the group holds. */
  counted: number;
}

function emptyStatusCounts(): Record<Status, number> {
  return Object.fromEntries(STATUS_VALUES.map((s) => [s, 0])) as Record<Status, number>;
}

/** The selection as the answer card shows it: each review once, in the selection's order, with its items and counts. */
export function groupByReview(selected: readonly SelectedItem[]): ReviewGroup[] {
  const groups = new Map<RegisterReview, ReviewGroup>();
  for (const entry of selected) {
    let group = groups.get(entry.review);
    if (!group) {
      group = { review: entry.review, items: [], counts: emptyStatusCounts(), counted: 0 };
      groups.set(entry.review, group);
    }
    group.items.push(entry);
    if (entry.item.counted) {
      group.counts[entry.status.status] += 1;
      group.counted += 1;
    }
  }
  return [...groups.values()];
}
