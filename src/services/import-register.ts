/**
 * Imports a register file (canonical columns or D1's own layout): all or nothing, idempotent, with
 * every change recorded in the audit log and every recorded status that disagrees with the key listed.
 */
import type { PrismaClient } from "../data/database.js";
import { directReads } from "../data/direct-statements.js";
import { findReviewsByTitleKey } from "../data/import-store.js";
import { ensureDirectorates } from "../data/register-store.js";
import type { IsoDate } from "../domain/calendar-date.js";
import { D1_COLUMNS, isD1Layout, readD1Layout, splitOutcomeCell, splitTitleAndPurpose } from "../domain/d1-layout.js";
import {
  CANONICAL_COLUMNS, checkRowsTogether, titleKey, validateCanonicalRecord,
  type CanonicalColumn, type CanonicalRecord, type RegisterRow, type RowError,
} from "../domain/register-row.js";
import { compareRecordedStatus, computeItemStatus, type Status } from "../domain/status.js";
import type { TextEncoding } from "../domain/text-encoding.js";
import { readTableFile, TableFileError, type Table } from "./read-table-file.js";
import {
  applyImportPlan, itemSnapshot, reviewSnapshot, type IncomingReview, type ItemSnapshot, type ReviewPlan, type ReviewSnapshot,
} from "./apply-import-plan.js";

export interface ImportOptions {
  file: string;
  dryRun: boolean;
  actor: string;
  today: IsoDate;
}

export interface ImportCounts {
  created: number;
  updated: number;
  unchanged: number;
}

export interface ImportChange {
  line: number;
  review_title: string;
  item_ref: string | null;
  action: "created" | "updated";
  before: Record<string, unknown> | null;
  after: Record<string, unknown>;
}

export interface StatusDisagreementLine {
  line: number;
  review_title: string;
  item_ref: string;
  recorded_status: Status;
  status: Status;
  reason: string;
}

export interface ImportReport {
  file: string;
  /** How a CSV's bytes were read (e.g. windows-1252 when it was not UTF-8); null for a workbook. */
  encoding: TextEncoding | null;
  layout: "canonical" | "d1";
  dry_run: boolean;
  ok: boolean;
  rows: number;
  errors: RowError[];
  reviews: ImportCounts;
  items: ImportCounts;
  changes: ImportChange[];
  disagreements: StatusDisagreementLine[];
}

const REVIEW_COLUMN: Record<keyof ReviewSnapshot, CanonicalColumn | null> = {
  directorate: "directorate", body: "review_body", review_type: "review_type", review_date: "review_date",
  findings_received: "findings_received", outcome: "outcome", narrative: null, purpose: null, confidential: "confidential",
};
const ITEM_COLUMN: Record<keyof ItemSnapshot, CanonicalColumn> = {
  kind: "item_kind", text: "item_text", parent_ref: "parent_ref", responsible_unit: "responsible_unit",
  owner_email: "owner_email", original_target: "original_target", revised_target: "revised_target",
  revision_reason: "revision_reason", progress: "progress", recorded_status: "recorded_status",
  progress_update: "progress_update", completed_on: "completed_on", confidential: "confidential",
};
/** What D1's own columns always give, whatever machine columns sit beside them. */
const D1_ITEM_FIELDS = new Set<keyof ItemSnapshot>(["text", "original_target", "revised_target", "recorded_status", "progress", "progress_update"]);
const D1_REVIEW_FIELDS = new Set<keyof ReviewSnapshot>(["directorate", "review_date", "findings_received", "outcome", "narrative", "purpose"]);

/** Fields that differ, limited to those the file gives (a file without owner_email leaves owners alone). */
function diff<T extends Record<string, unknown>>(before: T, after: T, provided: (key: keyof T, value: unknown) => boolean) {
  const changedBefore: Record<string, unknown> = {};
  const changedAfter: Record<string, unknown> = {};
  for (const key of Object.keys(after) as (keyof T & string)[]) {
    if (!provided(key, after[key])) continue;
    const a = before[key] ?? null;
    const b = after[key] ?? null;
    if (a !== b) {
      changedBefore[key] = a;
      changedAfter[key] = b;
    }
  }
  return Object.keys(changedAfter).length ? { before: changedBefore, after: changedAfter } : null;
}

function emptyReport(file: string, layout: ImportReport["layout"], dryRun: boolean, encoding: TextEncoding | null = null): ImportReport {
  return {
    file, encoding, layout, dry_run: dryRun, ok: false, rows: 0, errors: [],
    reviews: { created: 0, updated: 0, unchanged: 0 }, items: { created: 0, updated: 0, unchanged: 0 }, changes: [], disagreements: [],
  };
}

