/**
 * The documents' parts for the other registers (Ombudsman ...): the Word report's numbered sections after the
 * slippage section (paragraphs numbered as the paper's are, tables with header rows repeated across pages),
 * and the workbook's sheet per source beside the register's, from the rows each source's section gives,
 * which already leave out what may not be published (a personal remedy's text).
 */
import type ExcelJS from "exceljs";
import { HeadingLevel, Paragraph, Table, TableRow } from "docx";
import type { SourceSection } from "../../domain/reports/source-section.js";
import { spreadsheetSafe } from "./export-register.js";
import { caption, headerCell, heading, numbered, plainCell, table, text, TEXT_WIDTH } from "./word-report-parts.js";

/** The sections, numbered from `first`; how many numbers they used comes back with them. */
export function wordSourceSections(
  sections: readonly SourceSection[],
  first: number,
): { blocks: (Paragraph | Table)[]; count: number } {
  const blocks: (Paragraph | Table)[] = [];
  sections.forEach((section, n) => {
    const number = first + n;
    blocks.push(heading(HeadingLevel.HEADING_1, `${number}. ${section.heading}`));
    section.paragraphs.forEach((paragraph, i) => blocks.push(numbered(`${number}.${i + 1}`, [text(paragraph)])));
    for (const { title, headers, rows } of section.tables) {
      if (rows.length === 0) continue;
      const width = Math.floor(TEXT_WIDTH / headers.length);
      const widths = headers.map(() => width);
      blocks.push(caption(title));
      blocks.push(
        table(
          [
            new TableRow({ tableHeader: true, cantSplit: true, children: headers.map((h) => headerCell(h, width)) }),
            ...rows.map(
              (row) => new TableRow({ cantSplit: true, children: row.map((cell) => plainCell(cell, width)) }),
            ),
          ],
          widths,
        ),
      );
    }
  });
  return { blocks, count: sections.length };
}

/** A sheet per source, after the register's. */
export function addSourceSheets(workbook: ExcelJS.Workbook, sections: readonly SourceSection[]): void {
  for (const { sheet: source } of sections) {
    const sheet = workbook.addWorksheet(source.name, { views: [{ state: "frozen", ySplit: 1 }] });
    sheet.addRow(source.headers);
    sheet.getRow(1).font = { bold: true };
    for (const row of source.rows) sheet.addRow(row.map(spreadsheetSafe));
    sheet.columns.forEach((column) => {
      column.width = 22;
      column.alignment = { wrapText: true, vertical: "top" };
    });
  }
}
