/**
 * A Council Plan measures file's rows checked (one row per measure per period), before anything is read
 * from the database: recognised by its headings, every cell bounded and read (polarity, period, figures,
 * the lead officer's address, the directorate, the override), and the rows read together (a period given
 * twice, a measure described two ways). Every bad row is listed; one is enough to import nothing.
 */
import { findDirectorate, DIRECTORATE_CHOICES } from "../register/directorates.js";
import type { RowError } from "../register/register-row.js";
import { InputLimit } from "../input-limits.js";
import { cellTextProblem } from "../imports/limits.js";
import { MAX_NAME_SHOWN } from "../people/person-label.js";
import type { TextEncoding } from "../text/text-encoding.js";
import { normaliseEmail } from "../text/identity-text.js";
import { readFigure } from "./measure-figures.js";
import { parsePeriod, periodLabel } from "./measure-periods.js";
import {
  readPolarity,
  readStatusOverride,
  STATUS_OVERRIDES,
  type Polarity,
  type StatusOverride,
} from "./measure-rules.js";

export const MEASURE_COLUMNS = [
  "measure_ref",
  "outcome",
  "measure",
  "lead_officer",
  "directorate",
  "polarity",
  "frequency",
  "target",
  "period",
  "value",
  "status_override",
] as const;
export type MeasureColumn = (typeof MEASURE_COLUMNS)[number];

/** Optional: the lead officer's name, shown until the directory gives one ("Ailsa Barr"). */
export const LEAD_OFFICER_NAME_COLUMN = "lead_officer_name";

/** Each column's bound in characters: a reference and a period are labels; a measure's wording a paragraph. */
export const MEASURE_COLUMN_CHARACTERS: Record<MeasureColumn, number> = {
  measure_ref: 50,
  outcome: InputLimit.reason,
  measure: InputLimit.reason,
  lead_officer: InputLimit.email,
  directorate: InputLimit.name,
  polarity: InputLimit.token,
  frequency: InputLimit.token,
  target: InputLimit.name,
  period: InputLimit.token,
  value: InputLimit.name,
  status_override: InputLimit.token,
};

const REQUIRED: readonly MeasureColumn[] = [
  "measure_ref",
  "measure",
  "lead_officer",
  "directorate",
  "polarity",
  "period",
  "value",
];

/** A file is a measures file when its headings name a measure and a period. */
export function isMeasuresLayout(headers: readonly string[]): boolean {
  const names = new Set(headers.map((h) => h.trim().toLowerCase()));
  return names.has("measure_ref") && names.has("period");
}

export interface IncomingReading {
  line: number;
  period: string;
  periodKey: string;
  valueRaw: string;
  value: number | null;
  targetRaw: string;
  target: number | null;
  statusOverride: StatusOverride | null;
}

export interface IncomingMeasure {
  line: number;
  measureRef: string;
  outcome: string;
  measure: string;
  leadOfficerEmail: string;
  leadOfficerName: string | null;
  directorateId: string;
  polarity: Polarity;
  frequency: string;
  readings: IncomingReading[];
}

export type CheckedMeasures = { ok: true; measures: IncomingMeasure[] } | { ok: false; errors: RowError[] };

/** Reads each row; collects every problem, naming the line and what to fix. */
export class MeasureRowCheck {
  private readonly errors: RowError[] = [];
  private readonly measures = new Map<string, IncomingMeasure>();
  private readonly columns: Map<MeasureColumn, string>;
  private readonly nameHeader: string | undefined;
  rows = 0;

  constructor(
    headers: readonly string[],
    /** How a CSV's bytes were read, for the report; null for a workbook. */
    readonly encoding: TextEncoding | null = null,
  ) {
    this.columns = new Map();
    for (const header of headers) {
      const name = header.trim().toLowerCase() as MeasureColumn;
      if ((MEASURE_COLUMNS as readonly string[]).includes(name)) this.columns.set(name, header);
    }
    this.nameHeader = headers.find((h) => h.trim().toLowerCase() === LEAD_OFFICER_NAME_COLUMN);
    const missing = REQUIRED.filter((c) => !this.columns.has(c));
    if (missing.length)
      this.errors.push({
        line: 1,
        message: `the headings lack ${missing.join(", ")}: a measures file has the columns ${MEASURE_COLUMNS.join(",")}`,
      });
  }

