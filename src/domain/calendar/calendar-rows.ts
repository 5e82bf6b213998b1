/**
 * An inspection calendar file's rows checked: recognised by its headings (regime, inspectorate,
 * directorate, last_event, cycle_months, next_expected, readiness_owner), each row checked on its own and
 * against the others (a regime named twice), every bad row listed with what to fix. Every value bounded:
 * text as a name (InputLimit.name), dates inside the accepted window, the cycle 1 to 120 months.
 */
import { isWithinAcceptedWindow, outsideWindowReason } from "../dates/date-window.js";
import { ACCEPTED_DATE_FORMS, DateKind, parseDateText, unreadableDateReason } from "../dates/date-text.js";
import type { IsoDate } from "../dates/calendar-date.js";
import { InputLimit } from "../input-limits.js";
import { cellTextProblem } from "../imports/limits.js";
import { DIRECTORATE_CHOICES, findDirectorate } from "../register/directorates.js";
import type { RowError } from "../register/register-row.js";
import { titleKey } from "../register/register-row.js";
import { checkIdentifyingText, normaliseEmail } from "../text/identity-text.js";
import { nextExpectedOf } from "./readiness.js";

export const CALENDAR_COLUMNS = [
  "regime",
  "inspectorate",
  "directorate",
  "last_event",
  "cycle_months",
  "next_expected",
  "readiness_owner",
] as const;
export type CalendarColumn = (typeof CALENDAR_COLUMNS)[number];

/** Headings every calendar file has (next_expected may be left out). */
const REQUIRED_COLUMNS: readonly CalendarColumn[] = CALENDAR_COLUMNS.filter((c) => c !== "next_expected");

export const CYCLE_MONTHS = { least: 1, most: 120 } as const;

/** A file is a calendar when its headings name a regime and a cycle: the register's files have neither. */
export function isCalendarLayout(headers: readonly string[]): boolean {
  const set = new Set(headers.map((h) => h.trim().toLowerCase()));
  return set.has("regime") && set.has("cycle_months");
}

export interface CalendarRow {
  line: number;
  regimeKey: string;
  regime: string;
  inspectorate: string;
  directorateId: string;
  lastEvent: IsoDate | null;
  cycleMonths: number;
  nextExpected: IsoDate;
  nextExpectedGiven: boolean;
  readinessOwnerEmail: string;
}

export type CheckedCalendar = { ok: true; rows: CalendarRow[] } | { ok: false; errors: RowError[] };

/** The headings a calendar file lacks, each said as a problem of its heading line. */
function missingHeadings(headers: readonly string[]): RowError[] {
  const set = new Set(headers.map((h) => h.trim().toLowerCase()));
  const missing = REQUIRED_COLUMNS.filter((c) => !set.has(c));
  return missing.length
    ? [
        {
          line: 1,
          message: `the calendar's headings lack ${missing.join(", ")}: its columns are ${CALENDAR_COLUMNS.join(", ")}`,
        },
      ]
    : [];
}

function dateProblem(column: string, text: string | null): { date: IsoDate | null; problem: string | null } {
  const parsed = parseDateText(text);
  if (parsed.kind === DateKind.none) return { date: null, problem: null };
  if (!parsed.start)
    return { date: null, problem: `${column} ${unreadableDateReason(parsed.raw ?? "", ACCEPTED_DATE_FORMS)}` };
  if (!isWithinAcceptedWindow(parsed.start))
    return { date: null, problem: `${column}: ${outsideWindowReason(parsed.start)}` };
  return { date: parsed.start, problem: null };
}

