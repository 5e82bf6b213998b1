/** `export --format docx`: the committee report for a period, written to a file. */
import { writeFile } from "node:fs/promises";
import type { PrismaClient } from "../data/database.js";
import type { IsoDate } from "../domain/calendar-date.js";
import type { StatusKey } from "../domain/status.js";
import type { Logger } from "../logger.js";
import { buildWordReport } from "./build-word-report.js";
import { committeeReportForPeriod } from "./load-committee-report.js";
import type { Refused } from "./reporting-points.js";

export interface WordExport {
  ok: true;
  file: string;
  since: IsoDate;
  as_of: IsoDate;
  committee: string;
  directorates: number;
  bytes: number;
  /** What the improvement team should check or complete before publishing. */
  drafting_notes: string[];
}

export async function exportWordReport(
  prisma: PrismaClient,
  options: { file: string; since?: IsoDate; today: IsoDate; statusKey: StatusKey; logger?: Logger },
): Promise<WordExport | Refused> {
  const loaded = await committeeReportForPeriod(prisma, options);
  if (!loaded.ok) return loaded;
  const body = await buildWordReport(loaded.model);
  await writeFile(options.file, body);
  options.logger?.info({ file: options.file, since: loaded.model.since, asOf: loaded.model.today, bytes: body.length }, "committee report written");
  return {
    ok: true, file: options.file, since: loaded.model.since, as_of: loaded.model.today, committee: loaded.model.meetingLabel,
    directorates: loaded.model.directorates.length, bytes: body.length, drafting_notes: loaded.model.draftingNotes,
  };
}
