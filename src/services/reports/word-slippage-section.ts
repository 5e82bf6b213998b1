/**
 * The Word report's section on slippage: extension requests since the last report (waiting ones first,
 * for the committee to decide), repeat extensions with their chain of targets, items at risk, and overdue
 * top-priority items with who is responsible. The words and rows come from the report model; this only
 * lays them out, in the same cells and header rows as the directorate tables.
 */
import { HeadingLevel, Paragraph, Table, TableRow, type ParagraphChild } from "docx";
import { formatDay } from "../../domain/dates/calendar-date.js";
import {
  notListedNote,
  type AtRiskRow,
  type CommitteeReport,
  type ExtensionRequestRow,
  type OverduePriorityRow,
  type RepeatExtensionRow,
  type SlippageTable,
} from "../../domain/reports/committee-report.js";
import { ExtensionState } from "../../domain/extensions/extension-request.js";
import { headerCell, heading, numbered, plainCell, runs, table, text } from "./word-report-parts.js";

/** Waiting requests stand out for the committee, as delayed statuses do in the other tables. */
const WAITING_FILL = "FFF2CC";

const SLIPPAGE_TITLES = {
  section: "Extensions, early warnings and priorities",
  extensionRequests: "Extension requests since the last report",
  repeatExtensions: "Repeat extensions",
  atRisk: "Items at risk of missing their target date",
  overduePriority: (top: string) => `Overdue ${top}-priority items`,
} as const;

interface Column<Row> {
  header: string;
  width: number;
  value: (row: Row) => string;
  bold?: boolean;
}

function rowsTable<Row>(
  rows: readonly Row[],
  columns: readonly Column<Row>[],
  fill?: (row: Row) => string | undefined,
): Table {
  const widths = columns.map((c) => c.width);
  return table(
    [
      new TableRow({
        tableHeader: true,
        cantSplit: true,
        children: columns.map((c) => headerCell(c.header, c.width)),
      }),
      ...rows.map(
        (row) =>
          new TableRow({
            cantSplit: true,
            children: columns.map((c) => plainCell(c.value(row), c.width, { bold: c.bold, fill: fill?.(row) })),
          }),
      ),
    ],
    widths,
  );
}

const REQUEST_COLUMNS: Column<ExtensionRequestRow>[] = [
  { header: "Item", width: 1450, value: (r) => r.item, bold: true },
  { header: "Directorate", width: 1250, value: (r) => r.directorate },
  { header: "Requested by", width: 1250, value: (r) => `${r.requestedBy}\non ${formatDay(r.requestedOn)}` },
  { header: "Target from → to", width: 1150, value: (r) => r.fromTo },
  { header: "Reason", width: 1676, value: (r) => r.reason },
  { header: "State", width: 1000, value: (r) => (r.repeat ? `${r.stateLabel}\nRepeat request` : r.stateLabel) },
  { header: "Decided by and when", width: 1250, value: (r) => r.decided || "Not yet decided" },
];

const REPEAT_COLUMNS: Column<RepeatExtensionRow>[] = [
  { header: "Item", width: 2300, value: (r) => r.item, bold: true },
  { header: "Directorate", width: 1500, value: (r) => r.directorate },
  { header: "Extensions", width: 1250, value: (r) => String(r.extensions) },
  { header: "Chain of target dates", width: 2576, value: (r) => r.chain },
  { header: "Status", width: 1400, value: (r) => r.statusLabel },
];

const AT_RISK_COLUMNS: Column<AtRiskRow>[] = [
  { header: "Item", width: 2100, value: (r) => r.item, bold: true },
  { header: "Directorate", width: 1400, value: (r) => r.directorate },
  { header: "Responsible", width: 1800, value: (r) => r.responsible },
  { header: "Target date", width: 1300, value: (r) => r.target },
  { header: "Why it is at risk", width: 2426, value: (r) => r.why },
];

const OVERDUE_COLUMNS: Column<OverduePriorityRow>[] = [
  { header: "Item", width: 1800, value: (r) => r.item, bold: true },
  { header: "Directorate", width: 1300, value: (r) => r.directorate },
  { header: "Priority", width: 900, value: (r) => r.priority },
  { header: "Target date", width: 1250, value: (r) => r.target },
  { header: "Status", width: 1100, value: (r) => r.statusLabel },
  { header: "Responsible unit", width: 1350, value: (r) => r.responsibleUnit },
  { header: "Owner", width: 1326, value: (r) => r.owner },
];

function part<Row>(
  number: string,
  title: string,
  section: SlippageTable<Row>,
  layout: (rows: readonly Row[]) => Table,
): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [heading(HeadingLevel.HEADING_2, `${number} ${title}`)];
  // The last words before a table stay on its page.
  section.intro.forEach((p, i) =>
    out.push(numbered(`${number}.${i + 1}`, runs(p), { keepNext: i === section.intro.length - 1 })),
  );
  if (section.rows.length) out.push(layout(section.rows));
  const note = notListedNote(section.confidentialItems);
  if (note) out.push(new Paragraph({ children: [text(note)], spacing: { before: 80 } }));
  return out;
}

/** Section `number`, with its four parts numbered under it. */
export function slippageSection(model: CommitteeReport, number: number): (Paragraph | Table)[] {
  const s = model.slippage;
  const note: ParagraphChild[] = [
    text(
      "The tables below are as at the cut-off. Extension requests move an item's target only once approved; the at-risk flag warns before a target passes and does not change the status.",
    ),
  ];
  return [
    heading(HeadingLevel.HEADING_1, `${number}. ${SLIPPAGE_TITLES.section}`, { newPage: true }),
    numbered(`${number}.1`, note),
    ...part(`${number}.2`, SLIPPAGE_TITLES.extensionRequests, s.extensionRequests, (rows) =>
      rowsTable(rows, REQUEST_COLUMNS, (r) => (r.state === ExtensionState.waiting ? WAITING_FILL : undefined)),
    ),
    ...part(`${number}.3`, SLIPPAGE_TITLES.repeatExtensions, s.repeatExtensions, (rows) =>
      rowsTable(rows, REPEAT_COLUMNS),
    ),
    ...part(`${number}.4`, SLIPPAGE_TITLES.atRisk, s.atRisk, (rows) => rowsTable(rows, AT_RISK_COLUMNS)),
    ...part(`${number}.5`, SLIPPAGE_TITLES.overduePriority(s.topPriority), s.overduePriority, (rows) =>
      rowsTable(rows, OVERDUE_COLUMNS),
    ),
  ];
}
