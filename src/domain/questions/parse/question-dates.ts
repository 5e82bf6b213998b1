/**
 * The dates people write in questions ("by the end of September", "in the next 3 months", "since the last
 * report", "before the July Audit Committee"), resolved against today.
 */
import {
  addDays,
  addMonths,
  daysInMonth,
  endOfMonth,
  isIsoDate,
  isoDate,
  splitIsoDate,
  type IsoDate,
} from "../../dates/calendar-date.js";
import {
  describeFinancialQuarter,
  financialQuarter,
  financialYearStartOf,
  QUARTER_PATTERN,
  readFinancialQuarter,
} from "../../dates/financial-quarter.js";
import { MONTH_RE, blank, monthOf } from "./text.js";
import { SinceKind, type SinceRef } from "./types.js";

export type DateSpec =
  /** `reading`: how a quarter was read, for the answer to say ("Q3 2027/28 (1 October to 31 December 2027)"). */
  | { kind: "span"; start: IsoDate; end: IsoDate; reading?: string }
  | { kind: "month"; month: number }
  | { kind: "day"; month: number; day: number };

export interface DateMention {
  index: number;
  end: number;
  spec: DateSpec;
}

export const NUMBER_WORDS: Record<string, number> = {
  a: 1,
  an: 1,
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
export const NUM_RE = "(\\d{1,3}|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)";

export function numberOf(text: string): number {
  return NUMBER_WORDS[text] ?? Number(text);
}

export function span(start: IsoDate, end: IsoDate): DateSpec {
  return { kind: "span", start, end };
}

export function monthSpan(today: IsoDate, offset: number): DateSpec {
  const { year, month } = splitIsoDate(addMonths(today.slice(0, 8) + "01", offset));
  return span(isoDate(year, month, 1), endOfMonth(year, month));
}

export function yearSpan(today: IsoDate, offset: number): DateSpec {
  const year = splitIsoDate(today).year + offset;
  return span(isoDate(year, 1, 1), isoDate(year, 12, 31));
}

/** This quarter (offset 0), the next (1): calendar and financial quarters share their months; named as the council's. */
export function quarterSpan(today: IsoDate, offset: number): DateSpec {
  const { month } = splitIsoDate(today);
  const fyQuarter = Math.floor(((month + 8) % 12) / 3) + 1;
  const index = financialYearStartOf(today) * 4 + (fyQuarter - 1) + offset;
  const quarter = financialQuarter((index % 4) + 1, Math.floor(index / 4));
  return { kind: "span", start: quarter.start, end: quarter.end, reading: describeFinancialQuarter(quarter) };
}

export function weekSpan(today: IsoDate, offset: number): DateSpec {
  const { year, month, day } = splitIsoDate(today);
  const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay(); // 0 Sunday
  const monday = addDays(today, -((weekday + 6) % 7) + offset * 7);
  return span(monday, addDays(monday, 6));
}

export function financialYearSpan(today: IsoDate): DateSpec {
  const { year, month } = splitIsoDate(today);
  const endYear = month <= 3 ? year : year + 1;
  return span(isoDate(endYear - 1, 4, 1), isoDate(endYear, 3, 31));
}

export function periodFrom(today: IsoDate, amount: number, unit: string, direction: 1 | -1): DateSpec {
  const days = unit.startsWith("day") ? amount : unit.startsWith("week") ? amount * 7 : 0;
  const moved = days ? addDays(today, direction * days) : addMonths(today, direction * amount);
  return direction === 1 ? span(today, moved) : span(moved, today);
}

export const RELATIVE_DATES: readonly [RegExp, (today: IsoDate, m: RegExpMatchArray) => DateSpec][] = [
  [/\b(?:the )?end of next month\b|\bnext month\b/g, (t) => monthSpan(t, 1)],
  [/\b(?:the )?end of (?:the |this )?month\b|\bthis month\b|\bmonth[- ]end\b/g, (t) => monthSpan(t, 0)],
  [/\blast month\b|\bprevious month\b/g, (t) => monthSpan(t, -1)],
  [
    /\b(?:the )?(?:end of (?:the |this )?(?:financial|fiscal) year|(?:financial|fiscal) year[- ]end|year[- ]end)\b/g,
    (t) => financialYearSpan(t),
  ],
  [/\b(?:the )?end of next year\b|\bnext year\b/g, (t) => yearSpan(t, 1)],
  [/\b(?:the )?end of (?:the |this )?(?:calendar )?year\b|\bthis year\b/g, (t) => yearSpan(t, 0)],
  [/\b(?:the )?(?:start|beginning) of (?:the |this )?year\b/g, (t) => yearSpan(t, 0)],
  [/\blast year\b/g, (t) => yearSpan(t, -1)],
  [/\bnext quarter\b/g, (t) => quarterSpan(t, 1)],
  [/\b(?:the )?end of (?:the |this )?quarter\b|\bthis quarter\b/g, (t) => quarterSpan(t, 0)],
  [/\bnext week\b/g, (t) => weekSpan(t, 1)],
  [/\b(?:the )?end of (?:the |this )?week\b|\bthis week\b/g, (t) => weekSpan(t, 0)],
  [/\btoday\b/g, (t) => span(t, t)],
  [/\bchristmas\b/g, () => ({ kind: "day", month: 12, day: 25 })],
  [/\btomorrow\b/g, (t) => span(addDays(t, 1), addDays(t, 1))],
  [
    new RegExp(`\\b(?:(?:in|within|over) )?(?:the )?(?:next|coming) ${NUM_RE} (days?|weeks?|months?)\\b`, "g"),
    (t, m) => periodFrom(t, numberOf(m[1]!), m[2]!, 1),
  ],
  [
    new RegExp(`\\bwithin ${NUM_RE} (days?|weeks?|months?)\\b`, "g"),
    (t, m) => periodFrom(t, numberOf(m[1]!), m[2]!, 1),
  ],
  [
    new RegExp(`\\b(?:(?:in|over|during) )?the (?:last|past|previous) ${NUM_RE} (days?|weeks?|months?)\\b`, "g"),
    (t, m) => periodFrom(t, numberOf(m[1]!), m[2]!, -1),
  ],
];

/** Dates a question mentions, left to right, none overlapping. */
export function scanDates(text: string, today: IsoDate): DateMention[] {
  const found: DateMention[] = [];
  const add = (m: RegExpMatchArray, spec: DateSpec | null) => {
    if (spec) found.push({ index: m.index ?? 0, end: (m.index ?? 0) + m[0].length, spec });
  };
  const dayOf = (year: number, month: number, day: number): DateSpec | null => {
    const date = isoDate(year, month, day);
    return isIsoDate(date) ? span(date, date) : null;
  };
  const fullYear = (y: string) => (y.length === 2 ? 2000 + Number(y) : Number(y));

  for (const m of text.matchAll(/\b(\d{4})-(\d{2})-(\d{2})\b/g))
    add(m, dayOf(Number(m[1]), Number(m[2]), Number(m[3])));
  for (const m of text.matchAll(/\b(\d{1,2})[/.](\d{1,2})[/.](\d{4}|\d{2})\b/g))
    add(m, dayOf(fullYear(m[3]!), Number(m[2]), Number(m[1])));
  for (const m of text.matchAll(
    new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?(?: of)? ${MONTH_RE}\\b\\.?(?:,? (\\d{4}))?`, "g"),
  )) {
    const month = monthOf(m[2]!);
    const day = Number(m[1]);
    if (m[3]) add(m, dayOf(Number(m[3]), month, day));
    else if (day >= 1 && day <= 31) add(m, { kind: "day", month, day });
  }
  for (const m of text.matchAll(
    new RegExp(`\\b${MONTH_RE} (\\d{1,2})(?:st|nd|rd|th)?(?:,? (\\d{4}))?(?![\\d/])`, "g"),
  )) {
    const month = monthOf(m[1]!);
    const day = Number(m[2]);
    if (m[3]) add(m, dayOf(Number(m[3]), month, day));
    else if (day >= 1 && day <= 31) add(m, { kind: "day", month, day });
  }
  for (const m of text.matchAll(
    new RegExp(`\\b((?:the )?end of )?${MONTH_RE}\\b\\.?(?:(?:,? |-|')(\\d{4})\\b|(?:-|')(\\d{2})\\b)?`, "g"),
  )) {
    const word = m[2]!;
    const month = monthOf(word);
    const yearText = m[3] ?? m[4];
    if (yearText) {
      const year = fullYear(yearText);
      add(m, span(isoDate(year, month, 1), endOfMonth(year, month)));
      continue;
    }
    // "may" and "march" are words too: a bare one is a month only after "by", "in", "since" and the like.
    if (/^(?:may|march)$/i.test(word) && !m[1]) {
      const before = text.slice(0, m.index ?? 0);
      if (!/\b(?:by|before|in|since|until|till|from|after|during|of|for|to|due)\s*$/.test(before)) continue;
    }
    add(m, { kind: "month", month });
  }
  for (const [pattern, resolve] of RELATIVE_DATES) for (const m of text.matchAll(pattern)) add(m, resolve(today, m));
  for (const m of text.matchAll(new RegExp(QUARTER_PATTERN, "gi"))) {
    const quarter = readFinancialQuarter(m[1]!, m[2], m[3], financialYearStartOf(today));
    if (quarter)
      add(m, { kind: "span", start: quarter.start, end: quarter.end, reading: describeFinancialQuarter(quarter) });
  }

  found.sort((a, b) => a.index - b.index || b.end - b.index - (a.end - a.index));
  const kept: DateMention[] = [];
  let reached = -1;
  for (const mention of found) {
    if (mention.index >= reached) {
      kept.push(mention);
      reached = mention.end;
    }
  }
  return kept;
}

/** The last day a date can mean, looking forward: a month without a year is the next one that has not ended. */
export function resolveEnd(spec: DateSpec, today: IsoDate): IsoDate {
  const { year } = splitIsoDate(today);
  if (spec.kind === "span") return spec.end;
  if (spec.kind === "month") {
    const end = endOfMonth(year, spec.month);
    return end >= today ? end : endOfMonth(year + 1, spec.month);
  }
  const clamp = (y: number) => isoDate(y, spec.month, Math.min(spec.day, daysInMonth(y, spec.month)));
  return clamp(year) >= today ? clamp(year) : clamp(year + 1);
}

/** The first day a date can mean, looking back: a month without a year is the latest one that has begun. */
export function resolveStart(spec: DateSpec, today: IsoDate): IsoDate {
  const { year } = splitIsoDate(today);
  if (spec.kind === "span") return spec.start;
  if (spec.kind === "month") {
    const start = isoDate(year, spec.month, 1);
    return start <= today ? start : isoDate(year - 1, spec.month, 1);
  }
  const clamp = (y: number) => isoDate(y, spec.month, Math.min(spec.day, daysInMonth(y, spec.month)));
  return clamp(year) <= today ? clamp(year) : clamp(year - 1);
}

export const LAST_REPORT =
  /\b(?:since|after) (?:the |our )?(?:last|previous|latest|most recent|prior) (?:audit committee |committee )?(?:report|audit committee|committee|update|meeting|cycle|time|period|round|paper)s?\b|\bsince last time\b|\bsince (?:we|i) last reported\b/g;

/** "Since the last report" or a date; the phrase is blanked so no other rule reads it again. */
export function readSince(
  work: string,
  today: IsoDate,
  periods = false,
): { since: SinceRef; work: string; explicit: boolean } {
  let found = false;
  for (const m of work.matchAll(LAST_REPORT)) {
    work = blank(work, m.index ?? 0, (m.index ?? 0) + m[0].length);
    found = true;
  }
  if (found) return { since: { kind: SinceKind.lastReport }, work, explicit: true };
  for (const mention of scanDates(work, today)) {
    const before = work.slice(0, mention.index);
    const phrase = work.slice(mention.index, mention.end);
    const after = /\b(?:since|after|from)\s+(?:the\s+)?$/.test(before);
    const pastPeriod =
      (/\b(?:last|past|previous)\b/.test(phrase) && /\b(?:days?|weeks?|months?)\b/.test(phrase)) ||
      // "new this month", "implemented this year": only where the question is about a period.
      (periods &&
        /^(?:(?:this|last|previous) (?:week|month|quarter|year)|the (?:start|beginning) of (?:the |this )?year)$/.test(
          phrase,
        ));
    if (after || pastPeriod) {
      const date = addDays(resolveStart(mention.spec, today), -1);
      const start = after ? before.search(/\b(?:since|after|from)\s+(?:the\s+)?$/) : mention.index;
      return { since: { kind: SinceKind.date, date }, work: blank(work, start, mention.end), explicit: true };
    }
  }
  return { since: { kind: SinceKind.lastReport }, work, explicit: false };
}

export interface CommitteeRef {
  meeting: { year: number; month: number };
  /** The last day of the month before the meeting. */
  deadline: IsoDate;
}

export const COMMITTEE = new RegExp(
  `\\b(?:before|by|ahead of|prior to|for|until|till|in time for|in advance of) (?:the )?(?:(next|upcoming|coming|forthcoming) )?(?:${MONTH_RE}(?: (\\d{4}))? )?(?:audit committee|committee)(?: meeting)?\\b`,
  "g",
);

/** "the July Audit Committee", "the next Audit Committee": the Audit Committee sits in January and July. */
export function readCommittee(work: string, today: IsoDate): { ref?: CommitteeRef; work: string } {
  const m = COMMITTEE.exec(work);
  COMMITTEE.lastIndex = 0;
  if (!m) return { work };
  const { year: ty, month: tm } = splitIsoDate(today);
  let month = m[2] ? monthOf(m[2]) : tm === 1 ? 1 : tm <= 7 ? 7 : 1;
  let year = m[3] ? Number(m[3]) : m[2] ? (tm <= month ? ty : ty + 1) : tm <= 7 ? ty : ty + 1;
  if (!month) month = 7;
  if (!year) year = ty;
  const before = month === 1 ? { year: year - 1, month: 12 } : { year, month: month - 1 };
  return {
    ref: { meeting: { year, month }, deadline: endOfMonth(before.year, before.month) },
    work: blank(work, m.index, m.index + m[0].length),
  };
}