function toCanonical(table: Table): { layout: ImportReport["layout"]; records: { line: number; record: CanonicalRecord }[]; errors: RowError[] } {
  if (isD1Layout(table.headers)) return { layout: "d1", ...readD1Layout(table.records) };
  const headers = new Set(table.headers.map((h) => h.trim().toLowerCase()));
  const missing = (["directorate", "review_title"] as const).filter((c) => !headers.has(c));
  if (missing.length) {
    return {
      layout: "canonical",
      records: [],
      errors: [{
        line: 1,
        message: `the headings are neither the canonical columns (missing ${missing.join(", ")}; expected ${CANONICAL_COLUMNS.join(", ")}) nor the May 2025 tracker's ("Title and purpose", "Date", "Outstanding recommendations", ...)`,
      }],
    };
  }
  // Each heading's column worked out once, not once per row.
  const known = new Set<string>(CANONICAL_COLUMNS);
  const columns = new Map<string, CanonicalColumn | null>();
  const columnOf = (header: string): CanonicalColumn | null => {
    let column = columns.get(header);
    if (column === undefined) {
      const name = header.trim().toLowerCase();
      columns.set(header, (column = known.has(name) ? (name as CanonicalColumn) : null));
    }
    return column;
  };
  const records: { line: number; record: CanonicalRecord }[] = [];
  for (const r of table.records) {
    const record: CanonicalRecord = {};
    let blank = true;
    for (const header in r.cells) {
      const value = r.cells[header]!;
      if (blank && String(value).trim() !== "") blank = false;
      const column = columnOf(header);
      if (column) record[column] = value;
    }
    if (!blank) records.push({ line: r.line, record });
  }
  return { layout: "canonical", records, errors: [] };
}

function groupByReview(rows: readonly RegisterRow[]): Map<string, IncomingReview> {
  const reviews = new Map<string, IncomingReview>();
  for (const row of rows) {
    const key = titleKey(row.review.title);
    let review = reviews.get(key);
    if (!review) {
      review = { line: row.line, fields: { ...row.review }, items: [] };
      reviews.set(key, review);
    } else {
      // Later rows fill in what the first row left blank (confidential agrees on every row: checkRowsTogether).
      const f = review.fields as unknown as Record<string, unknown>;
      for (const [k, v] of Object.entries(row.review)) {
        const current = f[k];
        const blank = current == null || current === "" || (typeof current === "object" && (current as { raw?: unknown }).raw == null);
        if (blank) f[k] = v;
      }
    }
    if (row.item) review.items.push({ line: row.line, fields: row.item });
  }
  return reviews;
}

export async function importRegister(prisma: PrismaClient, options: ImportOptions): Promise<ImportReport> {
  let table: Table;
  try {
    table = await readTableFile(options.file);
  } catch (error) {
    if (!(error instanceof TableFileError)) throw error;
    const report = emptyReport(options.file, "canonical", options.dryRun);
    report.errors.push({ line: 0, message: error.message });
    return report;
  }
  return importTable(prisma, table, options);
}

/** Imports rows already read (`file` names their source in the report and the audit log). */
export function importTable(prisma: PrismaClient, table: Table, options: ImportOptions): Promise<ImportReport> {
  // Checked in a function of its own and not awaited here, so the file's cells and each row's own copy
  // are garbage before the plan and the writes, rather than held to the end of the import.
  const checked = checkTable(table, options);
  if (!checked.incoming) return Promise.resolve(checked.report);
  return planAndWrite(prisma, checked.report, checked.incoming, checked.headers, options);
}

/** Every row checked on its own and with the others, grouped by review; the report alone when any is wrong. */
function checkTable(table: Table, options: ImportOptions): { report: ImportReport; incoming: Map<string, IncomingReview> | null; headers: Set<string> } {
  const { layout, records, errors: layoutErrors } = toCanonical(table);
  const report = emptyReport(options.file, layout, options.dryRun, table.encoding ?? null);
  report.rows = table.records.length;
  const headers = new Set(table.headers.map((h) => h.trim().toLowerCase()));
  const errors: RowError[] = [...layoutErrors];
  const rows: RegisterRow[] = [];
  for (const { line, record } of records) {
    const result = validateCanonicalRecord(record, line);
    if (result.ok) rows.push(result.row);
    else errors.push(...result.errors);
  }
  errors.push(...checkRowsTogether(rows));
  if (layout === "d1") attachD1ReviewText(rows, table);
  if (errors.length) {
    report.errors = errors.sort((a, b) => a.line - b.line);
    return { report, incoming: null, headers };
  }
  return { report, incoming: groupByReview(rows), headers };
}

