/**
 * Confidential reviews (children's residential homes, DOMAIN.md 1.9): their outcome is followed up
 * monthly and is not in the public domain, so anything posted or published shows counts and the
 * Ofsted rating only: never the home's name (it locates the home), its recommendations or progress.
 */
import type { RegisterReview } from "./register.js";

/** The title used wherever a confidential review is shown: generic, because a home's name says where it is. */
export const CONFIDENTIAL_REVIEW_TITLE = "Children's residential home inspection";

/** D0 3.4.4, said wherever confidential reviews are reported. */
export const CONFIDENTIAL_NOTE =
  "The outcome of these inspections is confidential and not in the public domain. Therefore, the recommendations and progress against these are not included within this report; they are followed up monthly.";

const RATING = /\b(outstanding|good|requires improvement(?: to be good)?|inadequate)\b/i;

/** The Ofsted judgement named in an outcome ("Good rating"), or null when none is named. */
export function ratingOf(outcome: string | null | undefined): string | null {
  const match = RATING.exec(outcome ?? "");
  if (!match) return null;
  const word = match[1]!.toLowerCase();
  return `${word.charAt(0).toUpperCase()}${word.slice(1)} rating`;
}

export function publicTitle(review: Pick<RegisterReview, "title" | "confidential">): string {
  return review.confidential ? CONFIDENTIAL_REVIEW_TITLE : review.title;
}

/** The outcome as it may be published: a confidential review's rating only. */
export function publicOutcome(review: Pick<RegisterReview, "outcome" | "confidential">): string | null {
  if (!review.confidential) return review.outcome;
  return ratingOf(review.outcome) ?? "Rating not recorded";
}
