/**
 * The two counting questions: "how many were implemented since the last report (by directorate)?" and "what
 * new inspections have come in since April?", each with the words of the question it did not apply.
 */
import { type IsoDate } from "../../dates/calendar-date.js";
import { type DirectorateMention } from "../words/directorate-mentions.js";
import { BY_DIRECTORATE, COUNTING, IMPLEMENTED, NEW_REVIEWS } from "../words/keywords.js";
import { readSince } from "./question-dates.js";
import { type ReasonClause } from "../words/qualifiers.js";
import { type Question, QuestionKind } from "./types.js";
import { countWordsNotUsed } from "../words/word-use.js";

export interface CountQuestionInput {
  /** The question lower-cased, its reason blanked. */
  lower: string;
  /** The question as read, for quoting the words not used. */
  shown: string;
  today: IsoDate;
  mentions: readonly DirectorateMention[];
  reason: ReasonClause | undefined;
}

export function readImplementedCount(input: CountQuestionInput): Question {
  const { lower, shown, today, mentions, reason } = input;
  const { since, work } = readSince(lower, today, true);
  const unused = countWordsNotUsed(lower, shown, {
    patterns: [IMPLEMENTED, COUNTING, BY_DIRECTORATE, /\bsince\b/],
    spans: mentions.slice(0, 1),
    blanked: work,
    ...(reason ? { reason } : {}),
  });
  return {
    kind: QuestionKind.implementedCount,
    since,
    byDirectorate: BY_DIRECTORATE.test(lower),
    ...(mentions[0] ? { directorateId: mentions[0].id } : {}),
    ...(unused.length ? { unused } : {}),
  };
}

export function readNewReviews(input: CountQuestionInput): Question {
  const { lower, shown, today, mentions, reason } = input;
  const { since, work } = readSince(lower, today, true);
  const unused = countWordsNotUsed(lower, shown, {
    patterns: [NEW_REVIEWS, /\bsince\b/, /\b(?:inspections?|reviews?|audits?|visits?|assessments?|reports?)\b/],
    spans: mentions.slice(0, 1),
    blanked: work,
    ...(reason ? { reason } : {}),
  });
  return {
    kind: QuestionKind.newReviews,
    since,
    ...(mentions[0] ? { directorateId: mentions[0].id } : {}),
    ...(unused.length ? { unused } : {}),
  };
}
