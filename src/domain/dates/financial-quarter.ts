/**
 * The council's quarters are financial-year quarters (Q1 is April to June, Q4 January to March), as its
 * performance reports write them ("Q1 2019/20"). "Q3 2027" is read as Q3 of the financial year that starts
 * in April 2027 (2027/28): October to December 2027. Chat and the import read quarters by this one rule.
 */
import { endOfMonth, isoDate, type IsoDate } from "./calendar-date.js";
import { monthName } from "./months.js";

export interface FinancialQuarter {
  quarter: number;
  /** The calendar year the financial year starts in (April). */
  startYear: number;
  start: IsoDate;
  end: IsoDate;
}

/** "Q3 2027", "Q3 2027/28", "Q3 27/28", "quarter 3 2027-28"; anchored or found inside longer text. */
export const QUARTER_PATTERN =
  "\\b(?:q|quarter\\s*)([1-4])(?:\\s*(?:of\\s*)?(?:fy\\s*)?(\\d{4}|\\d{2})(?:\\s*[/-]\\s*(\\d{2}|\\d{4}))?)?\\b";

/** Quarter `quarter` (1 to 4) of the financial year starting in April `startYear`. */
export function financialQuarter(quarter: number, startYear: number): FinancialQuarter {
  const firstMonth = 4 + (quarter - 1) * 3;
  const year = firstMonth > 12 ? startYear + 1 : startYear;
  const month = firstMonth > 12 ? firstMonth - 12 : firstMonth;
  return { quarter, startYear, start: isoDate(year, month, 1), end: endOfMonth(year, month + 2) };
}

/**
 * The quarter a match of QUARTER_PATTERN names, or null when its years do not make a financial year
 * ("2027/29"). Without a year, `currentStartYear` (the financial year today falls in) is used.
 */
export function readFinancialQuarter(
  quarterText: string,
  yearText: string | undefined,
  secondYearText: string | undefined,
  currentStartYear: number,
): FinancialQuarter | null {
  const quarter = Number(quarterText);
  if (quarter < 1 || quarter > 4) return null;
  if (!yearText) return financialQuarter(quarter, currentStartYear);
  const startYear = yearText.length === 2 ? 2000 + Number(yearText) : Number(yearText);
  if (secondYearText) {
    const second = secondYearText.length === 2 ? 2000 + Number(secondYearText) : Number(secondYearText);
    if (second !== startYear + 1) return null;
  } else if (yearText.length === 2) return null;
  if (startYear < 2000 || startYear > 2099) return null;
  return financialQuarter(quarter, startYear);
}

/** The financial year a day falls in, by the calendar year it starts in. */
export function financialYearStartOf(date: IsoDate): number {
  const year = Number(date.slice(0, 4));
  return Number(date.slice(5, 7)) >= 4 ? year : year - 1;
}

/** "Q3 2027/28 (1 October to 31 December 2027)": how an answer states the reading. */
export function describeFinancialQuarter(q: FinancialQuarter): string {
  const startMonth = Number(q.start.slice(5, 7));
  const endMonth = Number(q.end.slice(5, 7));
  const endDay = Number(q.end.slice(8, 10));
  const yearLabel = `${q.startYear}/${String((q.startYear + 1) % 100).padStart(2, "0")}`;
  return `Q${q.quarter} ${yearLabel} (1 ${monthName(startMonth)} to ${endDay} ${monthName(endMonth)} ${q.end.slice(0, 4)})`;
}
