/**
 * Who an answer is for, from what the parsed question means (never from the words typed): a question
 * about the viewer's own items ("my actions", "show mine", "what do I own?", "my milestones") is answered per person and,
 * outside a personal chat, privately; everything else is shared by everyone in the same kind of chat.
 */
import { QuestionKind, type Question } from "./question.js";
import { ConversationScope, decideVisibility, Shown, Subject, type VisibilityViewer } from "../visibility.js";

/** Whether the answer depends on who asks. */
export function isViewerSpecific(question: Question): boolean {
  if (question.kind === QuestionKind.milestonesDue) return Boolean(question.mine);
  return question.kind === QuestionKind.items && Boolean(question.filter.mine || question.filter.waitingForAsker);
}

/** A list shown in a decider's personal chat carries the decision buttons they may press: their answer is their own. */
function carriesDecisionButtons(question: Question, viewer: VisibilityViewer): boolean {
  return (
    question.kind === QuestionKind.items &&
    viewer.scope === ConversationScope.personal &&
    Boolean(viewer.isImprovementTeam || viewer.leads?.length)
  );
}

/** Whether the answer must go to the asker's personal chat rather than this conversation. */
export function answersPrivately(question: Question, viewer: VisibilityViewer): boolean {
  return isViewerSpecific(question) && decideVisibility(viewer, { kind: Subject.personsList }) === Shown.privately;
}

/**
 * The cache key of an answer: the day, the conversation scope (it decides what is shown), the page, the
 * parsed meaning, the words (echoed on the card) and, when the answer depends on the viewer, the viewer.
 */
export function answerCacheKey(
  question: Question,
  viewer: VisibilityViewer,
  parts: { day: string; offset: number; text: string },
): string {
  const audience =
    isViewerSpecific(question) || carriesDecisionButtons(question, viewer)
      ? `person:${viewer.email ?? "unknown"}:${viewer.isImprovementTeam ? "team" : ""}:${(viewer.leads ?? []).join(",")}`
      : "everyone";
  return [parts.day, viewer.scope, parts.offset, audience, JSON.stringify(question), parts.text].join("|");
}
