/**
 * Answers a question asked in a conversation: parses it (kept while the register's shape stands), picks
 * who the answer is for (a list of the asker's own goes to their personal chat), and caches the answer
 * per register version and, where it depends on them, per viewer. The card: counts first, items grouped
 * by review, the status with its reason, targets, owner and latest progress; 20 items a page. In a
 * channel or group chat confidential items are counted, never shown.
 */
import { formatDay, type IsoDate } from "../domain/calendar-date.js";
import { DIRECTORATES } from "../domain/directorates.js";
import { countPeriod, classifyReview, ReviewPeriod } from "../domain/period-summary.js";
import { QuestionKind, type ItemFilter, type Question, type SinceRef } from "../domain/question.js";
import { describeExtensions, extensionCount, ExtensionState } from "../domain/extension-request.js";
import { reviewStatus, toSummaryReview, type RegisterItem, type RegisterReview } from "../domain/register.js";
import type { SelectedItem } from "../domain/select-items.js";
import { answerPage } from "../domain/answer-page.js";
import { STATUS_LABELS, Status, type StatusKey } from "../domain/status.js";
import { renderCard, CardTemplate, type AdaptiveCard } from "../cards/render-card.js";
import { CardEmphasis, inRows, plain, renderMessageCard, STATUS_EMPHASIS } from "../cards/card-text.js";
import type { DateText } from "../domain/date-text.js";
import {
  ConversationScope,
  mayShowReview,
  namesHiddenReview,
  reviewLabelFor,
  withoutHiddenTitles,
  type VisibilityViewer,
} from "../domain/visibility.js";
import { nounFor, plural, readableDate, readableEventDate } from "../domain/readable-text.js";
import { answerCacheKey, answersPrivately } from "../domain/answer-audience.js";
import { parseQuestion } from "../domain/question.js";
import { DEFAULT_AT_RISK_SETTINGS, type AtRiskSettings } from "../domain/at-risk.js";
import { atRiskText, itemAtRisk } from "../domain/item-at-risk.js";
import { explainAnswer } from "./explain-answer.js";
import { memoise, memoiseAsync, memoiseShape, type RegisterSnapshots } from "./register-snapshots.js";
import { lastReportAsOf } from "./reporting-points.js";
import type { Store } from "./store.js";

export const PAGE_SIZE = 20;

export { ConversationScope };

/** Who asks, and where: what is shown is decided by the visibility rule (domain/visibility.ts). */
export type Viewer = VisibilityViewer;

export interface AnswerContext {
  today: IsoDate;
  lastReportDate: IsoDate;
  statusKey: StatusKey;
  /** The at-risk rule's settings; absent, the defaults. */
  atRisk?: AtRiskSettings;
}

export interface Answer {
  card: AdaptiveCard;
  /** Plain text for clients that do not render cards, and for notifications. */
  text: string;
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
];

function directorateName(id: string): string {
  return DIRECTORATES.find((d) => d.id === id)?.name ?? id;
}

function sinceDate(since: SinceRef, context: AnswerContext): IsoDate {
  return since.kind === "date" ? since.date : context.lastReportDate;
}

function messageCard(title: string, paragraphs: string[], examples: string[], suggestions: string[] = []): Answer {
  return {
    card: renderMessageCard(title, paragraphs, { examples, suggestions }),
    text: [title, ...paragraphs, ...examples.map((e) => `- ${e}`)].join("\n"),
  };
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
    ],
    EXAMPLE_QUESTIONS.slice(0, 6),
    ["what's delayed?", "my actions", "help"],
  );
}

/** Who asks, and in what kind of conversation: all the answer flow needs to know of them. */
export interface Asker {
  email: string | null;
  scope: ConversationScope;
}

export interface AskedQuestion {
  text: string;
  /** Where the page starts: 0, or what "more" on the previous page carried. */
  offset: number;
  asker: Asker;
  today: IsoDate;
}

