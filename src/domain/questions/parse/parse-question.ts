/**
 * The parser: a question's text to a `Question`, combining the keyword, directorate, body, title and date
 * readers. Pure: `today` comes in with the context.
 */
import { DEFAULT_AT_RISK_SETTINGS } from "../../status/at-risk.js";
import { endOfMonth, splitIsoDate, type IsoDate } from "../../dates/calendar-date.js";
import { findDirectorate } from "../../register/directorates.js";
import { Status } from "../../status/status.js";
import { correctSpelling } from "../words/spelling.js";
import { findReasonClause, OWNER_ASKED, TITLE_SYNONYMS, type ReasonClause } from "../words/qualifiers.js";
import { readReviewAsked, REVIEW_ASKED_WORDS } from "./review-question.js";
import { WordUse } from "../words/word-use.js";
import { readImplementedCount, readNewReviews } from "./count-questions.js";
import { readItemDates } from "./item-dates.js";
import { readStatusWords } from "../words/status-words.js";
import { findBody } from "./bodies.js";
import { asksCondition, committeeName, describeItemFilter } from "./describe-filter.js";
import { type DirectorateMention, findDirectorateMentions } from "../words/directorate-mentions.js";
import { AT_RISK, AT_RISK_OF, readPriority } from "../words/at-risk-words.js";
import {
  asksWaitingExtensions,
  EXTENSION_COUNT_WORDS,
  MILESTONES,
  readExtendedAtLeast,
  WAITING_WORDS,
} from "../words/extension-words.js";
import {
  ALL_ITEMS,
  ALL_MINE,
  AWAITING_OR_TBC,
  COUNTING,
  DELIVERED_ELSEWHERE,
  DUE_WORDS,
  HELP_ANYWHERE,
  HELP_EXACT,
  IMPLEMENTED,
  MINE,
  NEW_REVIEWS,
  NOT_IMPLEMENTING,
  OPEN,
  OVERSEEING,
  OVERSEEN_BY,
  REVISED,
  SCOPE_INTENT,
  SUMMARY,
  SUMMARY_LOOSE,
  UPDATE,
  KIND_RULES,
  readItemKinds,
  REVISED_WORDS,
} from "../words/keywords.js";
import { readDecisionQuestion } from "../words/decision-words.js";
import { readOtherRegisterQuestion } from "./other-registers.js";
import { LAST_REPORT, readCommittee, readSince, resolveEnd, resolveStart, scanDates } from "./question-dates.js";
import { type QuestionWord, matchTitle, WEAK_WORDS, wordWeight, wordsMatch } from "../words/review-titles.js";
import { type SuggestionHints, suggest } from "../words/suggestions.js";
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
  const shown = correctSpelling(cleanText(text), protectedWords(context));
  // Why the asker asks ("as I need to brief the Section 151 officer") is no condition: read without it, named as unused.
  const reason = findReasonClause(shown);
  const cleaned = reason ? blank(shown, reason.start, reason.end) : shown;
  const lower = cleaned.toLowerCase();
  const bare = lower.replace(/^[\s?!.]+|[\s?!.]+$/g, "");
  if (!bare || HELP_EXACT.test(bare) || HELP_ANYWHERE.test(bare)) return { kind: QuestionKind.help };

  const otherRegister = readOtherRegisterQuestion(lower, shown, cleaned, today);
  if (otherRegister) return otherRegister;
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
    return readImplementedCount({ lower, shown, today, mentions, reason });
  }

  // What milestones are due this month? Milestones are steps within items, never in the item lists.
  if (MILESTONES.test(lower)) return readMilestonesQuestion(lower, context, firstDirectorate, mine);

  // What new inspections have come in (since the last report)?
  if (!mine && NEW_REVIEWS.test(lower) && !/\bnew and revised\b/.test(lower)) {
    return readNewReviews({ lower, shown, today, mentions, reason });
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
    shown,
    ...(reason ? { reason } : {}),
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
  /** The question as read, reason clause included: unused words are quoted from it. */
  shown?: string;
  /** The asker's reason, left out of the reading. */
  reason?: ReasonClause;
}

