/**
 * Answers a question asked in a conversation: parses it (kept while the register's shape stands), picks
 * who the answer is for (a list of the asker's own goes to their personal chat), and caches the answer
 * per register version and, where it depends on them, per viewer. The card: counts first, items grouped
 * by review, the status with its reason, targets, owner and latest progress; 20 items a page. In a
 * channel or group chat confidential items are counted, never shown.
 */
import { addDays, formatDay, type IsoDate } from "../../domain/dates/calendar-date.js";
import { countPeriod, classifyReview, ReviewPeriod } from "../../domain/reports/period-summary.js";
import { QuestionKind, SinceKind, type Question } from "../../domain/questions/question.js";
import { reviewStatus, toSummaryReview, type RegisterReview } from "../../domain/register/register.js";
import { STATUS_LABELS, type StatusKey } from "../../domain/status/status.js";
import { renderMessageCard } from "../../cards/card-text.js";
import {
  ConversationScope,
  mayShowReview,
  namesHiddenReview,
  reviewLabelFor,
  withoutHiddenTitles,
} from "../../domain/visibility.js";
import { plural, readableEventDate } from "../../domain/text/readable-text.js";
import { answerCacheKey, answersPrivately } from "../../domain/questions/answer-audience.js";
import { parseQuestion } from "../../domain/questions/question.js";
import { type AtRiskSettings } from "../../domain/status/at-risk.js";
import { memoise, memoiseAsync, memoiseShape, type RegisterSnapshots } from "../register/register-snapshots.js";
import { lastReportAsOf } from "../reports/reporting-points.js";
import type { Store } from "../store.js";

