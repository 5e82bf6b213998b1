/**
 * Finds the item someone names in chat: "Rec IR4", "AFI 3 of ILACS", "Area for improvement 2 in SEND".
 * Labels are unique only within a review, so a bare label may match several items.
 */
import type { RegisterItem, RegisterReview } from "../register/register.js";

export interface FoundItem {
  review: RegisterReview;
  item: RegisterItem;
}

function normaliseRef(text: string): string {
  return text
    .toLowerCase()
    .replace(/\barea for improvement\b/g, "afi")
    .replace(/\brecommendation\b/g, "rec")
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

function words(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9/]+/g, " ")
    .split(" ")
    .filter((w) => w.length > 1 && !["the", "of", "and", "in", "for"].includes(w));
}

export function findItemsByRef(reviews: readonly RegisterReview[], text: string): FoundItem[] {
  const cleaned = text.trim().replace(/[?.!]+$/, "");
  const split = /^(.*?)\s+(?:of|in|on|from)\s+(?:the\s+)?(.+)$/i.exec(cleaned);
  const candidates: [string, string | null][] = [[cleaned, null]];
  if (split) candidates.unshift([split[1]!, split[2]!]);
  for (const [refText, reviewText] of candidates) {
    const ref = normaliseRef(refText);
    if (!ref) continue;
    const reviewWords = reviewText ? words(reviewText) : [];
    const found: FoundItem[] = [];
    for (const review of reviews) {
      if (reviewWords.length) {
        const title = review.title.toLowerCase();
        if (!reviewWords.every((w) => title.includes(w))) continue;
      }
      for (const item of review.items) if (normaliseRef(item.ref) === ref) found.push({ review, item });
    }
    if (found.length) return found;
  }
  return [];
}

/**
 * "Rec IR4, Rec IR6 and 3" of one review, as typed in a command: the ids of the items each names exactly,
 * and the refs that name none or several, so a command can change all of them or none.
 */
export function placeItemRefs(
  reviews: readonly RegisterReview[],
  refsText: string,
  reviewText: string,
): { ids: number[]; missing: string[] } {
  const ids: number[] = [];
  const missing: string[] = [];
  for (const ref of refsText.split(/\s*(?:,|\band\b)\s*/i).filter(Boolean)) {
    const found = findItemsByRef(reviews, `${ref} of ${reviewText}`);
    if (found.length === 1) ids.push(found[0]!.item.id);
    else missing.push(ref);
  }
  return { ids, missing };
}
