/**
 * The demo register's Ombudsman decisions: fourteen cases after the OSMB pack's annual letter (October
 * 2019: 6 of 14 upheld, a 43% upheld rate; three upheld in Children and Young People's Services, two in
 * Adult Care, Housing and Public Health, one in Regeneration and Environment), one a public report with a
 * personal remedy (confidential) beside a service improvement. Dated in the months up to the paper and
 * shifted as the rest of the demo is, so the paper's month becomes the current one.
 */
import { fileURLToPath } from "node:url";
import type { Store } from "../../data/database.js";
import { splitIsoDate, type IsoDate } from "../../domain/dates/calendar-date.js";
import { shiftDateText } from "../../domain/dates/date-text.js";
import { importTable, type ImportReport } from "../imports/import-register.js";
import { readTableFile } from "../imports/read-table-file.js";

export const OMBUDSMAN_DEMO_FILE = fileURLToPath(new URL("../../../prisma/demo/ombudsman.csv", import.meta.url));
/** The OSMB pack's month: it becomes the current month. */
export const OMBUDSMAN_PAPER_MONTH = "2019-10-15";
const DATE_COLUMNS = ["original_target", "decision_date"];

function monthsSince(paper: IsoDate, today: IsoDate): number {
  const from = splitIsoDate(paper);
  const to = splitIsoDate(today);
  return (to.year - from.year) * 12 + (to.month - from.month);
}

export async function loadOmbudsmanDemo(store: Store, now: Date, today: IsoDate): Promise<ImportReport> {
  const table = await readTableFile(OMBUDSMAN_DEMO_FILE);
  const months = monthsSince(OMBUDSMAN_PAPER_MONTH, today);
  for (const record of table.records)
    for (const column of DATE_COLUMNS) {
      const value = record.cells[column];
      if (value) record.cells[column] = shiftDateText(value, months);
    }
  return importTable(store, table, {
    file: "demo register (Ombudsman decisions, OSMB October 2019)",
    dryRun: false,
    actor: "demo loader",
    today,
    now,
  });
}
