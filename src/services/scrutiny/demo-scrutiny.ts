/**
 * The demo register's scrutiny recommendations: the Overview and Scrutiny Management Board's work programme
 * (October 2019: the Cabinet's response to the Takeover Challenge review requested 11 September 2019, its
 * detailed response scheduled for 29 January 2020, the reports 12 months after implementation, each a
 * follow-up milestone), with every date moved forward by the months since October 2019, so the demo shows
 * some awaiting the Cabinet's response, one overdue and some accepted, as the paper did in its month.
 */
import { fileURLToPath } from "node:url";
import { addMonths, splitIsoDate, type IsoDate } from "../../domain/dates/calendar-date.js";
import { readTableFile, type TableRecord } from "../imports/read-table-file.js";

export const DEMO_SCRUTINY_FILE = fileURLToPath(new URL("../../../prisma/demo/scrutiny.csv", import.meta.url));
/** The OSMB pack's month: the demo is shifted so that this month becomes the current one. */
export const SCRUTINY_PAPER_MONTH = "2019-10-15";
const DATE_COLUMNS = [
  "review_date",
  "original_target",
  "sent_to_executive",
  "response_date",
  "response_due",
  "follow_up",
];

export function monthsSinceScrutinyPaper(today: IsoDate): number {
  const paper = splitIsoDate(SCRUTINY_PAPER_MONTH);
  const now = splitIsoDate(today);
  return (now.year - paper.year) * 12 + (now.month - paper.month);
}

/** The demo's scrutiny rows, shifted to today, numbered from `firstLine`. */
export async function demoScrutinyRecords(today: IsoDate, firstLine: number): Promise<TableRecord[]> {
  const table = await readTableFile(DEMO_SCRUTINY_FILE);
  const months = monthsSinceScrutinyPaper(today);
  return table.records.map((record, index) => {
    const cells = { ...record.cells };
    for (const column of DATE_COLUMNS) if (cells[column]) cells[column] = addMonths(cells[column], months);
    // A response is a past event: one the paper dated later in its own month would land after today.
    if (cells.response_date && cells.response_date > today) cells.response_date = today;
    return { line: firstLine + index, cells };
  });
}
