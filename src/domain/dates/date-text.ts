/**
 * Reading the dates the council writes: "Oct-24", "September 2026", "5-9 July 2021",
 * "March – May 2022", "Review date August 2026", "will commence January 2024", "Q3 2027" (the council's
 * financial-year quarter, financial-quarter.ts), "TBC", "n/a".
 * The raw text is always kept beside the parsed value; a month-only date means that month's last day.
 */
import { addMonths, endOfMonth, isIsoDate, isoDate, daysInMonth, splitIsoDate, type IsoDate } from "./calendar-date.js";
import { MONTH_NAMES, MONTH_PATTERN, monthNumberOf } from "./months.js";
import { QUARTER_PATTERN, readFinancialQuarter } from "./financial-quarter.js";

export const DateKind = {
  day: "day",
  month: "month",
  range: "range",
  review: "review",
  tbc: "tbc",
  notApplicable: "not_applicable",
  none: "none",
  unparsed: "unparsed",
} as const;
export type DateKind = (typeof DateKind)[keyof typeof DateKind];

export interface DateText {
  raw: string | null;
  kind: DateKind;
  /** First day the text can mean (a month's first day, a range's start). */
  start: IsoDate | null;
  /** Last day the text can mean: the date used for targets and for "after the last report". */
  end: IsoDate | null;
}

const MONTH_WORD = MONTH_PATTERN;

export const ACCEPTED_DATE_FORMS =
  '2025-03-31, 31/03/2025, 31 March 2025, Mar-25, March 2025, "March - May 2025", Q3 2027/28 (a financial-year quarter), TBC, n/a or blank';

const WHOLE_QUARTER = new RegExp(`^${QUARTER_PATTERN}$`, "i");

function monthNumber(word: string): number | undefined {
  return monthNumberOf(word) || undefined;
}

function fullYear(text: string): number {
  const year = Number(text);
  return text.length === 2 ? 2000 + year : year;
}

function normalise(text: string): string {
  return text
    .replace(/[\u2012-\u2015\u2212]/g, "-")
    .replace(/\u00a0/g, " ")
    .replace(/\s+/g, " ")
    .replace(/[.,;]+$/, "")
    .trim();
}

interface Span {
  start: IsoDate;
  end: IsoDate;
  precision: "day" | "month";
}

/** One date with no range: "12 July 2024", "July 2024", "Jul-24", "2024-07-12", "12/07/2024". */
function parseSingle(text: string): Span | null {
  let m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ][\d:.]+Z?)?$/.exec(text);
  if (m) {
    const date = `${m[1]}-${m[2]}-${m[3]}`;
    return isIsoDate(date) ? { start: date, end: date, precision: "day" } : null;
  }
  m = /^(\d{1,2})\/(\d{1,2})\/(\d{2}|\d{4})$/.exec(text);
  if (m) {
    const date = isoDate(fullYear(m[3]!), Number(m[2]), Number(m[1]));
    return isIsoDate(date) ? { start: date, end: date, precision: "day" } : null;
  }
  m = new RegExp(`^(\\d{1,2})(?:st|nd|rd|th)? ${MONTH_WORD}\\.?,? (\\d{4})$`, "i").exec(text);
  if (m) {
    const month = monthNumber(m[2]!);
    const date = month ? isoDate(Number(m[3]), month, Number(m[1])) : "";
    return isIsoDate(date) ? { start: date, end: date, precision: "day" } : null;
  }
  m = new RegExp(`^${MONTH_WORD}\\.?(?: |-|')(\\d{2}|\\d{4})$`, "i").exec(text);
  if (m) {
    const month = monthNumber(m[1]!);
    if (!month) return null;
    const year = fullYear(m[2]!);
    return { start: isoDate(year, month, 1), end: endOfMonth(year, month), precision: "month" };
  }
  return null;
}

