/**
 * The questions about the council's other registers (the Ombudsman's cases, the inspection calendar, the
 * scrutiny work programme), read before the register's own: each reader needs words only its register uses.
 * The Ombudsman's comes first, so "which Ombudsman responses are overdue" is not read as scrutiny's.
 */
import type { IsoDate } from "../../dates/calendar-date.js";
import { readExpectedInspections } from "../../calendar/expected-question.js";
import { readOmbudsmanQuestion } from "../../ombudsman/ombudsman-question.js";
import { readScrutinyQuestion } from "../../scrutiny/scrutiny-questions.js";
import { findDirectorateMentions } from "../words/directorate-mentions.js";
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
  return readExpectedInspections(lower, shown) ?? readScrutinyQuestion(lower);
}