async function planAndWrite(
  prisma: PrismaClient, report: ImportReport, incoming: Map<string, IncomingReview>, headerSet: Set<string>, options: ImportOptions,
): Promise<ImportReport> {
  const { layout } = report;
  const itemProvided = (key: keyof ItemSnapshot, value: unknown) =>
    headerSet.has(ITEM_COLUMN[key]) || (layout === "d1" && D1_ITEM_FIELDS.has(key)) || (key === "progress" && headerSet.has("recorded_status")) ||
    (value !== null && value !== "" && value !== false);
  const reviewProvided = (key: keyof ReviewSnapshot, value: unknown) => {
    const column = REVIEW_COLUMN[key];
    return (column !== null && headerSet.has(column)) || (layout === "d1" && D1_REVIEW_FIELDS.has(key)) || (value !== null && value !== "" && value !== false);
  };

  const existingReviews = await findReviewsByTitleKey(directReads(prisma), [...incoming.keys()]);
  const existingByKey = new Map(existingReviews.map((r) => [r.titleKey, r]));

  const plan: ReviewPlan[] = [];
  for (const [key, review] of incoming) {
    const existing = existingByKey.get(key);
    const after = reviewSnapshot(review.fields);
    const reviewPlan: ReviewPlan = { key, review, existingId: existing?.id ?? null, change: null, items: [] };
    if (!existing) {
      report.reviews.created += 1;
      report.changes.push({ line: review.line, review_title: review.fields.title, item_ref: null, action: "created", before: null, after });
    } else {
      const before: ReviewSnapshot = {
        directorate: existing.directorateId, body: existing.body, review_type: existing.reviewType, review_date: existing.reviewDateRaw,
        findings_received: existing.findingsReceivedRaw, outcome: existing.outcome, narrative: existing.narrative, purpose: existing.purpose, confidential: existing.confidential,
      };
      reviewPlan.change = diff(before, after, reviewProvided);
      if (reviewPlan.change) {
        report.reviews.updated += 1;
        report.changes.push({ line: review.line, review_title: review.fields.title, item_ref: null, action: "updated", ...reviewPlan.change });
      } else report.reviews.unchanged += 1;
    }
    const existingItems = new Map((existing?.items ?? []).map((i) => [i.ref.toLowerCase(), i]));
    for (const { line, fields } of review.items) {
      const current = existingItems.get(fields.ref.toLowerCase());
      const after = itemSnapshot(fields);
      const computed = computeItemStatus({ progress: fields.progress, originalTarget: fields.originalTarget.end, revisedTarget: fields.revisedTarget.end }, options.today);
      const disagreement = compareRecordedStatus(fields.recordedStatus, computed);
      if (disagreement) {
        report.disagreements.push({
          line, review_title: review.fields.title, item_ref: fields.ref,
          recorded_status: disagreement.recorded, status: disagreement.computed, reason: disagreement.explanation,
        });
      }
      if (!current) {
        report.items.created += 1;
        report.changes.push({ line, review_title: review.fields.title, item_ref: fields.ref, action: "created", before: null, after });
        reviewPlan.items.push({ line, fields, existing: null, change: null });
        continue;
      }
      const before: ItemSnapshot = {
        kind: current.kind, text: current.text, parent_ref: current.parentRef, responsible_unit: current.responsibleUnit,
        owner_email: current.ownerEmail, original_target: current.originalTargetRaw, revised_target: current.revisedTargetRaw,
        revision_reason: current.revisionReason, progress: current.progress, recorded_status: current.recordedStatus,
        progress_update: current.latestUpdate, completed_on: current.completedOn, confidential: current.confidential,
      };
      const change = diff(before, after, itemProvided);
      if (!change) {
        report.items.unchanged += 1;
        continue;
      }
      report.items.updated += 1;
      report.changes.push({ line, review_title: review.fields.title, item_ref: fields.ref, action: "updated", ...change });
      reviewPlan.items.push({ line, fields, existing: { id: current.id, revisedTargetRaw: current.revisedTargetRaw, revisedTarget: current.revisedTarget, originalTargetRaw: current.originalTargetRaw, originalTarget: current.originalTarget }, change });
    }
    plan.push(reviewPlan);
  }
  report.ok = true;
  if (options.dryRun || report.changes.length === 0) return report;

  await ensureDirectorates(prisma);
  await applyImportPlan(prisma, plan, { file: options.file, actor: options.actor, counts: { reviews: report.reviews, items: report.items } });
  return report;
}

/** D1 keeps each review's purpose under its title and its overall progress after its outcome; canonical columns have neither. */
function attachD1ReviewText(rows: RegisterRow[], table: Table): void {
  const cell = (record: Table["records"][number], heading: string) =>
    Object.entries(record.cells).find(([h]) => h.trim().toLowerCase() === heading.toLowerCase())?.[1] ?? "";
  const byLine = new Map(table.records.map((r) => [r.line, r]));
  // Our own export names the title in its own column and puts the purpose on the line below it.
  const titleColumn = table.headers.some((h) => h.trim().toLowerCase() === "review_title");
  for (const row of rows) {
    const record = byLine.get(row.line);
    if (!record || row.item) continue;
    row.review.narrative = splitOutcomeCell(cell(record, D1_COLUMNS.recommendations)).narrative;
    const titleCell = cell(record, D1_COLUMNS.title);
    row.review.purpose = titleColumn
      ? titleCell.split(/\r?\n/).slice(1).join(" ").replace(/\s+/g, " ").trim() || null
      : splitTitleAndPurpose(titleCell).purpose;
  }
}
