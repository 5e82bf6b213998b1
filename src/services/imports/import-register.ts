/**
 * Imports a register file (canonical columns or D1's own layout): all or nothing, idempotent, with
 * every change recorded in the audit log and every recorded status that disagrees with the key listed.
 * The rows are checked and the plan made in domain/import; this streams the file into the check, reads
 * what the register holds, and hands the plan to the apply step.
 */
import type { Store } from "../../data/database.js";
import { directReads } from "../../data/direct-statements.js";
import { findReviewsByTitleKey } from "../../data/register/import-store.js";
import { ensureDirectorates } from "../../data/register/register-store.js";
import type { IsoDate } from "../../domain/dates/calendar-date.js";
import { ImportRowCheck, type IncomingReview } from "../../domain/imports/check-rows.js";
import { emptyImportReport, withWordPlaces, type ImportReport } from "../../domain/imports/report.js";
import type { WordTableRead, WordTableUnread } from "../../domain/imports/word-tables.js";
import type { ImportFileLimits } from "../../domain/imports/limits.js";
import { planImport, type ReviewPlan } from "../../domain/imports/plan-import.js";
import { itemIdsOfReview } from "../register/register-lookups.js";
import { applyImportPlan, type ImportFileFacts } from "./apply-import-plan.js";
import { streamTableFile, TableFileError, type Table } from "./read-table-file.js";
import { isCalendarLayout } from "../../domain/calendar/calendar-rows.js";
import { importCalendarTable, type CalendarTable } from "../calendar/import-calendar.js";
import { applyRegimeLinks, checkRegimeCells, regimeCellOf, type RegimeCell } from "../calendar/regime-column.js";

export type { ImportChange, ImportCounts, ImportReport, StatusDisagreementLine } from "../../domain/imports/report.js";

export interface ImportOptions {
  file: string;
  dryRun: boolean;
  actor: string;
  /** The day recorded statuses are compared with the key on. */
  today: IsoDate;
  /** When the import happens: its audit entries and new rows are stamped with it. */
  now: Date;
  /** PRIORITY_LABELS: the labels a `priority` cell may hold; absent, the defaults. */
  priorityLabels?: readonly string[];
  /** IMPORT_MAX_ROWS and IMPORT_MAX_FILE_MB; absent, the defaults. */
  limits?: ImportFileLimits;
  /**
   * Called once the import is written with the items it changed (updated, or on a review it changed): the
   * messages showing them are redrawn (services/live-cards). Not called for a dry run or a refused file.
   */
  afterWrite?: (changedItemIds: readonly number[]) => Promise<void>;
  /** The file's size and hash, for the import's audit entry (a file sent in Teams, kept nowhere after). */
  fileFacts?: ImportFileFacts;
  /**
   * Asked with the plan's report just before anything is written: false writes nothing (a preview's Import
   * whose register has moved since the preview was made).
   */
  writeIf?: (report: ImportReport) => boolean;
}

/**
 * Reads the file record by record, each checked and grouped into its review as it is read, so only the
 * grouped fields are held, never the whole file's cells; nothing is written until every row is checked.
 */
export async function importRegister(store: Store, options: ImportOptions): Promise<ImportReport> {
  let check: ImportRowCheck | null = null;
  // An inspection calendar (its own headings) is a few dozen regimes: held whole and imported as regimes.
  let calendar: CalendarTable | null = null;
  // The optional `regime` column links each review to the inspection calendar once written.
  const regimeCells: RegimeCell[] = [];
  // A Word document's tables: its rows' lines are then read as places ("table 2, row 5").
  let tables: { read: WordTableRead[]; unread: WordTableUnread[] } | null = null;
  const placed = (report: ImportReport) => (tables ? withWordPlaces(report, tables) : report);
  try {
    await streamTableFile(
      options.file,
      {
        start: (headers, encoding) => {
          if (isCalendarLayout(headers)) calendar = { headers, records: [], encoding };
          else check = new ImportRowCheck(headers, encoding, options);
        },
        add: (record) => {
          if (calendar) return calendar.records.push(record);
          const regime = regimeCellOf(record);
          if (regime) regimeCells.push(regime);
          check!.add(record);
        },
        tables: (read, unread) => (tables = { read, unread }),
      },
      options.limits,
    );
  } catch (error) {
    if (!(error instanceof TableFileError)) throw error;
    const report = emptyImportReport(options.file, "canonical", options.dryRun);
    if (error.line === null) report.file_problem = error.message;
    else report.errors.push({ line: error.line, message: error.message });
    return placed(report);
  }
  if (calendar) return placed(await importCalendarTable(store, calendar, options));
  return placed(await planChecked(store, check!, options, regimeCells));
}

/** Imports rows already read (`file` names their source in the report and the audit log). */
export function importTable(store: Store, table: Table, options: ImportOptions): Promise<ImportReport> {
  const check = new ImportRowCheck(table.headers, table.encoding ?? null, options);
  for (const record of table.records) check.add(record);
  return planChecked(store, check, options);
}

async function planChecked(
  store: Store,
  check: ImportRowCheck,
  options: ImportOptions,
  regimeCells: readonly RegimeCell[] = [],
): Promise<ImportReport> {
  const checked = check.finish();
  const regimes = await checkRegimeCells(store, regimeCells);
  if (regimes.errors.length) {
    const errors = [...checked.report.errors, ...regimes.errors].sort((a, b) => a.line - b.line);
    return { ...checked.report, ok: false, errors };
  }
  if (!checked.incoming) return checked.report;
  // A preview whose register has moved writes nothing, so links nothing either.
  let writeRefused = false;
  const writeIf = options.writeIf;
  const guarded = writeIf ? { ...options, writeIf: (r: ImportReport) => !(writeRefused = !writeIf(r)) } : options;
  const report = await planAndWrite(store, checked.report, checked.incoming, checked.headers, guarded);
  if (report.ok && !options.dryRun && !writeRefused)
    await applyRegimeLinks(store, regimes.links, { actor: options.actor, now: options.now, today: options.today });
  return report;
}

async function planAndWrite(
  store: Store,
  checked: ImportReport,
  incoming: Map<string, IncomingReview>,
  headers: Set<string>,
  options: ImportOptions,
): Promise<ImportReport> {
  const registered = await findReviewsByTitleKey(directReads(store), [...incoming.keys()]);
  const { plan, report } = planImport(checked, incoming, registered, headers, options.today);
  if (!report.ok || options.dryRun || report.changes.length === 0) return report;
  if (options.writeIf && !options.writeIf(report)) return report;

  await ensureDirectorates(store);
  await applyImportPlan(store, plan, {
    file: options.file,
    actor: options.actor,
    now: options.now,
    fileFacts: options.fileFacts,
    counts: { reviews: report.reviews, items: report.items, milestones: report.milestones },
  });
  if (options.afterWrite) await options.afterWrite(await changedItemIds(store, plan));
  return report;
}

/** The items an applied plan changed: each updated item, and every item of a review whose own fields changed. */
async function changedItemIds(store: Store, plan: readonly ReviewPlan[]): Promise<number[]> {
  const ids = new Set(plan.flatMap((p) => p.items.flatMap((i) => (i.existing && i.change ? [i.existing.id] : []))));
  for (const review of plan)
    if (review.existingId !== null && review.change)
      for (const id of await itemIdsOfReview(store, review.existingId)) ids.add(id);
  return [...ids];
}
