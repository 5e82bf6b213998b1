/**
 * Answers the scrutiny questions (domain/scrutiny/scrutiny-questions.ts) for one viewer: the recommendations
 * awaiting the Cabinet's response, the responses overdue (of any source), and the share the Cabinet accepted
 * in the year, saying which year. Every item shown goes through the one visibility rule: in a channel or group
 * chat a confidential one is counted, never named. The words not used are named.
 */
import { compareDates, daysBetween, type IsoDate } from "../../domain/dates/calendar-date.js";
import { longDay, responseNoun } from "../../domain/reminders/response-clock.js";
import type { RegisterItem, RegisterReview } from "../../domain/register/register.js";
import {
  acceptedShare,
  awaitsResponse,
  responseOverdue,
  ScrutinyAsk,
  yearAround,
  YearKind,
  type ScrutinyQuestion,
} from "../../domain/scrutiny/scrutiny-questions.js";
import { plural } from "../../domain/text/readable-text.js";
import { mayShowItem, mayShowReview } from "../../domain/visibility.js";
import { hiddenNote } from "../questions/answer-list.js";
import { messageCard, notUsedNote, type Answer, type AnswerContext, type Viewer } from "../questions/answer-shapes.js";

interface Found {
  review: RegisterReview;
  item: RegisterItem;
}

const MAX_LINES = 20;

function withSource(review: RegisterReview, item: RegisterItem) {
  return { ...item, source: review.source ?? "inspection" };
}

function dueLine({ review, item }: Found, today: IsoDate): string {
  const due = item.responseDue!;
  const when =
    compareDates(due, today) < 0
      ? `${responseNoun(review.source ?? "")} was due ${longDay(due)} (${plural(daysBetween(due, today), "day")} ago)`
      : `${responseNoun(review.source ?? "")} due ${longDay(due)}`;
  const sent = item.sentToExecutive ? `; sent to the executive ${longDay(item.sentToExecutive)}` : "";
  const owner = item.ownerLabel ?? item.ownerEmail;
  return `${review.title}: ${item.ref}: ${item.text} (${when}${sent}${owner ? `; owner ${owner}` : ""})`;
}

function listAnswer(title: string, found: readonly Found[], viewer: Viewer, today: IsoDate, unused?: string[]): Answer {
  const shown = found.filter(({ review, item }) => mayShowReview(viewer, review) && mayShowItem(viewer, item, review));
  const hidden = found.length - shown.length;
  const sorted = [...shown].sort((a, b) => (a.item.responseDue ?? "").localeCompare(b.item.responseDue ?? ""));
  const lines = sorted.slice(0, MAX_LINES).map((f) => dueLine(f, today));
  const more = sorted.length > MAX_LINES ? [`And ${sorted.length - MAX_LINES} more.`] : [];
  const count = found.length === 0 ? "None." : `${plural(found.length, "recommendation")}.`;
  return {
    ...messageCard(
      `${title}: ${found.length}`,
      [count, ...lines, ...more, ...hiddenNote(hidden, "recommendation"), ...notUsedNote(unused)],
      [],
    ),
    itemIds: sorted.slice(0, MAX_LINES).map((f) => f.item.id),
  };
}

export function scrutinyAnswer(
  question: ScrutinyQuestion,
  reviews: readonly RegisterReview[],
  viewer: Viewer,
  context: AnswerContext,
): Answer {
  const { today } = context;
  const all: Found[] = reviews.flatMap((review) => review.items.map((item) => ({ review, item })));
  if (question.ask === ScrutinyAsk.awaiting) {
    const found = all.filter(({ review, item }) => awaitsResponse(withSource(review, item)));
    return listAnswer(
      "Scrutiny recommendations awaiting the Cabinet's response",
      found,
      viewer,
      today,
      question.unused,
    );
  }
  if (question.ask === ScrutinyAsk.overdue) {
    const found = all.filter(({ item }) => responseOverdue(item, today));
    return listAnswer("Responses overdue", found, viewer, today, question.unused);
  }
  const year = yearAround(today, question.year ?? YearKind.financial);
  const share = acceptedShare(
    all.map(({ review, item }) => withSource(review, item)),
    year.from,
    compareDates(today, year.to) < 0 ? today : year.to,
  );
  const percent = share.responded ? Math.round((share.accepted / share.responded) * 100) : null;
  const heading =
    percent === null
      ? "The Cabinet has not responded to any scrutiny recommendation this year"
      : `The Cabinet accepted ${percent}% of scrutiny recommendations this year`;
  return messageCard(
    heading,
    [
      percent === null
        ? `No responses are recorded in ${year.label}.`
        : `${share.accepted} of the ${plural(share.responded, "recommendation")} responded to in ${year.label} were accepted or partly accepted (counted over those responded to, not those still awaiting a response).`,
      ...notUsedNote(question.unused, "This share is"),
    ],
    [],
  );
}