export interface AnswerSources {
  store: Store;
  snapshots: RegisterSnapshots;
  statusKey: StatusKey;
  /** LAST_REPORT_DATE: "since the last report" before any reporting point is named. */
  configuredLastReport: IsoDate | null;
  /** AT_RISK_WORKING_DAYS and AT_RISK_STALE_DAYS; absent, the defaults. */
  atRisk?: AtRiskSettings;
  /** PRIORITY_LABELS, highest first; absent, the defaults. */
  priorityLabels?: readonly string[];
}

export interface AnswerForAsker {
  answer: Answer;
  /** The answer is the asker's alone and must go to their personal chat, not this conversation. */
  privately: boolean;
  kind: QuestionKind;
}

/** The answer for this asker in this conversation: parsed, cached and built for the viewer it is shown to. */
export async function answerAsked(sources: AnswerSources, asked: AskedQuestion): Promise<AnswerForAsker> {
  const { text, offset, asker, today } = asked;
  const snapshot = await sources.snapshots.snapshot();
  const normalised = text.toLowerCase().replace(/\s+/g, " ").trim();
  const reviews = snapshot.reviews;
  // "Since the last report": one definition for answers, cards, documents and the CLI (reporting-period.ts).
  // Naming a point writes an audit entry, so a new snapshot (and a fresh memo) follows it.
  const lastReportDate = await memoiseAsync(
    snapshot,
    `last-report|${today}`,
    async () => (await lastReportAsOf(sources.store, today, sources.configuredLastReport)).date,
  );
  // Parsing does not depend on who asks; the answer may, and the cache key says so from the parsed meaning.
  // Parsing depends on the review titles and bodies only, so it is kept across a change to items.
  const question = memoiseShape(snapshot, `question|${today}|${normalised}`, () =>
    parseQuestion(
      text,
      memoiseShape(snapshot, `context|${today}`, () => ({
        today,
        reviewTitles: reviews.map((r) => r.title),
        bodies: [...new Set(reviews.map((r) => r.body).filter((b): b is string => Boolean(b)))],
        ...(sources.priorityLabels ? { priorityLabels: sources.priorityLabels } : {}),
        ...(sources.atRisk ? { atRisk: sources.atRisk } : {}),
      })),
    ),
  );
  const privately = answersPrivately(question, asker);
  // A private answer is built as the personal chat would show it.
  const viewer: Viewer = privately ? { email: asker.email, scope: ConversationScope.personal } : asker;
  const key = `answer|${answerCacheKey(question, viewer, { day: today, offset, text: normalised })}`;
  const answer = memoise(snapshot, key, () =>
    answerQuestion({
      question,
      text,
      reviews,
      viewer,
      offset,
      context: {
        today,
        lastReportDate,
        statusKey: sources.statusKey,
        ...(sources.atRisk ? { atRisk: sources.atRisk } : {}),
      },
    }),
  );
  return { answer, privately, kind: question.kind };
}

/** A parsed question and everything its answer depends on. */
export interface AnswerRequest {
  question: Question;
  /** The words as asked: echoed on the card and carried by "more". */
  text: string;
  reviews: readonly RegisterReview[];
  viewer: Viewer;
  context: AnswerContext;
  offset?: number;
}

