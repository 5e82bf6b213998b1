/**
 * The Ombudsman questions: "what Ombudsman remedies are due this month?" and "upheld cases by directorate
 * this year". A year is the council's financial year (1 April to 31 March), as the Ombudsman's annual letter
 * counts; the answer says so. Words the reading did not apply are named.
 */
import { addMonths, endOfMonth, isoDate, splitIsoDate, type IsoDate } from "../dates/calendar-date.js";
import { financialYearStartOf } from "../dates/financial-quarter.js";
import type { DirectorateMention } from "../questions/words/directorate-mentions.js";
import { countWordsNotUsed } from "../questions/words/word-use.js";

export const OmbudsmanAsk = { remediesDue: "remedies_due", upheldCases: "upheld_cases" } as const;
export type OmbudsmanAsk = (typeof OmbudsmanAsk)[keyof typeof OmbudsmanAsk];

export interface OmbudsmanQuestion {
  ask: OmbudsmanAsk;
  from: IsoDate;
  to: IsoDate;
  /** How the period was read: "this month (December 2026)", "this year, read as the financial year 2026/27 ...". */
  period: string;
  byDirectorate: boolean;
  directorateId?: string;
  unused?: string[];
}

const OMBUDSMAN = /\b(?:local government (?:and social care )?)?ombudsman'?s?\b|\blgsco\b/;
const REMEDIES = /\bremed(?:y|ies)\b/;
const UPHELD = /\b(?:upheld|uphold|upheld rate)\b/;
const CASES = /\b(?:cases?|complaints?|decisions?|findings?)\b/;
const DUE = /\b(?:due|deadline|deadlines)\b/;
const BY_DIRECTORATE = /\b(?:by|per|for each|each) directorates?\b/;
const THIS_MONTH = /\bthis month\b/;
const NEXT_MONTH = /\bnext month\b/;
const THIS_YEAR = /\bthis (?:financial )?year\b/;
const LAST_YEAR = /\blast (?:financial )?year\b/;

const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

/** Whether the question is about the Ombudsman at all (asked before the parser's "not in the register" notes). */
export function asksAboutOmbudsman(lower: string): boolean {
  return OMBUDSMAN.test(lower) || (UPHELD.test(lower) && CASES.test(lower));
}

/** The Ombudsman question asked, or null when it is neither of the two this reads. */
export function readOmbudsmanQuestion(
  lower: string,
  shown: string,
  today: IsoDate,
  mentions: readonly DirectorateMention[],
): OmbudsmanQuestion | null {
  if (!asksAboutOmbudsman(lower)) return null;
  const directorate = mentions[0] ? { directorateId: mentions[0].id } : {};
  if (UPHELD.test(lower)) {
    const start = financialYearStartOf(today) - (LAST_YEAR.test(lower) ? 1 : 0);
    const from = isoDate(start, 4, 1);
    const to = isoDate(start + 1, 3, 31);
    const yearName = `${start}/${String((start + 1) % 100).padStart(2, "0")}`;
    const said = LAST_YEAR.test(lower) ? "last year" : THIS_YEAR.test(lower) ? "this year" : "no period named";
    const unused = countWordsNotUsed(lower, shown, {
      patterns: [OMBUDSMAN, UPHELD, CASES, BY_DIRECTORATE, THIS_YEAR, LAST_YEAR, /\b(?:rate|how many)\b/],
      spans: mentions.slice(0, 1),
    });
    return {
      ask: OmbudsmanAsk.upheldCases,
      from,
      to,
      period: `${said}, read as the financial year ${yearName} (1 April ${start} to 31 March ${start + 1}), as the Ombudsman's annual letter counts`,
      byDirectorate: BY_DIRECTORATE.test(lower) || !mentions[0],
      ...directorate,
      ...(unused.length ? { unused } : {}),
    };
  }
  if (REMEDIES.test(lower) || DUE.test(lower)) {
    const month = splitIsoDate(NEXT_MONTH.test(lower) ? addMonths(today, 1) : today);
    const from = isoDate(month.year, month.month, 1);
    const to = endOfMonth(month.year, month.month);
    const said = NEXT_MONTH.test(lower) ? "next month" : "this month";
    const unused = countWordsNotUsed(lower, shown, {
      patterns: [OMBUDSMAN, REMEDIES, DUE, THIS_MONTH, NEXT_MONTH, CASES],
      spans: mentions.slice(0, 1),
    });
    return {
      ask: OmbudsmanAsk.remediesDue,
      from,
      to,
      period: `${said} (${MONTHS[month.month - 1]} ${month.year})`,
      byDirectorate: false,
      ...directorate,
      ...(unused.length ? { unused } : {}),
    };
  }
  return null;
}
