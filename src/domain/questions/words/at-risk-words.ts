/**
 * The words for the early-warning questions: "what's at risk?", "which high-priority actions are overdue?".
 * Priority labels are the council's (PRIORITY_LABELS), so they are read from the setting, not a fixed list.
 */
import { DEFAULT_PRIORITY_LABELS } from "../../status/priority.js";

/** "at risk", "at-risk": the flag beside the status, not a status. */
export const AT_RISK = /\bat[- ]risk\b/;
/** What the flag means, when a question spells it out: "at risk of missing their dates". */
export const AT_RISK_OF =
  /\bat[- ]risk of (?:missing|slipping|not (?:meeting|hitting|making)|failing to meet|being late)(?: (?:its|their|the))?(?: (?:target|due|deadline))?(?: dates?| targets?| deadlines?)?\b/;

function escaped(label: string): string {
  return label.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/ /g, "\\s+");
}

/** The label a question names as a priority ("high-priority", "high priority", "priority high"), or null. */
export function readPriority(lower: string, labels: readonly string[] = DEFAULT_PRIORITY_LABELS): string | null {
  for (const label of labels) {
    const name = escaped(label);
    if (new RegExp(`\\b${name}[- ]priority\\b|\\bpriority[:\\s]+${name}\\b`).test(lower)) return label;
  }
  return null;
}
