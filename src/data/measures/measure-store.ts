/**
 * Council Plan measures and their readings (one per measure per period), and the link from a measure to
 * the improvement item its exception became. Every write here has its audit entry (who, when, before,
 * after) in the same transaction.
 */
import type { Store, Tx } from "../database.js";
import { addAuditEntry } from "../register/audit-store.js";
import type { MeasurePlan, StoredMeasure } from "../../domain/measures/plan-measures.js";

type Db = Store | Tx;

const READING_FIELDS = {
  periodKey: true,
  period: true,
  valueRaw: true,
  value: true,
  targetRaw: true,
  target: true,
  statusOverride: true,
} as const;

/** The measures with these references, with every reading and the lead officer's address. */
export async function findMeasuresByRef(db: Db, refs: readonly string[]): Promise<Map<string, StoredMeasure>> {
  const rows = await db.councilPlanMeasure.findMany({
    where: { measureRef: { in: [...refs] } },
    include: { leadOfficer: { select: { email: true } }, readings: { select: READING_FIELDS } },
  });
  return new Map(rows.map((row) => [row.measureRef, storedMeasure(row)]));
}

function storedMeasure(row: {
  id: number;
  measureRef: string;
  outcome: string;
  measure: string;
  leadOfficer: { email: string } | null;
  directorateId: string;
  polarity: string;
  frequency: string;
  exceptionItemId: number | null;
  readings: StoredMeasure["readings"];
}): StoredMeasure {
  return {
    id: row.id,
    measureRef: row.measureRef,
    outcome: row.outcome,
    measure: row.measure,
    leadOfficerEmail: row.leadOfficer?.email ?? null,
    directorateId: row.directorateId,
    polarity: row.polarity,
    frequency: row.frequency,
    exceptionItemId: row.exceptionItemId,
    readings: row.readings,
  };
}

export interface MeasureWriteOptions {
  actor: string;
  now: Date;
  /** The file the rows came from, for the audit entries. */
  source: string;
}

/** The import's own entry: which file (its size and hash when sent in Teams) and what it held. Written first. */
export async function addMeasuresImportEntry(tx: Tx, options: MeasureWriteOptions, facts: Record<string, unknown>): Promise<void> {
  await addAuditEntry(tx, {
    entityType: "import",
    entityId: 0,
    action: "import",
    actor: options.actor,
    at: options.now,
    after: JSON.stringify({ file: options.source, ...facts }),
  });
}

/** Writes each planned measure and its new or changed readings; the measures' ids by reference. */
export async function writeMeasurePlans(
  tx: Tx,
  plans: readonly MeasurePlan[],
  options: MeasureWriteOptions,
): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  for (const plan of plans) {
    const m = plan.incoming;
    const lead = await tx.person.upsert({
      where: { email: m.leadOfficerEmail },
      create: { email: m.leadOfficerEmail, name: m.leadOfficerName },
      update: {},
      select: { id: true, name: true },
    });
    // A name from the file fills one the register lacks; the directory's, once known, is kept.
    if (lead.name === null && m.leadOfficerName) await tx.person.update({ where: { id: lead.id }, data: { name: m.leadOfficerName } });
    const fields = {
      outcome: m.outcome,
      measure: m.measure,
      leadOfficerId: lead.id,
      directorateId: m.directorateId,
      polarity: m.polarity,
      frequency: m.frequency,
    };
    let id = plan.existingId;
    if (id === null) {
      id = (await tx.councilPlanMeasure.create({ data: { measureRef: m.measureRef, ...fields }, select: { id: true } })).id;
    } else if (plan.measureChanged) {
      await tx.councilPlanMeasure.update({ where: { id }, data: fields });
    }
    if (plan.measureChanged)
      await audit(tx, "measure", id, plan.existingId === null ? "created" : "updated", options, plan.before, {
        measure_ref: m.measureRef,
        ...plan.after,
      });
    for (const reading of plan.readings) {
      const data = {
        period: reading.period,
        valueRaw: reading.valueRaw,
        value: reading.value,
        targetRaw: reading.targetRaw,
        target: reading.target,
        statusOverride: reading.statusOverride,
      };
      const before = await tx.measureReading.findUnique({
        where: { measureId_periodKey: { measureId: id, periodKey: reading.periodKey } },
        select: READING_FIELDS,
      });
      const written = await tx.measureReading.upsert({
        where: { measureId_periodKey: { measureId: id, periodKey: reading.periodKey } },
        create: { measureId: id, periodKey: reading.periodKey, createdAt: options.now, ...data },
        update: data,
        select: { id: true },
      });
      await audit(tx, "measure_reading", written.id, before ? "updated" : "created", options, before, {
        measure_ref: m.measureRef,
        period_key: reading.periodKey,
        ...data,
      });
    }
    ids.set(m.measureRef, id);
  }
  return ids;
}