export { ConversationScope };
export {
  EXAMPLE_QUESTIONS,
  helpAnswer,
  PAGE_SIZE,
  welcomeAnswer,
  type Answer,
  type AnswerContext,
  type Viewer,
} from "./answer-shapes.js";
import { directorateName } from "../../domain/register/directorates.js";
import {
  helpAnswer,
  messageCard,
  notUsedNote,
  sinceDate,
  type Answer,
  type AnswerContext,
  type Viewer,
} from "./answer-shapes.js";
import { itemsAnswer } from "./answer-items.js";
import { milestonesAnswer } from "./answer-milestones.js";
import { ombudsmanAnswer } from "../ombudsman/answer-ombudsman.js";
import { expectedInspectionsAnswer, type ExpectedRegime } from "../../domain/calendar/expected-question.js";
import { expectedRegimes } from "../calendar/expected-inspections.js";
import { scrutinyAnswer } from "../scrutiny/answer-scrutiny.js";
import { loadMeasures, type MeasureRecord } from "../../data/measures/measure-store.js";
import { measuresAnswer } from "../measures/answer-measures.js";

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
  /** Whether extension requests wait for a decision (EXTENSIONS_NEED_APPROVAL); absent, they do. */
  extensionsNeedApproval?: boolean;
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
  const viewer: Viewer = privately ? { ...asker, scope: ConversationScope.personal } : asker;
  const key = `answer|${answerCacheKey(question, viewer, { day: today, offset, text: normalised })}`;
  // The calendar (and the reminders sent for it) is not in the register's snapshot: read afresh, never cached.
  const calendar =
    question.kind === QuestionKind.expectedInspections ? await expectedRegimes(sources.store) : undefined;
  // Council Plan measures are not in the register's snapshot: read once per register version (their import audits).
  const measures =
    question.kind === QuestionKind.measures
      ? await memoiseAsync(snapshot, "measures", () => loadMeasures(sources.store))
      : [];
  const build = () =>
    answerQuestion({
      question,
      text,
      reviews,
      viewer,
      offset,
      ...(calendar ? { calendar } : {}),
      measures,
      context: {
        today,
        lastReportDate,
        statusKey: sources.statusKey,
        ...(sources.atRisk ? { atRisk: sources.atRisk } : {}),
        ...(sources.extensionsNeedApproval === false ? { extensionsNeedApproval: false } : {}),
      },
    });
  const answer = calendar ? build() : memoise(snapshot, key, build);
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
  /** The inspection calendar, for the expected-inspections question. */
  calendar?: readonly ExpectedRegime[];
  /** The Council Plan's measures, for a measures question; absent, none. */
  measures?: readonly MeasureRecord[];
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
        {
          ...(question.unused ? { unused: question.unused } : {}),
          ...(question.readings ? { readings: question.readings } : {}),
          ...(question.reviewAsked ? { reviewAsked: question.reviewAsked } : {}),
        },
      );
    }
    case QuestionKind.newReviews:
      return newReviewsAnswer(
        sinceDate(question.since, context),
        onlyDirectorate(reviews, question.directorateId),
        viewer,
        context,
        question.unused,
      );
    case QuestionKind.implementedCount:
      return countsAnswer(
        sinceDate(question.since, context),
        onlyDirectorate(reviews, question.directorateId),
        context,
        notUsedNote(question.unused, "These counts are"),
        // "Since April" is not "since the last report": the heading names the day counted from.
        question.since.kind === SinceKind.date ? `From ${formatDay(addDays(question.since.date, 1))}` : undefined,
      );
    case QuestionKind.summary:
      return countsAnswer(context.lastReportDate, reviews, context, [
        'To send the period summary card (with the Word report and Excel workbook) to a channel, the improvement team says "post summary" in that channel; "reporting points" lists the meetings it can cover.',
      ]);
    case QuestionKind.milestonesDue:
      return milestonesAnswer(
        { directorateId: question.directorateId, mine: Boolean(question.mine) },
        questionText,
        reviews,
        viewer,
        context,
        offset,
      );
    case QuestionKind.ombudsman:
      return ombudsmanAnswer(question, reviews, viewer);
    case QuestionKind.expectedInspections: {
      const found = expectedInspectionsAnswer(request.calendar ?? [], question.months, context.today);
      const passed = found.passed.length
        ? [`Expected before today, with no event linked yet: ${found.passed.join("; ")}.`]
        : [];
      return messageCard(
        found.title,
        [
          ...(found.lines.length ? found.lines : ["None is expected in that time."]),
          ...passed,
          ...notUsedNote(question.unused),
        ],
        [],
        ["what inspections are we expecting in the next 6 months?", "what's delayed?"],
      );
    }
    case QuestionKind.scrutiny:
      return scrutinyAnswer(question, reviews, viewer, context);
    case QuestionKind.measures:
      return measuresAnswer(question.asked, request.measures ?? [], reviews, viewer, context.today);
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
  unused?: readonly string[],
): Answer {
  const fresh = reviews.filter((r) => classifyReview(toSummaryReview(r), since, context.today) === ReviewPeriod.new);
  const lines = fresh.map((r) => {
    const rolled = reviewStatus(r, context.today, context.statusKey);
    // Milestones are steps of items, never counted as items: named apart.
    const counted = r.items.filter((i) => i.counted).length;
    const milestones = r.items.length - counted;
    const counts = `${plural(counted, "item")}${milestones ? ` and ${plural(milestones, "milestone")}` : ""}`;
    if (!mayShowReview(viewer, r)) return `${reviewLabelFor(viewer, r)} (${r.directorateId}; ${counts}; confidential)`;
    return `${r.title} (${r.directorateId}; findings ${r.findingsReceived.raw ? readableEventDate(r.findingsReceived) : r.reviewDate.raw ? readableEventDate(r.reviewDate) : "date not recorded"}): ${counts}, ${STATUS_LABELS[rolled.status]} ${rolled.breakdownText}`;
  });
  return messageCard(
    `${plural(fresh.length, "new review")} since ${formatDay(since)}`,
    [...(lines.length ? lines : ["None has come in since then."]), ...notUsedNote(unused)],
    [],
    ["what's delayed?", "how many were implemented since the last report?"],
  );
}

function countsAnswer(
  since: IsoDate,
  reviews: readonly RegisterReview[],
  context: AnswerContext,
  nextSteps: string[] = [],
  heading?: string,
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
    heading ?? `Since the last report (${formatDay(since)})`,
    paragraphs,
    [],
    ["what's delayed?", "what new inspections have come in since the last report?"],
  );
}
