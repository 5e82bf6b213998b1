/**
 * Answers the Ombudsman questions for one viewer: the remedies due in a month (a personal remedy is counted
 * in a channel or group chat, never named: mayShowItem decides), and the cases upheld by directorate with
 * the annual letter's upheld rate (counts only, so the same everywhere). Each answer says how it read the
 * period and names the words it did not use.
 */
import { formatDay } from "../../domain/dates/calendar-date.js";
import { OmbudsmanAsk, type OmbudsmanQuestion } from "../../domain/ombudsman/ombudsman-question.js";
import { remediesDue } from "../../domain/ombudsman/remedies-due.js";
import { upheldCases, upheldRateText } from "../../domain/ombudsman/upheld-cases.js";
import { directorateName } from "../../domain/register/directorates.js";
import type { RegisterReview } from "../../domain/register/register.js";
import { plural } from "../../domain/text/readable-text.js";
import { mayShowItem } from "../../domain/visibility.js";
import { messageCard, notUsedNote, type Answer, type Viewer } from "../questions/answer-shapes.js";

/** How the answer says what makes a case upheld: the rule the docs state too. */
export const UPHELD_RULE =
  "A case is upheld when the register records a remedy for it (personal or service improvement); a case with no remedy was not upheld.";

export function ombudsmanAnswer(
  question: OmbudsmanQuestion,
  reviews: readonly RegisterReview[],
  viewer: Viewer,
): Answer {
  const asked = question.directorateId ? reviews.filter((r) => r.directorateId === question.directorateId) : reviews;
  const where = question.directorateId ? ` in ${directorateName(question.directorateId)}` : "";
  return question.ask === OmbudsmanAsk.upheldCases
    ? upheldAnswer(question, asked, where)
    : remediesDueAnswer(question, asked, viewer, where);
}

function upheldAnswer(question: OmbudsmanQuestion, reviews: readonly RegisterReview[], where: string): Answer {
  const { total, byDirectorate } = upheldCases(reviews, question.from, question.to);
  const lines = [
    `Ombudsman decisions from ${formatDay(question.from)} to ${formatDay(question.to)}${where} (${question.period}).`,
    `${where ? directorateName(question.directorateId!) : "All directorates"}: ${upheldRateText(total)}.`,
    ...(question.byDirectorate && byDirectorate.length > 1
      ? byDirectorate.map(({ directorateId, tally }) => `${directorateName(directorateId)}: ${upheldRateText(tally)}.`)
      : []),
    UPHELD_RULE,
    ...notUsedNote(question.unused, "These counts are"),
  ];
  return messageCard(
    `Upheld Ombudsman cases${question.byDirectorate ? " by directorate" : ""}${where}`,
    lines,
    [],
    ["what Ombudsman remedies are due this month?"],
  );
}

function remediesDueAnswer(
  question: OmbudsmanQuestion,
  reviews: readonly RegisterReview[],
  viewer: Viewer,
  where: string,
): Answer {
  const { due, overdue } = remediesDue(reviews, question.from, question.to);
  const shown = due.filter((d) => mayShowItem(viewer, d.item, d.review));
  const hidden = due.length - shown.length;
  const lines = shown.map(({ review, item, due: day, reason }) => {
    const facts = item.ombudsman!;
    const kind = facts.remedyKind === "personal" ? "personal remedy" : "service improvement";
    const what =
      reason === "public_report_response"
        ? `the council's response to the Ombudsman's public report is due ${formatDay(day)}`
        : `due ${formatDay(day)}`;
    const owner = item.ownerLabel ?? item.ownerEmail ?? "no owner recorded";
    return `${item.ref} (case ${facts.caseRef}, ${review.title}; ${review.directorateId}; ${kind}): ${item.text} - ${what}; owner ${owner}.`;
  });
  const notes = [
    ...(hidden
      ? [
          `${plural(hidden, "personal remedy", "personal remedies")} ${hidden === 1 ? "is" : "are"} due too: confidential, so counted here and shown only in a personal chat.`,
        ]
      : []),
    ...(overdue
      ? [
          `${plural(overdue, "more remedy was", "more remedies were")} due before ${formatDay(question.from)} and ${overdue === 1 ? "is" : "are"} still owed.`,
        ]
      : []),
  ];
  return {
    ...messageCard(
      `${plural(due.length, "Ombudsman remedy", "Ombudsman remedies")} due ${question.period}${where}`,
      [...(lines.length || hidden ? lines : ["None falls due then."]), ...notes, ...notUsedNote(question.unused)],
      [],
      ["upheld cases by directorate this year", "what's overdue?"],
    ),
    itemIds: shown.map((d) => d.item.id),
  };
}
