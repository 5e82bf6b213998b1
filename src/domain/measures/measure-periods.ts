/**
 * Reporting periods as the Council Plan papers name them ("2019/20 Q1", "Q1 2019/20", "Apr-19",
 * "Year end 2018/19", "2018/19"), read into a sortable key of one kind: a financial quarter "2019-Q1"
 * (April to June 2019), a month "2019-04" or a financial year "2018" (April 2018 to March 2019). Direction
 * of travel compares a period with the one before it of the same kind, so each kind knows its neighbours.
 */
import { endOfMonth, type IsoDate } from "../dates/calendar-date.js";
import { MONTH_SHORT_NAMES } from "../dates/months.js";
import type { Outcome } from "../outcome.js";

export const PeriodKind = { quarter: "quarter", month: "month", year: "year" } as const;
export type PeriodKind = (typeof PeriodKind)[keyof typeof PeriodKind];

export interface ReportingPeriod {
  kind: PeriodKind;
  /** Sorts in time order within a kind: "2019-Q1", "2019-04", "2018". */
  key: string;
}

/** The years a period may fall in, as every date the tracker accepts (2000 to 2100). */
const FIRST_YEAR = 2000;
const LAST_YEAR = 2100;

/** The forms accepted, for the message that refuses any other. */
export const PERIOD_FORMS = `"2019/20 Q1", "Q1 2019/20", "Apr-19" (or "April 2019"), "Year end 2018/19" or "2018/19"`;

const FINANCIAL_YEAR = String.raw`(\d{4})\s*[/-]\s*(\d{2}|\d{4})`;
const QUARTER_AFTER = new RegExp(String.raw`^${FINANCIAL_YEAR}\s*,?\s*q(?:uarter)?\s*([1-4])$`);
const QUARTER_BEFORE = new RegExp(String.raw`^q(?:uarter)?\s*([1-4])\s*,?\s*${FINANCIAL_YEAR}$`);
const YEAR = new RegExp(String.raw`^(?:year\s*end\s*)?${FINANCIAL_YEAR}$`);
const MONTH = /^([a-z]{3,9})[\s-]+(\d{2}|\d{4})$/;
const ISO_MONTH = /^(\d{4})-(\d{2})$/;

/** The financial year starting in `first` when `second` is the next year (two or four digits); else null. */
function financialYear(first: string, second: string): number | null {
  const start = Number(first);
  const end = second.length === 2 ? (start + 1) % 100 : start + 1;
  return Number(second) === end ? start : null;
}

function monthNumber(name: string): number | null {
  const index = MONTH_SHORT_NAMES.findIndex((m) => name.startsWith(m.toLowerCase()));
  return index >= 0 ? index + 1 : null;
}

/** The period a cell names, or why it names none (saying which forms are read). */
export function parsePeriod(text: string): Outcome<ReportingPeriod> {
  const cell = text.trim().toLowerCase().replace(/\s+/g, " ");
  const refuse = (why: string): Outcome<ReportingPeriod> => ({
    ok: false,
    reason: `period "${text.trim()}" ${why}: write it as ${PERIOD_FORMS}`,
  });
  if (cell === "") return refuse("is blank");
  const inWindow = (year: number, period: ReportingPeriod): Outcome<ReportingPeriod> =>
    year >= FIRST_YEAR && year <= LAST_YEAR
      ? { ok: true, value: period }
      : refuse(`is outside ${FIRST_YEAR} to ${LAST_YEAR}`);

  const after = QUARTER_AFTER.exec(cell);
  const before = after ? null : QUARTER_BEFORE.exec(cell);
  if (after || before) {
    const [first, second, q] = after ? [after[1]!, after[2]!, after[3]!] : [before![2]!, before![3]!, before![1]!];
    const year = financialYear(first, second);
    if (year === null) return refuse("names a financial year whose two years do not follow each other");
    return inWindow(year, { kind: PeriodKind.quarter, key: `${year}-Q${q}` });
  }
  const wholeYear = YEAR.exec(cell);
  if (wholeYear) {
    const year = financialYear(wholeYear[1]!, wholeYear[2]!);
    if (year === null) return refuse("names a financial year whose two years do not follow each other");
    return inWindow(year, { kind: PeriodKind.year, key: String(year) });
  }
  const iso = ISO_MONTH.exec(cell);
  const month = MONTH.exec(cell);
  if (iso || month) {
    const number = iso ? Number(iso[2]) : monthNumber(month![1]!);
    const yearText = iso ? iso[1]! : month![2]!;
    const year = yearText.length === 2 ? 2000 + Number(yearText) : Number(yearText);
    if (number === null || number < 1 || number > 12) return refuse("names no month");
    return inWindow(year, { kind: PeriodKind.month, key: `${year}-${String(number).padStart(2, "0")}` });
  }
  return refuse("is not a period I can read");
}

/** The kind a stored key is of. */
export function periodKindOf(key: string): PeriodKind {
  if (key.includes("Q")) return PeriodKind.quarter;
  return key.includes("-") ? PeriodKind.month : PeriodKind.year;
}

/** The period of the same kind just before (the previous quarter, month or financial year). */
export function previousPeriodKey(key: string): string {
  return shiftPeriodKey(key, -1);
}

/** The period of the same kind `steps` away. */
export function shiftPeriodKey(key: string, steps: number): string {
  const kind = periodKindOf(key);
  if (kind === PeriodKind.year) return String(Number(key) + steps);
  const [yearText, partText] = key.split("-") as [string, string];
  const perYear = kind === PeriodKind.quarter ? 4 : 12;
  const index = Number(yearText) * perYear + Number(partText.replace("Q", "")) - 1 + steps;
  const year = Math.floor(index / perYear);
  const part = (index % perYear) + 1;
  return kind === PeriodKind.quarter ? `${year}-Q${part}` : `${year}-${String(part).padStart(2, "0")}`;
}

/** The last day of a period: a quarter of financial year 2019 ends 30 Jun, 30 Sep, 31 Dec 2019 or 31 Mar 2020. */
export function periodEnd(key: string): IsoDate {
  const kind = periodKindOf(key);
  if (kind === PeriodKind.year) return endOfMonth(Number(key) + 1, 3);
  const [yearText, partText] = key.split("-") as [string, string];
  if (kind === PeriodKind.month) return endOfMonth(Number(yearText), Number(partText));
  const lastMonth = Number(partText.replace("Q", "")) * 3 + 3; // 6, 9, 12, 15
  return lastMonth > 12 ? endOfMonth(Number(yearText) + 1, lastMonth - 12) : endOfMonth(Number(yearText), lastMonth);
}

/** The last day of the reporting period after this one: an exception's improvement is due by then. */
export function nextPeriodEnd(key: string): IsoDate {
  return periodEnd(shiftPeriodKey(key, 1));
}

/** How the papers name a key: "2019/20 Q1", "Apr-19", "2018/19". */
export function periodLabel(key: string): string {
  const kind = periodKindOf(key);
  const [yearText, partText] = key.split("-") as [string, string | undefined];
  const year = Number(yearText);
  const financial = `${year}/${String((year + 1) % 100).padStart(2, "0")}`;
  if (kind === PeriodKind.year) return financial;
  if (kind === PeriodKind.quarter) return `${financial} ${partText}`;
  return `${MONTH_SHORT_NAMES[Number(partText) - 1]}-${String(year % 100).padStart(2, "0")}`;
}
