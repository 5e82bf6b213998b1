/**
 * Exports the register in D1's layout (directorate headings, a row per review, a row per item) with
 * the computed status, plus the canonical columns to the right so that an export imports back unchanged.
 */
import { writeFile } from "node:fs/promises";
import { stringify } from "csv-stringify/sync";
import ExcelJS from "exceljs";
import type { IsoDate } from "../../domain/dates/calendar-date.js";
import { DIRECTORATES } from "../../domain/register/directorates.js";
import { D1_COLUMNS } from "../../domain/register/d1-layout.js";
import { CANONICAL_COLUMNS, type CanonicalColumn } from "../../domain/register/register-row.js";
import { isMilestoneKind, nameMilestoneOf } from "../../domain/register/milestones.js";
import { itemStatus, reviewStatus, type RegisterItem, type RegisterReview } from "../../domain/register/register.js";
import { STATUS_LABELS, type StatusKey } from "../../domain/status/status.js";
import { RemedyKind } from "../../domain/ombudsman/ombudsman-row.js";
import { ombudsmanCells } from "../../domain/ombudsman/ombudsman-cells.js";

/** The import's own columns, less the two targets D1's columns already carry, and the status's reason. */
type MachineColumn = Exclude<CanonicalColumn, "original_target" | "revised_target"> | "status_reason";
const MACHINE_COLUMNS: readonly MachineColumn[] = [
  ...CANONICAL_COLUMNS.filter(
    (c): c is Exclude<CanonicalColumn, "original_target" | "revised_target"> =>
      c !== "original_target" && c !== "revised_target",
  ),
  "status_reason",
];

/** A row's machine cells in MACHINE_COLUMNS' order, blank where the row has nothing for a column. */
function machineCells(values: Partial<Record<MachineColumn, string>>): string[] {
  return MACHINE_COLUMNS.map((column) => values[column] ?? "");
}

export const EXPORT_HEADERS = [
  D1_COLUMNS.title,
  D1_COLUMNS.date,
  D1_COLUMNS.recommendations,
  D1_COLUMNS.originalTarget,
  D1_COLUMNS.revisedTarget,
  D1_COLUMNS.status,
  D1_COLUMNS.progressUpdate,
  ...MACHINE_COLUMNS,
];

