/**
 * The parser: a question's text to a `Question`, combining the keyword, directorate, body, title and date
 * readers. Pure: `today` comes in with the context.
 */
import { DEFAULT_AT_RISK_SETTINGS } from "../at-risk.js";
import { addMonths, endOfMonth, splitIsoDate, type IsoDate } from "../calendar-date.js";
import { findDirectorate } from "../directorates.js";
import { Status } from "../status.js";
import { correctSpelling } from "./spelling.js";
import { findBody } from "./bodies.js";
import { committeeName, describeItemFilter } from "./describe-filter.js";
import { type DirectorateMention, findDirectorateMentions } from "./directorate-mentions.js";
import { AT_RISK, readPriority } from "./at-risk-words.js";
import { asksWaitingExtensions, MILESTONES, readExtendedAtLeast } from "./extension-words.js";
import {
  ALL_ITEMS,
  ALL_MINE,
  AWAITING_OR_TBC,
  BY_DIRECTORATE,
  COMPLETE,
  COUNTING,
  DELAYED,
  DELIVERED_ELSEWHERE,
  DUE_ALONE,
  DUE_WORDS,
  HELP_ANYWHERE,
  HELP_EXACT,
  IMPLEMENTED,
  IN_PROGRESS,
  MEASURES,
  MINE,
  MORE_THAN_12,
  NEW_REVIEWS,
  NOT_COMPLETE,
  NOT_IMPLEMENTING,
  NO_ACTION,
  ON_TRACK,
  OPEN,
  OVERDUE,
  OVERSEEING,
  OVERSEEN_BY,
  PARTLY,
  REVISED,
  SCOPE_INTENT,
  SIGNIFICANT,
  SUMMARY,
  SUMMARY_LOOSE,
  UPDATE,
  readItemKinds,
} from "./keywords.js";
import { readDecisionQuestion } from "./decision-words.js";
import { LAST_REPORT, readCommittee, readSince, resolveEnd, resolveStart, scanDates } from "./question-dates.js";
import { type QuestionWord, matchTitle, wordWeight, wordsMatch } from "./review-titles.js";
import { type SuggestionHints, suggest } from "./suggestions.js";
import { blank, cleanText, containsPhrase, words } from "./text.js";
import { type ItemFilter, type Question, type QuestionContext, QuestionKind } from "./types.js";

