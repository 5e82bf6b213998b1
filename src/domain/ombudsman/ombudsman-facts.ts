/**
 * An Ombudsman remedy as the register holds it: its case, the decision's day, the remedy's kind (null for
 * a case investigated and not upheld), whether the decision was a public report, and its response clock.
 */
import type { IsoDate } from "../dates/calendar-date.js";
import { RemedyKind } from "./ombudsman-row.js";

export interface OmbudsmanFacts {
  caseRef: string;
  decisionDate: IsoDate | null;
  remedyKind: RemedyKind | null;
  publicReport: boolean;
  responseDue: IsoDate | null;
  responseDate: IsoDate | null;
}

/** The facts from an item's stored columns; null for an item that is not an Ombudsman case's. */
export function ombudsmanFacts(row: {
  caseRef: string | null;
  decisionDate: string | null;
  remedyKind: string | null;
  publicReport: number | boolean | null;
  responseDue: string | null;
  responseDate: string | null;
}): OmbudsmanFacts | null {
  if (row.caseRef === null) return null;
  const kind =
    row.remedyKind === RemedyKind.personal || row.remedyKind === RemedyKind.serviceImprovement ? row.remedyKind : null;
  return {
    caseRef: row.caseRef,
    decisionDate: row.decisionDate,
    remedyKind: kind,
    publicReport: Boolean(row.publicReport),
    responseDue: row.responseDue,
    responseDate: row.responseDate,
  };
}
