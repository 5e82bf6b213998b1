/**
 * The Word report's Council Plan section, as the pack lays its exceptions out: a numbered introduction
 * naming the period, then a table of each exception ("(1.A5) ... - 10.1% against a target of 7% (lower is
 * better)"), its lead officer and its improvement item's progress. Nothing when the register holds no measures.
 */
import { HeadingLevel, type Paragraph, type Table, TableRow } from "docx";
import { COUNCIL_PLAN_HEADING, type CouncilPlanSection } from "../../domain/measures/measure-report.js";
import { headerCell, heading, numbered, plainCell, table, text } from "../reports/word-report-parts.js";

const WIDTHS = [5000, 1800, 2226];

export function councilPlanWordSection(
  section: CouncilPlanSection | null | undefined,
  number: number,
): (Paragraph | Table)[] {
  if (!section) return [];
  const out: (Paragraph | Table)[] = [
    heading(HeadingLevel.HEADING_1, `${number}. ${COUNCIL_PLAN_HEADING}`),
    numbered(`${number}.1`, [text(section.intro)]),
  ];
  if (section.rows.length)
    out.push(
      table(
        [
          new TableRow({
            tableHeader: true,
            cantSplit: true,
            children: [
              headerCell("Measure, value against target", WIDTHS[0]!),
              headerCell("Lead officer", WIDTHS[1]!),
              headerCell("Improvement action", WIDTHS[2]!),
            ],
          }),
          ...section.rows.map(
            (row) =>
              new TableRow({
                cantSplit: true,
                children: [
                  plainCell(row.line, WIDTHS[0]!),
                  plainCell(row.leadOfficer, WIDTHS[1]!),
                  plainCell(row.progress, WIDTHS[2]!),
                ],
              }),
          ),
        ],
        WIDTHS,
      ),
    );
  return out;
}