export function answerQuestion(request: AnswerRequest): Answer {
  const { question, text: questionText, reviews, viewer, context, offset = 0 } = request;
  switch (question.kind) {
    case QuestionKind.help:
      return helpAnswer();
    case QuestionKind.unknown:
      return messageCard(
        "I did not understand that",
        [
          ...(question.note ? [question.note] : []),
          `I could not match "${questionText.slice(0, 120)}" to a question about the register. Try one of these:`,
        ],
        [],
        // An example naming a review this viewer may not see would post its name here.
        question.suggestions.filter((suggestion) => !namesHiddenReview(viewer, suggestion, reviews)),
      );
    case QuestionKind.items: {
      const description = question.updateBy
        ? `${question.description} (updates wanted by ${formatDay(question.updateBy)})`
        : question.description;
      return itemsAnswer(
        question.filter,
        withoutHiddenTitles(viewer, description, reviews),
        questionText,
        reviews,
        viewer,
        context,
        offset,
      );
    }
    case QuestionKind.newReviews:
      return newReviewsAnswer(
        sinceDate(question.since, context),
        onlyDirectorate(reviews, question.directorateId),
        viewer,
        context,
      );
    case QuestionKind.implementedCount:
      return countsAnswer(
        sinceDate(question.since, context),
        onlyDirectorate(reviews, question.directorateId),
        context,
      );
    case QuestionKind.summary:
      return countsAnswer(context.lastReportDate, reviews, context, [
        'To send the period summary card (with the Word report and Excel workbook) to a channel, the improvement team says "post summary" in that channel; "reporting points" lists the meetings it can cover.',
      ]);
    case QuestionKind.courtesy:
      return {
        card: renderMessageCard(
          "You're welcome",
          ['Ask me about the register whenever you like, or say "help" for examples.'],
          {},
        ),
        text: "You're welcome.",
      };
  }
}

function itemsAnswer(
  filter: ItemFilter,
  description: string,
  questionText: string,
  reviews: readonly RegisterReview[],
  viewer: Viewer,
  context: AnswerContext,
  offset: number,
): Answer {
  if (filter.mine && !viewer.email) {
    return messageCard(
      "I don't know who you are yet",
      [
        "I could not find your email address in Teams, so I cannot match you to the register's action owners. Ask the improvement team to add you as an owner.",
      ],
      [],
      ["what's delayed?", "help"],
    );
  }
  const me = viewer.email ? { email: viewer.email } : undefined;
  const {
    total,
    byStatus,
    shown,
    hidden,
    items: page,
  } = answerPage(reviews, filter, context.today, viewer, me, offset, PAGE_SIZE);

  const order: Status[] = [
    Status.significantDelay,
    Status.partlyDelayed,
    Status.onTrack,
    Status.notStarted,
    Status.complete,
    Status.noActionRequired,
  ];
  const counts = [
    { count: total, label: nounFor(total, "item"), emphasis: CardEmphasis.none },
    ...order
      .filter((s) => byStatus.has(s))
      .map((s) => ({ count: byStatus.get(s)!, label: STATUS_LABELS[s], emphasis: STATUS_EMPHASIS[s] })),
  ];

  const groups: { review: RegisterReview; items: SelectedItem[] }[] = [];
  for (const s of page) {
    const last = groups[groups.length - 1];
    if (last?.review === s.review) last.items.push(s);
    else groups.push({ review: s.review, items: [s] });
  }
  const reviewCards = groups.map(({ review, items }) => {
    const rolled = reviewStatus(review, context.today, context.statusKey);
    return {
      title: plain(review.title),
      caption: plain(
        `${review.directorateId} · review status: ${STATUS_LABELS[rolled.status]} ${rolled.breakdownText}`,
      ),
      items: items.map(({ item, status }) => ({
        // Beside the status, never in place of it: the status stays the council's key.
        atRisk: plain(atRiskText(itemAtRisk(item, context.atRisk ?? DEFAULT_AT_RISK_SETTINGS, context.today))),
        priority: plain(item.priority ?? ""),
        ref: plain(item.ref),
        text: plain(item.text),
        statusLabel: STATUS_LABELS[status.status],
        statusEmphasis: STATUS_EMPHASIS[status.status],
        target: targetText(item.originalTarget, item.revisedTarget) + extensionsText(item),
        owner: plain(item.ownerEmail ?? "not assigned"),
        reason: plain(status.reason),
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
      })),
    };
  });
  const moreCount = Math.max(0, shown - offset - PAGE_SIZE);
  const notes: string[] = [];
  if (hidden > 0)
    notes.push(
      `${hidden} confidential item${hidden === 1 ? " is" : "s are"} counted but not shown here; ask me in a personal chat.`,
    );
  notes.push(...explainAnswer(filter, total, reviews, { today: context.today, statusKey: context.statusKey, viewer }));
  const subtitle = `As of ${formatDay(context.today)}${offset > 0 ? `; items ${offset + 1} to ${offset + page.length} of ${shown}` : ""}`;
  const text = [
    `${description}: ${plural(total, "item")}. ${counts
      .slice(1)
      .map((c) => `${c.count} ${c.label}`)
      .join("; ")}`,
    ...page.map(({ review, item, status }) => {
      const flag = itemAtRisk(item, context.atRisk ?? DEFAULT_AT_RISK_SETTINGS, context.today).atRisk
        ? "; at risk"
        : "";
      return `- ${review.title} / ${item.ref}: ${STATUS_LABELS[status.status]}${flag} (${status.reason})`;
    }),
    ...notes,
  ].join("\n");
  return {
    card: renderCard(CardTemplate.answer, {
      title: plain(description),
      subtitle,
      countRows: inRows(counts),
      reviews: reviewCards,
      note: plain(notes.join(" ")),
      moreCount,
      nextOffset: offset + PAGE_SIZE,
      question: plain(questionText),
      fallbackText: plain(text.slice(0, 2000)),
    }),
    text,
  };
}

