/**
 * The headline figures and one page of an items answer. Each review's selection is kept with the review
 * (select-items.ts); the register's totals, and what each kind of viewer may see (through the visibility
 * rule), are kept per question and day and carried to the next register by looking again only at the
 * reviews that are new objects in it. So the first ask after a change counts only what the change
 * touched, and the page takes only the items it shows.
 */
import type { IsoDate } from "../dates/calendar-date.js";
import type { ItemFilter } from "./question.js";
import type { RegisterReview } from "../register/register.js";
import {
  inReportOrder,
  reviewSelection,
  selectionKey,
  type ReviewSelection,
  type SelectedItem,
} from "./select-items.js";
import type { Status } from "../status/status.js";
import { partitionVisible, visibilityKey, type VisibilityViewer } from "../visibility.js";

export interface AnswerPage {
  /** Every selected item, confidential or not: confidential items are counted everywhere. */
  total: number;
  /** Selected items by status; only the statuses present. */
  byStatus: ReadonlyMap<Status, number>;
  /** How many items this viewer may see in full, and how many are only counted. */
  shown: number;
  hidden: number;
  /** The shown items from `offset`, at most `pageSize`, in report order. */
  items: SelectedItem[];
}

interface VisiblePart {
  shown: readonly SelectedItem[];
  hidden: number;
}

/** What one kind of viewer may see of each review's selection (parallel to the report order), and the sums. */
interface ViewerFigures {
  /** Any viewer of this kind: the rule gives all of them the same (visibilityKey). */
  viewer: VisibilityViewer;
  parts: VisiblePart[];
  shown: number;
  hidden: number;
}

/** One register's answer to one question on one day. */
interface RegisterFigures {
  order: readonly RegisterReview[];
  /** Parallel to `order`. */
  selections: ReviewSelection[];
  total: number;
  byStatus: Map<Status, number>;
  byViewer: Map<string, ViewerFigures>;
}

/** The latest register's figures per selection key; the oldest key is dropped past the limit. */
const latestFigures = new Map<string, RegisterFigures>();
const FIGURES_KEPT = 64;

function visiblePart(viewer: VisibilityViewer, selection: ReviewSelection): VisiblePart {
  if (selection.items.length === 0) return NOTHING_VISIBLE;
  const part = partitionVisible(viewer, selection.items, (s) => s.item.confidential || s.review.confidential);
  // Kept for as long as the figures are: no second copy of a review's items when all are shown.
  return part.hidden === 0 ? { shown: selection.items, hidden: 0 } : part;
}

const NOTHING_VISIBLE: VisiblePart = { shown: [], hidden: 0 };

function addCounts(byStatus: Map<Status, number>, counts: ReadonlyMap<Status, number>, sign: 1 | -1): void {
  for (const [status, count] of counts) {
    const now = (byStatus.get(status) ?? 0) + sign * count;
    // Only the statuses present, as the answer lists them.
    if (now === 0) byStatus.delete(status);
    else byStatus.set(status, now);
  }
}

function figuresFor(
  reviews: readonly RegisterReview[],
  filter: ItemFilter,
  today: IsoDate,
  me: { email: string } | undefined,
): RegisterFigures {
  const key = selectionKey(filter, today, me);
  const order = inReportOrder(reviews);
  const previous = latestFigures.get(key);
  if (previous?.order === order) return previous;
  let figures: RegisterFigures;
  if (previous && previous.order.length === order.length) {
    // The same register after a change: only the reviews that are new objects are looked at again.
    figures = {
      order,
      selections: previous.selections.slice(),
      total: previous.total,
      byStatus: new Map(previous.byStatus),
      byViewer: new Map(),
    };
    const changed: number[] = [];
    for (let i = 0; i < order.length; i += 1) {
      if (order[i] === previous.order[i]) continue;
      const before = figures.selections[i]!;
      const after = reviewSelection(order[i]!, key, filter, today, me);
      figures.total += after.items.length - before.items.length;
      addCounts(figures.byStatus, before.byStatus, -1);
      addCounts(figures.byStatus, after.byStatus, 1);
      figures.selections[i] = after;
      changed.push(i);
    }
    for (const [viewerKey, seen] of previous.byViewer) {
      const carried: ViewerFigures = {
        viewer: seen.viewer,
        parts: seen.parts.slice(),
        shown: seen.shown,
        hidden: seen.hidden,
      };
      for (const i of changed) {
        const before = carried.parts[i]!;
        const after = visiblePart(seen.viewer, figures.selections[i]!);
        carried.shown += after.shown.length - before.shown.length;
        carried.hidden += after.hidden - before.hidden;
        carried.parts[i] = after;
      }
      figures.byViewer.set(viewerKey, carried);
    }
  } else {
    figures = { order, selections: [], total: 0, byStatus: new Map(), byViewer: new Map() };
    for (const review of order) {
      const selection = reviewSelection(review, key, filter, today, me);
      figures.selections.push(selection);
      figures.total += selection.items.length;
      addCounts(figures.byStatus, selection.byStatus, 1);
    }
  }
  latestFigures.delete(key);
  if (latestFigures.size >= FIGURES_KEPT) latestFigures.delete(latestFigures.keys().next().value!);
  latestFigures.set(key, figures);
  return figures;
}

function viewerFigures(figures: RegisterFigures, viewer: VisibilityViewer): ViewerFigures {
  const key = visibilityKey(viewer);
  let seen = figures.byViewer.get(key);
  if (!seen) {
    seen = { viewer, parts: [], shown: 0, hidden: 0 };
    for (const selection of figures.selections) {
      const part = visiblePart(viewer, selection);
      seen.parts.push(part);
      seen.shown += part.shown.length;
      seen.hidden += part.hidden;
    }
    figures.byViewer.set(key, seen);
  }
  return seen;
}

/** The items answering `filter` (as selectItems picks them) counted, and the page of them `viewer` may see from `offset`. */
export function answerPage(
  reviews: readonly RegisterReview[],
  filter: ItemFilter,
  today: IsoDate,
  viewer: VisibilityViewer,
  me: { email: string } | undefined,
  offset: number,
  pageSize: number,
): AnswerPage {
  const figures = figuresFor(reviews, filter, today, me);
  const seen = viewerFigures(figures, viewer);
  const items: SelectedItem[] = [];
  let before = 0;
  for (let i = 0; i < seen.parts.length && items.length < pageSize; i += 1) {
    const { shown } = seen.parts[i]!;
    // This review's shown items stand at [before, before + shown.length) of the whole list.
    for (let j = Math.max(offset - before, 0); j < shown.length && items.length < pageSize; j += 1)
      items.push(shown[j]!);
    before += shown.length;
  }
  return { total: figures.total, byStatus: figures.byStatus, shown: seen.shown, hidden: seen.hidden, items };
}
