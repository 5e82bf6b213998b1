/**
 * What a checked calendar file would change: each regime matched to the calendar's by its normalised name,
 * created, updated (only the fields that differ, before and after) or left unchanged, with counts and a
 * line per change for the import's report.
 */
import type { ImportChange, ImportCounts } from "../imports/report.js";
import type { CalendarRow } from "./calendar-rows.js";

export type RegimeFields = Omit<CalendarRow, "line" | "regimeKey">;

export interface RegimePlan {
  regimeKey: string;
  existingId: number | null;
  before: Partial<RegimeFields> | null;
  after: RegimeFields;
}

export interface CalendarPlan {
  writes: RegimePlan[];
  counts: ImportCounts;
  changes: ImportChange[];
}

export function planCalendarImport(
  rows: readonly CalendarRow[],
  existing: ReadonlyMap<string, { id: number; fields: RegimeFields }>,
): CalendarPlan {
  const plan: CalendarPlan = { writes: [], counts: { created: 0, updated: 0, unchanged: 0 }, changes: [] };
  for (const row of rows) {
    const { line, regimeKey, ...after } = row;
    const found = existing.get(regimeKey);
    if (!found) {
      plan.counts.created += 1;
      plan.writes.push({ regimeKey, existingId: null, before: null, after });
      plan.changes.push({ line, review_title: row.regime, item_ref: null, action: "created", before: null, after });
      continue;
    }
    const changed = (Object.keys(after) as (keyof RegimeFields)[]).filter((k) => after[k] !== found.fields[k]);
    if (changed.length === 0) {
      plan.counts.unchanged += 1;
      continue;
    }
    const before = Object.fromEntries(changed.map((k) => [k, found.fields[k]]));
    const afterChanged = Object.fromEntries(changed.map((k) => [k, after[k]]));
    plan.counts.updated += 1;
    plan.writes.push({ regimeKey, existingId: found.id, before, after });
    plan.changes.push({
      line,
      review_title: row.regime,
      item_ref: null,
      action: "updated",
      before,
      after: afterChanged,
    });
  }
  return plan;
}