/** One row checked; its problems when it has any. */
export function checkCalendarRow(
  cells: Record<string, string>,
  line: number,
): { row: CalendarRow | null; errors: string[] } {
  const errors: string[] = [];
  const get = (column: CalendarColumn): string | null => {
    const text = (cells[column] ?? "").trim();
    return text === "" ? null : text;
  };
  for (const column of CALENDAR_COLUMNS) {
    const problem = cellTextProblem(column, cells[column] ?? "", InputLimit.name);
    if (problem) errors.push(problem);
  }
  if (errors.length) return { row: null, errors };

  const regime = get("regime");
  if (!regime) errors.push("regime is empty: name the inspection, e.g. ILACS or LGA Corporate Peer Challenge");
  const regimeProblem = regime ? checkIdentifyingText("regime", regime) : null;
  if (regimeProblem) errors.push(regimeProblem);
  const inspectorate = get("inspectorate");
  if (!inspectorate) errors.push("inspectorate is empty: name who inspects, e.g. Ofsted, CQC or LGA");

  const directorateText = get("directorate");
  const directorate = findDirectorate(directorateText);
  if (!directorateText) errors.push(`directorate is empty: give one of ${DIRECTORATE_CHOICES}`);
  else if (!directorate)
    errors.push(
      `directorate "${directorateText}" is not one I know: use one of ${DIRECTORATE_CHOICES} or its full name`,
    );

  const last = dateProblem("last_event", get("last_event"));
  if (last.problem) errors.push(last.problem);
  const given = dateProblem("next_expected", get("next_expected"));
  if (given.problem) errors.push(given.problem);

  const cycleText = get("cycle_months");
  const cycle = cycleText !== null && /^\d{1,3}$/.test(cycleText) ? Number(cycleText) : null;
  if (cycle === null || cycle < CYCLE_MONTHS.least || cycle > CYCLE_MONTHS.most)
    errors.push(
      `cycle_months "${cycleText ?? ""}" must be a whole number of months from ${CYCLE_MONTHS.least} to ${CYCLE_MONTHS.most}, e.g. 36 for every three years`,
    );
  if (!last.problem && !given.problem && !last.date && !given.date)
    errors.push(
      "last_event and next_expected are both empty: give the last event's date, or when the next is expected",
    );

  const ownerText = get("readiness_owner");
  const owner = ownerText === null ? null : normaliseEmail(ownerText);
  if (!owner) errors.push("readiness_owner is empty: give the email of who prepares for the next event");
  else if (!owner.ok) errors.push(`readiness_owner: ${owner.reason}`);

  const nextExpected = cycle === null ? null : nextExpectedOf(last.date, cycle, given.date);
  if (nextExpected && !isWithinAcceptedWindow(nextExpected))
    errors.push(`next_expected (last_event plus cycle_months): ${outsideWindowReason(nextExpected)}`);
  if (errors.length || !regime || !inspectorate || !directorate || !owner?.ok || cycle === null || !nextExpected)
    return { row: null, errors };
  return {
    row: {
      line,
      regimeKey: titleKey(regime),
      regime,
      inspectorate,
      directorateId: directorate.id,
      lastEvent: last.date,
      cycleMonths: cycle,
      nextExpected,
      nextExpectedGiven: given.date !== null,
      readinessOwnerEmail: owner.value,
    },
    errors,
  };
}

/** Every row checked: the rows when all are good, else every problem with its line (nothing is imported). */
export function checkCalendarRows(
  headers: readonly string[],
  records: readonly { line: number; cells: Record<string, string> }[],
): CheckedCalendar {
  const errors: RowError[] = missingHeadings(headers);
  const rows: CalendarRow[] = [];
  const firstLineOf = new Map<string, number>();
  for (const record of records) {
    const cells = Object.fromEntries(Object.entries(record.cells).map(([k, v]) => [k.trim().toLowerCase(), v]));
    const checked = checkCalendarRow(cells, record.line);
    for (const message of checked.errors) errors.push({ line: record.line, message });
    const regime = (cells.regime ?? "").trim();
    if (regime) {
      const key = titleKey(regime);
      const first = firstLineOf.get(key);
      if (first !== undefined)
        errors.push({
          line: record.line,
          message: `regime "${regime}" is already on line ${first}: give each regime one row`,
        });
      else firstLineOf.set(key, record.line);
    }
    if (checked.row) rows.push(checked.row);
  }
  if (records.length === 0) errors.push({ line: 1, message: "the calendar has no rows: add one row per regime" });
  return errors.length ? { ok: false, errors: errors.sort((a, b) => a.line - b.line) } : { ok: true, rows };
}
