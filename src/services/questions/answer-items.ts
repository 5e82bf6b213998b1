/**
 * The answer that lists items: counts first, then the items grouped by review with their status and
 * reason, targets and any extensions, owner and latest progress, a page at a time; confidential items are
 * counted, never shown, where the viewer may not see them.
 */
import { type ItemFilter, type ReviewAsked } from "../../domain/questions/question.js";
import {
  describeExtensionRequest,
  describeExtensions,
  extensionCount,
  ExtensionState,
  tookEffect,
} from "../../domain/extensions/extension-request.js";
import { type RegisterItem, type RegisterReview } from "../../domain/register/register.js";
import { answerPage } from "../../domain/questions/answer-page.js";
import { STATUS_LABELS } from "../../domain/status/status.js";
import { plain, STATUS_EMPHASIS } from "../../cards/card-text.js";
import { ConversationScope } from "../../domain/visibility.js";
import { readableDate } from "../../domain/text/readable-text.js";
import { DEFAULT_AT_RISK_SETTINGS } from "../../domain/status/at-risk.js";
import { atRiskText, itemAtRisk } from "../../domain/status/item-at-risk.js";
import { explainAnswer } from "./explain-answer.js";
import { reviewVerdict } from "./answer-review-asked.js";
import { groupByReview, hiddenNote, listAnswer, reviewHeading, statusCountRows, targetText } from "./answer-list.js";
import { decisionsFor, type WaitingDecider } from "../../domain/decisions/waiting-decisions.js";
import {
  messageCard,
  notUsedNote,
  PAGE_SIZE,
  unknownAskerAnswer,
  type Answer,
  type AnswerContext,
  type Viewer,
} from "./answer-shapes.js";

export function itemsAnswer(
  filter: ItemFilter,
  description: string,
  questionText: string,
  reviews: readonly RegisterReview[],
  viewer: Viewer,
  context: AnswerContext,
  offset: number,
  told: ItemsAnswerTold = {},
): Answer {
  if (filter.mine && !viewer.email) return unknownAskerAnswer();
  if (filter.waitingForAsker) {
    if (!viewer.email)
      return messageCard(
        "I don't know who you are yet",
        ["I could not find your email address in Teams, so I cannot tell which decisions are yours to make."],
        [],
        ["what extensions are waiting for approval?"],
      );
    filter = { ...filter, decider: deciderOf(viewer, viewer.email) };
  }
  const me = viewer.email ? { email: viewer.email } : undefined;
  const {
    total,
    byStatus,
    shown,
    hidden,
    items: page,
  } = answerPage(reviews, filter, context.today, viewer, me, offset, PAGE_SIZE);

  const counts = statusCountRows(total, "item", byStatus);
  const groups = groupByReview(page);
  const reviewCards = groups.map(({ review, entries }) => {
    return {
      ...reviewHeading(review, context.today, context.statusKey),
      items: entries.map(({ item, status }) => {
        const detail = extensionDetail(filter, item);
        return {
          // Beside the status, never in place of it: the status stays the council's key.
          atRisk: plain(atRiskText(itemAtRisk(item, context.atRisk ?? DEFAULT_AT_RISK_SETTINGS, context.today))),
          priority: plain(item.priority ?? ""),
          ref: plain(item.ref),
          text: plain(item.text),
          statusLabel: STATUS_LABELS[status.status],
          statusEmphasis: STATUS_EMPHASIS[status.status],
          // The detail line says it in full where the question is about extensions.
          target: targetText(item.originalTarget, item.revisedTarget) + (detail ? "" : extensionsText(item)),
          owner: plain(item.ownerLabel ?? item.ownerEmail ?? "not assigned"),
          reason: plain(status.reason),
          // What a question about extensions asks to see of each item: the waiting request, or the chain.
          detail: plain(detail),
          latestUpdate: plain(item.latestUpdate ? `Latest: ${item.latestUpdate}` : ""),
          verification:
            item.verification === "awaiting"
              ? "Completion awaiting the improvement team's verification"
              : item.verification === "returned"
                ? "Completion returned by the improvement team"
                : "",
          // Owners update their own items from "my actions" in their personal chat.
          canUpdate: Boolean(
            filter.mine &&
            viewer.scope === ConversationScope.personal &&
            viewer.email &&
            (item.ownerEmail === viewer.email || item.delegateEmail === viewer.email),
          ),
          itemId: item.id,
          // Approve/Decline, Verify/Return: only in a personal chat, only for whoever may press them.
          decisions: decisionButtons(item, review.directorateId, viewer),
        };
      }),
    };
  });
  const verdict = told.reviewAsked ? reviewVerdict(told.reviewAsked, reviews, viewer, context) : null;
  const notes = [...(verdict ? [verdict.line] : []), ...readingNotes(told), ...hiddenNote(hidden, "item")];
  notes.push(
    ...explainAnswer(filter, total, reviews, {
      today: context.today,
      statusKey: context.statusKey,
      viewer,
      extensionsNeedApproval: context.extensionsNeedApproval ?? true,
    }),
  );
  const pageLines = page.map(({ review, item, status }) => {
    const flag = itemAtRisk(item, context.atRisk ?? DEFAULT_AT_RISK_SETTINGS, context.today).atRisk ? "; at risk" : "";
    const detail = extensionDetail(filter, item);
    return `- ${review.title} / ${item.ref}: ${STATUS_LABELS[status.status]}${flag} (${status.reason})${detail ? `; ${detail}` : ""}`;
  });
  const answer = listAnswer({
    title: verdict?.title ?? description,
    noun: "item",
    questionText,
    today: context.today,
    total,
    shown,
    offset,
    pageLength: page.length,
    counts,
    reviewCards,
    pageLines,
    notes,
    itemIds: page.map(({ item }) => item.id),
  });
  return { ...answer, itemIds: page.map((entry) => entry.item.id) };
}

