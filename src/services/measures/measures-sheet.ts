/**
 * The workbook's "Council Plan measures" sheet: every reading the register holds, one row per measure per
 * period, with its direction of travel, status and whether it is an exception, and the improvement item
 * an exception became. Measures are the Council Plan's published figures; the item is named by its
 * reference only, so nothing of a confidential item reaches the workbook.
 */
import type ExcelJS from "exceljs";
import { periodLabel } from "../../domain/measures/measure-periods.js";
import { MEASURE_STATUS_LABELS } from "../../domain/measures/measure-rules.js";
import { readingsForAll } from "../../domain/measures/measure-view.js";
import type { StoredMeasure } from "../../domain/measures/plan-measures.js";
import { personLabel, type PersonNaming } from "../../domain/people/person-label.js";
import { spreadsheetSafe } from "../reports/export-register.js";

export const MEASURES_SHEET = "Council Plan measures";

const HEADERS = [
  "Ref",
  "Measure",
  "Lead officer",
  "Directorate",
  "Good performance",
  "Frequency",
  "Period",
  "Value",
  "Target",
  "Value against target",
  "Direction of travel",
  "Status",
  "Exception",
  "Status override",
];
const WIDTHS = [8, 50, 24, 12, 10, 12, 14, 12, 14, 40, 14, 14, 10, 14];

/** The sheet's rows: each measure's readings, latest period first within the measure. */
export function measureSheetRows(
  measures: readonly (StoredMeasure & { leadOfficer: PersonNaming | null })[],
): string[][] {
  return measures.flatMap((measure) =>
    readingsForAll(measure)
      .sort((a, b) => (a.reading.periodKey < b.reading.periodKey ? 1 : -1))
      .map(({ reading, againstTarget }) => [
        measure.measureRef,
        measure.measure,
        personLabel(measure.leadOfficer, ""),
        measure.directorateId,
        measure.polarity,
        measure.frequency,
        periodLabel(reading.periodKey),
        reading.valueRaw,
        reading.targetRaw,
        againstTarget,
        reading.direction,
        MEASURE_STATUS_LABELS[reading.status],
        reading.exception ? "yes" : "no",
        reading.statusOverride ?? "",
      ]),
  );
}

/** Adds the sheet (only when the register holds measures). */
export function addMeasuresSheet(
  workbook: ExcelJS.Workbook,
  measures: readonly (StoredMeasure & { leadOfficer: PersonNaming | null })[],
): void {
  if (!measures.length) return;
  const sheet = workbook.addWorksheet(MEASURES_SHEET, { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.addRow(HEADERS);
  sheet.getRow(1).font = { bold: true };
  sheet.columns.forEach((column, i) => {
    column.width = WIDTHS[i] ?? 14;
    column.alignment = { wrapText: true, vertical: "top" };
  });
  for (const row of measureSheetRows(measures)) sheet.addRow(row.map(spreadsheetSafe));
}
