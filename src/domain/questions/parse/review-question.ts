/**
 * Yes/no questions about one review ("is the peer challenge on track?", "has the SEND inspection been
 * completed?"): answered with the review's own rolled-up status and its reason first (review-status.ts),
 * not with the items of it that happen to match the word.
 */
import { Status } from "../../status/status.js";

export interface ReviewAsked {
  /** The review's title as the register holds it. */
  reviewTitle: string;
  /** What the question asks whether the review is: "on track", "delayed", "complete". */
  asked: string;
  /** The review statuses that answer yes. */
  yes: Status[];
}

const YES_NO = /^(?:is|are|has|have|was|were|did|does)\b/;

const ASKED: readonly { pattern: RegExp; asked: string; yes: Status[] }[] = [
  {
    pattern: /\bsignificant(?:ly)? (?:delay|delays|delayed|late|behind)\b/,
    asked: "significantly delayed",
    yes: [Status.significantDelay],
  },
  {
    pattern: /\b(?:on[- ]track|on[- ]target|going to plan|on schedule)\b/,
    asked: "on track",
    yes: [Status.onTrack, Status.notStarted],
  },
  {
    pattern: /\b(?:delayed|late|behind|slipp(?:ed|ing)|off[- ]track|overdue)\b/,
    asked: "delayed",
    yes: [Status.partlyDelayed, Status.significantDelay],
  },
  {
    pattern: /\b(?:complete|completed|done|finished|closed|implemented|signed off)\b/,
    asked: "complete",
    yes: [Status.complete, Status.noActionRequired],
  },
];

/** The yes/no question a review question asks, when it is one and names exactly one review. */
export function readReviewAsked(lower: string, reviewTitle: string | undefined): ReviewAsked | undefined {
  if (!reviewTitle || !YES_NO.test(lower.trim())) return undefined;
  const found = ASKED.find((a) => a.pattern.test(lower));
  return found ? { reviewTitle, asked: found.asked, yes: found.yes } : undefined;
}

/** The words a review yes/no question applies. */
export const REVIEW_ASKED_WORDS =
  /^(?:is|are|has|have|was|were|did|does)\b|\b(?:significant(?:ly)?|on[- ]track|on[- ]target|going to plan|on schedule|delayed|late|behind|slipp(?:ed|ing)|off[- ]track|overdue|complete|completed|done|finished|closed|implemented|signed off|been)\b/;
