/**
 * The committee report as a Word document, laid out as D0 is: the cover sheet, the report summary
 * and recommendations, then numbered sections (1 Background with the recap, 2 Key issues with the
 * headline and the status key, a section per directorate with its New and Ongoing tables and a
 * narrative per review, extensions, early warnings and priorities, lessons learnt, the timetable and
 * the next report, risks). Headings use Word's own heading styles so the navigation pane and a table
 * of contents work; tables repeat their header rows across pages. Words the team must supply are highlighted.
 */
import { AlignmentType, Document, Footer, HeadingLevel, Packer, PageNumber, Paragraph, Table, TextRun } from "docx";
import {
  type CommitteeReport,
  type Paragraph as ModelParagraph,
  committeeOf,
  formatLongDay,
} from "../../domain/reports/committee-report.js";
import {
  FONT,
  NAVY,
  runs,
  text,
  numbered,
  heading,
  blocks,
  caption,
  newTable,
  ongoingTable,
  labelledTable,
  statusKeyTable,
} from "./word-report-parts.js";
import { slippageSection } from "./word-slippage-section.js";
import { wordSourceSections } from "./source-section-documents.js";
import type { InspectionsExpectedPart } from "../calendar/expected-inspections.js";
import { scrutinySection } from "../scrutiny/word-scrutiny-section.js";
import { councilPlanWordSection } from "../measures/word-measures-section.js";

/** Parts from beyond the register: the inspection calendar's expected inspections. */
export interface WordReportExtras {
  inspectionsExpected?: InspectionsExpectedPart | null;
}

/** A short part after the slippage tables, only when the calendar holds regimes. */
function inspectionsExpected(part: InspectionsExpectedPart | null): Paragraph[] {
  if (!part) return [];
  return [
    heading(HeadingLevel.HEADING_2, "Inspections expected"),
    new Paragraph({ children: [text(`${part.title}.`)] }),
    ...part.lines.map((line) => new Paragraph({ children: [text(line)], bullet: { level: 0 } })),
    ...(part.passed ? [new Paragraph({ children: [text(part.passed)] })] : []),
  ];
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

export function buildWordDocument(model: CommitteeReport, extras: WordReportExtras = {}): Document {
  const keyIssues = model.keyIssues.map((p, i) => numbered(`2.${i + 1}`, runs(p)));
  const afterKey = model.keyIssues.length + 2;
  const first = 3;
  const slippageNumber = first + model.directorates.length;
  const sources = wordSourceSections(model.sourceSections ?? [], slippageNumber + 1);
  const councilPlanNumber = slippageNumber + 1 + sources.count;
  const afterDirectorates = councilPlanNumber + (model.councilPlan ? 1 : 0);
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
          ...slippageSection(model, slippageNumber),
          ...inspectionsExpected(extras.inspectionsExpected ?? null),
          ...scrutinySection(model),
          // The other registers' numbered sections follow the slippage section's own parts.
          ...sources.blocks,
          ...councilPlanWordSection(model.councilPlan, councilPlanNumber),
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
export async function buildWordReport(model: CommitteeReport, extras: WordReportExtras = {}): Promise<Buffer> {
  return Packer.toBuffer(buildWordDocument(model, extras));
}
