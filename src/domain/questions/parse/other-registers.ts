/**
/**
 * The questions about the council's other registers (the Ombudsman's cases, the inspection calendar, the
 * scrutiny work programme, the Council Plan's measures), read before the register's own: each reader needs words
 * only its register uses. The Ombudsman's comes first, so "which Ombudsman responses are overdue" is not read as
 * scrutiny's. A question about what none of them holds (complaints) gets a note saying so.
 */
import type { IsoDate } from "../../dates/calendar-date.js";
import { readExpectedInspections } from "../../calendar/expected-question.js";
import { readMeasureQuestion } from "../../measures/measure-questions.js";
import { readOmbudsmanQuestion } from "../../ombudsman/ombudsman-question.js";
import { readScrutinyQuestion } from "../../scrutiny/scrutiny-questions.js";
import { findDirectorateMentions } from "../words/directorate-mentions.js";
import { MEASURES } from "../words/keywords.js";
import { suggest } from "../words/suggestions.js";
import { type Question, QuestionKind } from "./types.js";

/**
 * The other register's question asked, or null for the register's own parsing. `lower` and `cleaned` are the
 * question without its reason clause (lower-cased, and as typed); `shown` is it as corrected for the answer.
 */
export function readOtherRegisterQuestion(
  lower: string,
  shown: string,
  cleaned: string,
  today: IsoDate,
): Question | null {
  const ombudsman = readOmbudsmanQuestion(lower, shown, today, findDirectorateMentions(cleaned));
  if (ombudsman) return { kind: QuestionKind.ombudsman, ...ombudsman };
  const otherRegister = readExpectedInspections(lower, shown) ?? readScrutinyQuestion(lower);
  if (otherRegister) return otherRegister;
  const measures = readMeasureQuestion(lower);
  if (measures) return { kind: QuestionKind.measures, asked: measures };
  if (MEASURES.test(lower)) {
    return {
      kind: QuestionKind.unknown,
      note: 'The register holds the recommendations from inspections, reviews and audits, scrutiny recommendations and Ombudsman findings, not other complaints; of the Council Plan measures, ask "which Council Plan measures are off track and getting worse?" or "show 1.A5 over the last four quarters".',
      suggestions: suggest({}, today),
    };
  }
  return null;
}