/** What the parser read beyond the list's heading: the words it did not use, and how it read a quarter. */
export interface ItemsAnswerTold {
  unused?: readonly string[];
  readings?: readonly string[];
  reviewAsked?: ReviewAsked;
}

/** "I did not use: 'this quarter'." and "Quarters are the council's financial-year quarters: …". */
function readingNotes(told: ItemsAnswerTold): string[] {
  const notes = notUsedNote(told.unused);
  for (const reading of told.readings ?? [])
    notes.push(`Quarters are the council's financial-year quarters (Q1 is April to June): I read this as ${reading}.`);
  return notes;
}

/**
 * For an item with extension requests: "; extended twice: 31 Mar 2025 → 30 Sep 2025 → 31 Mar 2026", flagged
 * when the latest request was a repeat, and saying when one is waiting. Nothing for items never asked to move.
 */
function extensionsText(item: RegisterItem): string {
  const requests = item.extensionRequests ?? [];
  if (!requests.length) return "";
  const latest = requests[requests.length - 1]!;
  const repeat = latest.repeat ? "; a repeat extension" : "";
  const waiting =
    latest.state === ExtensionState.waiting
      ? `; extension to ${readableDate(latest.requestedTarget)} waiting for approval`
      : "";
  const chain = extensionCount({ ...item, requests }) ? `; ${describeExtensions({ ...item, requests })}` : "";
  return `${chain}${repeat}${waiting}`;
}

/**
 * For "what extensions are waiting for approval?": the waiting request in full, who asked and when, the
 * targets, who decides, whether it is a repeat, and the reason as typed (shown as text). For "which items
 * have been extended more than once?": the chain of targets. Nothing for other questions.
 */
function extensionDetail(filter: ItemFilter, item: RegisterItem): string {
  const requests = item.extensionRequests ?? [];
  if (filter.extensionWaiting) {
    const waiting = requests.find((r) => r.state === ExtensionState.waiting);
    if (!waiting) return "";
    const asked = describeExtensionRequest(waiting);
    return `Extension ${asked}. Reason: ${waiting.reason}`;
  }
  if (filter.extendedAtLeast) {
    const repeats = requests.filter((r) => r.repeat && tookEffect(r)).length;
    const flag = repeats ? ` (${repeats === 1 ? "a repeat extension" : `${repeats} repeat extensions`})` : "";
    return `${describeExtensions({ ...item, requests }).replace(/^e/, "E")}${flag}`;
  }
  return "";
}

function deciderOf(viewer: Viewer, email: string): WaitingDecider {
  return { email, isImprovementTeam: Boolean(viewer.isImprovementTeam), leads: viewer.leads ?? [] };
}

/**
 * The decision buttons beside an item in a list, for a viewer in their personal chat who may make the decision
 * (the same rule the decision itself checks). Each opens beside the list: Approve and Verify decide at once,
 * Decline and Return open the decision card for the comment they need.
 */
function decisionButtons(
  item: RegisterItem,
  directorateId: string,
  viewer: Viewer,
): { title: string; decision: string; itemId: string; version: string }[] {
  if (viewer.scope !== ConversationScope.personal || !viewer.email) return [];
  const may = decisionsFor(item, directorateId, deciderOf(viewer, viewer.email));
  const button = (title: string, decision: string) => ({
    title: `${title} ${plain(item.ref)}`,
    decision,
    itemId: String(item.id),
    version: String(item.version),
  });
  return [
    ...(may.extension ? [button("Approve", "approve"), button("Decline", "decline")] : []),
    ...(may.completion ? [button("Verify", "verify"), button("Return", "return")] : []),
  ];
}
