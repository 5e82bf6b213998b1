/**
 * Questions about scrutiny recommendations and the executive's response: "which scrutiny recommendations are
 * awaiting a Cabinet response?", "which responses are overdue?", "what share did Cabinet accept this year?".
 * Read from the words, and the words not used named; the selection rules are here too, pure (`today` in).
 */
import { compareDates, splitIsoDate, type IsoDate } from "../dates/calendar-date.js";
import { ReviewSource } from "../register/review-sources.js";
import { acceptsRecommendation, ExecutiveResponse } from "./scrutiny-columns.js";

export const ScrutinyAsk = { awaiting: "awaiting", overdue: "overdue", acceptedShare: "accepted_share" } as const;
export type ScrutinyAsk = (typeof ScrutinyAsk)[keyof typeof ScrutinyAsk];

/** The year a share is counted over: the council's financial year (April to March) unless a calendar year is asked for. */
export const YearKind = { financial: "financial", calendar: "calendar" } as const;
export type YearKind = (typeof YearKind)[keyof typeof YearKind];

export interface ScrutinyQuestion {
  kind: "scrutiny";
  ask: ScrutinyAsk;
  /** For the accepted share: which kind of year ("this year" is the financial year). */
  year?: YearKind;
  /** Words of the question the reading did not apply, as typed. */
  unused?: string[];
}

const RESPONSE = /\bresponses?\b|\bresponded\b/;
const EXECUTIVE = /\b(?:cabinet|executive)\b/;
const AWAITING = /\b(?:awaiting|waiting|await|outstanding|pending|not yet (?:had|received|given))\b/;
const OVERDUE = /\b(?:overdue|late|past due|missed)\b/;
const SHARE = /\b(?:share|proportion|percentage|per ?cent|%|rate|how many)\b/;
const ACCEPT = /\baccept(?:ed|s)?\b|\badopt(?:ed|s)?\b/;

/** Words the reading understands; any other word of the question is named as not used. */
const UNDERSTOOD = new Set(
  (
    "which what whats how many show list me the a an of for by are is were was have has did do does to our there any all " +
    "scrutiny scrutinys recommendation recommendations recs rec awaiting waiting await outstanding pending not yet had received given " +
    "cabinet executive executives cabinets response responses responded overdue late past due missed share proportion percentage " +
    "per cent percent rate accept accepted accepts adopt adopted adopts this year years financial calendar so far in on from " +
    "that it they them been still"
  ).split(" "),
);

/** The question's reading, or null when it is not about scrutiny responses. */
export function readScrutinyQuestion(lower: string): ScrutinyQuestion | null {
  const scrutiny = /\bscrutiny\b/.test(lower);
  const executive = EXECUTIVE.test(lower);
  const response = RESPONSE.test(lower);
  let ask: ScrutinyAsk | null = null;
  if (SHARE.test(lower) && ACCEPT.test(lower) && (executive || scrutiny)) ask = ScrutinyAsk.acceptedShare;
  else if (response && OVERDUE.test(lower) && (executive || scrutiny || /^\W*(?:which|what|show|list)\b/.test(lower)))
    ask = ScrutinyAsk.overdue;
  else if (response && AWAITING.test(lower) && (executive || scrutiny)) ask = ScrutinyAsk.awaiting;
  if (!ask) return null;
  const unused = (lower.match(/[a-z0-9%']+/g) ?? [])
    .map((w) => w.replace(/'s$|'/g, ""))
    .filter((w) => w && !UNDERSTOOD.has(w));
  return {
    kind: "scrutiny",
    ask,
    ...(ask === ScrutinyAsk.acceptedShare
      ? { year: /\bcalendar year\b/.test(lower) ? YearKind.calendar : YearKind.financial }
      : {}),
    ...(unused.length ? { unused: [...new Set(unused)] } : {}),
  };
}

/** The first and last day of the year `today` falls in. */
export function yearAround(today: IsoDate, kind: YearKind): { from: IsoDate; to: IsoDate; label: string } {
  const { year, month } = splitIsoDate(today);
  if (kind === YearKind.calendar)
    return { from: `${year}-01-01`, to: `${year}-12-31`, label: `the calendar year ${year}` };
  const start = month >= 4 ? year : year - 1;
  return {
    from: `${start}-04-01`,
    to: `${start + 1}-03-31`,
    label: `the council's financial year ${start}/${String(start + 1).slice(2)} (1 April to 31 March)`,
  };
}

/** What the selection needs of an item and its review. */
export interface ScrutinyItemFacts {
  source?: string;
  progress: string;
  executiveResponse?: string | null;
  responseDate?: string | null;
  responseDue?: string | null;
}

/** A scrutiny recommendation still waiting for the executive's response. */
export function awaitsResponse(item: ScrutinyItemFacts): boolean {
  return (
    item.source === ReviewSource.scrutiny &&
    !item.responseDate &&
    Boolean(item.responseDue) &&
    (item.executiveResponse ?? ExecutiveResponse.awaiting) === ExecutiveResponse.awaiting
  );
}

/** Any item (whatever its source) whose response is due before today and not given. */
export function responseOverdue(item: ScrutinyItemFacts, today: IsoDate): boolean {
  return Boolean(item.responseDue) && !item.responseDate && compareDates(item.responseDue!, today) < 0;
}

/** Of the scrutiny recommendations responded to in [from, to]: how many, and how many accepted wholly or in part. */
export function acceptedShare(
  items: readonly ScrutinyItemFacts[],
  from: IsoDate,
  to: IsoDate,
): { responded: number; accepted: number } {
  const responded = items.filter(
    (i) =>
      i.source === ReviewSource.scrutiny &&
      i.responseDate &&
      i.executiveResponse !== ExecutiveResponse.awaiting &&
      compareDates(i.responseDate, from) >= 0 &&
      compareDates(i.responseDate, to) <= 0,
  );
  return {
    responded: responded.length,
    accepted: responded.filter((i) => acceptsRecommendation(i.executiveResponse ?? null)).length,
  };
}
