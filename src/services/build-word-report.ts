/**
 * The committee report as a Word document, laid out as D0 is: the cover sheet, the report summary
 * and recommendations, then numbered sections (1 Background with the recap, 2 Key issues with the
 * headline and the status key, a section per directorate with its New and Ongoing tables and a
 * narrative per review, lessons learnt, the timetable and the next report, risks). Headings use
 * Word's own heading styles so the navigation pane and a table of contents work; tables repeat
 * their header rows across pages. Words the team must supply are highlighted.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  HeadingLevel,
  Packer,
  PageNumber,
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
  committeeOf,
  formatLongDay,
} from "../domain/committee-report.js";
import { Status } from "../domain/status.js";

const FONT = "Arial";
const NAVY = "1F3864";
/** A4 with 2.54 cm margins: the width tables are laid out in, in twentieths of a point. */
const TEXT_WIDTH = 9026;
const TABLE_TEXT = 18;
const HANGING = 720;

const STATUS_FILL: Record<Status, string> = {
  [Status.complete]: "E2EFDA",
  [Status.onTrack]: "DDEBF7",
  [Status.notStarted]: "EDEDED",
  [Status.partlyDelayed]: "FFF2CC",
  [Status.significantDelay]: "F8CBAD",
  [Status.noActionRequired]: "F2F2F2",
};

