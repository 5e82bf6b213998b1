/**
 * The register workbook's "Inspection calendar" sheet: every regime, soonest expected first, with its last
 * event, cycle, next expected date, readiness owner (by email, as exports name people) and the readiness
 * reminders sent for that date. The calendar holds nothing confidential, so every audience gets it whole.
 */
import type ExcelJS from "exceljs";
import type { Store } from "../../data/database.js";
import { expectedMonth } from "../../domain/calendar/expected-month.js";
import { directorateName } from "../../domain/register/directorates.js";
import { spreadsheetSafe } from "../reports/export-register.js";
import { expectedRegimes } from "./expected-inspections.js";
import { listRegimes } from "../../data/calendar/regime-store.js";

export const CALENDAR_SHEET_NAME = "Inspection calendar";
const HEADERS = [
  "Regime",
  "Inspectorate",
  "Directorate",
  "Last event",
  "Cycle (months)",
  "Next expected",
  "Readiness owner",
  "Readiness reminders",
];

export type CalendarSheetRow = string[];

export async function calendarSheetRows(store: Store): Promise<CalendarSheetRow[]> {
  const [regimes, expected] = await Promise.all([listRegimes(store), expectedRegimes(store)]);
  return regimes.map((r, n) => [
    r.regime,
    r.inspectorate,
    directorateName(r.directorateId),
    r.lastEvent ?? "",
    String(r.cycleMonths),
    `${expectedMonth(r.nextExpected)} (${r.nextExpected})`,
    r.readinessOwner?.email ?? "",
    expected[n]!.reminders.map((m) => `${m.monthsBefore} months before: ${m.sent ? "sent" : "queued"}`).join("; ") ||
      "none yet",
  ]);
}

/** Adds the sheet (headings frozen, typed text guarded against formulas); nothing when the calendar is empty. */
export function addCalendarSheet(workbook: ExcelJS.Workbook, rows: readonly CalendarSheetRow[]): void {
  if (rows.length === 0) return;
  const sheet = workbook.addWorksheet(CALENDAR_SHEET_NAME, { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.addRow(HEADERS).font = { bold: true };
  for (const row of rows) sheet.addRow(row.map(spreadsheetSafe));
  sheet.columns.forEach((column, n) => (column.width = [40, 16, 30, 12, 10, 22, 30, 30][n]));
}
