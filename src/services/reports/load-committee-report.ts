/**
 * Gathers what the committee report needs (the register, the point, the previous point and its
 * snapshot) and builds the report model: for a named reporting point (the bot, the document links)
 * or for a period given on the command line.
 */
import type { AtRiskSettings } from "../../domain/status/at-risk.js";
import type { Store } from "../../data/database.js";
import { loadRegister } from "../../data/register/register-store.js";
import { loadMeasures } from "../../data/measures/measure-store.js";
import { councilPlanSection } from "../../domain/measures/measure-report.js";
import type { IsoDate } from "../../domain/dates/calendar-date.js";
import { buildCommitteeReport, formatLongDay, type CommitteeReport } from "../../domain/reports/committee-report.js";
import type { RegisterReview } from "../../domain/register/register.js";
import type { StatusKey } from "../../domain/status/status.js";
import type { Logger } from "../../logger.js";
import { lastReport, LastReportBasis, type LastReport } from "../../domain/reports/reporting-period.js";
import { registerRecordedBy } from "../register/register-as-recorded.js";
import { withPeopleNamed } from "./people-in-report.js";
import { listReportingPoints, periodOf, snapshotOf, type Refused, type ReportingPoint } from "./reporting-points.js";

export interface LoadedCommitteeReport {
  model: CommitteeReport;
  register: RegisterReview[];
  point: ReportingPoint | null;
  previous: ReportingPoint | null;
  /** Where the period starts, and why that date ("since the last report", reporting-period.ts). */
  lastReport: LastReport<ReportingPoint>;
}

async function previousWithSnapshot(prisma: Store, previous: ReportingPoint | null, logger?: Logger) {
  if (!previous) return null;
  const { snapshot, problem } = await snapshotOf(prisma, previous.id);
  if (problem)
    logger?.warn(
      { reportingPoint: previous.name, problem },
      "the previous point's snapshot cannot be read: using completion dates",
    );
  return { name: previous.name, cutOff: previous.cutOff, meetingDate: previous.meetingDate, snapshot };
}

/** The settings the slippage tables read (REPEAT_EXTENSION_THRESHOLD, PRIORITY_LABELS, the at-risk rule). */
export type ReportSettings = Pick<ReportOptions, "atRisk" | "repeatThreshold" | "priorityLabels">;

export interface ReportOptions {
  statusKey: StatusKey;
  /** LAST_REPORT_DATE: where the first period starts when no earlier point is recorded. */
  configuredLastReport?: IsoDate | null;
  register?: RegisterReview[];
  logger?: Logger;
  /** AT_RISK_WORKING_DAYS and AT_RISK_STALE_DAYS; absent, the defaults. */
  atRisk?: AtRiskSettings;
  /** REPEAT_EXTENSION_THRESHOLD; absent, the default. */
  repeatThreshold?: number;
  /** PRIORITY_LABELS, highest first; absent, the defaults. */
  priorityLabels?: readonly string[];
}

/** The settings the report's slippage tables read, as given. */
function slippageOptions(options: ReportOptions) {
  return {
    ...(options.atRisk ? { atRisk: options.atRisk } : {}),
    ...(options.repeatThreshold !== undefined ? { repeatThreshold: options.repeatThreshold } : {}),
    ...(options.priorityLabels ? { priorityLabels: options.priorityLabels } : {}),
  };
}

/** The report for a named point: figures as at its cut-off (or `asAt`, for a draft before it), headed with its meeting. */
export async function committeeReportForPoint(
  prisma: Store,
  point: ReportingPoint,
  options: ReportOptions & { asAt?: IsoDate },
): Promise<LoadedCommitteeReport> {
  const [loaded, period] = await Promise.all([
    options.register ?? loadRegister(prisma),
    periodOf(prisma, point, options.configuredLastReport ?? null),
  ]);
  const today = options.asAt && options.asAt < point.cutOff && options.asAt > period.date ? options.asAt : point.cutOff;
  const register = await registerRecordedBy(prisma, loaded, today);
  const model = buildCommitteeReport({
    register: await withPeopleNamed(prisma, register),
    today,
    since: period.date,
    statusKey: options.statusKey,
    point: { name: point.name, meetingDate: point.meetingDate },
    previous: await previousWithSnapshot(prisma, period.point, options.logger),
    // No earlier point: the first report, whose extension table lists every request so far.
    firstReport: period.point === null,
    ...slippageOptions(options),
  });
  model.councilPlan = councilPlanSection(await loadMeasures(prisma), register, today);
  if (today !== point.cutOff) {
    model.draftingNotes.unshift(
      `A draft: the cut-off (${formatLongDay(point.cutOff)}) has not passed, so the figures are as at ${formatLongDay(today)}.`,
    );
  }
  return { model, register, point, previous: period.point, lastReport: period };
}

/**
 * A report for a period (`export --format docx --since`): `today` is the as-of date; `since` defaults
 * to the last report before it. A point whose cut-off is `since` supplies its snapshot; one whose
 * cut-off is `today` supplies the meeting.
 */
export async function committeeReportForPeriod(
  prisma: Store,
  options: ReportOptions & { since?: IsoDate; today: IsoDate },
): Promise<({ ok: true } & LoadedCommitteeReport) | Refused> {
  const points = await listReportingPoints(prisma);
  const fromLastReport = lastReport(points, options.today, options.configuredLastReport ?? null);
  const since = options.since ?? fromLastReport.date;
  if (since >= options.today) return { ok: false, reason: `--since ${since} must be before --as-of ${options.today}.` };
  const previous = options.since ? (points.find((p) => p.cutOff === options.since) ?? null) : fromLastReport.point;
  const used: LastReport<ReportingPoint> = options.since
    ? { date: since, basis: previous ? LastReportBasis.point : LastReportBasis.configured, point: previous }
    : fromLastReport;
  const point = points.find((p) => p.cutOff === options.today) ?? null;
  const register = await registerRecordedBy(prisma, options.register ?? (await loadRegister(prisma)), options.today);
  const recorded = await previousWithSnapshot(prisma, previous, options.logger);
  const model = buildCommitteeReport({
    register: await withPeopleNamed(prisma, register),
    today: options.today,
    since,
    statusKey: options.statusKey,
    point: { name: point?.name ?? null, meetingDate: point?.meetingDate ?? null },
    previous: recorded ?? { name: null, cutOff: since, snapshot: null },
    firstReport: previous === null && options.since === undefined,
    ...slippageOptions(options),
  });
  model.councilPlan = councilPlanSection(await loadMeasures(prisma), register, options.today);
  return { ok: true, model, register, point, previous, lastReport: used };
}
