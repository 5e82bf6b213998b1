/**
 * An Ombudsman remedy's own facts as the import's columns write them, so an export imports back unchanged
 * (its response clock is written with the scrutiny columns it shares, response_due and response_date).
 */
import type { OmbudsmanFacts } from "./ombudsman-facts.js";

export function ombudsmanCells(facts: OmbudsmanFacts | null | undefined): Record<string, string> {
  if (!facts) return {};
  return {
    case_ref: facts.caseRef,
    decision_date: facts.decisionDate ?? "",
    remedy_kind: facts.remedyKind ?? "",
    public_report: String(facts.publicReport),
  };
}
