/**
 * The demo register: D1's reviews and items (May 2025), with every date moved forward by the months
 * since then, so the demo looks today as the paper looked in May 2025. Loaded only into an empty register.
 */
import { fileURLToPath } from "node:url";
import type { PrismaClient } from "../data/database.js";
import { splitIsoDate, type IsoDate } from "../domain/calendar-date.js";
import { shiftDateText } from "../domain/date-text.js";
import { importTable, type ImportReport } from "./import-register.js";
import { readTableFile } from "./read-table-file.js";

export const DEMO_REGISTER_FILE = fileURLToPath(new URL("../../prisma/demo/d1-register.csv", import.meta.url));
/** The paper's own date: the demo is shifted so that this month becomes the current one. */
export const DEMO_PAPER_MONTH = "2025-05-15";
const DATE_COLUMNS = ["review_date", "findings_received", "original_target", "revised_target", "completed_on"];

export function monthsSincePaper(today: IsoDate): number {
  const paper = splitIsoDate(DEMO_PAPER_MONTH);
  const now = splitIsoDate(today);
  return (now.year - paper.year) * 12 + (now.month - paper.month);
}

export async function loadDemoRegister(prisma: PrismaClient, today: IsoDate): Promise<ImportReport | null> {
  if ((await prisma.review.count()) > 0) return null;
  const table = await readTableFile(DEMO_REGISTER_FILE);
  const months = monthsSincePaper(today);
  for (const record of table.records) {
    for (const column of DATE_COLUMNS) {
      const value = record.cells[column];
      if (value) record.cells[column] = shiftDateText(value, months);
    }
  }
  return importTable(prisma, table, { file: "demo register (D1, May 2025)", dryRun: false, actor: "demo loader", today });
}
