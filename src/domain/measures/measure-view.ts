/**
 * Measures as answers and reports show them: the period reported on (the latest quarter the register
 * holds), each measure's reading for it assessed, the exceptions among them, and one measure's recent
 * quarters. Pure: the measures come in loaded.
 */
import { PeriodKind, periodKindOf, periodLabel, shiftPeriodKey } from "./measure-periods.js";
import { againstTarget, type AssessedReading, type Polarity } from "./measure-rules.js";
import { assessMeasure, latestReading, type StoredMeasure, type StoredReading } from "./plan-measures.js";

export type AssessedMeasureReading = StoredReading & AssessedReading;

export interface MeasureView<M extends StoredMeasure = StoredMeasure> {
  measure: M;
  reading: AssessedMeasureReading;
  /** "10.1% against a target of 7% (lower is better)" */
  againstTarget: string;
}

/** The period the register's measures are reported on: its latest quarter, else latest month, else year; null without readings. */
export function reportedPeriod(measures: readonly StoredMeasure[]): string | null {
  return latestReading(measures.flatMap((m) => m.readings))?.periodKey ?? null;
}

/** Each measure's reading for `periodKey`, assessed (measures without one are left out). */
export function readingsFor<M extends StoredMeasure>(measures: readonly M[], periodKey: string): MeasureView<M>[] {
  return measures.flatMap((measure) => {
    const reading = assessMeasure(measure.readings, measure.polarity as Polarity).find(
      (r) => r.periodKey === periodKey,
    );
    return reading
      ? [{ measure, reading, againstTarget: againstTarget({ ...reading, polarity: measure.polarity as Polarity }) }]
      : [];
  });
}

/** The exceptions of a period: off target and worsening, or included by override. */
export function exceptionsFor<M extends StoredMeasure>(measures: readonly M[], periodKey: string): MeasureView<M>[] {
  return readingsFor(measures, periodKey).filter((v) => v.reading.exception);
}

/** One measure's last `count` quarters, ending at its latest quarter, oldest first; a quarter without a reading is null. */
export function recentQuarters(
  measure: StoredMeasure,
  count: number,
): { periodKey: string; label: string; view: MeasureView | null }[] {
  const quarters = measure.readings.filter((r) => periodKindOf(r.periodKey) === PeriodKind.quarter);
  const latest = latestReading(quarters);
  if (!latest) return [];
  const views = new Map(readingsForAll(measure).map((v) => [v.reading.periodKey, v]));
  return Array.from({ length: count }, (_, index) => {
    const key = shiftPeriodKey(latest.periodKey, index - count + 1);
    return { periodKey: key, label: periodLabel(key), view: views.get(key) ?? null };
  });
}

/** Every reading of one measure, assessed. */
export function readingsForAll<M extends StoredMeasure>(measure: M): MeasureView<M>[] {
  const polarity = measure.polarity as Polarity;
  return assessMeasure(measure.readings, polarity).map((reading) => ({
    measure,
    reading,
    againstTarget: againstTarget({ ...reading, polarity }),
  }));
}
