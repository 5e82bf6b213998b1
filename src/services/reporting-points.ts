/**
 * Reporting points: the improvement team names each committee report ("Audit Committee 9 January
 * 2024") with its cut-off date; a summary covers the time since the previous point; posting a
 * summary records a snapshot of the register as at the cut-off, once, so later reports rest on what
 * was reported. Every change is written with its audit entry in one transaction.
 */
import type { PrismaClient, Prisma } from "../data/database.js";
import { addMonths, type IsoDate } from "../domain/calendar-date.js";
import { parseCutOff } from "../domain/parse-cut-off.js";
import type { RegisterReview } from "../domain/register.js";
import { parseSnapshot, takeSnapshot, type ReportingSnapshot } from "../domain/reporting-snapshot.js";
import type { StatusKey } from "../domain/status.js";

type Db = PrismaClient | Prisma.TransactionClient;

export interface ReportingPoint {
  id: number;
  name: string;
  cutOff: IsoDate;
  createdBy: string;
  createdAt: Date;
  snapshotAt: Date | null;
}

export type Refused = { ok: false; reason: string };

const NAME_LIMIT = 120;
const POINT_FIELDS = { id: true, name: true, cutOff: true, createdBy: true, createdAt: true, snapshotAt: true } as const;

function audit(db: Db, pointId: number, action: string, actor: string, before: object | null, after: object | null) {
  return db.auditEntry.create({
    data: {
      entityType: "reporting_point", entityId: pointId, action, actor,
      before: before ? JSON.stringify(before) : null, after: after ? JSON.stringify(after) : null,
    },
  });
}

export async function createReportingPoint(
  prisma: PrismaClient,
  input: { name: string; cutOff: string; actor: string },
): Promise<{ ok: true; point: ReportingPoint } | Refused> {
  const name = input.name.replace(/\s+/g, " ").trim();
  if (name.length < 3) return { ok: false, reason: "A reporting point needs a name, e.g. \"Audit Committee 9 January 2024\"." };
  if (name.length > NAME_LIMIT) return { ok: false, reason: `That name is ${name.length} characters: keep it to ${NAME_LIMIT}.` };
  const cutOff = parseCutOff(input.cutOff);
  if (!cutOff.ok) return cutOff;
  const existing = await prisma.reportingPoint.findMany({ select: POINT_FIELDS });
  const sameName = existing.find((p) => p.name.toLowerCase() === name.toLowerCase());
  if (sameName) return { ok: false, reason: `There is already a reporting point called "${sameName.name}" (cut-off ${sameName.cutOff}). Choose another name.` };
  // Two points on one day would make "the previous point" ambiguous.
  const sameDay = existing.find((p) => p.cutOff === cutOff.cutOff);
  if (sameDay) return { ok: false, reason: `"${sameDay.name}" already has the cut-off ${cutOff.cutOff}. A summary runs from one point to the next, so each needs its own date.` };
  try {
    const point = await prisma.$transaction(async (tx) => {
      const created = await tx.reportingPoint.create({ data: { name, cutOff: cutOff.cutOff, createdBy: input.actor }, select: POINT_FIELDS });
      await audit(tx, created.id, "created", input.actor, null, { name, cutOff: cutOff.cutOff });
      return created;
    });
    return { ok: true, point };
  } catch (error) {
    // Another instance named the same point a moment ago: the unique name refuses it.
    if ((error as { code?: string }).code === "P2002") return { ok: false, reason: `There is already a reporting point called "${name}". Choose another name.` };
    throw error;
  }
}

export async function listReportingPoints(db: Db): Promise<ReportingPoint[]> {
  return db.reportingPoint.findMany({ select: POINT_FIELDS, orderBy: [{ cutOff: "asc" }, { id: "asc" }] });
}

