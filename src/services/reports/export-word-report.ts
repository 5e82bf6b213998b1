/**
 * `export --format docx`: the committee report written to a file, for a named reporting point, for
 * the period from --since, or (given neither) for the latest reporting point, else for the period
 * since the last report. It says which it used, so nobody has to guess what the paper covers.
 */
import { writeFile } from "node:fs/promises";
import type { Store } from "../../data/database.js";
import { formatDay, type IsoDate } from "../../domain/dates/calendar-date.js";
import { describeLastReport } from "../../domain/reports/reporting-period.js";
import type { StatusKey } from "../../domain/status/status.js";
import type { Logger } from "../../logger.js";
import { buildWordReport } from "./build-word-report.js";
import { inspectionsExpectedPart } from "../calendar/expected-inspections.js";
import {
  committeeReportForPeriod,
  committeeReportForPoint,
  type LoadedCommitteeReport,
  type ReportSettings,
} from "./load-committee-report.js";
import { findReportingPoint, listReportingPoints, type Refused } from "./reporting-points.js";

export interface WordExport {
  ok: true;
  file: string;
  since: IsoDate;
  as_of: IsoDate;
  committee: string;
  /** The reporting point the report is for, or null for a period that is no point's. */
  reporting_point: string | null;
  meeting_date: IsoDate;
  /** In words: which point or period was used, and why. */
  used: string;
  directorates: number;
  bytes: number;
  /** What the improvement team should check or complete before publishing. */
  drafting_notes: string[];
}

export interface WordExportOptions {
  file: string;
  /** A reporting point's name: its report. */
  point?: string;
  /** The start of a period ending on `today`: the report for that period. */
  since?: IsoDate;
  today: IsoDate;
  statusKey: StatusKey;
  /** LAST_REPORT_DATE */
  configuredLastReport?: IsoDate | null;
  logger?: Logger;
  /** The slippage tables' settings; absent, the defaults. */
  settings?: ReportSettings;
}

async function loadReport(
  prisma: Store,
  options: WordExportOptions,
): Promise<({ ok: true; used: string } & LoadedCommitteeReport) | Refused> {
  const common = {
    ...options.settings,
    statusKey: options.statusKey,
    configuredLastReport: options.configuredLastReport ?? null,
    logger: options.logger,
  };
  if (options.since === undefined) {
    const point = await findReportingPoint(prisma, options.point);
    if (point) {
      const loaded = await committeeReportForPoint(prisma, point, { ...common, asAt: options.today });
      const which = options.point ? `the reporting point ${point.name}` : `the latest reporting point, ${point.name}`;
      const asAt =
        loaded.model.today === point.cutOff
          ? `figures as at its cut-off, ${formatDay(point.cutOff)}`
          : `a draft with figures as at ${formatDay(loaded.model.today)}, as its cut-off (${formatDay(point.cutOff)}) has not passed`;
      return { ok: true, ...loaded, used: `${which}: ${asAt}, since ${describeLastReport(loaded.lastReport)}` };
    }
    if (options.point) {
      const known = (await listReportingPoints(prisma)).map((p) => p.name);
      return {
        ok: false,
        reason: `There is no reporting point called "${options.point}". ${known.length ? `The reporting points are: ${known.join("; ")}.` : "None is named yet."}`,
      };
    }
  }
  const loaded = await committeeReportForPeriod(prisma, { ...common, since: options.since, today: options.today });
  if (!loaded.ok) return loaded;
  const start =
    options.since === undefined ? describeLastReport(loaded.lastReport) : `${formatDay(options.since)} (--since)`;
  const none = options.since === undefined ? "no reporting point is named, so " : "";
  return { ...loaded, used: `${none}the period to ${formatDay(options.today)}, from ${start}` };
}

export async function exportWordReport(prisma: Store, options: WordExportOptions): Promise<WordExport | Refused> {
  const loaded = await loadReport(prisma, options);
  if (!loaded.ok) return loaded;
  const { model } = loaded;
  const body = await buildWordReport(model, {
    inspectionsExpected: await inspectionsExpectedPart(prisma, model.today),
  });
  await writeFile(options.file, body);
  options.logger?.info(
    { file: options.file, since: model.since, asOf: model.today, bytes: body.length },
    "committee report written",
  );
  return {
    ok: true,
    file: options.file,
    since: model.since,
    as_of: model.today,
    committee: model.meetingLabel,
    reporting_point: loaded.point?.name ?? null,
    meeting_date: model.meetingDate,
    used: loaded.used,
    directorates: model.directorates.length,
    bytes: body.length,
    drafting_notes: model.draftingNotes,
  };
}
