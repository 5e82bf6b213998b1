/**
 * Imports a register file (canonical columns or D1's own layout): all or nothing, idempotent, with
 * every change recorded in the audit log and every recorded status that disagrees with the key listed.
 * The rows are checked and the plan made in domain/import; this reads the file and what the register
 * holds, and hands the plan to the apply step.
 */
import type { Store } from "../data/database.js";
import { directReads } from "../data/direct-statements.js";
import { findReviewsByTitleKey } from "../data/import-store.js";
import { ensureDirectorates } from "../data/register-store.js";
import type { IsoDate } from "../domain/calendar-date.js";
import { checkImportTable, type IncomingReview } from "../domain/import/check-rows.js";
import { emptyImportReport, type ImportReport } from "../domain/import/import-report.js";
import { planImport } from "../domain/import/plan-import.js";
import { applyImportPlan } from "./apply-import-plan.js";
import { readTableFile, TableFileError, type Table } from "./read-table-file.js";

export type {
  ImportChange,
  ImportCounts,
  ImportReport,
  StatusDisagreementLine,
} from "../domain/import/import-report.js";

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
}

export async function importRegister(store: Store, options: ImportOptions): Promise<ImportReport> {
  let table: Table;
  try {
    table = await readTableFile(options.file);
  } catch (error) {
    if (!(error instanceof TableFileError)) throw error;
    const report = emptyImportReport(options.file, "canonical", options.dryRun);
    report.errors.push({ line: 0, message: error.message });
    return report;
  }
  return importTable(store, table, options);
}

/** Imports rows already read (`file` names their source in the report and the audit log). */
export function importTable(store: Store, table: Table, options: ImportOptions): Promise<ImportReport> {
  // Checked in a function of its own and not awaited here, so the file's cells and each row's own copy
  // are garbage before the plan and the writes, rather than held to the end of the import.
  const checked = checkImportTable(table, options);
  if (!checked.incoming) return Promise.resolve(checked.report);
  return planAndWrite(store, checked.report, checked.incoming, checked.headers, options);
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
  if (options.dryRun || report.changes.length === 0) return report;

  await ensureDirectorates(store);
  await applyImportPlan(store, plan, {
    file: options.file,
    actor: options.actor,
    now: options.now,
    counts: { reviews: report.reviews, items: report.items },
  });
  return report;
}
