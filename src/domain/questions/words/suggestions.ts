/**
 * Example questions for the help card and suggestions close to a question the parser could not place; each
 * one parses to an answerable question.
 */
import { addMonths, splitIsoDate, type IsoDate } from "../../dates/calendar-date.js";
import { directorateShortName } from "./directorate-mentions.js";
import { monthName } from "../parse/text.js";

export function nextMonthEnd(today: IsoDate): { label: string } {
  const { year, month } = splitIsoDate(addMonths(today.slice(0, 8) + "01", 1));
  return { label: `${monthName(month)} ${year}` };
}

/** Example questions for the help card, each one the parser answers. */
export function exampleQuestions(today: IsoDate): string[] {
  return [
    "What's delayed?",
    "What's delayed in CYPS?",
    "Is anything more than 12 months past its original target date?",
    `What's due by the end of ${nextMonthEnd(today).label}?`,
    "List my open actions",
    "What new inspections have come in since the last report?",
    "How many recommendations were implemented since the last report, by directorate?",
    "Which items are reported under FCS but delivered by another directorate?",
    "Which target dates have been revised?",
    "What is awaiting start or has a TBC target?",
    "Which items have been extended more than once?",
    "What extensions are waiting for approval?",
    "What milestones are due this month?",
    "Draft the period summary",
  ];
}

export interface SuggestionHints {
  directorateId?: string;
  body?: string;
  reviewTitle?: string;
  mine?: boolean;
}

export function suggest(hints: SuggestionHints, today: IsoDate): string[] {
  const month = nextMonthEnd(today).label;
  const specific: string[] = [];
  if (hints.reviewTitle)
    specific.push(`Show progress on ${hints.reviewTitle}`, `What's delayed in ${hints.reviewTitle}?`);
  if (hints.directorateId) {
    const d = directorateShortName(hints.directorateId);
    specific.push(
      `What's delayed in ${d}?`,
      `What's due by the end of ${month} in ${d}?`,
      `Is anything in ${d} more than 12 months past its original target?`,
      `What is awaiting start or has a TBC target in ${d}?`,
    );
  }
  if (hints.body) specific.push(`Status of the ${hints.body} recommendations`, `What's delayed from ${hints.body}?`);
  if (hints.mine)
    specific.push(
      "List my open actions",
      "Which of my actions are due this month?",
      "Which of my actions are delayed?",
    );
  const defaults = [
    "What's delayed?",
    "Is anything more than 12 months past its original target date?",
    `What's due by the end of ${month}?`,
    "List my open actions",
    "What new inspections have come in since the last report?",
    "How many recommendations were implemented since the last report, by directorate?",
  ];
  return [...new Set([...specific, ...defaults])].slice(0, 5);
}
