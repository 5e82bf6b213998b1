/**
 * The workbook's "Scrutiny" sheet: the work programme's response table (domain/scrutiny/response-table.ts)
 * of the register as the workbook's audience may see it, added only when the register holds scrutiny reviews.
 */
import type ExcelJS from "exceljs";
import type { IsoDate } from "../../domain/dates/calendar-date.js";
import type { RegisterReview } from "../../domain/register/register.js";
import { RESPONSE_TABLE_HEADERS, responseTableRows } from "../../domain/scrutiny/response-table.js";
import { spreadsheetSafe } from "../reports/export-register.js";

const WIDTHS = [36, 70, 18, 24, 18, 18];

export function addScrutinySheet(workbook: ExcelJS.Workbook, visible: readonly RegisterReview[], today: IsoDate): void {
  if (!visible.some((r) => r.source === "scrutiny")) return;
  const sheet = workbook.addWorksheet("Scrutiny", { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.addRow([...RESPONSE_TABLE_HEADERS]);
  sheet.getRow(1).font = { bold: true };
  sheet.columns.forEach((column, i) => {
    column.width = WIDTHS[i] ?? 18;
    column.alignment = { wrapText: true, vertical: "top" };
  });
  for (const row of responseTableRows(visible, today)) sheet.addRow(row.cells.map(spreadsheetSafe));
  sheet.pageSetup = {
    ...sheet.pageSetup,
    orientation: "landscape",
    paperSize: 9,
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
  };
}
