/**
 * The demo's inspection calendar (prisma/demo/inspection-calendar.csv), from the papers: ILACS every three
 * years since the June 2022 short inspection; the next Corporate Peer Challenge "in 2028" (June, five years
 * after June 2023's); CQC's first assessment of adult social care by March 2026; the area SEND inspection of
 * autumn 2024, whose "typically positive" outcome means about five years to the next. Its dates are moved
 * forward as the demo register's are (the paper's month becomes the current one), so the calendar agrees
 * with the register's reviews and something is expected within the next year. Loaded into an empty calendar only.
 */
import { fileURLToPath } from "node:url";
import type { Store } from "../../data/database.js";
import { listRegimes } from "../../data/calendar/regime-store.js";
import { shiftDateText } from "../../domain/dates/date-text.js";
import type { ImportReport } from "../../domain/imports/report.js";
import { readTableFile } from "../imports/read-table-file.js";
import { importCalendarTable } from "./import-calendar.js";

export const DEMO_CALENDAR_FILE = fileURLToPath(
  new URL("../../../prisma/demo/inspection-calendar.csv", import.meta.url),
);

export async function loadDemoCalendar(store: Store, now: Date, monthsShifted: number): Promise<ImportReport | null> {
  if ((await listRegimes(store)).length > 0) return null;
  const table = await readTableFile(DEMO_CALENDAR_FILE);
  for (const record of table.records)
    for (const column of ["last_event", "next_expected"]) {
      const value = record.cells[column];
      if (value) record.cells[column] = shiftDateText(value, monthsShifted);
    }
  return importCalendarTable(
    store,
    { headers: table.headers, records: table.records, encoding: table.encoding ?? null },
    { file: "demo inspection calendar (papers of 2019 to 2025)", dryRun: false, actor: "demo loader", now },
  );
}