/** The point named (case does not matter), or the one with the latest cut-off when no name is given. */
export async function findReportingPoint(db: Db, name?: string | null): Promise<ReportingPoint | null> {
  const points = await listReportingPoints(db);
  if (!name?.trim()) return points[points.length - 1] ?? null;
  const wanted = name.replace(/\s+/g, " ").trim().toLowerCase();
  return points.find((p) => p.name.toLowerCase() === wanted) ?? null;
}

/** "The last report" as of a day: the latest reporting point whose cut-off is on or before it. */
export async function lastReportingPointBy(db: Db, day: IsoDate): Promise<ReportingPoint | null> {
  return db.reportingPoint.findFirst({ where: { cutOff: { lte: day } }, orderBy: [{ cutOff: "desc" }, { id: "desc" }], select: POINT_FIELDS });
}

/** The point before this one: the latest cut-off earlier than its own. */
export async function previousReportingPoint(db: Db, point: Pick<ReportingPoint, "cutOff">): Promise<ReportingPoint | null> {
  return db.reportingPoint.findFirst({ where: { cutOff: { lt: point.cutOff } }, orderBy: { cutOff: "desc" }, select: POINT_FIELDS });
}

/** Where a point's summary starts: the previous point's cut-off, else six months before (the committee's cycle). */
export function periodStart(point: Pick<ReportingPoint, "cutOff">, previous: Pick<ReportingPoint, "cutOff"> | null): IsoDate {
  return previous?.cutOff ?? addMonths(point.cutOff, -6);
}

/** The snapshot recorded for a point; null when none was (or it cannot be read, which is logged by the caller). */
export async function snapshotOf(db: Db, pointId: number): Promise<{ snapshot: ReportingSnapshot | null; problem: string | null }> {
  const row = await db.reportingPoint.findUnique({ where: { id: pointId }, select: { snapshot: true } });
  if (!row?.snapshot) return { snapshot: null, problem: null };
  const parsed = parseSnapshot(row.snapshot);
  return parsed.ok ? { snapshot: parsed.snapshot, problem: null } : { snapshot: null, problem: parsed.reason };
}

/**
 * Records the point's snapshot when its summary is posted. The first post records it; later posts
 * (to other channels) keep it, so the next report's "at last report" is what was first reported.
 * Pass a transaction to queue the summary card in the same commit.
 */
export async function postReportingPoint(
  db: Db,
  input: { point: ReportingPoint; since: IsoDate; register: readonly RegisterReview[]; statusKey: StatusKey; actor: string; now: Date },
): Promise<{ recorded: boolean; snapshotAt: Date; items: number }> {
  const snapshot = takeSnapshot(input.register, {
    name: input.point.name, cutOff: input.point.cutOff, since: input.since, statusKey: input.statusKey, takenAt: input.now,
  });
  // A conditional write first: it takes SQLite's write lock, and two posts at once record one snapshot.
  const { count } = await db.reportingPoint.updateMany({
    where: { id: input.point.id, snapshotAt: null },
    data: { snapshotAt: input.now, snapshot: JSON.stringify(snapshot) },
  });
  if (count === 0) {
    const existing = await db.reportingPoint.findUniqueOrThrow({ where: { id: input.point.id }, select: { snapshotAt: true, snapshot: true } });
    const parsed = parseSnapshot(existing.snapshot);
    return { recorded: false, snapshotAt: existing.snapshotAt ?? input.now, items: parsed.ok ? parsed.snapshot.items.length : 0 };
  }
  await audit(db, input.point.id, "snapshot_recorded", input.actor, { snapshotAt: null }, {
    snapshotAt: input.now.toISOString(), cutOff: input.point.cutOff, since: input.since, items: snapshot.items.length,
    new_reviews: snapshot.counts.new_reviews, new_items: snapshot.counts.new_items,
    ongoing_completed_since: snapshot.counts.ongoing_completed_since, ongoing_in_progress: snapshot.counts.ongoing_in_progress,
  });
  return { recorded: true, snapshotAt: input.now, items: snapshot.items.length };
}