export function readItemsQuestion(
  cleaned: string,
  lower: string,
  context: QuestionContext,
  signals: Signals,
): Question {
  const { today } = context;
  const filter: ItemFilter = {};
  const use = new WordUse(lower);
  let work = lower;
  const since = readSince(work, today);
  work = since.work;

  // Oversight questions name a board, not a directorate or a review.
  if (signals.overseenBy) {
    filter.overseenBy = signals.overseenBy;
    return { kind: QuestionKind.items, filter, description: describeItemFilter(filter) };
  }

  // Committee dates: "before the July Audit Committee".
  const committee = readCommittee(work, today);
  let updateBy: IsoDate | undefined;
  let updateBefore: string | undefined;
  const readings: string[] = [];

  // Status words and lateness, each marked as applied where it sets a condition.
  const { notComplete } = readStatusWords(lower, filter, use);
  if (use.take(AWAITING_OR_TBC)) {
    filter.awaitingStartOrTbc = true;
    use.take(/\b(?:targets?|dates?|deadlines?)\b/);
  }
  if (use.take(AT_RISK)) {
    filter.atRisk = context.atRisk ?? DEFAULT_AT_RISK_SETTINGS;
    use.take(AT_RISK_OF);
  }
  const priority = readPriority(lower, context.priorityLabels);
  if (priority) {
    filter.priority = priority;
    use.words([...words(priority), "priority"]);
  }
  // Extension questions ask about the chain of targets or a request, not whether the target differs from the original.
  const extendedAtLeast = readExtendedAtLeast(lower);
  // Repeat extensions are a question about open items: a closed item's moves are history.
  if (extendedAtLeast) {
    filter.extendedAtLeast = extendedAtLeast;
    filter.open = true;
    use.take(EXTENSION_COUNT_WORDS);
  }
  if (asksWaitingExtensions(lower)) {
    filter.extensionWaiting = true;
    use.take(WAITING_WORDS);
  }
  if (REVISED.test(lower) && !filter.extendedAtLeast && !filter.extensionWaiting) {
    filter.revised = true;
    use.take(REVISED_WORDS);
  }

  const kinds = readItemKinds(lower);
  if (kinds.length) {
    filter.itemKinds = kinds;
    for (const rule of KIND_RULES) if (kinds.includes(rule.kind)) use.take(rule.pattern);
  }

  // Mine, and open.
  if (signals.mine) {
    filter.mine = true;
    use.take(MINE);
  }
  const closedAsked = Boolean(filter.statuses?.includes(Status.complete)) || Boolean(filter.notImplementing);
  const openAsked = use.take(OPEN);
  if (notComplete || openAsked || (signals.mine && !closedAsked && !use.take(ALL_MINE))) filter.open = true;
  // Every item shown carries its owner: "who is responsible for them" is answered by the list itself.
  use.take(OWNER_ASKED);

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
  if (signals.deliveredElsewhere) {
    filter.deliveredElsewhere = true;
    use.take(DELIVERED_ELSEWHERE);
    use.take(/\breported (?:under|by|in|through)\b/);
  }
  for (const mention of signals.mentions) {
    const before = cleaned.slice(0, mention.start).toLowerCase();
    const delivering =
      signals.deliveredElsewhere &&
      /\b(?:deliver(?:ed|s|ing)?|responsib\w*|done|led)\s+(?:by|through|with)?\s*(?:the\s+)?$/.test(before);
    // Only the first of each is applied: "in CYPS and FCS" names FCS as not used rather than dropping it quietly.
    const already = delivering ? filter.deliveredBy : filter.directorateId;
    if (already && already !== mention.id) continue;
    if (delivering) filter.deliveredBy = mention.id;
    else filter.directorateId = mention.id;
    use.span(mention.start, mention.end);
  }

  // Dates: "due by the end of September", "due this month", "before the July Audit Committee".
  const dates = scanDates(committee.work, today);
  const dueMention = dates[0];
  if (committee.ref) {
    use.blanked(work, committee.work);
    if (use.take(UPDATE)) {
      updateBy = committee.ref.deadline;
      updateBefore = committeeName(committee.ref.meeting);
      filter.open = true;
    } else filter.dueBy = committee.ref.deadline;
  }
  work = committee.work;
  readings.push(
    ...readItemDates({ filter, lower, work, since, dueMention, today, use, asksUpdate: Boolean(updateBy) }),
  );
  if (filter.dueBy) use.take(DUE_WORDS);
  for (const mention of dates) work = blank(work, mention.index, mention.end);

  // Bodies and review titles; "value for money" also finds "VFM".
  const body = findBody(work, context.bodies);
  const namedWords = new Set<string>();
  for (const mention of signals.mentions) for (const w of words(mention.text)) namedWords.add(w);
  if (body) for (const w of body.phrase.split(" ")) namedWords.add(w);
  const questionWords: QuestionWord[] = [];
  const seen = new Set<string>();
  const synonyms = new Map<string, RegExp>();
  for (const [pattern, names] of TITLE_SYNONYMS)
    if (pattern.test(work)) for (const name of names) if (!synonyms.has(name)) synonyms.set(name, pattern);
  for (const word of [...words(work.replace(/\baudit committee\b/g, " ")), ...synonyms.keys()]) {
    if (seen.has(word)) continue;
    seen.add(word);
    questionWords.push({ word, weight: wordWeight(word), named: namedWords.has(word) });
  }
  const title = matchTitle(questionWords, context.reviewTitles);
  if (title) {
    filter.reviewTitle = title.title;
    use.words(title.matched);
    // "the Beech Tree Lodge inspection": once a review is named, what kind of review it was adds nothing.
    use.words([...WEAK_WORDS]);
    for (const [name, pattern] of synonyms) if (title.matched.has(name)) use.take(pattern);
  }
  if (body) {
    use.words(body.phrase.split(" "));
    use.words([...WEAK_WORDS]);
    if (!(title && containsPhrase(title.title, body.phrase))) filter.body = body.value;
  }
  if (title && filter.directorateId && !filter.deliveredElsewhere) {
    // "Adult Social Care Peer Review" names a review, not the directorate: the title says it all.
    const mention = signals.mentions.find((m) => m.id === filter.directorateId);
    const significant = mention ? words(mention.text).filter((w) => wordWeight(w) > 0) : [];
    if (significant.length && significant.every((w) => [...title.matched].some((q) => wordsMatch(q, w))))
      delete filter.directorateId;
  }
  const leftover = questionWords.filter(
    (q) => q.weight > 0 && !q.named && !synonyms.has(q.word) && !title?.matched.has(q.word),
  );

  const predicate = asksCondition(filter) || updateBy;
  const scope = filter.directorateId || filter.body || filter.reviewTitle;

  if (!predicate && !scope) {
    if (SUMMARY_LOOSE.test(lower)) return { kind: QuestionKind.summary };
    if (ALL_ITEMS.test(lower)) return { kind: QuestionKind.items, filter, description: describeItemFilter(filter) };
    return unknown(signals, context, filter);
  }
  if (!predicate && leftover.some((q) => q.weight === 1) && !SCOPE_INTENT.test(lower))
    return unknown(signals, context, filter);

  // "Is the peer challenge on track?": the whole review, its own status first.
  const reviewAsked = readReviewAsked(lower, filter.reviewTitle);
  if (reviewAsked) {
    use.take(REVIEW_ASKED_WORDS);
    for (const key of ["statuses", "delayed", "overdue", "open"] as const) delete filter[key];
  }
  const shown = signals.shown ?? cleaned;
  const unused = use.unused(shown);
  if (signals.reason) unused.push(shown.slice(signals.reason.start, signals.reason.end));

  return {
    kind: QuestionKind.items,
    filter,
    description: describeItemFilter(filter, updateBefore ? { updateBefore } : {}),
    ...(updateBy ? { updateBy } : {}),
    ...(unused.length ? { unused } : {}),
    ...(readings.length ? { readings } : {}),
    ...(reviewAsked ? { reviewAsked } : {}),
  };
}

/**
 * "What milestones are due this month?" (in a directorate; "my milestones" for the asker's own). The answer is this London calendar month's
 * (milestonesDueThisMonth); a question naming another period is told so rather than answered for the wrong month.
 */
function readMilestonesQuestion(
  lower: string,
  context: QuestionContext,
  directorateId: string | undefined,
  mine: boolean,
): Question {
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
  return {
    kind: QuestionKind.milestonesDue,
    ...(directorateId ? { directorateId } : {}),
    ...(mine ? { mine: true } : {}),
  };
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
