/**
 * The command line (DESIGN.md section 6). Every command takes --json (stdout then holds only the JSON
 * document) and --as-of YYYY-MM-DD (what "today" is). Collaborators are passed in so tests run it in-process.
 */
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { atRiskSettingsOf, importFileLimitsOf, reportSettingsOf, type Config } from "../config.js";
import { openDatabase, type Store } from "../data/database.js";
import { loadRegister } from "../data/register/register-store.js";
import { formatDay, isIsoDate, londonDate, type IsoDate } from "../domain/dates/calendar-date.js";
import { isWithinAcceptedWindow, outsideWindowReason } from "../domain/dates/date-window.js";
import { plural } from "../domain/text/readable-text.js";
import { findDirectorate, DIRECTORATE_CHOICES } from "../domain/register/directorates.js";
import { ItemKind } from "../domain/register/item-kinds.js";
import { countPeriod, type PeriodSummaryCounts } from "../domain/reports/period-summary.js";
import { listItemStatuses, toSummaryReviewWithRisk, type ItemStatusLine } from "../domain/register/register.js";
import { STATUS_LABELS, STATUS_VALUES, type Status } from "../domain/status/status.js";
import { describeLastReport } from "../domain/reports/reporting-period.js";
import { trackerDateFromFileName } from "../domain/dates/tracker-date.js";
import type { ImportReport } from "../services/imports/import-register.js";
import { placeOf } from "../domain/imports/report.js";
import { writeJsonArray } from "./json-array-output.js";
import { TextEncoding } from "../domain/text/text-encoding.js";
import type { Logger } from "../logger.js";

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  config: Config;
  logger: Logger;
  now: () => Date;
}

export const USAGE = `Usage: npm run tracker -- <command> [options]

Commands:
  import <file.csv|file.xlsx> [--dry-run]   import the register (canonical columns or the May 2025 tracker's layout);
                                            recorded statuses are compared with the status key as at --as-of,
                                            else the date in the file's name ("tracker May 2025.xlsx"), else today
  status [--directorate X] [--status S]     every item with its computed status and the rule that gave it
  summary [--since YYYY-MM-DD]              the period summary's counts since --since (default: since the last
                                            report, the latest reporting point whose cut-off is before --as-of)
  export --format csv|xlsx --out FILE       the register in the tracker's layout, with computed status
  export --format docx --out FILE [--point NAME | --since YYYY-MM-DD]
                                            the committee report (D0's structure) for a reporting point, or for the
                                            period from --since to --as-of (default: the latest reporting point; a
                                            draft as at --as-of before its cut-off; with none named, the period
                                            since the last report)
  calendar                                  the inspection calendar, soonest expected first (import it with import)
  calendar link --regime R --review TITLE   link an event's review to its regime: the calendar rolls on (last event =
                                            the review's date, next = a cycle later) and its follow-ups become actions
  remind [--dry-run]                        which reminders and escalations are due, per owner; without --dry-run, send them
  copy --to URL [--from URL]                copy the whole register (history, queue and settings included) from
                                            --from (default: DATABASE_URL) into the empty database --to, e.g.
                                            --to postgresql://user:password@host:5432/tracker?sslmode=require

Options for every command:
  --json             machine-readable output on stdout
  --as-of YYYY-MM-DD what "today" is (default: today in Europe/London)`;

class UsageError extends Error {}

