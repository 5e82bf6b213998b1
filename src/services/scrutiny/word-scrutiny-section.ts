/**
 * The Word report's scrutiny section: the work programme's response table (recommendation, sent to executive,
 * response due, response, response date) from the report model, laid out in the same cells and header row as
 * the report's other tables, an overdue response shaded. Left out when the register holds no scrutiny.
 */
import { HeadingLevel, Paragraph, Table, TableRow } from "docx";
import type { CommitteeReport } from "../../domain/reports/committee-report.js";
import { REVIEW_SOURCE_NAMES } from "../../domain/register/review-sources.js";
import { RESPONSE_TABLE_HEADERS } from "../../domain/scrutiny/response-table.js";
import { headerCell, heading, plainCell, table, text } from "../reports/word-report-parts.js";

const WIDTHS = [1700, 2826, 1150, 1300, 1150, 900];
/** The same shade the report gives what waits on someone. */
const OVERDUE_FILL = "FFF2CC";

export function scrutinySection(model: CommitteeReport): (Paragraph | Table)[] {
  const rows = model.scrutinyResponses ?? [];
  if (rows.length === 0) return [];
  const overdue = rows.filter((r) => r.overdue).length;
  return [
    heading(HeadingLevel.HEADING_2, REVIEW_SOURCE_NAMES.scrutiny.heading),
    new Paragraph({
      children: [
        text(
          `The Cabinet must respond to a scrutiny report within two months of receiving it. ${rows.length} scrutiny recommendation${rows.length === 1 ? " is" : "s are"} tracked${overdue ? `; ${overdue} response${overdue === 1 ? " is" : "s are"} overdue (shaded)` : ""}.`,
        ),
      ],
    }),
    table(
      [
        new TableRow({
          tableHeader: true,
          cantSplit: true,
          children: RESPONSE_TABLE_HEADERS.map((h, i) => headerCell(h, WIDTHS[i]!)),
        }),
        ...rows.map(
          (row) =>
            new TableRow({
              cantSplit: true,
              children: row.cells.map((value, i) =>
                plainCell(value, WIDTHS[i]!, { bold: i === 1, ...(row.overdue ? { fill: OVERDUE_FILL } : {}) }),
              ),
            }),
        ),
      ],
      WIDTHS,
    ),
  ];
}
