/**
 * The first line of the answer to a yes/no question about one review ("is the peer challenge on track?"):
 * the review's own rolled-up status by the key, and its reason, before any of its items. A review the viewer
 * may not see by name is named as the visibility rule allows.
 */
import type { ReviewAsked } from "../../domain/questions/question.js";
import { reviewStatus, type RegisterReview } from "../../domain/register/register.js";
import { STATUS_LABELS } from "../../domain/status/status.js";
import { reviewLabelFor } from "../../domain/visibility.js";
import type { AnswerContext, Viewer } from "./answer-shapes.js";

export interface ReviewVerdict {
  /** The card's heading: "Corporate Peer Challenge: In progress and partly delayed". */
  title: string;
  /** "No: Corporate Peer Challenge as a whole is In progress and partly delayed (1 open item behind …) …". */
  line: string;
}

export function reviewVerdict(
  asked: ReviewAsked,
  reviews: readonly RegisterReview[],
  viewer: Viewer,
  context: AnswerContext,
): ReviewVerdict | null {
  const review = reviews.find((r) => r.title === asked.reviewTitle);
  if (!review) return null;
  const rolled = reviewStatus(review, context.today, context.statusKey);
  const label = reviewLabelFor(viewer, review);
  const status = STATUS_LABELS[rolled.status];
  const answer = asked.yes.includes(rolled.status) ? "Yes" : "No";
  const breakdown = rolled.breakdownText ? ` ${rolled.breakdownText}` : "";
  return {
    title: `${label}: ${status}`,
    line: `${answer}: ${label} as a whole is ${status} (${rolled.reason})${breakdown}, by the status key; you asked whether it is ${asked.asked}. Its items follow.`,
  };
}
