/**
 * Imports an inspection calendar file (told by its headings, domain/calendar/calendar-rows.ts) through
 * the register's import: all or nothing, every bad row listed, each regime upserted by its normalised name
 * with its readiness owner (made a person on first mention, as the tracker import does) and every change
 * recorded in the audit log. The answer is the register import's report, its rows counted as regimes.
 */
import type { Store } from "../../data/database.js";
import { fieldsOf, regimesByKey, writeRegimes } from "../../data/calendar/regime-store.js";
import { checkCalendarRows } from "../../domain/calendar/calendar-rows.js";
import { planCalendarImport } from "../../domain/calendar/plan-calendar-import.js";
import { emptyImportReport, type ImportReport } from "../../domain/imports/report.js";
import type { TextEncoding } from "../../domain/text/text-encoding.js";

export interface CalendarTable {
  headers: readonly string[];
  records: { line: number; cells: Record<string, string> }[];
  encoding: TextEncoding | null;
}

export interface CalendarImportOptions {
  file: string;
  dryRun: boolean;
  actor: string;
  now: Date;
  /** Asked just before anything is written: false writes nothing (a preview whose calendar has moved). */
  writeIf?: (report: ImportReport) => boolean;
}

export async function importCalendarTable(
  store: Store,
  table: CalendarTable,
  options: CalendarImportOptions,
): Promise<ImportReport> {
  const report = emptyImportReport(options.file, "calendar", options.dryRun, table.encoding);
  report.rows = table.records.length;
  report.regimes = { created: 0, updated: 0, unchanged: 0 };
  const checked = checkCalendarRows(table.headers, table.records);
  if (!checked.ok) {
    report.errors = checked.errors;
    return report;
  }
  const existing = await regimesByKey(
    store,
    checked.rows.map((r) => r.regimeKey),
  );
  const plan = planCalendarImport(
    checked.rows,
    new Map(existing.map((r) => [r.regimeKey, { id: r.id, fields: fieldsOf(r) }])),
  );
  report.ok = true;
  report.regimes = plan.counts;
  report.changes = plan.changes;
  if (options.dryRun || plan.writes.length === 0) return report;
  if (options.writeIf && !options.writeIf(report)) return report;
  await writeRegimes(store, plan.writes, { actor: options.actor, now: options.now, file: options.file });
  return report;
}
