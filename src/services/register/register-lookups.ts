/**
 * Small reads of the register that card actions make before they show or change anything: whether an
 * item may be shown to this viewer here, a review's heading for its form, the items of a review.
 */
import { itemConfidentiality, itemIdsOfReview as idsOfReview } from "../../data/register/item-store.js";
import { reviewHeading } from "../../data/register/register-store.js";
import { parseRecordId } from "../../domain/register/record-id.js";
import { mayShowItem, type VisibilityViewer } from "../../domain/visibility.js";
import type { Store } from "../store.js";

/** Whether this viewer may see the item here (confidential items only in a personal chat); null when it is gone. */
export async function itemVisibleTo(store: Store, viewer: VisibilityViewer, itemId: number): Promise<boolean | null> {
  const item = await itemConfidentiality(store, itemId);
  if (!item) return null;
  return mayShowItem(viewer, item, item.review);
}

/** The review a new item is added to, or null when the id names none. */
export function reviewForItemForm(
  store: Store,
  reviewId: number,
): Promise<{ id: number; title: string; confidential: boolean } | null> {
  return parseRecordId(reviewId) === null ? Promise.resolve(null) : reviewHeading(store, reviewId);
}

export function itemIdsOfReview(store: Store, reviewId: number): Promise<number[]> {
  return idsOfReview(store, reviewId);
}
