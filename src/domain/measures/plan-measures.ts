/**
 * What a checked measures file would change: each measure and reading created or updated (upsert by
 * measure_ref and period), and, with the register's readings and the file's together, each measure's
 * latest reading assessed, so the exceptions (and those that stopped being one) are known before writing.
 */
import type { ImportChange } from "../imports/report.js";
import { PeriodKind, periodKindOf, periodLabel } from "./measure-periods.js";
import { againstTarget, assessReadings, type AssessedReading, type Polarity } from "./measure-rules.js";
import type { IncomingMeasure, IncomingReading } from "./measure-rows.js";

export const MEASURES_TITLE = "Council Plan measures";

export interface StoredReading {
  periodKey: string;
  period: string;
  valueRaw: string;
  value: number | null;
  targetRaw: string;
  target: number | null;
  statusOverride: string | null;
}

export interface StoredMeasure {
  id: number;
  measureRef: string;
  outcome: string;
  measure: string;
  leadOfficerEmail: string | null;
  directorateId: string;
  polarity: string;
  frequency: string;
  exceptionItemId: number | null;
  readings: StoredReading[];
}

export interface MeasurePlan {
  incoming: IncomingMeasure;
  existingId: number | null;
  /** The measure's own fields changed (or it is new), with them before (null when new) and after. */
  measureChanged: boolean;
  before: Record<string, unknown> | null;
  after: Record<string, unknown>;
  /** The readings to write: new, or changed from the register's. */
  readings: IncomingReading[];
  exceptionItemId: number | null;
  /** The latest reading, with the register's and the file's together; null without readings. */
  latest: (StoredReading & AssessedReading) | null;
}

const KIND_PREFERENCE = [PeriodKind.quarter, PeriodKind.month, PeriodKind.year];

/**
 * The reading a measure is reported on: its latest quarter (the report is quarterly), else its latest
 * month, else its latest year.
 */
export function latestReading<T extends { periodKey: string }>(readings: readonly T[]): T | null {
  for (const kind of KIND_PREFERENCE) {
    const ofKind = readings.filter((r) => periodKindOf(r.periodKey) === kind);
    if (ofKind.length) return ofKind.reduce((a, b) => (b.periodKey > a.periodKey ? b : a));
  }
  return null;
}

/** Every reading assessed, latest first within its kind. */
export function assessMeasure(
  readings: readonly StoredReading[],
  polarity: Polarity,
): (StoredReading & AssessedReading)[] {
  const assessed = assessReadings(readings, polarity);
  return readings.map((r) => ({ ...r, ...assessed.get(r.periodKey)! }));
}

function readingFields(r: StoredReading | IncomingReading): Record<string, unknown> {
  return { period: r.period, value: r.valueRaw, target: r.targetRaw, status_override: r.statusOverride };
}

function measureFields(m: IncomingMeasure | StoredMeasure): Record<string, unknown> {
  return {
    outcome: m.outcome,
    measure: m.measure,
    lead_officer: m.leadOfficerEmail,
    directorate: m.directorateId,
    polarity: m.polarity,
    frequency: m.frequency,
  };
}

export function planMeasures(
  incoming: readonly IncomingMeasure[],
  stored: ReadonlyMap<string, StoredMeasure>,
): { plans: MeasurePlan[]; changes: ImportChange[]; measures: Counts; readings: Counts } {
  const changes: ImportChange[] = [];
  const measures: Counts = { created: 0, updated: 0, unchanged: 0 };
  const readings: Counts = { created: 0, updated: 0, unchanged: 0 };
  const plans = incoming.map((measure): MeasurePlan => {
    const existing = stored.get(measure.measureRef) ?? null;
    const after = measureFields(measure);
    const before = existing ? measureFields(existing) : null;
    const measureChanged = JSON.stringify(before) !== JSON.stringify(after);
    count(measures, existing !== null, measureChanged);
    if (measureChanged)
      changes.push(change(measure.line, measure.measureRef, existing ? "updated" : "created", before, after));
    const held = new Map((existing?.readings ?? []).map((r) => [r.periodKey, r]));
    const toWrite = measure.readings.filter((reading) => {
      const was = held.get(reading.periodKey);
      const changed = !was || JSON.stringify(readingFields(was)) !== JSON.stringify(readingFields(reading));
      count(readings, was !== undefined, changed);
      if (changed)
        changes.push(
          change(
            reading.line,
            `${measure.measureRef} ${periodLabel(reading.periodKey)}`,
            was ? "updated" : "created",
            was ? readingFields(was) : null,
            readingFields(reading),
          ),
        );
      return changed;
    });
    const merged = new Map(held);
    for (const reading of measure.readings) merged.set(reading.periodKey, reading);
    const latest = latestReading(assessMeasure([...merged.values()], measure.polarity));
    return {
      incoming: measure,
      existingId: existing?.id ?? null,
      measureChanged,
      before,
      after,
      readings: toWrite,
      exceptionItemId: existing?.exceptionItemId ?? null,
      latest,
    };
  });
  return { plans, changes, measures, readings };
}

interface Counts {
  created: number;
  updated: number;
  unchanged: number;
}

function count(counts: Counts, existed: boolean, changed: boolean): void {
  if (!existed) counts.created += 1;
  else if (changed) counts.updated += 1;
  else counts.unchanged += 1;
}

function change(
  line: number,
  ref: string,
  action: "created" | "updated",
  before: Record<string, unknown> | null,
  after: Record<string, unknown>,
): ImportChange {
  return { line, review_title: MEASURES_TITLE, item_ref: ref, action, before, after };
}

/** The exception item's wording: the measure and how it stood in the period. */
export function exceptionItemText(measure: string, latest: StoredReading, polarity: Polarity): string {
  return `${measure} - ${againstTarget({ ...latest, polarity })} in ${periodLabel(latest.periodKey)}`;
}
