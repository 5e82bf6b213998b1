/**
 * The Word report's building blocks: fonts and colours, runs and paragraphs from the report model, the
 * cells and tables D0 uses (New and Ongoing items per directorate, the status key), so the document's
 * order in build-word-report.ts reads on its own.
 */
import {
  BorderStyle,
  HeadingLevel,
  Paragraph,
  ShadingType,
  Tab,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TabStopType,
  TextRun,
  VerticalAlign,
  WidthType,
  type ParagraphChild,
} from "docx";
import {
  type Block,
  type CommitteeReport,
  type OngoingReviewRow,
  type Paragraph as ModelParagraph,
  type ReviewRow,
} from "../../domain/reports/committee-report.js";
import { Status } from "../../domain/status/status.js";

export const FONT = "Arial";
export const NAVY = "1F3864";
/** A4 with 2.54 cm margins: the width tables are laid out in, in twentieths of a point. */
export const TEXT_WIDTH = 9026;
export const TABLE_TEXT = 18;
export const HANGING = 720;

export const STATUS_FILL: Record<Status, string> = {
  [Status.complete]: "E2EFDA",
  [Status.onTrack]: "DDEBF7",
  [Status.notStarted]: "EDEDED",
  [Status.partlyDelayed]: "FFF2CC",
  [Status.significantDelay]: "F8CBAD",
  [Status.noActionRequired]: "F2F2F2",
};

export function runs(paragraph: ModelParagraph, size?: number): TextRun[] {
  return paragraph.map(
    (run) =>
      new TextRun({
        text: run.text,
        bold: run.bold,
        italics: run.italic,
        size,
        highlight: run.placeholder ? "yellow" : undefined,
      }),
  );
}

export function text(
  value: string,
  options: { bold?: boolean; size?: number; color?: string; placeholder?: boolean } = {},
): TextRun {
  return new TextRun({
    text: value,
    bold: options.bold,
    size: options.size,
    color: options.color,
    highlight: options.placeholder ? "yellow" : undefined,
  });
}

/** "2.3<tab>Seven new inspections ...": D0's numbered paragraphs, with a hanging indent. */
export function numbered(number: string, children: ParagraphChild[], options: { keepNext?: boolean } = {}): Paragraph {
  return new Paragraph({
    children: [new TextRun({ text: number }), new TextRun({ children: [new Tab()] }), ...children],
    indent: { left: HANGING, hanging: HANGING },
    tabStops: [{ type: TabStopType.LEFT, position: HANGING }],
    keepNext: options.keepNext,
  });
}

/** A heading in Word's own style; `newPage` starts it on a fresh page without an empty page-break paragraph. */
export function heading(
  level: (typeof HeadingLevel)[keyof typeof HeadingLevel],
  value: string,
  options: { newPage?: boolean } = {},
): Paragraph {
  return new Paragraph({
    heading: level,
    children: [new TextRun({ text: value })],
    keepNext: true,
    pageBreakBefore: options.newPage,
  });
}

export function blocks(prefix: string, list: readonly Block[]): Paragraph[] {
  const out: Paragraph[] = [];
  let n = 0;
  for (const block of list) {
    if (block.kind === "paragraph") {
      n += 1;
      out.push(numbered(`${prefix}.${n}`, runs(block.runs)));
    } else {
      for (const item of block.items) {
        out.push(
          new Paragraph({ children: runs(item), bullet: { level: 0 }, indent: { left: HANGING + 360, hanging: 360 } }),
        );
      }
    }
  }
  return out;
}

export function cell(
  children: ParagraphChild[][],
  options: { width: number; header?: boolean; fill?: string; columnSpan?: number; rowSpan?: number },
): TableCell {
  return new TableCell({
    children: children.map((c) => new Paragraph({ children: c, spacing: { after: 40 } })),
    width: { size: options.width, type: WidthType.DXA },
    columnSpan: options.columnSpan,
    rowSpan: options.rowSpan,
    verticalAlign: options.header ? VerticalAlign.CENTER : VerticalAlign.TOP,
    shading: options.fill ? { fill: options.fill, type: ShadingType.CLEAR, color: "auto" } : undefined,
    margins: { top: 60, bottom: 60, left: 100, right: 100 },
  });
}

export function headerCell(
  label: string,
  width: number,
  span: { columnSpan?: number; rowSpan?: number } = {},
): TableCell {
  return cell([[text(label, { bold: true, size: TABLE_TEXT, color: "FFFFFF" })]], {
    width,
    header: true,
    fill: NAVY,
    ...span,
  });
}

/** Where a line may break without a visible mark: Word and LibreOffice both honour it. */
const BREAK_OPPORTUNITY = "\u200b";

/**
 * An email offers line breaks before its "@" and after each dot, so a narrow column wraps it between its
 * parts ("achph.owner2@" / "example.org") rather than mid-word, as Word otherwise does with a word too long for
 * the column.
 */
