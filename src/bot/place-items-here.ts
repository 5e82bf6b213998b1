/**
 * Places "<refs> of <review>" typed in a command among the items the asker may see in this conversation.
 * In a channel or group chat a children's home's items are not placed at all, so a command's reply (done,
 * refused, or "can't place") reads the same whether such an item exists or not, and nothing is changed there.
 */
import { placeItemRefs } from "../domain/questions/find-items.js";
import type { RegisterReview } from "../domain/register/register.js";
import { isPrivateScope, mayShowItem, mayShowReview, type VisibilityViewer } from "../domain/visibility.js";

/** Said beside every "can't place" outside a personal chat, whether or not a home's item was meant. */
const HOMES_CHANGED_PRIVATELY = "Children's homes' items are changed only in a personal chat with me.";

export function placeItemRefsHere(
  viewer: VisibilityViewer,
  reviews: readonly RegisterReview[],
  refsText: string,
  reviewText: string,
): { ids: number[]; missing: string[]; note: string } {
  const shown = isPrivateScope(viewer.scope)
    ? reviews
    : reviews
        .filter((review) => mayShowReview(viewer, review))
        .map((review) => ({ ...review, items: review.items.filter((item) => mayShowItem(viewer, item, review)) }));
  const placed = placeItemRefs(shown, refsText, reviewText);
  return { ...placed, note: isPrivateScope(viewer.scope) ? "" : ` ${HOMES_CHANGED_PRIVATELY}` };
}