function audit(
  tx: Tx,
  entityType: string,
  entityId: number,
  action: string,
  options: MeasureWriteOptions,
  before: unknown,
  after: unknown,
): Promise<void> {
  return addAuditEntry(tx, {
    entityType,
    entityId,
    action,
    actor: options.actor,
    at: options.now,
    before: before === null || before === undefined ? null : JSON.stringify(before),
    after: JSON.stringify({ ...(after as object), source: options.source }),
  });
}

/** The item with this reference in the review with this title key, if the register has it. */
export async function findItemInReview(db: Db, reviewTitleKey: string, ref: string): Promise<number | null> {
  const item = await db.item.findFirst({ where: { ref, review: { titleKey: reviewTitleKey } }, select: { id: true } });
  return item?.id ?? null;
}

/** Names the reviews with these title keys as holding this source's items (Review.source). */
export async function markReviewsSource(db: Db, titleKeys: readonly string[], source: string): Promise<void> {
  await db.review.updateMany({ where: { titleKey: { in: [...titleKeys] }, source: { not: source } }, data: { source } });
}

/** Links a measure to the item its exception became, with the link in the measure's history. */
export async function linkExceptionItem(
  tx: Tx,
  measureId: number,
  itemId: number,
  options: MeasureWriteOptions,
): Promise<void> {
  const before = await tx.councilPlanMeasure.update({
    where: { id: measureId },
    data: { exceptionItemId: itemId },
    select: { exceptionItemId: true },
  });
  await audit(tx, "measure", measureId, "exception_item_linked", options, null, { exception_item_id: before.exceptionItemId });
}

/** Whether an item's history already notes this measure's period (so a second import notes it once). */
export async function hasPeriodNote(db: Db, itemId: number, action: string, periodKey: string): Promise<boolean> {
  const notes = await db.auditEntry.findMany({
    where: { entityType: "item", entityId: itemId, action },
    select: { after: true },
  });
  return notes.some((n) => (JSON.parse(n.after ?? "{}") as { period_key?: string }).period_key === periodKey);
}

/** A note in an item's history: how its measure stood in a later period (still, or no longer, an exception). */
export async function addPeriodNote(
  tx: Tx,
  itemId: number,
  action: string,
  note: Record<string, unknown>,
  options: MeasureWriteOptions,
): Promise<void> {
  await audit(tx, "item", itemId, action, options, null, note);
}

/** A measure as answers and reports read it: its readings, its lead officer's naming and its item's id. */
export interface MeasureRecord extends StoredMeasure {
  leadOfficer: { email: string; name: string | null; jobTitle: string | null } | null;
}

/** Every measure with its readings, in reference order (bounded by the import: one row per measure per period). */
export async function loadMeasures(db: Db): Promise<MeasureRecord[]> {
  const rows = await db.councilPlanMeasure.findMany({
    include: {
      leadOfficer: { select: { email: true, name: true, jobTitle: true } },
      readings: { select: READING_FIELDS, orderBy: { periodKey: "asc" } },
    },
    orderBy: { measureRef: "asc" },
  });
  return rows.map((row) => ({ ...storedMeasure(row), leadOfficer: row.leadOfficer }));
}
