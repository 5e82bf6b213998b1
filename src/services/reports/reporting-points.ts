/**
 * Reporting points: the improvement team names each committee meeting ("Audit Committee 28 January
 * 2027") with the cut-off its figures are taken at; a summary covers the time since the last report
 * (reporting-period.ts); posting a summary, once the cut-off has passed, records a snapshot of the
 * register as at the cut-off, once, so later reports rest on what was reported. Every change is
 * written with its audit entry in one transaction.
 */
import type { Store, Tx } from "../../data/database.js";
import {
  auditReportingPoint,
  insertReportingPoint,
  recordSnapshotOnce,
  reportingPointRow,
  reportingPointRows,
  storedSnapshot,
  type ReportingPointRow,
} from "../../data/reports/reporting-point-store.js";
import { formatDay, londonDate, type IsoDate } from "../../domain/dates/calendar-date.js";
import { formatLongDay } from "../../domain/reports/committee-report.js";
import { parseCutOff } from "../../domain/dates/parse-cut-off.js";
import {
  cutOffHasPassed,
  lastReport,
  meetingDateOf,
  periodStart,
  splitMeetingName,
  summaryPostableFrom,
  type LastReport,
} from "../../domain/reports/reporting-period.js";
import type { RegisterReview } from "../../domain/register/register.js";
import {
  parseSnapshot,
  snapshotCounts,
  takeSnapshot,
  type ReportingSnapshot,
  type SnapshotCounts,
} from "../../domain/reports/reporting-snapshot.js";
import type { StatusKey } from "../../domain/status/status.js";

export interface ReportingPoint {
  id: number;
  name: string;
  /** The day the meeting sits: what the report's cover and headings name. */
  meetingDate: IsoDate;
  /** The figures are as at the end of this day: what periods and snapshots use. */
  cutOff: IsoDate;
  createdBy: string;
  createdAt: Date;
  snapshotAt: Date | null;
}

export type Refused = { ok: false; reason: string };

const NAME_LIMIT = 120;
export const EXAMPLE_POINT_NAME = "Audit Committee 28 January 2027";

/** A stored point, its meeting date read from its name when it was named before the date was kept. */
function toPoint(row: ReportingPointRow): ReportingPoint;
function toPoint(row: ReportingPointRow | null): ReportingPoint | null;
function toPoint(row: ReportingPointRow | null): ReportingPoint | null {
  return row ? { ...row, meetingDate: meetingDateOf(row) } : null;
}

export async function createReportingPoint(
  store: Store,
  input: { name: string; cutOff: string; actor: string },
): Promise<{ ok: true; point: ReportingPoint } | Refused> {
  const typed = input.name.replace(/\s+/g, " ").trim();
  if (typed.length < 3)
    return { ok: false, reason: `A reporting point needs the meeting's name and date, e.g. "${EXAMPLE_POINT_NAME}".` };
  if (typed.length > NAME_LIMIT)
    return { ok: false, reason: `That name is ${typed.length} characters: keep it to ${NAME_LIMIT}.` };
  const cutOff = parseCutOff(input.cutOff);
  if (!cutOff.ok) return cutOff;
  const meeting = splitMeetingName(typed);
  if (!meeting || meeting.committee.length < 3) {
    return {
      ok: false,
      reason: `"${typed}" does not end with the meeting's date: give the meeting's name and then its date, e.g. "${EXAMPLE_POINT_NAME}".`,
    };
  }
  const name = `${meeting.committee} ${formatLongDay(meeting.meetingDate)}`;
  const existing = await reportingPointRows(store);
  const sameName = existing.find((p) => p.name.toLowerCase() === name.toLowerCase());
  if (sameName)
    return {
      ok: false,
      reason: `There is already a reporting point called "${sameName.name}" (cut-off ${sameName.cutOff}). Choose another name.`,
    };
  // The cut-off is when the figures are taken for the meeting, so it cannot come after it.
  if (cutOff.cutOff > meeting.meetingDate) {
    return {
      ok: false,
      reason: `The cut-off (${formatDay(cutOff.cutOff)}) is after the meeting (${formatDay(meeting.meetingDate)}): the figures are taken on or before the meeting's date.`,
    };
  }
  // Two points on one day would make "the previous point" ambiguous.
  const sameDay = existing.find((p) => p.cutOff === cutOff.cutOff);
  if (sameDay)
    return {
      ok: false,
      reason: `"${sameDay.name}" already has the cut-off ${cutOff.cutOff}. A summary runs from one point to the next, so each needs its own date.`,
    };
  const created = await insertReportingPoint(store, {
    name,
    meetingDate: meeting.meetingDate,
    cutOff: cutOff.cutOff,
    createdBy: input.actor,
  });
  // Another instance named the same point a moment ago: the unique name refused this one.
  if (!created)
    return { ok: false, reason: `There is already a reporting point called "${name}". Choose another name.` };
  return { ok: true, point: toPoint(created) };
}

