/**
 * Applies an import's plan (domain/imports/plan-import) in one transaction: every created or updated
 * review and item with its audit entry (who, when, before, after), its target revision and its progress
 * update, all or nothing. The writes themselves are the import store's; `now` stamps them.
 */
import path from "node:path";
import type { Store } from "../../data/database.js";
import { inWriteTransaction } from "../../data/direct-statements.js";
import { writeImportPlan, type ImportWriteOptions } from "../../data/register/import-store.js";
import type { ReviewPlan } from "../../domain/imports/plan-import.js";

export type { ImportFileFacts } from "../../data/register/import-store.js";

export interface ApplyOptions {
  file: string;
  actor: string;
  now: Date;
  counts: ImportWriteOptions["counts"];
  fileFacts?: ImportWriteOptions["fileFacts"];
}

export function applyImportPlan(store: Store, plan: readonly ReviewPlan[], options: ApplyOptions): Promise<void> {
  const { file, ...rest } = options;
  return inWriteTransaction(store, (sql) => writeImportPlan(sql, plan, { source: path.basename(file), ...rest }));
}
