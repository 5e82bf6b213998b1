/**
 * Reading "start update round January Audit Committee by 15 December": the round's name and its
 * deadline. A deadline without a year is the next such day (today counts); a month without a day, a
 * date that has passed or text that is not a date is refused with what to write instead.
 */
import { daysInMonth, formatDay, isoDate, splitIsoDate, type IsoDate } from "../dates/calendar-date.js";
import { DateKind, impossibleDayReason, parseDateText } from "../dates/date-text.js";
import { windowProblem } from "../dates/date-window.js";

export const START_ROUND_PATTERN = /^\s*start\s+(?:an?\s+|the\s+)?(?:new\s+)?update\s+round\b\s*(.*)$/i;

export type StartRoundCommand = { ok: true; name: string; deadline: IsoDate } | { ok: false; reason: string };

const EXAMPLE = "start update round January Audit Committee by 15 December";

const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};
const MONTH_WORD =
  "(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)";
const DAY_MONTH = new RegExp(`^(?:(\\d{1,2})(?:st|nd|rd|th)? ${MONTH_WORD}|${MONTH_WORD} (\\d{1,2})(?:st|nd|rd|th)?)$`);

/** A day and month that no year has, such as 31 June. */
const INVALID_DAY = Symbol("no such day");

/** "15 December", "15th Dec", "December 15": the next such day on or after today; "invalid" for 31 June. */
function dayAndMonth(text: string, today: IsoDate): IsoDate | null | typeof INVALID_DAY {
  const match = DAY_MONTH.exec(text.toLowerCase().replace(/[.,]/g, " ").replace(/\s+/g, " ").trim());
  if (!match) return null;
  const day = Number(match[1] ?? match[4]);
  const month = MONTHS[(match[2] ?? match[3])!.slice(0, 3)]!;
  const { year } = splitIsoDate(today);
  for (const candidateYear of [year, year + 1]) {
    if (day < 1 || day > daysInMonth(candidateYear, month)) continue;
    const date = isoDate(candidateYear, month, day);
    if (date >= today) return date;
  }
  return INVALID_DAY;
}

export function parseStartRoundCommand(text: string, today: IsoDate): StartRoundCommand {
  const match = START_ROUND_PATTERN.exec(text);
  if (!match) return { ok: false, reason: `Start a round like this: "${EXAMPLE}".` };
  const rest = match[1]!.trim();
  // The last "by" starts the date, so a name may contain the word ("Review by the LGA by 15 December").
  const by = /^(?:(.*)\s+)?(?:by|deadline|due)\s+(.+)$/i.exec(rest);
  if (!by) return { ok: false, reason: `Say when updates are due, e.g. "${EXAMPLE}".` };
  const name = (by[1] ?? "")
    .replace(/^(?:for\s+)?(?:the\s+)?/i, "")
    .replace(/^["'\u201c\u2018]|["'\u201d\u2019]$/g, "")
    .trim();
  if (!name) return { ok: false, reason: `Give the round a name (the reporting point it is for), e.g. "${EXAMPLE}".` };
  if (name.length > 120) return { ok: false, reason: "That round name is too long: keep it under 120 characters." };
  const dateText = by[2]!.trim().replace(/[.!]+$/, "");

  let deadline: IsoDate;
  const yearless = dayAndMonth(dateText, today);
  if (yearless === INVALID_DAY)
    return { ok: false, reason: `"${dateText}" is not a day of the year: write it like 15 December.` };
  if (yearless) deadline = yearless;
  else {
    const parsed = parseDateText(dateText);
    const outside = windowProblem(parsed);
    if (outside) return { ok: false, reason: `${outside}.` };
    if (parsed.kind === DateKind.month)
      return { ok: false, reason: `Give the day as well as the month, e.g. "by 15 ${dateText}".` };
    const impossible = impossibleDayReason(dateText);
    if (impossible) return { ok: false, reason: `"${dateText}" is not a day: ${impossible}.` };
    if (parsed.kind !== DateKind.day || !parsed.end)
      return {
        ok: false,
        reason: `I could not read "${dateText}" as a date: write it like 15 December or 2025-12-15.`,
      };
    deadline = parsed.end;
  }
  if (deadline < today)
    return { ok: false, reason: `The deadline ${formatDay(deadline)} has already passed: give a date from today on.` };
  return { ok: true, name, deadline };
}
