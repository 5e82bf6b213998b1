/**
 * Imports a Council Plan measures file (one row per measure per period, upserted by measure_ref and
 * period): all or nothing, every change in the audit log. Each measure whose latest reading is an
 * exception (off target and worsening, or included by override) becomes an improvement item owned by its
 * lead officer, once: an action in its directorate's "Council Plan performance exceptions" review (source
 * council_plan), due by the end of the next reporting period. A later period is noted in that item's
 * history, also when the measure is no longer an exception: the improvement team decides when it closes.
 */
import path from "node:path";
import type { Store } from "../../data/database.js";
import {
  addMeasuresImportEntry,
  addPeriodNote,
  findItemInReview,
  findMeasuresByRef,
  hasPeriodNote,
  linkExceptionItem,
  markReviewsSource,
  writeMeasurePlans,
  type MeasureWriteOptions,
} from "../../data/measures/measure-store.js";
import { inTransaction } from "../../data/transaction.js";
import { addMonths } from "../../domain/dates/calendar-date.js";
import { emptyImportReport, type ImportReport, type MeasureImportCounts } from "../../domain/imports/report.js";
import {
  EXCEPTION_REVIEW_BODY,
  EXCEPTION_REVIEW_TYPE,
  exceptionReviewTitle,
} from "../../domain/measures/exception-reviews.js";
import { nextPeriodEnd, periodLabel, shiftPeriodKey } from "../../domain/measures/measure-periods.js";
import { againstTarget } from "../../domain/measures/measure-rules.js";
import type { MeasureRowCheck } from "../../domain/measures/measure-rows.js";
import { exceptionItemText, planMeasures, type MeasurePlan } from "../../domain/measures/plan-measures.js";
import { ReviewSource } from "../../domain/register/review-sources.js";
import { titleKey } from "../../domain/register/register-row.js";
import type { ImportOptions } from "../imports/import-register.js";
import type { Table } from "../imports/read-table-file.js";

export interface MeasureImportOptions extends ImportOptions {
  /** The demo's months forward: an exception item's target moves with the rest of the demo's dates. */
  targetShiftMonths?: number;
}

/** History actions on an exception's item for a later period. */
export const MeasureNote = {
  stillException: "measure_still_exception",
  noLongerException: "measure_no_longer_exception",
} as const;

/** The register's own import of rows already read (import-register's importTable), which makes the items. */
export type ImportItemRows = (store: Store, table: Table, options: ImportOptions) => Promise<ImportReport>;

