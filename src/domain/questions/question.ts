/**
 * Reading the questions people ask the bot in Teams (DOMAIN.md section 6), without a language model:
 * keywords, the council's names for directorates and inspecting bodies, loose matching of review titles
 * against the register, small misspellings of its own words, and the dates people write ("by the end of
 * September", "before the July Audit Committee"). Pure: `today` (a date in Europe/London) comes in with
 * the context. A question it cannot map is never met with silence: it answers `unknown` with example
 * questions close to what was asked. The parts live in ./question/; this is what the rest of the code uses.
 */
export {
  QuestionKind,
  SinceKind,
  type SinceRef,
  type ItemFilter,
  type Question,
  type QuestionContext,
} from "./parse/types.js";
export { containsPhrase } from "./parse/text.js";
export {
  findDirectorateMentions,
  directorateOfUnit,
  directorateShortName,
  type DirectorateMention,
} from "./words/directorate-mentions.js";
export { bodyNames, oversightNames } from "./parse/bodies.js";
export { describeItemFilter } from "./parse/describe-filter.js";
export { exampleQuestions } from "./words/suggestions.js";
export { parseQuestion } from "./parse/parse-question.js";
export { type ReviewAsked } from "./parse/review-question.js";
