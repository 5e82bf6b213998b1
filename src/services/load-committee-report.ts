/**
 * Gathers what the committee report needs (the register, the point, the previous point and its
 * snapshot) and builds the report model: for a named reporting point (the bot, the document links)
 * or for a period given on the command line.
 */
import type { PrismaClient } from "../data/database.js";
import { loadRegister } from "../data/register-store.js";
import type { IsoDate } from "../domain/calendar-date.js";
import { buildCommitteeReport, type CommitteeReport } from "../domain/committee-report.js";
import type { RegisterReview } from "../domain/register.js";
import type { StatusKey } from "../domain/status.js";
import type { Logger } from "../logger.js";
import { listReportingPoints, periodStart, previousReportingPoint, snapshotOf, type Refused, type ReportingPoint } from "./reporting-points.js";

export interface LoadedCommitteeReport {
  model: CommitteeReport;
  register: RegisterReview[];
  point: ReportingPoint | null;
  previous: ReportingPoint | null;
}

async function previousWithSnapshot(prisma: PrismaClient, previous: ReportingPoint | null, logger?: Logger) {
  if (!previous) return null;
  const { snapshot, problem } = await snapshotOf(prisma, previous.id);
  if (problem) logger?.warn({ reportingPoint: previous.name, problem }, "the previous point's snapshot cannot be read: using completion dates");
  return { name: previous.name, cutOff: previous.cutOff, snapshot };
}

export async function committeeReportForPoint(
  prisma: PrismaClient,
  point: ReportingPoint,
  options: { statusKey: StatusKey; register?: RegisterReview[]; logger?: Logger },
): Promise<LoadedCommitteeReport> {
  const [register, previous] = await Promise.all([options.register ?? loadRegister(prisma), previousReportingPoint(prisma, point)]);
  const model = buildCommitteeReport({
    register, today: point.cutOff, since: periodStart(point, previous), statusKey: options.statusKey,
    point: { name: point.name }, previous: await previousWithSnapshot(prisma, previous, options.logger),
  });
  return { model, register, point, previous };
}

/**
 * A report for a period (`export --format docx`): `today` is the as-of date; `since` defaults to the
 * latest reporting point before it. A point whose cut-off is `since` supplies its snapshot; one whose
 * cut-off is `today` supplies the committee's name.
 */
export async function committeeReportForPeriod(
  prisma: PrismaClient,
  options: { since?: IsoDate; today: IsoDate; statusKey: StatusKey; logger?: Logger },
): Promise<({ ok: true } & LoadedCommitteeReport) | Refused> {
  const points = await listReportingPoints(prisma);
  const earlier = points.filter((p) => p.cutOff < options.today);
  const previous = options.since ? points.find((p) => p.cutOff === options.since) ?? null : earlier[earlier.length - 1] ?? null;
  const since = options.since ?? previous?.cutOff;
  if (!since) return { ok: false, reason: "--since is required: no reporting point before --as-of is recorded to start the period from." };
  if (since >= options.today) return { ok: false, reason: `--since ${since} must be before --as-of ${options.today}.` };
  const point = points.find((p) => p.cutOff === options.today) ?? null;
  const register = await loadRegister(prisma);
  const recorded = await previousWithSnapshot(prisma, previous, options.logger);
  const model = buildCommitteeReport({
    register, today: options.today, since, statusKey: options.statusKey,
    point: { name: point?.name ?? null },
    previous: recorded ?? { name: null, cutOff: since, snapshot: null },
  });
  return { ok: true, model, register, point, previous };
}
