/**
 * What an answer is (a card and its plain text), what it is worked out against, and the answers that
 * need no register: help and the welcome. Shared by the answer flow and the item lists.
 */
import { type IsoDate } from "../../domain/dates/calendar-date.js";
import { type SinceRef } from "../../domain/questions/question.js";
import { type StatusKey } from "../../domain/status/status.js";
import { type AdaptiveCard } from "../../cards/render-card.js";
import { renderMessageCard } from "../../cards/card-text.js";
import { type VisibilityViewer } from "../../domain/visibility.js";
import { type AtRiskSettings } from "../../domain/status/at-risk.js";

export const PAGE_SIZE = 20;

/** Who asks, and where: what is shown is decided by the visibility rule (domain/visibility.ts). */
export type Viewer = VisibilityViewer;

export interface AnswerContext {
  today: IsoDate;
  lastReportDate: IsoDate;
  statusKey: StatusKey;
  /** The at-risk rule's settings; absent, the defaults. */
  atRisk?: AtRiskSettings;
  /** False where extensions take effect at once (EXTENSIONS_NEED_APPROVAL off): nothing ever waits for approval. */
  extensionsNeedApproval?: boolean;
}

export interface Answer {
  card: AdaptiveCard;
  /** Plain text for clients that do not render cards, and for notifications. */
  text: string;
  /** The items the card lists, for whoever may act on them (a live card's refresh list); absent for none. */
  itemIds?: readonly number[];
}

export const EXAMPLE_QUESTIONS = [
  "what's delayed?",
  "what's delayed in CYPS?",
  "my actions",
  "is anything more than 12 months past its original target?",
  "what's due by the end of September?",
  "which target dates have been revised?",
  "what is awaiting start or has a TBC target?",
  "what new inspections have come in since the last report?",
  "how many recommendations were implemented since the last report, by directorate?",
  "show progress on the Ofsted focused visit areas for improvement",
  "what's at risk?",
  "which high-priority actions are overdue?",
  "which items have been extended more than once?",
  "what extensions are waiting for approval?",
  "what milestones are due this month?",
];

/** "I did not use: 'this quarter'. …": the words of a question its reading did not apply, or nothing. */
export function notUsedNote(unused: readonly string[] | undefined, what = "This list is"): string[] {
  if (!unused?.length) return [];
  return [
    `I did not use: ${unused.map((u) => `'${u}'`).join(", ")}. ${what} not narrowed by ${unused.length === 1 ? "it" : "them"}.`,
  ];
}

export function sinceDate(since: SinceRef, context: AnswerContext): IsoDate {
  return since.kind === "date" ? since.date : context.lastReportDate;
}

export function messageCard(
  title: string,
  paragraphs: string[],
  examples: string[],
  suggestions: string[] = [],
): Answer {
  return {
    card: renderMessageCard(title, paragraphs, { examples, suggestions }),
    text: [title, ...paragraphs, ...examples.map((e) => `- ${e}`)].join("\n"),
  };
}

/** The answer to a question about the asker's own items or milestones when Teams gave no email to know them by. */
export function unknownAskerAnswer(): Answer {
  return messageCard(
    "I don't know who you are yet",
    [
      "I could not find your email address in Teams, so I cannot match you to the register's action owners. Ask the improvement team to add you as an owner.",
    ],
    [],
    ["what's delayed?", "help"],
  );
}

export function helpAnswer(): Answer {
  return messageCard(
    "What I can tell you",
    [
      "I keep the register of recommendations from external inspections, reviews and audits, and work out each item's status from the council's status key.",
      "In a channel or group chat, @mention me with your question.",
    ],
    EXAMPLE_QUESTIONS,
    ["what's delayed?", "my actions"],
  );
}

export function welcomeAnswer(): Answer {
  return messageCard(
    "Hello: I track the recommendations from our external inspections",
    [
      "I hold the register of recommendations and areas for improvement from Ofsted, CQC, LGA peer challenges and external auditors, with their owners, target dates and progress.",
      "Each item's status comes from the council's status key: complete, on track, partly delayed, significant delay (more than 12 months past the original target), awaiting start, or no action required.",
      "Ask me too what's at risk, which items have been extended more than once, what extensions are waiting for approval, and what milestones are due this month.",
    ],
    EXAMPLE_QUESTIONS.slice(0, 6),
    ["what's delayed?", "my actions", "help"],
  );
}
