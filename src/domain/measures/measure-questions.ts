/**
 * The two questions about Council Plan measures, read without a language model: "which Council Plan
 * measures are off track and getting worse?" (the exceptions of the latest period, optionally in one
 * directorate) and "show 1.A5 over the last four quarters" (one measure's recent quarterly readings).
 * The words the reading did not use are kept, as typed, for the answer to name.
 */
import { findDirectorateMentions } from "../questions/words/directorate-mentions.js";

export const MeasureQuestionKind = { exceptions: "exceptions", history: "history" } as const;
export type MeasureQuestionKind = (typeof MeasureQuestionKind)[keyof typeof MeasureQuestionKind];

export type MeasureQuestion =
  | { kind: typeof MeasureQuestionKind.exceptions; directorateId?: string; unused: string[] }
  | { kind: typeof MeasureQuestionKind.history; measureRef: string; quarters: number; unused: string[] };

/** The most quarters a history shows (three years). */
export const MOST_QUARTERS = 12;
const DEFAULT_QUARTERS = 4;

const MEASURE_WORDS = /\bcouncil plan\b|\bmeasures?\b|\bkpis?\b|\bperformance indicators?\b/;
const EXCEPTION_WORDS =
  /\boff (?:track|target)\b|\bgetting worse\b|\bworsening\b|\bexceptions?\b|\bnot on (?:track|target)\b|\bdirection of travel\b/;
/** A measure's reference as the Council Plan writes it: 1.A5, 2.B2, 1.B4 (a). */
const MEASURE_REF = /\b(\d{1,2}\.[a-z]\d{1,2})(?:\s*\(([a-z])\))?(?=$|[\s?.,!;:])/i;
const NUMBER_WORDS: Record<string, number> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
};
const QUARTERS = /\b(?:last|past|previous)\s+(\d{1,3}|[a-z]+)\s+quarters?\b/;

/** Words a measure question may hold that carry no condition of their own. */
const FILLER = new Set(
  (
    "which what are is the a an of in on over for and show me list give tell please our council plan measure measures " +
    "kpi kpis performance indicator indicators off track target targets getting worse worsening exception exceptions " +
    "direction travel last past previous quarter quarters quarterly how has have been doing trend history latest " +
    "period figures figure by with not were was its it at to this that"
  ).split(" "),
);

function unusedWords(text: string, used: readonly string[]): string[] {
  let rest = ` ${text} `;
  for (const phrase of used) rest = rest.split(phrase).join(" ");
  return rest
    .replace(/[?!.,;:()]/g, " ")
    .split(/\s+/)
    .filter((w) => w && !FILLER.has(w) && !/^\d+$/.test(w) && !(w in NUMBER_WORDS));
}

/** The measure question `lower` (the question in lower case) asks, or null when it asks none. */
export function readMeasureQuestion(lower: string): MeasureQuestion | null {
  const ref = MEASURE_REF.exec(lower);
  const quartersMatch = QUARTERS.exec(lower);
  if (ref && (MEASURE_WORDS.test(lower) || quartersMatch || /\b(?:show|trend|history|over)\b/.test(lower))) {
    const asked = quartersMatch ? quartersMatch[1]! : String(DEFAULT_QUARTERS);
    const count = /^\d+$/.test(asked) ? Number(asked) : (NUMBER_WORDS[asked] ?? DEFAULT_QUARTERS);
    const quarters = Math.min(Math.max(count, 1), MOST_QUARTERS);
    const measureRef = ref[2] ? `${ref[1]!.toUpperCase()} (${ref[2]})` : ref[1]!.toUpperCase();
    const used = [ref[0], ...(quartersMatch ? [quartersMatch[0]] : [])];
    const unused = unusedWords(lower, used);
    if (quartersMatch && !(asked in NUMBER_WORDS) && !/^\d+$/.test(asked)) unused.push(asked);
    return { kind: MeasureQuestionKind.history, measureRef, quarters, unused };
  }
  if (MEASURE_WORDS.test(lower) && EXCEPTION_WORDS.test(lower)) {
    const mention = findDirectorateMentions(lower)[0];
    const used = mention ? [lower.slice(mention.start, mention.end)] : [];
    return {
      kind: MeasureQuestionKind.exceptions,
      ...(mention ? { directorateId: mention.id } : {}),
      unused: unusedWords(lower, used),
    };
  }
  return null;
}
