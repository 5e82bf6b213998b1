/**
 * The Ombudsman's columns of an import row (source `ombudsman`): the case reference, the decision's date,
 * the remedy's kind and whether the decision was a public report, checked. A personal remedy (an apology,
 * a payment, an action for one person) is always confidential; a public report's response is due three
 * months after the decision unless the row gives `response_due`, and `response_date` stops that clock. The
 * Ombudsman's own columns belong to Ombudsman rows only.
 */
import { isIsoDate, type IsoDate } from "../dates/calendar-date.js";
import { DateKind, impossibleDayReason, parseDateText } from "../dates/date-text.js";
import { windowProblem } from "../dates/date-window.js";
import { checkIdentifyingText } from "../text/identity-text.js";
import { publicReportResponseDue } from "./response-clock.js";

export const OMBUDSMAN_COLUMNS = ["case_ref", "decision_date", "remedy_kind", "public_report"] as const;
export type OmbudsmanColumn = (typeof OMBUDSMAN_COLUMNS)[number];

export const RemedyKind = { personal: "personal", serviceImprovement: "service_improvement" } as const;
export type RemedyKind = (typeof RemedyKind)[keyof typeof RemedyKind];
const REMEDY_KINDS: readonly string[] = Object.values(RemedyKind);

/** A case reference's bound: the Ombudsman's own are ten characters ("18 012 345"); room for a local prefix. */
export const CASE_REF_CHARACTERS = 40;

/** An Ombudsman remedy's facts, as stored on its item. `remedyKind` null: a case investigated and not upheld. */
export interface OmbudsmanItemFields {
  caseRef: string;
  decisionDate: IsoDate;
  remedyKind: RemedyKind | null;
  publicReport: boolean;
  /** The day the council's response to a public report is due (or as the row gives it); null when none is owed. */
  responseDue: IsoDate | null;
  /** The day the council responded, which stops the response clock; null while it waits. */
  responseDate: IsoDate | null;
}

/** The cells this reads, by column: blank cells are null. */
export type CellReader = (column: OmbudsmanColumn | "response_due" | "response_date" | "progress") => string | null;

/** A day cell: the ISO day, or why it is not one (a month alone is not a decision's day). */
function readDay(column: string, text: string): { ok: true; day: IsoDate } | { ok: false; reason: string } {
  const parsed = parseDateText(text);
  const outside = parsed.end ? windowProblem(parsed) : null;
  if (outside) return { ok: false, reason: `${column} "${text}": ${outside}` };
  const impossible = impossibleDayReason(text);
  if (impossible) return { ok: false, reason: `${column} "${text}" is not a day: ${impossible}` };
  if (parsed.kind === DateKind.day && parsed.end) return { ok: true, day: parsed.end };
  if (isIsoDate(text)) return { ok: true, day: text };
  return { ok: false, reason: `${column} "${text}" must be a day, e.g. 2019-07-24` };
}

function readYesNo(text: string | null): boolean | null {
  if (text === null) return false;
  const v = text.toLowerCase();
  if (["true", "yes", "y", "1"].includes(v)) return true;
  if (["false", "no", "n", "0"].includes(v)) return false;
  return null;
}

/**
 * The Ombudsman facts of a row with an item, or every problem with them. On a row of another source the
 * Ombudsman's columns must be blank; on an Ombudsman row with an item, `case_ref` and `decision_date` are
 * needed, and a case without `remedy_kind` (not upheld) carries no work (progress no_action_required).
 */
export function readOmbudsmanCells(
  cell: CellReader,
  ombudsmanRow: boolean,
  hasItem: boolean,
): { fields: OmbudsmanItemFields | null; errors: string[] } {
  const errors: string[] = [];
  if (!ombudsmanRow) {
    const given = OMBUDSMAN_COLUMNS.filter((column) => cell(column) !== null);
    if (given.length)
      errors.push(
        `${given.join(", ")} ${given.length === 1 ? "is" : "are"} for Ombudsman rows only: set source to ombudsman or clear ${given.length === 1 ? "it" : "them"}`,
      );
    return { fields: null, errors };
  }
  if (!hasItem) return { fields: null, errors };

  const caseRef = cell("case_ref");
  if (!caseRef) errors.push('case_ref is empty: give the Ombudsman\'s case reference, e.g. "18 012 345"');
  else if (caseRef.length > CASE_REF_CHARACTERS)
    errors.push(`case_ref is ${caseRef.length} characters: at most ${CASE_REF_CHARACTERS}`);
  else {
    const problem = checkIdentifyingText("case_ref", caseRef);
    if (problem) errors.push(problem);
  }

  const decisionText = cell("decision_date");
  let decisionDate: IsoDate | null = null;
  if (!decisionText) errors.push("decision_date is empty: give the day of the Ombudsman's decision, e.g. 2019-07-24");
  else {
    const day = readDay("decision_date", decisionText);
    if (day.ok) decisionDate = day.day;
    else errors.push(day.reason);
  }

  const kindText = cell("remedy_kind");
  const kindValue = kindText?.toLowerCase().replace(/[\s-]+/g, "_") ?? null;
  let remedyKind: RemedyKind | null = null;
  if (kindValue !== null) {
    if (REMEDY_KINDS.includes(kindValue)) remedyKind = kindValue as RemedyKind;
    else errors.push(`remedy_kind "${kindText}" must be personal or service_improvement (blank for a case not upheld)`);
  } else if ((cell("progress") ?? "").toLowerCase().replace(/[\s-]+/g, "_") !== "no_action_required")
    errors.push(
      "remedy_kind is empty: give personal or service_improvement, or, for a case not upheld, set progress to no_action_required",
    );

  const publicReport = readYesNo(cell("public_report"));
  if (publicReport === null) errors.push(`public_report "${cell("public_report")}" must be true or false (yes or no)`);

  const dueText = cell("response_due");
  let responseDue: IsoDate | null = null;
  if (dueText) {
    const day = readDay("response_due", dueText);
    if (day.ok) responseDue = day.day;
    else errors.push(day.reason);
  } else if (publicReport && decisionDate) responseDue = publicReportResponseDue(decisionDate);
  if (responseDue && decisionDate && responseDue < decisionDate)
    errors.push(`response_due ${responseDue} is before decision_date ${decisionDate}: a response follows its decision`);

  const respondedText = cell("response_date");
  let responseDate: IsoDate | null = null;
  if (respondedText) {
    const day = readDay("response_date", respondedText);
    if (day.ok) responseDate = day.day;
    else errors.push(day.reason);
  }
  if (responseDate && decisionDate && responseDate < decisionDate)
    errors.push(
      `response_date ${responseDate} is before decision_date ${decisionDate}: a response follows its decision`,
    );

  if (errors.length || !caseRef || !decisionDate) return { fields: null, errors };
  return {
    fields: { caseRef, decisionDate, remedyKind, publicReport: publicReport ?? false, responseDue, responseDate },
    errors,
  };
}

/** Personal remedies are never published, so they are confidential whatever the review's row says. */
export function isConfidentialRemedy(fields: OmbudsmanItemFields | null | undefined): boolean {
  return fields?.remedyKind === RemedyKind.personal;
}
