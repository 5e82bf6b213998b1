/**
 * How an exception's improvement item stands, as a viewer may see it: its progress, status and target, or
 * nothing when the one visibility rule keeps the item from this conversation.
 */
import { formatDay, type IsoDate } from "../../domain/dates/calendar-date.js";
import { effectiveTarget } from "../../domain/questions/select-items.js";
import { itemStatus, type RegisterItem, type RegisterReview } from "../../domain/register/register.js";
import { STATUS_LABELS } from "../../domain/status/status.js";
import { PROGRESS_LABELS } from "../../domain/text/readable-text.js";
import { mayShowItem, type VisibilityViewer } from "../../domain/visibility.js";

/**
 * "Improvement action: in progress (status: in progress and partly delayed), target 30 Sep 2019"; null for no
 * item or one not to be shown here.
 */
export function exceptionItemProgress(
  itemId: number | null,
  reviews: readonly RegisterReview[],
  viewer: VisibilityViewer,
  today: IsoDate,
): string | null {
  if (itemId === null) return null;
  let found: { item: RegisterItem; review: RegisterReview } | null = null;
  for (const review of reviews) {
    const item = review.items.find((i) => i.id === itemId);
    if (item) found = { item, review };
  }
  if (!found || !mayShowItem(viewer, found.item, found.review)) return null;
  const { item } = found;
  const target = effectiveTarget(item);
  const status = STATUS_LABELS[itemStatus(item, today).status];
  const when = target ? `, target ${formatDay(target)}` : "";
  const latest = item.latestUpdate ? ` Latest update: ${item.latestUpdate}` : "";
  return `Improvement action: ${PROGRESS_LABELS[item.progress].toLowerCase()} (status: ${status.toLowerCase()})${when}.${latest}`;
}