/** Short courtesies on their own: they deserve a word back, not the help card. */
export const COURTESY =
  /^(?:(?:ok(?:ay)?|thanks?(?: (?:you|a lot|very much|so much|again))?|thank you(?: (?:very much|so much|again))?|thx|ty|ta|cheers|great|cool|nice(?: one)?|perfect|brilliant|lovely|got it|will do|no worries|understood|noted|fab|super|good|awesome|that'?s (?:great|helpful|brilliant|perfect|lovely)|(?:ok(?:ay)?|great|brilliant|perfect|lovely)[ ,]+(?:thanks?|thank you|cheers|ta))[ ,!.]*)+$/;

/** Words of the register's own titles and bodies: a question naming them is not misspelt. */
export const protectedWordsOf = new WeakMap<QuestionContext, Set<string>>();
export function protectedWords(context: QuestionContext): Set<string> {
  let found = protectedWordsOf.get(context);
  if (!found) {
    found = new Set(
      [...context.reviewTitles, ...context.bodies].flatMap((t) => t.toLowerCase().match(/[a-z]+/g) ?? []),
    );
    protectedWordsOf.set(context, found);
  }
  return found;
}

export function parseQuestion(text: string, context: QuestionContext): Question {
  const { today } = context;
  const original = text
    .slice(0, 2000)
    .replace(/<at>[\s\S]*?<\/at>/gi, " ")
    .replace(/<[^>]*>/g, " ")
    .trim()
    .toLowerCase();
  if (COURTESY.test(original.replace(/[\u2018\u2019]/g, "'").replace(/\s+/g, " ")))
    return { kind: QuestionKind.courtesy };
  const cleaned = correctSpelling(cleanText(text), protectedWords(context));
  const lower = cleaned.toLowerCase();
  const bare = lower.replace(/^[\s?!.]+|[\s?!.]+$/g, "");
  if (!bare || HELP_EXACT.test(bare) || HELP_ANYWHERE.test(bare)) return { kind: QuestionKind.help };

  if (MEASURES.test(lower)) {
    return {
      kind: QuestionKind.unknown,
      note: "The register holds the recommendations from inspections, reviews and audits, not Council Plan performance measures, complaints or scrutiny.",
      suggestions: suggest({}, today),
    };
  }
  // "since the last audit committee report" is a period, not a request for the report.
  if (SUMMARY.test(lower.replace(LAST_REPORT, " "))) return { kind: QuestionKind.summary };

  const mentions = findDirectorateMentions(cleaned);
  const firstDirectorate = mentions[0]?.id;
  // "My approval" is the approver speaking, not an owner asking about their own items.
  const mine = MINE.test(lower.replace(/\bmy (?:approval|decision)\b/g, " "));
  const deliveredElsewhere = DELIVERED_ELSEWHERE.test(lower);

  // How many were implemented (since the last report, by directorate)?
  if (
    !NOT_IMPLEMENTING.test(lower) &&
    !deliveredElsewhere &&
    IMPLEMENTED.test(lower) &&
    (COUNTING.test(lower) || /\bsince\b/.test(lower))
  ) {
    const { since } = readSince(lower, today, true);
    return {
      kind: QuestionKind.implementedCount,
      since,
      byDirectorate: BY_DIRECTORATE.test(lower),
      ...(firstDirectorate ? { directorateId: firstDirectorate } : {}),
    };
  }

  // What milestones are due this month? Milestones are steps within items, never in the item lists.
  if (MILESTONES.test(lower)) return readMilestonesQuestion(lower, context, firstDirectorate);

  // What new inspections have come in (since the last report)?
  if (!mine && NEW_REVIEWS.test(lower) && !/\bnew and revised\b/.test(lower)) {
    const { since } = readSince(lower, today, true);
    return { kind: QuestionKind.newReviews, since, ...(firstDirectorate ? { directorateId: firstDirectorate } : {}) };
  }

  // What is the CYPS Evidence Challenge Panel overseeing?
  const oversight = OVERSEEING.exec(cleaned) ?? OVERSEEN_BY.exec(cleaned);
  const overseer = oversight?.[1]
    ?.replace(/^the\s+/i, "")
    .replace(/[?.!\s]+$/, "")
    .trim();
  const overseerIsDirectorate = overseer ? findDirectorate(overseer) : undefined;
  const overseerIsPerson = overseer
    ? /^(?:i|we|you|they|he|she|it|my|our|your|their|this|that|these|those)\b/i.test(overseer)
    : false;

  return readItemsQuestion(cleaned, lower, context, {
    mentions,
    mine,
    deliveredElsewhere,
    overseenBy:
      overseer && !overseerIsDirectorate && !overseerIsPerson && overseer.split(/\s+/).length <= 10
        ? overseer
        : undefined,
  });
}

export interface Signals {
  mentions: DirectorateMention[];
  mine: boolean;
  deliveredElsewhere: boolean;
  overseenBy: string | undefined;
}

export function readItemsQuestion(
  cleaned: string,
  lower: string,
  context: QuestionContext,
  signals: Signals,
): Question {
  const { today } = context;
  const filter: ItemFilter = {};
  let work = lower;
  work = readSince(work, today).work;

  // Oversight questions name a board, not a directorate or a review.
  if (signals.overseenBy) {
    filter.overseenBy = signals.overseenBy;
    return { kind: QuestionKind.items, filter, description: describeItemFilter(filter) };
  }

  // Committee dates: "before the July Audit Committee".
  const committee = readCommittee(work, today);
  work = committee.work;
  let updateBy: IsoDate | undefined;
  let updateBefore: string | undefined;

  // Status words.
  const notImplementing = NOT_IMPLEMENTING.test(lower);
  if (notImplementing) filter.notImplementing = true;
  if (MORE_THAN_12.test(lower)) filter.moreThan12Months = true;
  const statuses: Status[] = [];
  if (SIGNIFICANT.test(lower) && !filter.moreThan12Months) statuses.push(Status.significantDelay);
  if (PARTLY.test(lower)) statuses.push(Status.partlyDelayed);
  if (ON_TRACK.test(lower)) statuses.push(Status.onTrack, Status.notStarted);
  if (IN_PROGRESS.test(lower) && statuses.length === 0)
    statuses.push(Status.onTrack, Status.partlyDelayed, Status.significantDelay);
  if (!notImplementing && NO_ACTION.test(lower)) filter.notImplementing = true;
  const notComplete = !notImplementing && NOT_COMPLETE.test(lower);
  if (!notImplementing && !notComplete && COMPLETE.test(lower)) statuses.push(Status.complete);
  if (statuses.length) filter.statuses = [...new Set(statuses)];

  if (
    !filter.moreThan12Months &&
    !filter.statuses?.length &&
    DELAYED.test(lower.replace(PARTLY, " ").replace(SIGNIFICANT, " ")) &&
    !ON_TRACK.test(lower)
  ) {
    filter.delayed = true;
  }
  if (!filter.moreThan12Months && OVERDUE.test(lower)) filter.overdue = true;
  if (AWAITING_OR_TBC.test(lower)) filter.awaitingStartOrTbc = true;
  if (AT_RISK.test(lower)) filter.atRisk = context.atRisk ?? DEFAULT_AT_RISK_SETTINGS;
  const priority = readPriority(lower, context.priorityLabels);
  if (priority) filter.priority = priority;
  // Extension questions ask about the chain of targets or a request, not whether the target differs from the original.
  const extendedAtLeast = readExtendedAtLeast(lower);
  // Repeat extensions are a question about open items: a closed item's moves are history.
  if (extendedAtLeast) {
    filter.extendedAtLeast = extendedAtLeast;
    filter.open = true;
  }
  if (asksWaitingExtensions(lower)) filter.extensionWaiting = true;
  if (REVISED.test(lower) && !filter.extendedAtLeast && !filter.extensionWaiting) filter.revised = true;

  const kinds = readItemKinds(lower);
  if (kinds.length) filter.itemKinds = kinds;

  // Mine, and open.
  if (signals.mine) filter.mine = true;
  const closedAsked = Boolean(filter.statuses?.includes(Status.complete)) || Boolean(filter.notImplementing);
  if (notComplete || OPEN.test(lower) || (signals.mine && !closedAsked && !ALL_MINE.test(lower))) filter.open = true;

  // Decisions waiting (decision-words.ts), read apart from the wordings above: "waiting for me to decide" is
  // about the asker's decisions, not their own items.
  const decisions = readDecisionQuestion(lower);
  if (decisions.completionWaiting) filter.completionWaiting = true;
  if (decisions.waitingForAsker) {
    filter.waitingForAsker = true;
    delete filter.mine;
    delete filter.open;
  }

  // Directorates: the reporting one, and the one delivering ("reported under FCS but delivered by housing").
  if (signals.deliveredElsewhere) filter.deliveredElsewhere = true;
  for (const mention of signals.mentions) {
    const before = cleaned.slice(0, mention.start).toLowerCase();
    const delivering =
      signals.deliveredElsewhere &&
      /\b(?:deliver(?:ed|s|ing)?|responsib\w*|done|led)\s+(?:by|through|with)?\s*(?:the\s+)?$/.test(before);
    if (delivering) filter.deliveredBy ??= mention.id;
    else filter.directorateId ??= mention.id;
  }

  // Dates: "due by the end of September", "due this month", "before the July Audit Committee".
  const dates = scanDates(work, today);
  const dueMention = dates[0];
  if (committee.ref) {
    if (UPDATE.test(lower)) {
      updateBy = committee.ref.deadline;
      updateBefore = committeeName(committee.ref.meeting);
      filter.open = true;
    } else filter.dueBy = committee.ref.deadline;
  }
  const closed =
    Boolean(filter.notImplementing) ||
    Boolean(filter.statuses?.length && filter.statuses.every((s) => s === Status.complete));
  if (!filter.dueBy && !closed && dueMention && DUE_WORDS.test(work.replace(/\s+/g, " "))) {
    filter.dueBy = resolveEnd(dueMention.spec, today);
  } else if (!filter.dueBy && !closed && !updateBy && DUE_ALONE.test(lower) && !filter.overdue) {
    // "What's due?" with no date: the month ahead, overdue items included.
    filter.dueBy = addMonths(today, 1);
  }
  for (const mention of dates) work = blank(work, mention.index, mention.end);

  // Bodies and review titles.
  const body = findBody(work, context.bodies);
  const namedWords = new Set<string>();
  for (const mention of signals.mentions) for (const w of words(mention.text)) namedWords.add(w);
  if (body) for (const w of body.phrase.split(" ")) namedWords.add(w);
  const questionWords: QuestionWord[] = [];
  const seen = new Set<string>();
  for (const word of words(work.replace(/\baudit committee\b/g, " "))) {
    if (seen.has(word)) continue;
    seen.add(word);
    questionWords.push({ word, weight: wordWeight(word), named: namedWords.has(word) });
  }
  const title = matchTitle(questionWords, context.reviewTitles);
  if (title) filter.reviewTitle = title.title;
  if (body && !(title && containsPhrase(title.title, body.phrase))) filter.body = body.value;
  if (title && filter.directorateId && !filter.deliveredElsewhere) {
    // "Adult Social Care Peer Review" names a review, not the directorate: the title says it all.
    const mention = signals.mentions.find((m) => m.id === filter.directorateId);
    const significant = mention ? words(mention.text).filter((w) => wordWeight(w) > 0) : [];
    if (significant.length && significant.every((w) => [...title.matched].some((q) => wordsMatch(q, w))))
      delete filter.directorateId;
  }
  const leftover = questionWords.filter((q) => q.weight > 0 && !q.named && !title?.matched.has(q.word));

  const predicate =
    filter.statuses?.length ||
    filter.delayed ||
    filter.overdue ||
    filter.moreThan12Months ||
    filter.dueBy ||
    filter.revised ||
    filter.awaitingStartOrTbc ||
    filter.deliveredElsewhere ||
    filter.notImplementing ||
    filter.itemKinds?.length ||
    filter.mine ||
    filter.open ||
    filter.atRisk ||
    filter.priority ||
    filter.extendedAtLeast ||
    filter.extensionWaiting ||
    filter.completionWaiting ||
    filter.waitingForAsker ||
    updateBy;
  const scope = filter.directorateId || filter.body || filter.reviewTitle;

  if (!predicate && !scope) {
    if (SUMMARY_LOOSE.test(lower)) return { kind: QuestionKind.summary };
    if (ALL_ITEMS.test(lower)) return { kind: QuestionKind.items, filter, description: describeItemFilter(filter) };
    return unknown(signals, context, filter);
  }
  if (!predicate && leftover.some((q) => q.weight === 1) && !SCOPE_INTENT.test(lower))
    return unknown(signals, context, filter);

  return {
    kind: QuestionKind.items,
    filter,
    description: describeItemFilter(filter, updateBefore ? { updateBefore } : {}),
    ...(updateBy ? { updateBy } : {}),
  };
}

/**
 * "What milestones are due this month?" (in a directorate). The answer is this London calendar month's
 * (milestonesDueThisMonth); a question naming another period is told so rather than answered for the wrong month.
 */
function readMilestonesQuestion(lower: string, context: QuestionContext, directorateId?: string): Question {
  const { today } = context;
  const monthStart = `${today.slice(0, 8)}01`;
  const { year, month } = splitIsoDate(today);
  const monthEnd = endOfMonth(year, month);
  const otherPeriod = scanDates(lower, today).some(
    (mention) => resolveStart(mention.spec, today) < monthStart || resolveEnd(mention.spec, today) > monthEnd,
  );
  if (otherPeriod)
    return {
      kind: QuestionKind.unknown,
      note: "I list the milestones due in the current month.",
      suggestions: ["What milestones are due this month?", ...suggest({}, today)].slice(0, 5),
    };
  return { kind: QuestionKind.milestonesDue, ...(directorateId ? { directorateId } : {}) };
}

export function unknown(signals: Signals, context: QuestionContext, filter: ItemFilter): Question {
  const hints: SuggestionHints = {};
  const directorateId = filter.directorateId ?? signals.mentions[0]?.id;
  if (directorateId) hints.directorateId = directorateId;
  if (filter.body) hints.body = filter.body;
  if (filter.reviewTitle) hints.reviewTitle = filter.reviewTitle;
  if (signals.mine) hints.mine = true;
  return { kind: QuestionKind.unknown, suggestions: suggest(hints, context.today) };
}
