/**
 * The ReportingPoint table: committee meetings with their cut-offs, and the snapshot of the register
 * recorded when a point's summary is first posted. Every change is written with its audit entry.
 */
import { addAuditEntry } from "../register/audit-store.js";
import type { Store, Tx } from "../database.js";

export interface ReportingPointRow {
  id: number;
  name: string;
  /** ISO date of the meeting; null for points named before it was kept. */
  meetingDate: string | null;
  /** ISO date the figures are taken at. */
  cutOff: string;
  createdBy: string;
  createdAt: Date;
  snapshotAt: Date | null;
}

const POINT_FIELDS = {
  id: true,
  name: true,
  meetingDate: true,
  cutOff: true,
  createdBy: true,
  createdAt: true,
  snapshotAt: true,
} as const;
const AUDIT_ENTITY = "reporting_point";

/** Every point, earliest cut-off first. */
export function reportingPointRows(db: Store | Tx): Promise<ReportingPointRow[]> {
  return db.reportingPoint.findMany({ select: POINT_FIELDS, orderBy: [{ cutOff: "asc" }, { id: "asc" }] });
}

export function reportingPointRow(db: Store | Tx, id: number): Promise<ReportingPointRow | null> {
  return db.reportingPoint.findUnique({ where: { id }, select: POINT_FIELDS });
}

/**
 * Creates a point with its "created" audit entry in one transaction. Null when the name is taken:
 * another instance named the same point a moment ago, and the unique name refused this one.
 */
export async function insertReportingPoint(
  store: Store,
  point: { name: string; meetingDate: string; cutOff: string; createdBy: string },
): Promise<ReportingPointRow | null> {
  try {
    return await store.$transaction(async (tx) => {
      const created = await tx.reportingPoint.create({ data: point, select: POINT_FIELDS });
      await addAuditEntry(tx, {
        entityType: AUDIT_ENTITY,
        entityId: created.id,
        action: "created",
        actor: point.createdBy,
        after: JSON.stringify({ name: point.name, meetingDate: point.meetingDate, cutOff: point.cutOff }),
      });
      return created;
    });
  } catch (error) {
    if ((error as { code?: string }).code === "P2002") return null;
    throw error;
  }
}

/** The snapshot as stored (JSON text) and when it was taken; null when there is no such point. */
export function storedSnapshot(
  db: Store | Tx,
  pointId: number,
): Promise<{ snapshotAt: Date | null; snapshot: string | null } | null> {
  return db.reportingPoint.findUnique({ where: { id: pointId }, select: { snapshotAt: true, snapshot: true } });
}

/**
 * Stores the point's snapshot unless one is recorded already; true when this call recorded it. A
 * conditional write, so it takes SQLite's write lock at once and two posts at once record one snapshot.
 */
export async function recordSnapshotOnce(
  db: Store | Tx,
  pointId: number,
  at: Date,
  snapshot: string,
): Promise<boolean> {
  const { count } = await db.reportingPoint.updateMany({
    where: { id: pointId, snapshotAt: null },
    data: { snapshotAt: at, snapshot },
  });
  return count > 0;
}

/** A point's history row, beside the change it records. */
export function auditReportingPoint(
  db: Store | Tx,
  pointId: number,
  action: string,
  actor: string,
  before: object | null,
  after: object | null,
): Promise<void> {
  return addAuditEntry(db, {
    entityType: AUDIT_ENTITY,
    entityId: pointId,
    action,
    actor,
    before: before ? JSON.stringify(before) : null,
    after: after ? JSON.stringify(after) : null,
  });
}