/** A range whose start may borrow its month and year from its end: "5-9 July 2021", "March - May 2022". */
function parseRange(text: string): Span | null {
  const parts = text
    .split(/ ?(?:-|–| to | and |&) ?/i)
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length !== 2) return null;
  const [left, right] = parts as [string, string];
  const end = parseSingle(right);
  if (!end) return null;
  const { year, month } = splitIsoDate(end.end);
  let start = parseSingle(left);
  if (!start && /^\d{1,2}(?:st|nd|rd|th)?$/.test(left)) {
    const day = Number.parseInt(left, 10);
    if (day >= 1 && day <= daysInMonth(year, month)) {
      start = { start: isoDate(year, month, day), end: isoDate(year, month, day), precision: "day" };
    }
  }
  if (!start) {
    const startMonth = monthNumber(left);
    if (startMonth) {
      const startYear = startMonth <= month ? year : year - 1;
      start = { start: isoDate(startYear, startMonth, 1), end: endOfMonth(startYear, startMonth), precision: "month" };
    }
  }
  if (!start || start.start > end.end) return null;
  return { start: start.start, end: end.end, precision: end.precision };
}

const LEADING_WORDS = /^(?:review date|will commence(?: in)?|commencing|due|by|target|expected|end of|from)\b:? ?/i;

/** A register repeats a few hundred date texts across thousands of items: parse each once. */
const parsedCache = new Map<string, DateText>();
const CACHE_LIMIT = 50_000;

export function parseDateText(input: string | null | undefined): DateText {
  const raw = input == null ? null : String(input).trim() || null;
  if (raw === null) return { raw, kind: DateKind.none, start: null, end: null };
  const cached = parsedCache.get(raw);
  if (cached) return { ...cached };
  const parsed = parseUncached(raw);
  if (parsedCache.size >= CACHE_LIMIT) parsedCache.clear();
  parsedCache.set(raw, parsed);
  return { ...parsed };
}

function parseUncached(raw: string): DateText {
  const text = normalise(raw);
  if (/^(?:tbc|tbd|to be confirmed|to be agreed|tba)$/i.test(text))
    return { raw, kind: DateKind.tbc, start: null, end: null };
  if (/^(?:n\/?a|not applicable|none|-)$/i.test(text))
    return { raw, kind: DateKind.notApplicable, start: null, end: null };

  const isReview = /^review date\b/i.test(text);
  const body = text.replace(LEADING_WORDS, "").trim();
  // A quarter needs its year: a bare "Q3" has no year to belong to in a register.
  const quarter = WHOLE_QUARTER.exec(body);
  if (quarter?.[2]) {
    const found = readFinancialQuarter(quarter[1]!, quarter[2], quarter[3], 0);
    if (found) return { raw, kind: isReview ? DateKind.review : DateKind.range, start: found.start, end: found.end };
  }
  const single = parseSingle(body);
  const span = single ?? parseRange(body);
  if (!span) return { raw, kind: DateKind.unparsed, start: null, end: null };
  const kind = isReview
    ? DateKind.review
    : single
      ? span.precision === "day"
        ? DateKind.day
        : DateKind.month
      : DateKind.range;
  return { raw, kind, start: span.start, end: span.end };
}

function ordinal(n: number): string {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  return `${n}${["th", "st", "nd", "rd"][n % 10] ?? "th"}`;
}

/**
 * Why text written in a day's form is no day at all: "February 2027 has no 31st", "there is no month 13".
 * Null when the text is not in a day's form, or is a real day: then the form is what to fix.
 */
export function impossibleDayReason(input: string): string | null {
  const body = normalise(input).replace(LEADING_WORDS, "").trim();
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(body);
  const numeric = /^(\d{1,2})\/(\d{1,2})\/(\d{2}|\d{4})$/.exec(body);
  const named = new RegExp(`^(\\d{1,2})(?:st|nd|rd|th)? ${MONTH_WORD}\\.?,? (\\d{4})$`, "i").exec(body);
  const parts = iso
    ? { year: Number(iso[1]), month: Number(iso[2]), day: Number(iso[3]) }
    : numeric
      ? { year: fullYear(numeric[3]!), month: Number(numeric[2]), day: Number(numeric[1]) }
      : named
        ? { year: Number(named[3]), month: monthNumber(named[2]!) ?? 0, day: Number(named[1]) }
        : null;
  if (!parts) return null;
  const { year, month, day } = parts;
  if (month < 1 || month > 12) return `there is no month ${month}`;
  if (day < 1) return `there is no day ${day} in a month`;
  if (day > daysInMonth(year, month)) return `${MONTH_NAMES[month - 1]} ${year} has no ${ordinal(day)}`;
  return null;
}