function runs(paragraph: ModelParagraph, size?: number): TextRun[] {
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

function text(
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
function numbered(number: string, children: ParagraphChild[]): Paragraph {
  return new Paragraph({
    children: [new TextRun({ text: number }), new TextRun({ children: [new Tab()] }), ...children],
    indent: { left: HANGING, hanging: HANGING },
    tabStops: [{ type: TabStopType.LEFT, position: HANGING }],
  });
}

/** A heading in Word's own style; `newPage` starts it on a fresh page without an empty page-break paragraph. */
function heading(
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

function blocks(prefix: string, list: readonly Block[]): Paragraph[] {
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

function cell(
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

function headerCell(label: string, width: number, span: { columnSpan?: number; rowSpan?: number } = {}): TableCell {
  return cell([[text(label, { bold: true, size: TABLE_TEXT, color: "FFFFFF" })]], {
    width,
    header: true,
    fill: NAVY,
    ...span,
  });
}

function plainCell(value: string, width: number, options: { bold?: boolean; fill?: string } = {}): TableCell {
  const lines = value.split("\n");
  return cell(
    lines.map((line) => [text(line, { size: TABLE_TEXT, bold: options.bold })]),
    { width, fill: options.fill },
  );
}

function statusCell(row: ReviewRow, width: number): TableCell {
  const lines: ParagraphChild[][] = [[text(row.statusLabel, { bold: true, size: TABLE_TEXT })]];
  if (row.statusDetail) lines.push([text(row.statusDetail, { size: TABLE_TEXT })]);
  return cell(lines, {
    width,
    fill: row.confidential && row.recommendations === 0 ? STATUS_FILL.no_action_required : STATUS_FILL[row.status],
  });
}

const BORDER = { style: BorderStyle.SINGLE, size: 4, color: "8EA9DB" };
const TABLE_BORDERS = {
  top: BORDER,
  bottom: BORDER,
  left: BORDER,
  right: BORDER,
  insideHorizontal: BORDER,
  insideVertical: BORDER,
};

function table(rows: TableRow[], widths: number[]): Table {
  return new Table({
    rows,
    columnWidths: widths,
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    layout: TableLayoutType.FIXED,
    borders: TABLE_BORDERS,
  });
}

function caption(value: string): Paragraph {
  return new Paragraph({
    children: [text(value, { bold: true })],
    keepNext: true,
    spacing: { before: 200, after: 80 },
  });
}

const NEW_WIDTHS = [2300, 1350, 2776, 1100, 1500];
function newTable(rows: readonly ReviewRow[]): Table {
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

const ONGOING_WIDTHS = [1850, 1100, 2276, 900, 800, 800, 1300];
function ongoingTable(rows: readonly OngoingReviewRow[]): Table {
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

function labelledTable(rows: readonly [string, ParagraphChild[]][]): Table {
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

function statusKeyTable(model: CommitteeReport): Table {
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

function coverSheet(model: CommitteeReport): (Paragraph | Table)[] {
  const placeholder = (value: string) => [text(value, { placeholder: true })];
  const previous = model.previous;
  const backgroundPapers = previous
    ? `External inspections, reviews and audits update${previous.name ? ` to ${committeeOf(previous.name)}` : ""}, ${formatLongDay(previous.meetingDate ?? previous.cutOff)}.`
    : "None";
  return [
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun({ text: model.reportTitle })] }),
    new Paragraph({ children: [text(model.meetingLabel, { size: 28, color: "404040" })], spacing: { after: 120 } }),
    // The meeting's date heads the paper; the cut-off says what the figures are as at.
    new Paragraph({
      children: [
        text(
          `Figures as at ${formatLongDay(model.today)} (the cut-off), covering the period since ${formatLongDay(model.since)}.`,
          { color: "404040" },
        ),
      ],
      spacing: { after: 240 },
    }),
    labelledTable([
      ["Committee Name and Date of Committee Meeting", [text(model.meetingLabel)]],
      ["Report Title", [text(model.reportTitle)]],
      ["Is this a Key Decision and has it been included in the Forward Plan?", [text("No")]],
      ["Strategic Director Approving Submission of the Report", placeholder("[Name – title]")],
      ["Report Author(s)", placeholder("[Names, roles and email addresses]")],
      ["Ward(s) Affected", [text("All")]],
    ]),
    heading(HeadingLevel.HEADING_2, "Report Summary"),
    ...model.summary.map((p) => new Paragraph({ children: runs(p) })),
    heading(HeadingLevel.HEADING_2, "Recommendations"),
    new Paragraph({ children: [text(`That ${model.committee}:`)] }),
    ...model.recommendations.map((r) => new Paragraph({ children: [text(r)], bullet: { level: 0 } })),
    new Paragraph({ children: [], spacing: { after: 120 } }),
    labelledTable([
      [
        "List of Appendices Included",
        [text(`Appendix 1: register of recommendations as at ${formatLongDay(model.today)} (Excel workbook)`)],
      ],
      ["Background Papers", [text(backgroundPapers)]],
      ["Consideration by any other Council Committee, Scrutiny or Advisory Panel", [text("None")]],
      ["Council Approval Required", [text("No")]],
      ["Exempt from the Press and Public", [text("No")]],
    ]),
  ];
}

function directorateSections(model: CommitteeReport, first: number): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [];
  model.directorates.forEach((section, index) => {
    const n = first + index;
    out.push(heading(HeadingLevel.HEADING_1, `${n}. ${section.name}`));
    section.intro.forEach((p, i) => out.push(numbered(`${n}.${i + 1}`, runs(p))));
    if (section.newReviews.length) {
      out.push(caption("New external inspections, reviews and audits"), newTable(section.newReviews));
    }
    if (section.ongoingReviews.length) {
      out.push(
        caption(
          "Ongoing external inspections, reviews and audits (those reported previously which had ongoing recommendations)",
        ),
        ongoingTable(section.ongoingReviews),
      );
    }
    section.narratives.forEach((narrative, k) => {
      const number = `${n}.${section.intro.length + k + 1}`;
      out.push(heading(HeadingLevel.HEADING_2, `${number} ${narrative.title}`), ...blocks(number, narrative.blocks));
    });
  });
  return out;
}

function numberedSection(
  number: number,
  title: string,
  paragraphs: readonly ModelParagraph[],
  options: { newPage?: boolean } = {},
): Paragraph[] {
  return [
    heading(HeadingLevel.HEADING_1, `${number}. ${title}`, options),
    ...paragraphs.map((p, i) => numbered(`${number}.${i + 1}`, runs(p))),
  ];
}

export function buildWordDocument(model: CommitteeReport): Document {
  const keyIssues = model.keyIssues.map((p, i) => numbered(`2.${i + 1}`, runs(p)));
  const afterKey = model.keyIssues.length + 2;
  const first = 3;
  const afterDirectorates = first + model.directorates.length;
  const notes = ["Text highlighted in yellow is for the improvement team to complete.", ...model.draftingNotes];
  return new Document({
    creator: "Recommendation tracker",
    title: `${model.reportTitle} – ${model.meetingLabel}`,
    description: `Built from the register as at ${formatLongDay(model.today)}, covering the period since ${formatLongDay(model.since)}.`,
    styles: {
      default: {
        document: { run: { font: FONT, size: 22 }, paragraph: { spacing: { after: 120, line: 264 } } },
        title: {
          run: { font: FONT, size: 36, bold: true, color: NAVY },
          paragraph: { spacing: { after: 80, line: 240 } },
        },
        heading1: {
          run: { font: FONT, size: 28, bold: true, color: NAVY },
          paragraph: { spacing: { before: 360, after: 120 }, keepNext: true },
        },
        heading2: {
          run: { font: FONT, size: 24, bold: true, color: NAVY },
          paragraph: { spacing: { before: 240, after: 120 }, keepNext: true },
        },
        heading3: {
          run: { font: FONT, size: 22, bold: true, color: NAVY },
          paragraph: { spacing: { before: 200, after: 80 }, keepNext: true },
        },
        listParagraph: { run: { font: FONT, size: 22 } },
      },
    },
    sections: [
      {
        properties: {
          page: { size: { width: 11906, height: 16838 }, margin: { top: 1440, bottom: 1440, left: 1440, right: 1440 } },
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [
                  new TextRun({
                    size: 16,
                    color: "595959",
                    children: [
                      `${model.meetingLabel} · ${model.reportTitle} · Page `,
                      PageNumber.CURRENT,
                      " of ",
                      PageNumber.TOTAL_PAGES,
                    ],
                  }),
                ],
              }),
            ],
          }),
        },
        children: [
          ...coverSheet(model),
          ...numberedSection(1, "Background", model.background, { newPage: true }),
          heading(HeadingLevel.HEADING_1, "2. Key issues"),
          ...keyIssues,
          numbered(`2.${afterKey - 1}`, runs(model.statusKeyIntro)),
          statusKeyTable(model),
          new Paragraph({ children: [], spacing: { after: 60 } }),
          numbered(`2.${afterKey}`, runs(model.directoratesIntro)),
          ...directorateSections(model, first),
          ...numberedSection(afterDirectorates, "Lessons learnt", model.lessonsLearnt),
          ...numberedSection(
            afterDirectorates + 1,
            "Timetable and accountability for implementing this decision",
            model.timetable,
          ),
          ...numberedSection(afterDirectorates + 2, "Risks and mitigation", model.risks),
          heading(HeadingLevel.HEADING_1, "Drafting notes (delete before publishing)"),
          ...notes.map(
            (note) => new Paragraph({ children: [text(note, { placeholder: true })], bullet: { level: 0 } }),
          ),
        ],
      },
    ],
  });
}

/** The .docx bytes of the committee report. */
export async function buildWordReport(model: CommitteeReport): Promise<Buffer> {
  return Packer.toBuffer(buildWordDocument(model));
}
