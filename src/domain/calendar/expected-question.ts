/**
 * "What inspections are we expecting in the next 12 months?" ("in the next 6 months", "expected
 * inspections", "the inspection calendar"): read to a number of months ahead (12 unless said, 1 to 120),
 * with the words not used named. And the answer's lines, pure: the regimes expected from today to that many
 * months on, soonest first, each with its inspectorate, directorate, month, readiness owner by name and
 * whether a readiness reminder went; those whose expected date has passed with no event linked are named apart.
 * The calendar holds no confidential regime, so nothing here is hidden from a channel.
 */
import { addMonths, compareDates, formatDay, type IsoDate } from "../dates/calendar-date.js";
import { personLabel, type PersonNaming } from "../people/person-label.js";
import { directorateName } from "../register/directorates.js";
import { countWordsNotUsed } from "../questions/words/word-use.js";
import { plural } from "../text/readable-text.js";
import { expectedMonth } from "./expected-month.js";

export const EXPECTED_INSPECTIONS = "expected_inspections";

export interface ExpectedInspectionsQuestion {
  kind: typeof EXPECTED_INSPECTIONS;
  months: number;
  unused?: string[];
}

const ASKS =
  /\bexpect(?:ed|ing)?\b[^?]*\b(?:inspections?|regimes?)\b|\b(?:inspections?|regimes?)\b[^?]*\bexpect(?:ed|ing)?\b|\binspection calendar\b|\bwhat inspections are (?:coming|due)\b/;
const NUMBER_WORDS: Record<string, number> = { three: 3, six: 6, nine: 9, twelve: 12, eighteen: 18, "twenty four": 24 };
const AHEAD = /\b(?:in |over |within )?(?:the )?next (\d{1,3}|three|six|nine|twelve|eighteen|twenty four) months?\b/;
const NEXT_YEAR = /\b(?:in |over |within )?(?:the )?next (?:year|twelve months)\b/;
export const MONTHS_AHEAD = { usual: 12, least: 1, most: 120 } as const;

/** The question read, or null when it is not about the inspection calendar. */
export function readExpectedInspections(lower: string, shown: string): ExpectedInspectionsQuestion | null {
  if (!ASKS.test(lower)) return null;
  const ahead = AHEAD.exec(lower);
  const said = ahead ? (NUMBER_WORDS[ahead[1]!] ?? Number(ahead[1])) : NEXT_YEAR.test(lower) ? 12 : null;
  const fits = said !== null && said >= MONTHS_AHEAD.least && said <= MONTHS_AHEAD.most;
  const patterns = [
    /\bexpect(?:ed|ing)?\b/,
    /\binspections?\b/,
    /\bregimes?\b/,
    /\bcalendar\b/,
    /\b(?:coming|due|upcoming)\b/,
    ...(fits ? [AHEAD, NEXT_YEAR] : []),
  ];
  const unused = countWordsNotUsed(lower, shown, { patterns, spans: [] });
  return { kind: EXPECTED_INSPECTIONS, months: fits ? said : MONTHS_AHEAD.usual, ...(unused.length ? { unused } : {}) };
}

export interface ExpectedRegime {
  regime: string;
  inspectorate: string;
  directorateId: string;
  nextExpected: IsoDate;
  readinessOwner: PersonNaming | null;
  /** The readiness reminders for this expected date: months before, and whether it has been sent or waits to be. */
  reminders: { monthsBefore: number; sent: boolean }[];
}

export interface ExpectedInspectionsAnswer {
  title: string;
  lines: string[];
  passed: string[];
}

function reminderText(reminders: ExpectedRegime["reminders"]): string {
  if (reminders.length === 0) return "no readiness reminder yet";
  return reminders
    .map((r) => `${r.monthsBefore}-month readiness reminder ${r.sent ? "sent" : "queued to send"}`)
    .join(", ");
}

export function expectedInspectionsAnswer(
  regimes: readonly ExpectedRegime[],
  months: number,
  today: IsoDate,
): ExpectedInspectionsAnswer {
  const until = addMonths(today, months);
  const ahead = regimes
    .filter((r) => compareDates(r.nextExpected, today) >= 0 && compareDates(r.nextExpected, until) <= 0)
    .sort((a, b) => compareDates(a.nextExpected, b.nextExpected));
  const lines = ahead.map(
    (r) =>
      `${r.regime} (${r.inspectorate}, ${directorateName(r.directorateId)}): expected ${expectedMonth(r.nextExpected)}; readiness owner ${personLabel(r.readinessOwner, "not named")}; ${reminderText(r.reminders)}.`,
  );
  const passed = regimes
    .filter((r) => compareDates(r.nextExpected, today) < 0)
    .map((r) => `${r.regime} (${r.inspectorate}): expected ${expectedMonth(r.nextExpected)}`);
  return {
    title: `${plural(ahead.length, "inspection")} expected in the next ${plural(months, "month")} (to ${formatDay(until)})`,
    lines,
    passed,
  };
}