function parseDateOption(name: string, value: string | undefined, fallback: IsoDate | null): IsoDate {
  if (value === undefined) {
    if (fallback) return fallback;
    throw new UsageError(`--${name} is required: give a date as YYYY-MM-DD`);
  }
  if (!isIsoDate(value)) throw new UsageError(`--${name} "${value}" is not a date: use YYYY-MM-DD, e.g. 2025-05-15`);
  if (!isWithinAcceptedWindow(value)) throw new UsageError(`--${name}: ${outsideWindowReason(value)}`);
  return value;
}

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        json: { type: "boolean", default: false },
        "as-of": { type: "string" },
        "dry-run": { type: "boolean", default: false },
        directorate: { type: "string" },
        status: { type: "string" },
        since: { type: "string" },
        point: { type: "string" },
        format: { type: "string" },
        out: { type: "string" },
        from: { type: "string" },
        to: { type: "string" },
        regime: { type: "string" },
        review: { type: "string" },
        help: { type: "boolean", short: "h", default: false },
      },
    });
  } catch (error) {
    io.stderr(`${(error as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [command, ...rest] = positionals;
  if (values.help || !command) {
    (values.help ? io.stdout : io.stderr)(`${USAGE}\n`);
    return values.help ? 0 : 2;
  }

  let prisma: Store | undefined;
  try {
    const today = parseDateOption("as-of", values["as-of"], londonDate(io.now()));
    const emit = (json: unknown, text: () => string) =>
      io.stdout(values.json ? `${JSON.stringify(json, null, 2)}\n` : `${text()}\n`);
    const database = async () => (prisma ??= await openDatabase(io.config.DATABASE_URL));

    switch (command) {
      case "import": {
        const file = rest[0];
        if (!file) throw new UsageError("import needs a file: npm run tracker -- import register.csv");
        const actor = `${os.userInfo().username} (import ${path.basename(file)})`;
        // A tracker is right as at its own date: compare its recorded statuses then, not today.
        const fromName = trackerDateFromFileName(file);
        const comparedAsAt = values["as-of"] !== undefined ? today : (fromName ?? today);
        const asOfReason =
          values["as-of"] !== undefined
            ? "--as-of"
            : fromName
              ? "the date in the file's name"
              : "today: the file's name gives no date (give --as-of YYYY-MM-DD for the tracker's own date)";
        // Each command loads its own services: `status` starts without the import and export libraries.
        const { importRegister } = await import("../services/imports/import-register.js");
        const { liveCardSourcesOf, queueLiveCardEdits } = await import("../services/live-cards/redraw-live-cards.js");
        const store = await database();
        const report = await importRegister(store, {
          file,
          dryRun: values["dry-run"],
          actor,
          today: comparedAsAt,
          now: io.now(),
          priorityLabels: io.config.PRIORITY_LABELS,
          limits: importFileLimitsOf(io.config),
          // The bot's dispatcher sends the edits of the messages showing what changed.
          afterWrite: async (itemIds) => {
            const { RegisterSnapshots } = await import("../services/register/register-snapshots.js");
            const sources = liveCardSourcesOf(io.config, store, new RegisterSnapshots(store));
            const edits = await queueLiveCardEdits(sources, itemIds, io.now());
            io.logger.info({ ...edits }, "messages showing imported changes queued for redrawing");
          },
        });
        io.logger.info(
          {
            file,
            ok: report.ok,
            reviews: report.reviews,
            items: report.items,
            milestones: report.milestones,
            errors: report.errors.length,
            asOf: comparedAsAt,
          },
          "import finished",
        );
        if (report.file_problem !== null) {
          // One sentence saying what to do, whichever way the file could not be read.
          emit(
            { ok: false, file, error: report.file_problem },
            () => `Nothing imported from ${file}: ${report.file_problem}.`,
          );
          return 1;
        }
        const dated = { ...report, as_of: comparedAsAt, as_of_reason: asOfReason };
        emit(dated, () =>
          report.ok
            ? `${describeImport(report)}\nRecorded statuses compared as at ${formatDay(comparedAsAt)} (${asOfReason}).`
            : describeImport(report),
        );
        return report.ok ? 0 : 1;
      }
      case "status": {
        let directorateId: string | undefined;
        if (values.directorate) {
          directorateId = findDirectorate(values.directorate)?.id;
          if (!directorateId)
            throw new UsageError(
              `--directorate "${values.directorate}" is not one I know: use one of ${DIRECTORATE_CHOICES}`,
            );
        }
        const status = values.status as Status | undefined;
        if (status && !STATUS_VALUES.includes(status))
          throw new UsageError(`--status "${status}" must be one of ${STATUS_VALUES.join(", ")}`);
        const lines = listItemStatuses(await loadRegister(await database()), today, { directorateId, status });
        // Written in pieces: one string of 100,000 items' JSON would be tens of MB on top of the items.
        if (values.json) writeJsonArray(lines, io.stdout);
        else
          emit(
            lines,
            () =>
              lines
                .map(
                  (l) =>
                    `${l.directorate}\t${l.review_title}\t${itemLabel(l)}\t${STATUS_LABELS[l.status]}\t${l.reason}`,
                )
                .join("\n") || "No items match.",
          );
        return 0;
      }
      case "summary": {
        let since: IsoDate;
        let sinceReason: string;
        if (values.since === undefined) {
          // Without --since: since the last report, as answers and the summary card mean it.
          const { lastReportAsOf } = await import("../services/reports/reporting-points.js");
          const last = await lastReportAsOf(await database(), today, io.config.LAST_REPORT_DATE ?? null);
          since = last.date;
          sinceReason = describeLastReport(last);
        } else {
          since = parseDateOption("since", values.since, null);
          sinceReason = `${formatDay(since)} (--since)`;
        }
        if (since > today) throw new UsageError(`--since ${since} is after --as-of ${today}`);
        const counts = countPeriod(
          (await loadRegister(await database())).map(toSummaryReviewWithRisk(atRiskSettingsOf(io.config), today)),
          since,
          today,
        );
        emit({ ...counts, since_reason: sinceReason }, () => `Since ${sinceReason}\n${describeSummary(counts)}`);
        return 0;
      }
      case "export": {
        const format = values.format;
        if (format !== "csv" && format !== "xlsx" && format !== "docx")
          throw new UsageError(`--format must be csv, xlsx or docx (got ${format ?? "nothing"})`);
        if (!values.out) throw new UsageError("--out FILE is required: where to write the export");
        if (values.point !== undefined && format !== "docx")
          throw new UsageError("--point is for --format docx: the committee report for that reporting point");
        if (format === "docx") {
          if (values.point !== undefined && values.since !== undefined)
            throw new UsageError(
              "give --point or --since, not both: a point's report starts at the last report before it",
            );
          const since = values.since === undefined ? undefined : parseDateOption("since", values.since, null);
          // Loaded only here: the other commands do not need the Word library.
          const { exportWordReport } = await import("../services/reports/export-word-report.js");
          const written = await exportWordReport(await database(), {
            file: values.out,
            point: values.point,
            since,
            today,
            statusKey: io.config.STATUS_KEY,
            configuredLastReport: io.config.LAST_REPORT_DATE ?? null,
            logger: io.logger,
            settings: reportSettingsOf(io.config),
          });
          if (!written.ok) throw new UsageError(written.reason);
          emit({ ...written, format }, () =>
            [
              `Wrote the committee report for ${written.committee} (${formatDay(written.since)} to ${formatDay(written.as_of)}) to ${written.file}`,
              `  used ${written.used}`,
              ...written.drafting_notes.map((n) => `  to check: ${n}`),
            ].join("\n"),
          );
          return 0;
        }
        const { buildExportRows, writeCsvExport, writeXlsxExport } =
          await import("../services/reports/export-register.js");
        const rows = buildExportRows(await loadRegister(await database()), today, io.config.STATUS_KEY);
        if (format === "csv") await writeCsvExport(values.out, rows);
        else await writeXlsxExport(values.out, rows, `Recommendations register as of ${today}`);
        // Milestones are steps of items, never counted as items.
        const items = rows.filter((r) => r.kind === "item" && !r.milestone).length;
        const milestones = rows.filter((r) => r.kind === "item" && r.milestone).length;
        emit(
          { file: values.out, format, items, milestones, as_of: today },
          () => `Wrote ${plural(items, "item")} and ${plural(milestones, "milestone")} to ${values.out}`,
        );
        return 0;
      }
      case "calendar": {
        const { runCalendar } = await import("./calendar-command.js");
        const result = await runCalendar(await database(), rest[0], { ...values, now: io.now(), today });
        if (result.usage) throw new UsageError(result.usage);
        emit(result.json, () => result.text);
        return result.code;
      }
      case "remind": {
        const { runRemind, describeRemind } = await import("./remind-command.js");
        const report = await runRemind(await database(), io, {
          dryRun: values["dry-run"],
          asOf: values["as-of"] === undefined ? null : today,
        });
        emit(report, () => describeRemind(report, io.config));
        return 0;
      }
      case "copy": {
        if (!values.to) throw new UsageError("copy needs --to: the empty database to copy the register into");
        const [{ copyRegister }, { describeCopy }] = await Promise.all([
          import("../services/register/copy-register.js"),
          import("./copy-command.js"),
        ]);
        const outcome = await copyRegister({
          from: values.from ?? io.config.DATABASE_URL,
          to: values.to,
          logger: io.logger,
        });
        if (values.json) emit(outcome, () => "");
        else (outcome.ok ? io.stdout : io.stderr)(`${describeCopy(outcome)}\n`);
        return outcome.ok ? 0 : 1;
      }
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`${error.message}\n\n${USAGE}\n`);
      return 2;
    }
    throw error;
  } finally {
    await prisma?.$disconnect();
  }
}

function describeImport(report: ImportReport): string {
  const lines: string[] = [];
  if (!report.ok) {
    lines.push(
      `Nothing imported: ${plural(report.errors.length, "problem")} in ${report.file}. Fix these and import again:`,
    );
    for (const e of report.errors) lines.push(`  ${placeOf(e)}: ${e.message}`);
    lines.push(...unreadTables(report));
    return lines.join("\n");
  }
  const verb = report.dry_run ? "Would import" : "Imported";
  lines.push(`${verb} ${report.file} (${report.layout} layout, ${plural(report.rows, "row")}):`);
  for (const t of report.tables?.read ?? [])
    lines.push(
      `  table ${t.table} read as the ${t.layout} (${plural(t.rows, "row")})${t.unused.length ? `; not used: ${t.unused.join(", ")}` : ""}`,
    );
  if (report.encoding && report.encoding !== TextEncoding.utf8) {
    lines.push(
      `  read as ${report.encoding.toUpperCase()}, not UTF-8: check that accented letters, £ and dashes came through as written`,
    );
  }
  if (report.regimes) {
    const r = report.regimes;
    lines.push(`  inspection calendar regimes: ${r.created} new, ${r.updated} changed, ${r.unchanged} unchanged`);
    return lines.join("\n");
  }
  lines.push(
    `  reviews: ${report.reviews.created} new, ${report.reviews.updated} changed, ${report.reviews.unchanged} unchanged`,
  );
  lines.push(
    `  items:   ${report.items.created} new, ${report.items.updated} changed, ${report.items.unchanged} unchanged`,
  );
  const { milestones } = report;
  if (milestones.created + milestones.updated + milestones.unchanged > 0)
    lines.push(
      `  milestones: ${milestones.created} new, ${milestones.updated} changed, ${milestones.unchanged} unchanged (steps of items, not counted as items)`,
    );
  if (report.disagreements.length) {
    lines.push(
      `${plural(report.disagreements.length, "recorded status", "recorded statuses")} ${report.disagreements.length === 1 ? "differs" : "differ"} from the status key (both kept):`,
    );
    for (const d of report.disagreements) lines.push(`  ${placeOf(d)}: ${d.review_title} / ${d.item_ref}: ${d.reason}`);
  }
  lines.push(...unreadTables(report));
  return lines.join("\n");
}

/** A Word document's tables that were not read, each with its heading row: never passed over in silence. */
function unreadTables(report: ImportReport): string[] {
  return (report.tables?.unread ?? []).map(
    (t) => `  table ${t.table} not read (${t.headings.join(" | ") || "no headings"}): ${t.reason}`,
  );
}

function describeSummary(c: PeriodSummaryCounts): string {
  return [
    `Period ${formatDay(c.since)} to ${formatDay(c.as_of)}`,
    `New reviews: ${c.new_reviews}, raising ${plural(c.new_items, "item")}: ${c.new_items_complete} complete, ${c.new_items_in_progress} in progress, ${c.new_items_not_started} not yet started.`,
    `Ongoing items: ${c.ongoing_completed_since} completed since the last report; ${c.ongoing_in_progress} in progress, ${c.ongoing_delayed} of them delayed (${c.ongoing_significant_delay} more than 12 months).`,
    ...Object.entries(c.by_directorate).map(
      ([d, x]) =>
        `  ${d}: ${plural(x.new_reviews, "new review")} (${plural(x.new_items, "item")}); ongoing ${x.ongoing_completed_since} completed since, ${x.ongoing_in_progress} in progress, ${x.ongoing_delayed} delayed`,
    ),
  ].join("\n");
}

/** An item's reference as `status` prints it: a milestone says whose step it is. */
function itemLabel(line: ItemStatusLine): string {
  return line.item_kind === ItemKind.milestone ? `${line.item_ref} (milestone of ${line.parent_ref})` : line.item_ref;
}