export async function importMeasures(
  store: Store,
  check: MeasureRowCheck,
  options: MeasureImportOptions,
  importTable: ImportItemRows,
): Promise<ImportReport> {
  const report = emptyImportReport(options.file, "council_plan_measures", options.dryRun, check.encoding);
  report.rows = check.rows;
  const checked = check.finish();
  if (!checked.ok) {
    report.errors = checked.errors;
    return report;
  }
  const stored = await findMeasuresByRef(
    store,
    checked.measures.map((m) => m.measureRef),
  );
  const planned = planMeasures(checked.measures, stored);
  const toCreate: MeasurePlan[] = [];
  const notes: { plan: MeasurePlan; action: string }[] = [];
  const counts: MeasureImportCounts = {
    measures: planned.measures,
    readings: planned.readings,
    exceptions: [],
    no_longer_exceptions: [],
  };
  for (const plan of planned.plans) {
    const latest = plan.latest;
    if (!latest) continue;
    const facts = {
      measure_ref: plan.incoming.measureRef,
      period: periodLabel(latest.periodKey),
      against_target: againstTarget({ ...latest, polarity: plan.incoming.polarity }),
    };
    const itemId = plan.exceptionItemId;
    if (latest.exception) counts.exceptions.push({ ...facts, item: itemId === null ? "new" : "existing" });
    else if (itemId !== null) counts.no_longer_exceptions.push(facts);
    if (latest.exception && itemId === null) toCreate.push(plan);
    const action = latest.exception ? MeasureNote.stillException : MeasureNote.noLongerException;
    if (itemId !== null && !(await hasPeriodNote(store, itemId, action, latest.periodKey)))
      notes.push({ plan, action });
  }
  const itemRows = toCreate.map((plan) => exceptionItemRow(plan, options.targetShiftMonths ?? 0));
  // The file's own check (writeIf) is asked once, of this whole report, never of the items' part alone.
  // The file's facts go on this import's own entry.
  const { writeIf: _fileCheck, fileFacts, ...itemOptions } = options;
  // The items' own import, dry first: its counts and changes are this file's too.
  const items = await importTable(
    store,
    { headers: ITEM_HEADERS, records: itemRows },
    { ...itemOptions, dryRun: true },
  );
  report.ok = items.ok;
  report.errors = items.errors;
  report.reviews = items.reviews;
  report.items = items.items;
  report.changes = [...planned.changes, ...items.changes];
  report.measures = counts;
  const changesAnything = report.changes.length > 0 || notes.length > 0;
  if (!report.ok || options.dryRun || !changesAnything) return report;
  if (options.writeIf && !options.writeIf(report)) return report;

  const writing: MeasureWriteOptions = { actor: options.actor, now: options.now, source: path.basename(options.file) };
  const ids = await inTransaction(store, async (tx) => {
    await addMeasuresImportEntry(tx, writing, {
      ...(fileFacts ? { bytes: fileFacts.bytes, sha256: fileFacts.sha256 } : {}),
      measures: counts.measures,
      readings: counts.readings,
    });
    const written = await writeMeasurePlans(tx, planned.plans, writing);
    for (const { plan, action } of notes) await addPeriodNote(tx, plan.exceptionItemId!, action, noteOf(plan), writing);
    return written;
  });
  if (itemRows.length) {
    await importTable(store, { headers: ITEM_HEADERS, records: itemRows }, { ...itemOptions, dryRun: false });
    await inTransaction(store, async (tx) => {
      const reviewKeys = [...new Set(toCreate.map((p) => titleKey(exceptionReviewTitle(p.incoming.directorateId))))];
      await markReviewsSource(tx, reviewKeys, ReviewSource.councilPlan);
      for (const plan of toCreate) {
        const reviewKey = titleKey(exceptionReviewTitle(plan.incoming.directorateId));
        const itemId = await findItemInReview(tx, reviewKey, plan.incoming.measureRef);
        if (itemId !== null) await linkExceptionItem(tx, ids.get(plan.incoming.measureRef)!, itemId, writing);
      }
    });
  }
  return report;
}

const ITEM_HEADERS = [
  "directorate",
  "review_title",
  "review_body",
  "review_type",
  "item_ref",
  "item_kind",
  "item_text",
  "owner_email",
  "original_target",
];

/** The improvement item an exception becomes, as a register row: the canonical import makes it (or finds it made). */
function exceptionItemRow(plan: MeasurePlan, shiftMonths: number): { line: number; cells: Record<string, string> } {
  const m = plan.incoming;
  const latest = plan.latest!;
  const due = nextPeriodEnd(latest.periodKey);
  const text =
    `${exceptionItemText(m.measure, latest, m.polarity)}. ` +
    `Improvement due by the end of the next reporting period (${periodLabel(nextPeriodKeyOf(latest.periodKey))}).`;
  return {
    line: m.line,
    cells: {
      directorate: m.directorateId,
      review_title: exceptionReviewTitle(m.directorateId),
      review_body: EXCEPTION_REVIEW_BODY,
      review_type: EXCEPTION_REVIEW_TYPE,
      item_ref: m.measureRef,
      item_kind: "action",
      item_text: text,
      owner_email: m.leadOfficerEmail,
      original_target: shiftMonths ? addMonths(due, shiftMonths) : due,
    },
  };
}

function nextPeriodKeyOf(key: string): string {
  return shiftPeriodKey(key, 1);
}

/** What a later period's note says: the period and the measure against its target. */
function noteOf(plan: MeasurePlan): Record<string, unknown> {
  const latest = plan.latest!;
  return {
    measure_ref: plan.incoming.measureRef,
    period_key: latest.periodKey,
    period: periodLabel(latest.periodKey),
    against_target: againstTarget({ ...latest, polarity: plan.incoming.polarity }),
    direction: latest.direction,
    status: latest.status,
    exception: latest.exception,
  };
}
