/**
 * The parts of a question that qualify what it asks rather than name it: a reason the asker gives ("as I
 * need to brief the Section 151 officer"), a request to see owners ("and who is responsible"), a lateness
 * threshold ("slipping more than 6 months", "overdue by more than 3 months") and the other names of things
 * in review titles ("value for money" for VFM).
 */
import { NUM_RE, numberOf } from "../parse/question-dates.js";

/**
 * "…, as I need to brief the Section 151 officer before the audit committee": why the asker asks, not a
 * condition on the items. It is left out of the reading (so "I need to" does not make it "my actions") and
 * named as not used.
 */
const REASON_CLAUSE =
  /(?:[,;]\s*|\s+)(?:as|because|cos|so that|so|since)\s+(?:i|we)(?:'m|'ve|'re|'d|'ll| am| are| have| need| must| want| will| would| should| do| did| was| were| had)\b(?!\s+last\b)[^?]*/i;

export interface ReasonClause {
  start: number;
  end: number;
}

/** The same reason given first: "As I need to brief the Section 151 officer, which …". */
const LEADING_REASON = /^(?:as|because|since|so that)\s+(?:i|we)(?:'m|'ve|'re|'d|'ll)?\s[^,?]*,/i;

/** Where the reason clause is, when the question gives one before or after what it asks. */
export function findReasonClause(cleaned: string): ReasonClause | undefined {
  const leading = LEADING_REASON.exec(cleaned);
  if (leading && !/^since (?:we|i) last\b/i.test(leading[0])) return { start: 0, end: leading[0].length - 1 };
  const m = REASON_CLAUSE.exec(cleaned);
  if (!m || (m.index ?? 0) === 0) return undefined;
  const lead = /^[,;\s]*/.exec(m[0])![0].length;
  return { start: m.index + lead, end: m.index + m[0].trimEnd().length };
}

/** "who is responsible for them", "and who owns them": every item in an answer shows its owner already. */
export const OWNER_ASKED =
  /\b(?:and )?(?:who(?:'s| is| are)? (?:responsible|accountable|the owners?|leading|in charge)(?: (?:for|of) (?:them|it|these|those|each(?: one)?))?|who owns (?:them|it|these|those|each(?: one)?)|with (?:their |the )?owners?|owners? (?:of|for) (?:them|each))\b/;

/** How late a question asks about, beyond the 12 months the status key already names. */
export interface LateBy {
  months: number;
  /** original: slipped past the original target (by the later of today and the current target); current: overdue. */
  against: "original" | "current";
  index: number;
  end: number;
}

const MORE_THAN = "(?:more than|over|longer than|beyond|greater than|in excess of|exceeding|at least|>)";
const UNIT = "(months?|years?)";
const LATE_WORD =
  "(?:late|overdue|behind|delayed|slipp(?:ed|ing)|slipped|past (?:its|their|the) (?:original |current |revised )?(?:target|due|deadline)(?: dates?)?)";
const THRESHOLD_BEFORE = new RegExp(`\\b${LATE_WORD}(?: by)? ${MORE_THAN} ${NUM_RE} ${UNIT}\\b`);
const THRESHOLD_AFTER = new RegExp(`\\b${MORE_THAN} ${NUM_RE} ${UNIT} (?:${LATE_WORD}|past)\\b`);

/** "slipping more than 6 months", "more than 3 months overdue", "overdue by over 2 years"; null without one. */
export function readLateBy(lower: string): LateBy | null {
  const m = THRESHOLD_BEFORE.exec(lower) ?? THRESHOLD_AFTER.exec(lower);
  if (!m) return null;
  const amount = numberOf(m[1]!);
  const months = m[2]!.startsWith("year") ? amount * 12 : amount;
  if (!Number.isFinite(months) || months < 1 || months > 120) return null;
  const overdue = /\boverdue\b|\bcurrent\b|\brevised\b/.test(m[0]);
  return { months, against: overdue ? "current" : "original", index: m.index, end: m.index + m[0].length };
}

/**
 * Long names and the short ones review titles use, both ways: a question saying either finds a title
 * holding the other. Bodies' own names are in bodies.ts.
 */
export const TITLE_SYNONYMS: readonly (readonly [RegExp, readonly string[]])[] = [
  [/\bvalue for money\b/, ["vfm"]],
  [/\bvfm\b/, ["value", "money"]],
  [/\bspecial educational needs(?: and disabilit(?:y|ies))?\b/, ["send"]],
  [/\binspection of local authority children'?s services\b/, ["ilacs"]],
  [/\bchild sexual exploitation\b/, ["cse"]],
  [/\bequality,? diversity and inclusion\b|\bedi\b/, ["equality", "edi"]],
];
