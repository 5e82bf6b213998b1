/**
 * How `import` describes a file of one of the other registers: an inspection calendar's regimes, a Council Plan
 * measures file's measures, readings and exceptions.
 */
import type { ImportReport } from "../domain/imports/report.js";

/** An inspection calendar file's counts of regimes. */
export function describeRegimes(r: NonNullable<ImportReport["regimes"]>): string {
  return `  inspection calendar regimes: ${r.created} new, ${r.updated} changed, ${r.unchanged} unchanged`;
}

/** A measures file's own counts, and each exception with what becomes of its improvement action. */
export function describeMeasures(m: NonNullable<ImportReport["measures"]>): string[] {
  return [
    `  measures: ${m.measures.created} new, ${m.measures.updated} changed, ${m.measures.unchanged} unchanged; readings: ${m.readings.created} new, ${m.readings.updated} changed, ${m.readings.unchanged} unchanged`,
    ...m.exceptions.map(
      (e) =>
        `  exception ${e.measure_ref} (${e.period}): ${e.against_target}; improvement action ${e.item === "new" ? "new" : "already in the register"}`,
    ),
    ...m.no_longer_exceptions.map(
      (e) => `  ${e.measure_ref} is no longer an exception (${e.period}): ${e.against_target}; its action stays open`,
    ),
  ];
}