/** A cell starting =, +, - or @ would run as a formula in a spreadsheet; a leading apostrophe keeps it text. */
export function spreadsheetSafe(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** D1's "Outstanding recommendations" cell: "Rec 3: text", or a milestone named as a step of its item for the reader. */
function itemCell(item: RegisterItem): string {
  return isMilestoneKind(item.kind) && item.parentRef
    ? nameMilestoneOf(item.parentRef, item)
    : `${item.ref}: ${item.text}`;
}

/** `itemId` on an item's row, so a document can add its own columns for that item. */
export type ExportRow = {
  kind: "directorate" | "review" | "item";
  cells: string[];
  itemId?: number;
  /** An item row of a milestone (a step of an item, never counted as one). */
  milestone?: boolean;
};

export function buildExportRows(reviews: readonly RegisterReview[], today: IsoDate, key: StatusKey): ExportRow[] {
  const rows: ExportRow[] = [];
  const blankMachine = machineCells({});
  for (const directorate of DIRECTORATES) {
    const ofDirectorate = reviews.filter((r) => r.directorateId === directorate.id);
    if (ofDirectorate.length === 0) continue;
    rows.push({ kind: "directorate", cells: [directorate.name, "", "", "", "", "", "", ...blankMachine] });
    for (const review of ofDirectorate) {
      const rolled = reviewStatus(review, today, key);
      const dateCell = [
        review.reviewDate.raw,
        review.findingsReceived.raw ? `Findings received ${review.findingsReceived.raw}` : null,
      ]
        .filter(Boolean)
        .join(" ");
      const outcomeCell = [
        review.outcome ? `Overall outcome: ${review.outcome}` : null,
        review.narrative ? `Overall progress: ${review.narrative}` : null,
      ]
        .filter(Boolean)
        .join(" ");
      const reviewColumns = {
        directorate: review.directorateId,
        review_title: review.title,
        review_body: review.body ?? "",
        review_type: review.reviewType ?? "",
        review_date: review.reviewDate.raw ?? "",
        findings_received: review.findingsReceived.raw ?? "",
        outcome: review.outcome ?? "",
      };
      rows.push({
        kind: "review",
        // The purpose on its own line under the title, as in the paper; the import splits them there.
        cells: [
          review.purpose ? `${review.title}\n${review.purpose}` : review.title,
          dateCell,
          outcomeCell,
          "",
          "",
          `${STATUS_LABELS[rolled.status]} ${rolled.breakdownText}`,
          "",
          ...machineCells({
            ...reviewColumns,
            confidential: String(review.confidential),
            source: review.source ?? "",
            status_reason: rolled.reason,
          }),
        ],
      });
      for (const item of review.items) {
        const status = itemStatus(item, today);
        rows.push({
          kind: "item",
          itemId: item.id,
          milestone: !item.counted,
          cells: [
            "",
            "",
            itemCell(item),
            item.originalTarget.raw ?? "",
            item.revisedTarget.raw ?? "",
            STATUS_LABELS[status.status],
            item.latestUpdate ?? "",
            ...machineCells({
              ...reviewColumns,
              item_ref: item.ref,
              item_kind: item.kind,
              item_text: item.text,
              parent_ref: item.parentRef ?? "",
              responsible_unit: item.responsibleUnit ?? "",
              owner_email: item.ownerEmail ?? "",
              revision_reason: item.revisionReason ?? "",
              progress: item.progress,
              recorded_status: item.recordedStatus ?? "",
              progress_update: item.latestUpdate ?? "",
              // A personal remedy is confidential by its kind: the review's own value keeps its rows agreeing.
              confidential: String(
                review.confidential || (item.confidential && item.ombudsman?.remedyKind !== RemedyKind.personal),
              ),
              completed_on: item.completedOn ?? "",
              priority: item.priority ?? "",
              source: review.source ?? "",
              sent_to_executive: item.sentToExecutive ?? "",
              executive_response: item.executiveResponse ?? "",
              response_date: item.responseDate ?? "",
              response_due: item.responseDue ?? "",
              ...ombudsmanCells(item.ombudsman),
              status_reason: status.reason,
            }),
          ],
        });
      }
    }
  }
  return rows.map((row) => ({ ...row, cells: row.cells.map(spreadsheetSafe) }));
}

/** The export as CSV text, for callers that send it rather than write a file. */
export function csvExportText(rows: readonly ExportRow[]): string {
  return stringify([EXPORT_HEADERS, ...rows.map((r) => r.cells)]);
}

export async function writeCsvExport(file: string, rows: readonly ExportRow[]): Promise<void> {
  await writeFile(file, csvExportText(rows), "utf8");
}

export async function writeXlsxExport(file: string, rows: readonly ExportRow[], title: string): Promise<void> {
  await createXlsxWorkbook(rows, title).xlsx.writeFile(file);
}

/** The tracker's own columns (D1's), before the machine-readable ones kept for re-import. */
export const D1_HEADER_COUNT = EXPORT_HEADERS.length - MACHINE_COLUMNS.length;

/**
 * Prints as the committee reads it: landscape A4, the tracker's own columns fitted to one page wide
 * (the machine columns stay in the file for re-import but out of the print), the header row on every
 * page, text wrapped.
 */
function printLayout(sheet: ExcelJS.Worksheet, printedColumns: number): void {
  const lastColumn = sheet.getColumn(printedColumns).letter;
  sheet.pageSetup = {
    ...sheet.pageSetup,
    orientation: "landscape",
    paperSize: 9, // A4
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0, // as many pages tall as it takes
    printTitlesRow: "1:1",
    // Absolute rows, as Excel writes them: LibreOffice ignores a print area whose rows are relative.
    printArea: `A$1:${lastColumn}$${Math.max(sheet.rowCount, 1)}`,
    horizontalCentered: true,
    margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
  };
  sheet.headerFooter.oddFooter = "Page &P of &N";
}

/** The columns a workbook has, their widths, and how many of them (from the left) are printed. */
export interface WorkbookLayout {
  headers: readonly string[];
  widths: readonly number[];
  printedColumns: number;
}

export const REGISTER_LAYOUT: WorkbookLayout = {
  headers: EXPORT_HEADERS,
  widths: [45, 22, 70, 14, 14, 28, 60],
  printedColumns: D1_HEADER_COUNT,
};

/** Points per line of 11-point Calibri, the workbook's font, as Excel spaces wrapped lines. */
const LINE_HEIGHT_POINTS = 15;
/** Characters of text per unit of column width: a width counts '0's; most letters are narrower, bold ones less so. */
const CHARACTERS_PER_WIDTH = { plain: 1.15, bold: 0.95 } as const;
/** Excel's own cap on a row's height. */
const MAX_ROW_HEIGHT_POINTS = 409;

/**
 * A row tall enough for its longest wrapped cell among the printed columns. Spreadsheet programs size a row
 * only when they lay it out on screen: printed straight from the file (LibreOffice's conversion, or a
 * print without opening the sheet) a row with no height stays one line tall, and its wrapped text runs over
 * the rows below it.
 */
function wrappedRowHeight(cells: readonly string[], layout: WorkbookLayout, weight: "plain" | "bold"): number {
  let lines = 1;
  for (let column = 0; column < layout.printedColumns; column += 1) {
    const perLine = Math.max(1, Math.floor((layout.widths[column] ?? 18) * CHARACTERS_PER_WIDTH[weight]));
    const cellLines = (cells[column] ?? "")
      .split("\n")
      .reduce((sum, paragraph) => sum + Math.max(1, Math.ceil(paragraph.length / perLine)), 0);
    lines = Math.max(lines, cellLines);
  }
  return Math.min(MAX_ROW_HEIGHT_POINTS, lines * LINE_HEIGHT_POINTS);
}

/** The export as a workbook in memory, for callers that send it rather than write a file. */
export function createXlsxWorkbook(
  rows: readonly ExportRow[],
  title: string,
  layout: WorkbookLayout = REGISTER_LAYOUT,
): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Recommendation tracker";
  const sheet = workbook.addWorksheet("Register", { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.addRow([...layout.headers]);
  sheet.getRow(1).font = { bold: true };
  sheet.columns.forEach((column, i) => {
    column.width = layout.widths[i] ?? 18;
    column.alignment = { wrapText: true, vertical: "top" };
  });
  sheet.getRow(1).height = wrappedRowHeight(layout.headers, layout, "bold");
  for (const row of rows) {
    const added = sheet.addRow(row.cells);
    added.height = wrappedRowHeight(row.cells, layout, row.kind === "item" ? "plain" : "bold");
    if (row.kind === "directorate") {
      added.font = { bold: true, color: { argb: "FFFFFFFF" } };
      added.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FF1F4E79" } };
    } else if (row.kind === "review") {
      added.font = { bold: true };
      added.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFDDEBF7" } };
    }
  }
  sheet.headerFooter.oddHeader = title;
  printLayout(sheet, layout.printedColumns);
  return workbook;
}
