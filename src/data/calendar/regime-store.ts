/**
 * The inspection calendar's regimes (InspectionRegime): written from an import or a linked review, each
 * change recorded in the audit log (entityType "inspection_regime", who, when, before and after) in the
 * same transaction; read with their readiness owners for the reminders, the question and the reports.
 */
import type { Store, Tx } from "../database.js";
import { ensurePerson } from "../people/person-store.js";
import type { RegimeFields, RegimePlan } from "../../domain/calendar/plan-calendar-import.js";

export const REGIME_ENTITY = "inspection_regime";

export interface RegimeRecord {
  id: number;
  regimeKey: string;
  regime: string;
  inspectorate: string;
  directorateId: string;
  lastEvent: string | null;
  cycleMonths: number;
  nextExpected: string;
  nextExpectedGiven: boolean;
  lastReviewId: number | null;
  readinessOwner: { id: number; email: string; name: string | null; jobTitle: string | null } | null;
}

const SELECT = {
  id: true,
  regimeKey: true,
  regime: true,
  inspectorate: true,
  directorateId: true,
  lastEvent: true,
  cycleMonths: true,
  nextExpected: true,
  nextExpectedGiven: true,
  lastReviewId: true,
  readinessOwner: { select: { id: true, email: true, name: true, jobTitle: true } },
} as const;

/** Every regime, the soonest expected first. */
export function listRegimes(db: Store | Tx): Promise<RegimeRecord[]> {
  return db.inspectionRegime.findMany({ select: SELECT, orderBy: [{ nextExpected: "asc" }, { regimeKey: "asc" }] });
}

export function regimesByKey(db: Store | Tx, keys: readonly string[]): Promise<RegimeRecord[]> {
  return db.inspectionRegime.findMany({ where: { regimeKey: { in: [...keys] } }, select: SELECT });
}

/** The fields a calendar row sets, as the audit log records them (the owner by email). */
export function fieldsOf(record: RegimeRecord): RegimeFields {
  return {
    regime: record.regime,
    inspectorate: record.inspectorate,
    directorateId: record.directorateId,
    lastEvent: record.lastEvent,
    cycleMonths: record.cycleMonths,
    nextExpected: record.nextExpected,
    nextExpectedGiven: record.nextExpectedGiven,
    readinessOwnerEmail: record.readinessOwner?.email ?? "",
  };
}

/** Writes each created or changed regime and its audit entry, all in one transaction. */
export async function writeRegimes(
  store: Store,
  writes: readonly RegimePlan[],
  stamp: { actor: string; now: Date; file: string },
): Promise<void> {
  await store.$transaction(async (tx) => {
    await tx.auditEntry.create({
      data: {
        entityType: "import",
        entityId: 0,
        action: "import",
        actor: stamp.actor,
        at: stamp.now,
        after: JSON.stringify({ file: stamp.file, regimes: writes.length }),
      },
    });
    for (const write of writes) {
      const { readinessOwnerEmail, ...fields } = write.after;
      const readinessOwnerId = await ensurePerson(tx, readinessOwnerEmail);
      const data = { ...fields, readinessOwnerId, updatedAt: stamp.now };
      const id =
        write.existingId === null
          ? (await tx.inspectionRegime.create({ data: { ...data, regimeKey: write.regimeKey, createdAt: stamp.now } }))
              .id
          : (await tx.inspectionRegime.update({ where: { id: write.existingId }, data })).id;
      await tx.auditEntry.create({
        data: {
          entityType: REGIME_ENTITY,
          entityId: id,
          action: write.existingId === null ? "created" : "updated",
          actor: stamp.actor,
          at: stamp.now,
          before: write.before === null ? null : JSON.stringify(write.before),
          after: JSON.stringify(write.existingId === null ? write.after : changedOnly(write.before ?? {}, write.after)),
        },
      });
    }
  });
}

function changedOnly(before: Partial<RegimeFields>, after: RegimeFields): Partial<RegimeFields> {
  return Object.fromEntries(Object.entries(after).filter(([k]) => k in before));
}

/** A linked event: the calendar rolled on, with its history entry, in the caller's transaction. */
export async function rollRegimeForward(
  tx: Tx,
  regimeId: number,
  change: { before: Record<string, unknown>; after: { lastEvent: string; nextExpected: string; lastReviewId: number } },
  stamp: { actor: string; now: Date },
): Promise<void> {
  await tx.inspectionRegime.update({ where: { id: regimeId }, data: { ...change.after, updatedAt: stamp.now } });
  await tx.auditEntry.create({
    data: {
      entityType: REGIME_ENTITY,
      entityId: regimeId,
      action: "linked",
      actor: stamp.actor,
      at: stamp.now,
      before: JSON.stringify(change.before),
      after: JSON.stringify(change.after),
    },
  });
}

export interface ReviewForLink {
  id: number;
  title: string;
  directorateId: string;
  reviewDate: string | null;
  findingsReceived: string | null;
}

/** The review an event is recorded as, by its normalised title; null when the register has none. */
export function reviewByTitleKey(db: Store | Tx, titleKey: string): Promise<ReviewForLink | null> {
  return db.review.findUnique({
    where: { titleKey },
    select: { id: true, title: true, directorateId: true, reviewDate: true, findingsReceived: true },
  });
}

/** The readiness reminders queued for these keys' prefixes (`calendar:<id>:<nextExpected>:`), with whether each was sent. */
export async function readinessMessagesWithPrefixes(
  db: Store | Tx,
  prefixes: readonly string[],
): Promise<{ dedupeKey: string; sent: boolean }[]> {
  if (prefixes.length === 0) return [];
  const rows = await db.outboundMessage.findMany({
    where: { purpose: "readiness", OR: prefixes.map((p) => ({ dedupeKey: { startsWith: p } })) },
    select: { dedupeKey: true, status: true },
  });
  return rows.map((r) => ({ dedupeKey: r.dedupeKey ?? "", sent: r.status === "sent" }));
}
