/**
 * The one place that decides what a viewer may see in a conversation (DESIGN 4.6). A confidential
 * review (a children's home) or item is shown in full only in a personal chat; in a channel or group
 * chat it is reduced to counts and its rating ("Children's residential home inspection (Ofsted): Good"),
 * whoever asks. A list that belongs to the viewer ("my actions") is never shown to a channel or group
 * chat: it goes to the viewer's personal chat. Every route asks here before it shows anything.
 */
import { CONFIDENTIAL_REVIEW_TITLE, publicOutcome, publicTitle, ratingOf } from "./register/confidential-reviews.js";
import type { RegisterReview } from "./register/register.js";

export const ConversationScope = { personal: "personal", channel: "channel", groupChat: "groupChat" } as const;
export type ConversationScope = (typeof ConversationScope)[keyof typeof ConversationScope];

/** Who is looking, and where. Roles are part of the viewer so that a rule can use them without a new signature. */
export interface VisibilityViewer {
  scope: ConversationScope;
  email: string | null;
  isImprovementTeam?: boolean;
  leads?: readonly string[];
}

export const Shown = {
  /** Everything: name, text, owner, progress, evidence. */
  full: "full",
  /** Counts and rating only: no name, text, owner, progress or evidence. */
  countsAndRating: "counts_and_rating",
  /** Not here: sent to the viewer's personal chat, with a note in this conversation. */
  privately: "privately",
} as const;
export type Shown = (typeof Shown)[keyof typeof Shown];

export const Subject = {
  item: "item",
  review: "review",
  personsList: "persons_list",
  home: "home",
  owners: "owners",
} as const;
export type Subject = (typeof Subject)[keyof typeof Subject];

export type VisibilitySubject =
  | { kind: typeof Subject.item; confidential: boolean; reviewConfidential?: boolean }
  | { kind: typeof Subject.review; confidential: boolean }
  | { kind: typeof Subject.home }
  | { kind: typeof Subject.personsList }
  /** People named with their open items (who has not replied to a round): an owner of a home's items would be named. */
  | { kind: typeof Subject.owners };

/** Whoever opens a document whose link is posted to a channel: treated as a channel. */
export const PUBLISHED_AUDIENCE: VisibilityViewer = { scope: ConversationScope.channel, email: null };

/** True where only the viewer reads what is shown. */
export function isPrivateScope(scope: ConversationScope): boolean {
  return scope === ConversationScope.personal;
}

/** How `subject` may be shown to `viewer` in the viewer's conversation. */
export function decideVisibility(viewer: VisibilityViewer, subject: VisibilitySubject): Shown {
  if (isPrivateScope(viewer.scope)) return Shown.full;
  switch (subject.kind) {
    case Subject.personsList:
      return Shown.privately;
    case Subject.home:
    case Subject.owners:
      return Shown.countsAndRating;
    case Subject.review:
      return subject.confidential ? Shown.countsAndRating : Shown.full;
    case Subject.item:
      return subject.confidential || subject.reviewConfidential ? Shown.countsAndRating : Shown.full;
  }
}

/**
 * What of the viewer the rule above reads: what is worked out per viewer (the part of an answer they may
 * see) is kept under this key. Change it with the rule.
 */
export function visibilityKey(viewer: VisibilityViewer): string {
  return viewer.scope;
}

/** Whether an item (of a review) may be shown in full. */
export function mayShowItem(
  viewer: VisibilityViewer,
  item: { confidential: boolean },
  review?: { confidential: boolean },
): boolean {
  return (
    decideVisibility(viewer, {
      kind: Subject.item,
      confidential: item.confidential,
      reviewConfidential: review?.confidential ?? false,
    }) === Shown.full
  );
}

/** Whether a review may be shown by name, with its items. */
export function mayShowReview(viewer: VisibilityViewer, review: { confidential: boolean }): boolean {
  return decideVisibility(viewer, { kind: Subject.review, confidential: review.confidential }) === Shown.full;
}

/** "Children's residential home inspection (Ofsted): Good": what may be said of a confidential review anywhere. */
export function countsAndRatingLabel(review: { body: string | null; outcome: string | null }): string {
  const rating = ratingOf(review.outcome)?.replace(/ rating$/, "") ?? "rating not recorded";
  return `${CONFIDENTIAL_REVIEW_TITLE}${review.body ? ` (${review.body})` : ""}: ${rating}`;
}

/** The review's name as this viewer may see it. */
export function reviewLabelFor(
  viewer: VisibilityViewer,
  review: { title: string; body: string | null; outcome: string | null; confidential: boolean },
): string {
  return mayShowReview(viewer, review) ? review.title : countsAndRatingLabel(review);
}

/**
 * Text built from register data (a heading, a suggestion) with every confidential review's title the
 * viewer may not see replaced by its counts-and-rating label. For text whose parts cannot be checked
 * one by one, such as the parser's suggestions, which name reviews inside example questions.
 */
export function withoutHiddenTitles(
  viewer: VisibilityViewer,
  text: string,
  reviews: readonly { title: string; body: string | null; outcome: string | null; confidential: boolean }[],
): string {
  let result = text;
  for (const review of reviews) {
    if (mayShowReview(viewer, review) || !review.title) continue;
    result = result.split(review.title).join(countsAndRatingLabel(review));
  }
  return result;
}

/** Whether a text names a review the viewer may not see (so a suggestion or link naming it is left out). */
export function namesHiddenReview(
  viewer: VisibilityViewer,
  text: string,
  reviews: readonly { title: string; confidential: boolean }[],
): boolean {
  return reviews.some(
    (review) =>
      !mayShowReview(viewer, review) &&
      review.title.length > 0 &&
      text.toLowerCase().includes(review.title.toLowerCase()),
  );
}

/** Splits a list into what may be shown and how many are only counted. */
export function partitionVisible<T>(
  viewer: VisibilityViewer,
  list: readonly T[],
  isConfidential: (entry: T) => boolean,
): { shown: T[]; hidden: number } {
  const shown = list.filter(
    (entry) => decideVisibility(viewer, { kind: Subject.item, confidential: isConfidential(entry) }) === Shown.full,
  );
  return { shown, hidden: list.length - shown.length };
}

/**
 * The register as this viewer may see it (for documents: PUBLISHED_AUDIENCE): a review they may not
 * see keeps its place, date and rating but loses its name, items and narrative; items they may not
 * see are left out of the other reviews.
 */
export function visibleRegister(viewer: VisibilityViewer, reviews: readonly RegisterReview[]): RegisterReview[] {
  return reviews.map((review) =>
    mayShowReview(viewer, review)
      ? { ...review, items: review.items.filter((item) => mayShowItem(viewer, item, review)) }
      : { ...review, title: publicTitle(review), outcome: publicOutcome(review), narrative: null, items: [] },
  );
}