export function emailsBreakBetweenParts(value: string): string {
  return value.replace(/[^\s@]+@[^\s@]+\.[^\s@]+/g, (email) =>
    email.replace(/@/g, `${BREAK_OPPORTUNITY}@`).replace(/\.(?=.)/g, `.${BREAK_OPPORTUNITY}`),
  );
}

export function plainCell(value: string, width: number, options: { bold?: boolean; fill?: string } = {}): TableCell {
  const lines = emailsBreakBetweenParts(value).split("\n");
  return cell(
    lines.map((line) => [text(line, { size: TABLE_TEXT, bold: options.bold })]),
    { width, fill: options.fill },
  );
}

export function statusCell(row: ReviewRow, width: number): TableCell {
  const lines: ParagraphChild[][] = [[text(row.statusLabel, { bold: true, size: TABLE_TEXT })]];
  if (row.statusDetail) lines.push([text(row.statusDetail, { size: TABLE_TEXT })]);
  return cell(lines, {
    width,
    fill: row.confidential && row.recommendations === 0 ? STATUS_FILL.no_action_required : STATUS_FILL[row.status],
  });
}

export const BORDER = { style: BorderStyle.SINGLE, size: 4, color: "8EA9DB" };
export const TABLE_BORDERS = {
  top: BORDER,
  bottom: BORDER,
  left: BORDER,
  right: BORDER,
  insideHorizontal: BORDER,
  insideVertical: BORDER,
};

export function table(rows: TableRow[], widths: number[]): Table {
  return new Table({
    rows,
    columnWidths: widths,
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    layout: TableLayoutType.FIXED,
    borders: TABLE_BORDERS,
  });
}

export function caption(value: string): Paragraph {
  return new Paragraph({
    children: [text(value, { bold: true })],
    keepNext: true,
    spacing: { before: 200, after: 80 },
  });
}

export const NEW_WIDTHS = [2300, 1350, 2776, 1100, 1500];
export function newTable(rows: readonly ReviewRow[]): Table {
  const [title, date, outcome, recs, status] = NEW_WIDTHS as [number, number, number, number, number];
  return table(
    [
      new TableRow({
        tableHeader: true,
        cantSplit: true,
        children: [
          headerCell("Title", title),
          headerCell("Date", date),
          headerCell("Outcome", outcome),
          headerCell("No. of recs", recs),
          headerCell("Status", status),
        ],
      }),
      ...rows.map(
        (row) =>
          new TableRow({
            cantSplit: true,
            children: [
              plainCell(row.title, title, { bold: true }),
              plainCell(row.date, date),
              plainCell(row.outcome, outcome),
              plainCell(row.recommendationsText, recs),
              statusCell(row, status),
            ],
          }),
      ),
    ],
    NEW_WIDTHS,
  );
}

export const ONGOING_WIDTHS = [1850, 1100, 2276, 900, 800, 800, 1300];
export function ongoingTable(rows: readonly OngoingReviewRow[]): Table {
  const [title, date, outcome, recs, atLast, since, status] = ONGOING_WIDTHS as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const span = { rowSpan: 2 };
  return table(
    [
      new TableRow({
        tableHeader: true,
        cantSplit: true,
        children: [
          headerCell("Title", title, span),
          headerCell("Date", date, span),
          headerCell("Outcome", outcome, span),
          headerCell("No. of recs", recs, span),
          headerCell("Implemented:", atLast + since, { columnSpan: 2 }),
          headerCell("Status", status, span),
        ],
      }),
      new TableRow({
        tableHeader: true,
        cantSplit: true,
        children: [headerCell("At last report", atLast), headerCell("Since last report", since)],
      }),
      ...rows.map(
        (row) =>
          new TableRow({
            cantSplit: true,
            children: [
              plainCell(row.title, title, { bold: true }),
              plainCell(row.date, date),
              plainCell(row.outcome, outcome),
              plainCell(row.recommendationsText, recs),
              plainCell(row.atLastReportText, atLast),
              plainCell(String(row.implementedSince), since),
              statusCell(row, status),
            ],
          }),
      ),
    ],
    ONGOING_WIDTHS,
  );
}

export function labelledTable(rows: readonly [string, ParagraphChild[]][]): Table {
  const widths = [3400, TEXT_WIDTH - 3400];
  return table(
    rows.map(
      ([label, value]) =>
        new TableRow({
          cantSplit: true,
          children: [
            cell([[text(label, { bold: true })]], { width: widths[0]!, fill: "D9E2F3" }),
            cell([value], { width: widths[1]! }),
          ],
        }),
    ),
    widths,
  );
}

export function statusKeyTable(model: CommitteeReport): Table {
  const widths = [2600, TEXT_WIDTH - 2600];
  return table(
    model.statusKeyRows.map(
      (row) =>
        new TableRow({
          cantSplit: true,
          children: [
            plainCell(row.label, widths[0]!, { bold: true, fill: STATUS_FILL[row.status] }),
            plainCell(row.description, widths[1]!),
          ],
        }),
    ),
    widths,
  );
}