function targetText(original: DateText, revised: DateText): string {
  if (revised.end && revised.end !== original.end)
    return `${readableDate(revised)} (revised from ${readableDate(original)})`;
  return readableDate(original);
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

function onlyDirectorate(
  reviews: readonly RegisterReview[],
  directorateId: string | undefined,
): readonly RegisterReview[] {
  return directorateId ? reviews.filter((r) => r.directorateId === directorateId) : reviews;
}

function newReviewsAnswer(
  since: IsoDate,
  reviews: readonly RegisterReview[],
  viewer: Viewer,
  context: AnswerContext,
): Answer {
  const fresh = reviews.filter((r) => classifyReview(toSummaryReview(r), since, context.today) === ReviewPeriod.new);
  const lines = fresh.map((r) => {
    const rolled = reviewStatus(r, context.today, context.statusKey);
    const counts = plural(r.items.length, "item");
    if (!mayShowReview(viewer, r)) return `${reviewLabelFor(viewer, r)} (${r.directorateId}; ${counts}; confidential)`;
    return `${r.title} (${r.directorateId}; findings ${r.findingsReceived.raw ? readableEventDate(r.findingsReceived) : r.reviewDate.raw ? readableEventDate(r.reviewDate) : "date not recorded"}): ${counts}, ${STATUS_LABELS[rolled.status]} ${rolled.breakdownText}`;
  });
  return messageCard(
    `${plural(fresh.length, "new review")} since ${formatDay(since)}`,
    lines.length ? lines : ["None has come in since then."],
    [],
    ["what's delayed?", "how many were implemented since the last report?"],
  );
}

function countsAnswer(
  since: IsoDate,
  reviews: readonly RegisterReview[],
  context: AnswerContext,
  nextSteps: string[] = [],
): Answer {
  const counts = countPeriod(reviews.map(toSummaryReview), since, context.today);
  const paragraphs = [
    `New reviews: ${counts.new_reviews}, raising ${plural(counts.new_items, "item")}: ${counts.new_items_complete} complete, ${counts.new_items_in_progress} in progress, ${counts.new_items_not_started} not yet started.`,
    `Older items: ${counts.ongoing_completed_since} implemented since ${formatDay(since)}; ${counts.ongoing_in_progress} still in progress, ${counts.ongoing_delayed} of them delayed (${counts.ongoing_significant_delay} by more than 12 months).`,
    ...Object.entries(counts.by_directorate).map(
      ([id, c]) =>
        `${directorateName(id)}: ${c.ongoing_completed_since + c.new_items_complete} implemented since; ${c.ongoing_in_progress} in progress; ${c.ongoing_delayed} delayed.`,
    ),
    ...nextSteps,
  ];
  return messageCard(
    `Since the last report (${formatDay(since)})`,
    paragraphs,
    [],
    ["what's delayed?", "what new inspections have come in since the last report?"],
  );
}