/**
 * What to say about text that is no date: the impossible day when it names one ("31/02/2027" is not a
 * day: February 2027 has no 31st), else the forms that are read.
 */
export function unreadableDateReason(raw: string, forms: string = ACCEPTED_DATE_FORMS): string {
  const impossible = impossibleDayReason(raw);
  return impossible ? `"${raw}" is not a day: ${impossible}` : `"${raw}" is not a date I can read: use ${forms}`;
}

/** The forms a single date may take, without the words for no date, for fields that need one. */
export const DAY_OR_MONTH_FORMS = ACCEPTED_DATE_FORMS.replace(", TBC, n/a or blank", "");

/** A date for a target: usable when the text named a day, a month, a range or a review date. */
export function hasDate(parsed: DateText): parsed is DateText & { end: IsoDate; start: IsoDate } {
  return parsed.end !== null;
}

/**
 * Dates inside a cell that labels them, as D1's "Date" column does:
 * "Focused visit: 14 and 15 May 2024 Published: 12 July 2024", "5-8 June 2023 Findings received August 2023".
 */
export function splitLabelledDates(text: string): { visit: string | null; findingsReceived: string | null } {
  const flat = normalise(text);
  const findings = /(?:findings received|report published|published)[: ]+(.+)$/i.exec(flat);
  const visitPart = findings ? flat.slice(0, findings.index).trim() : flat;
  const visit = visitPart.replace(/^[a-z ]*?(?:visit|date|conducted|inspection date|inspected)[: ]+/i, "").trim();
  return { visit: visit || null, findingsReceived: findings ? findings[1]!.trim() : null };
}

/**
 * The same text with every date moved by `months`, in the form it was written: used to bring the
 * May 2025 demo register forward so that it looks today as the paper looked then.
 */
export function shiftDateText(raw: string, months: number): string {
  const shiftMonth = (month: number, year: number) => {
    const moved = addMonths(isoDate(year, month, 1), months);
    return splitIsoDate(moved);
  };
  return (
    raw
      .replace(/\b(\d{4})-(\d{2})-(\d{2})\b/g, (whole) => (isIsoDate(whole) ? addMonths(whole, months) : whole))
      .replace(
        new RegExp(`(\\b\\d{1,2}(?:st|nd|rd|th)? )?\\b${MONTH_WORD}\\b(\\.?)( |-|')(\\d{4}|\\d{2})\\b`, "gi"),
        (whole, dayPart: string | undefined, word: string, dot: string, sep: string, yearText: string) => {
          const month = monthNumber(word);
          if (!month) return whole;
          const { year, month: newMonth } = shiftMonth(month, fullYear(yearText));
          const isFullName = MONTH_NAMES.some((name) => name.toLowerCase() === word.toLowerCase());
          const newWord = isFullName ? MONTH_NAMES[newMonth - 1]! : MONTH_NAMES[newMonth - 1]!.slice(0, 3);
          const newYear = yearText.length === 2 ? String(year % 100).padStart(2, "0") : String(year);
          let day = dayPart ?? "";
          if (dayPart) {
            const n = Number.parseInt(dayPart, 10);
            day = `${Math.min(n, daysInMonth(year, newMonth))} `;
          }
          return `${day}${newWord}${dot}${sep}${newYear}`;
        },
      )
      // A bare month starting a range ("March - May 2022") moves by the same number of months.
      .replace(new RegExp(`\\b${MONTH_WORD}(?= ?- ?(?:\\d{1,2} )?[A-Z])`, "gi"), (word: string) => {
        const month = monthNumber(word);
        if (!month) return word;
        const newMonth = (((month - 1 + months) % 12) + 12) % 12;
        return MONTH_NAMES[newMonth]!;
      })
  );
}
