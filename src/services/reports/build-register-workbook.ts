/**
 * The report's appendix: the register in D1's layout (export-register.ts) as at the report's cut-off,
 * with confidential reviews reduced to their rating, because the link to it is posted to channels.
 * Beside D1's columns, and printed with them, each item's slippage: priority, at risk and why, its
 * extensions and chain of targets, and any extension request waiting at the cut-off.
 */
import type { IsoDate } from "../../domain/dates/calendar-date.js";
import { DEFAULT_SLIPPAGE_SETTINGS, formatLongDay } from "../../domain/reports/committee-report.js";
import { SLIPPAGE_COLUMN_HEADERS, slippageCells } from "../../domain/reports/committee-report/slippage-columns.js";
import { PUBLISHED_AUDIENCE, visibleRegister } from "../../domain/visibility.js";
import type { RegisterItem, RegisterReview } from "../../domain/register/register.js";
import { registerAsAt } from "../../domain/reports/reporting-snapshot.js";
import type { StatusKey } from "../../domain/status/status.js";
import {
  buildExportRows,
  createXlsxWorkbook,
  D1_HEADER_COUNT,
  REGISTER_LAYOUT,
  spreadsheetSafe,
  type ExportRow,
  type WorkbookLayout,
} from "./export-register.js";
import type { ReportSettings } from "./load-committee-report.js";
import { sourceSections } from "../../domain/reports/committee-report/source-sections.js";
import { addSourceSheets } from "./source-section-documents.js";
import { addCalendarSheet, type CalendarSheetRow } from "../calendar/calendar-sheet.js";
import { addScrutinySheet } from "../scrutiny/scrutiny-sheet.js";
import { addMeasuresSheet } from "../measures/measures-sheet.js";

/** D1's columns, then the slippage columns (printed too: the committee reads them), then the machine columns. */
const WORKBOOK_LAYOUT: WorkbookLayout = {
  headers: [
    ...REGISTER_LAYOUT.headers.slice(0, D1_HEADER_COUNT),
    ...SLIPPAGE_COLUMN_HEADERS,
    ...REGISTER_LAYOUT.headers.slice(D1_HEADER_COUNT),
  ],
  widths: [40, 18, 60, 12, 12, 24, 50, 10, 30, 10, 28, 34],
  printedColumns: D1_HEADER_COUNT + SLIPPAGE_COLUMN_HEADERS.length,
};

function withSlippage(row: ExportRow, cells: readonly string[]): ExportRow {
  return {
    ...row,
    cells: [...row.cells.slice(0, D1_HEADER_COUNT), ...cells.map(spreadsheetSafe), ...row.cells.slice(D1_HEADER_COUNT)],
  };
}

/** The other registers' sheets beside the register's own; each absent is no sheet. */
export interface WorkbookExtraSheets {
  /** The inspection calendar's rows. */
  calendar?: readonly CalendarSheetRow[];
  /** The Council Plan's measures and their readings. */
  measures?: Parameters<typeof addMeasuresSheet>[1];
}

export async function buildRegisterWorkbook(
  register: readonly RegisterReview[],
  today: IsoDate,
  statusKey: StatusKey,
  settings: ReportSettings = {},
  sheets: WorkbookExtraSheets = {},
): Promise<Buffer> {
  const { calendar = [], measures = [] } = sheets;
  const visible = visibleRegister(PUBLISHED_AUDIENCE, registerAsAt(register, today));
  const items = new Map<number, RegisterItem>(visible.flatMap((r) => r.items.map((i) => [i.id, i] as const)));
  const atRisk = settings.atRisk ?? DEFAULT_SLIPPAGE_SETTINGS.atRisk;
  const blank = SLIPPAGE_COLUMN_HEADERS.map(() => "");
  const rows = buildExportRows(visible, today, statusKey).map((row) => {
    const item = row.itemId === undefined ? undefined : items.get(row.itemId);
    return withSlippage(row, item ? slippageCells(item, atRisk, today) : blank);
  });
  const workbook = createXlsxWorkbook(
    rows,
    `Register of recommendations as at ${formatLongDay(today)}`,
    WORKBOOK_LAYOUT,
  );
  addSourceSheets(workbook, sourceSections(registerAsAt(register, today), today, today));
  addCalendarSheet(workbook, calendar);
  addScrutinySheet(workbook, visible, today);
  addMeasuresSheet(workbook, measures);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