  add(record: { line: number; cells: Record<string, string> }): void {
    this.rows += 1;
    if (this.errors.some((e) => e.line === 1)) return;
    const problems: string[] = [];
    const cell = (column: MeasureColumn): string => {
      const header = this.columns.get(column);
      const text = (header === undefined ? "" : (record.cells[header] ?? "")).trim();
      const problem = cellTextProblem(column, text, MEASURE_COLUMN_CHARACTERS[column]);
      if (problem) problems.push(problem);
      return text;
    };
    const ref = cell("measure_ref");
    if (!ref) problems.push("measure_ref is blank: give the measure's reference, e.g. 1.A5");
    const measure = cell("measure");
    if (!measure) problems.push("measure is blank: give what the measure counts");
    const lead = normaliseEmail(cell("lead_officer"));
    if (!lead.ok) problems.push(`lead_officer: ${lead.reason} Give the lead officer's email address.`);
    const directorateCell = cell("directorate");
    const directorate = findDirectorate(directorateCell);
    if (!directorate)
      problems.push(`directorate "${directorateCell}" is not one I know: use one of ${DIRECTORATE_CHOICES}`);
    const polarityCell = cell("polarity");
    const polarity = readPolarity(polarityCell);
    if (!polarity) problems.push(`polarity "${polarityCell}" must be high or low (which way is better)`);
    const period = parsePeriod(cell("period"));
    if (!period.ok) problems.push(period.reason);
    const overrideCell = cell("status_override");
    const override = readStatusOverride(overrideCell);
    if (override === undefined)
      problems.push(`status_override "${overrideCell}" must be blank or one of ${STATUS_OVERRIDES.join(", ")}`);
    const valueRaw = cell("value");
    if (!valueRaw) problems.push('value is blank: give the figure, or write "Not Available"');
    const targetRaw = cell("target");
    const outcome = cell("outcome");
    const frequency = cell("frequency");
    const leadName = (this.nameHeader === undefined ? "" : (record.cells[this.nameHeader] ?? "")).trim();
    const nameProblem = cellTextProblem(LEAD_OFFICER_NAME_COLUMN, leadName, MAX_NAME_SHOWN);
    if (nameProblem) problems.push(nameProblem);
    if (problems.length || !lead.ok || !directorate || !polarity || !period.ok || override === undefined) {
      for (const message of problems) this.errors.push({ line: record.line, message });
      return;
    }
    const incoming: IncomingMeasure = this.measures.get(ref) ?? {
      line: record.line,
      measureRef: ref,
      outcome,
      measure,
      leadOfficerEmail: lead.value,
      leadOfficerName: leadName || null,
      directorateId: directorate.id,
      polarity,
      frequency,
      readings: [],
    };
    const differs = (
      [
        ["measure", incoming.measure, measure],
        ["lead_officer", incoming.leadOfficerEmail, lead.value],
        ["directorate", incoming.directorateId, directorate.id],
        ["polarity", incoming.polarity, polarity],
      ] as const
    ).filter(([, first, here]) => first !== here);
    for (const [column] of differs)
      this.errors.push({
        line: record.line,
        message: `${column} for ${ref} differs from line ${incoming.line}: give each measure one ${column} on every row`,
      });
    const again = incoming.readings.find((r) => r.periodKey === period.value.key);
    if (again)
      this.errors.push({
        line: record.line,
        message: `${ref} for ${periodLabel(period.value.key)} is also on line ${again.line}: give each measure one row per period`,
      });
    if (differs.length || again) return;
    const value = readFigure(valueRaw);
    const target = readFigure(targetRaw);
    incoming.readings.push({
      line: record.line,
      period: cell("period"),
      periodKey: period.value.key,
      valueRaw: value.raw,
      value: value.value,
      targetRaw: target.raw,
      target: target.value,
      statusOverride: override,
    });
    this.measures.set(ref, incoming);
  }

  finish(): CheckedMeasures {
    if (this.errors.length) return { ok: false, errors: [...this.errors].sort((a, b) => a.line - b.line) };
    return { ok: true, measures: [...this.measures.values()] };
  }
}