export async function listReportingPoints(db: Store | Tx): Promise<ReportingPoint[]> {
  const rows = await reportingPointRows(db);
  return rows.map((row) => toPoint(row));
}

export async function reportingPointById(db: Store | Tx, id: number): Promise<ReportingPoint | null> {
  return toPoint(await reportingPointRow(db, id));
}

/** The point named (case does not matter), or the one with the latest cut-off when no name is given. */
export async function findReportingPoint(db: Store | Tx, name?: string | null): Promise<ReportingPoint | null> {
  const points = await listReportingPoints(db);
  if (!name?.trim()) return points[points.length - 1] ?? null;
  const wanted = name.replace(/\s+/g, " ").trim().toLowerCase();
  return points.find((p) => p.name.toLowerCase() === wanted) ?? null;
}

/** "Since the last report" on a day (reporting-period.ts's one definition), from the points recorded. */
export async function lastReportAsOf(
  db: Store | Tx,
  asOf: IsoDate,
  configured: IsoDate | null,
): Promise<LastReport<ReportingPoint>> {
  return lastReport(await listReportingPoints(db), asOf, configured);
}

/** Where a point's summary starts, and the earlier point it starts from (null when none is recorded). */
export async function periodOf(
  db: Store | Tx,
  point: Pick<ReportingPoint, "name" | "cutOff">,
  configured: IsoDate | null,
): Promise<LastReport<ReportingPoint>> {
  return periodStart(await listReportingPoints(db), point, configured);
}

/** The snapshot recorded for a point; null when none was (or it cannot be read, which is logged by the caller). */
export async function snapshotOf(
  db: Store | Tx,
  pointId: number,
): Promise<{ snapshot: ReportingSnapshot | null; problem: string | null }> {
  const row = await storedSnapshot(db, pointId);
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
  db: Store | Tx,
  input: {
    point: ReportingPoint;
    since: IsoDate;
    register: readonly RegisterReview[];
    statusKey: StatusKey;
    actor: string;
    now: Date;
  },
): Promise<({ ok: true; recorded: boolean; snapshotAt: Date } & SnapshotCounts) | Refused> {
  // Before the cut-off the figures are not final: a snapshot then would be reported as if they were.
  if (!cutOffHasPassed(input.point.cutOff, londonDate(input.now))) return notYetPostable(input.point);
  const snapshot = takeSnapshot(input.register, {
    name: input.point.name,
    cutOff: input.point.cutOff,
    since: input.since,
    statusKey: input.statusKey,
    takenAt: input.now,
  });
  // A conditional write first: it takes SQLite's write lock, and two posts at once record one snapshot.
  const recorded = await recordSnapshotOnce(db, input.point.id, input.now, JSON.stringify(snapshot));
  if (!recorded) {
    const existing = await storedSnapshot(db, input.point.id);
    if (!existing) throw new Error(`reporting point ${input.point.id} is no longer in the database`);
    const parsed = parseSnapshot(existing.snapshot);
    return {
      ok: true,
      recorded: false,
      snapshotAt: existing.snapshotAt ?? input.now,
      ...(parsed.ok ? snapshotCounts(parsed.snapshot) : { items: 0, milestones: 0 }),
    };
  }
  await auditReportingPoint(
    db,
    input.point.id,
    "snapshot_recorded",
    input.actor,
    { snapshotAt: null },
    {
      snapshotAt: input.now.toISOString(),
      cutOff: input.point.cutOff,
      since: input.since,
      ...snapshotCounts(snapshot),
      new_reviews: snapshot.counts.new_reviews,
      new_items: snapshot.counts.new_items,
      ongoing_completed_since: snapshot.counts.ongoing_completed_since,
      ongoing_in_progress: snapshot.counts.ongoing_in_progress,
    },
  );
  return { ok: true, recorded: true, snapshotAt: input.now, ...snapshotCounts(snapshot) };
}

/** Why a point's summary cannot be posted yet, and from when it can. */
export function notYetPostable(point: Pick<ReportingPoint, "name" | "cutOff">): Refused {
  return {
    ok: false,
    reason:
      `The cut-off for ${point.name} is ${formatDay(point.cutOff)}, so its figures are not final yet. ` +
      `Its summary can be posted, and its snapshot taken, from ${formatDay(summaryPostableFrom(point.cutOff))}.`,
  };
}
