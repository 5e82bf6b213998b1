/**
 * Questions about the registers beside the inspection register: the inspection calendar, scrutiny
 * recommendations and Council Plan measures, each read by its own source's recogniser; and a question about
 * what none of them holds is answered with a note saying so, never read as a register question.
 */
import type { IsoDate } from "../../dates/calendar-date.js";
import { readExpectedInspections } from "../../calendar/expected-question.js";
import { readMeasureQuestion } from "../../measures/measure-questions.js";
import { readScrutinyQuestion } from "../../scrutiny/scrutiny-questions.js";
import { MEASURES } from "../words/keywords.js";
import { suggest } from "../words/suggestions.js";
import { type Question, QuestionKind } from "./types.js";

/** `lower` is the question lower-cased and cleaned; `shown` as the asker wrote it (for words not used). */
export function readOtherRegisterQuestion(lower: string, shown: string, today: IsoDate): Question | null {
  const expectedInspections = readExpectedInspections(lower, shown);
  if (expectedInspections) return expectedInspections;
  const scrutiny = readScrutinyQuestion(lower);
  if (scrutiny) return scrutiny;
  const measures = readMeasureQuestion(lower);
  if (measures) return { kind: QuestionKind.measures, asked: measures };
  if (MEASURES.test(lower)) {
    return {
      kind: QuestionKind.unknown,
      note: 'The register holds the recommendations from inspections, reviews and audits, not complaints; of the Council Plan measures, ask "which Council Plan measures are off track and getting worse?" or "show 1.A5 over the last four quarters".',
      suggestions: suggest({}, today),
    };
  }
  return null;
}
