/**
 * Imports a register file (canonical columns or D1's own layout): all or nothing, idempotent, with
 * every change recorded in the audit log and every recorded status that disagrees with the key listed.
 */
import path from "node:path";
import type { PrismaClient, Prisma } from "../data/database.js";
import { ensureDirectorates } from "../data/register-store.js";
import { insertMany } from "../data/insert-many.js";
import type { IsoDate } from "../domain/calendar-date.js";
import { D1_COLUMNS, isD1Layout, readD1Layout, splitOutcomeCell, splitTitleAndPurpose } from "../domain/d1-layout.js";
import {
  CANONICAL_COLUMNS, checkRowsTogether, titleKey, validateCanonicalRecord,
  type CanonicalColumn, type CanonicalRecord, type ItemFields, type RegisterRow, type ReviewFields, type RowError,
} from "../domain/register-row.js";
import { compareRecordedStatus, computeItemStatus, type Status } from "../domain/status.js";
import type { TextEncoding } from "../domain/text-encoding.js";
import { readTableFile, TableFileError, type Table } from "./read-table-file.js";

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

type ReviewSnapshot = {
  directorate: string; body: string | null; review_type: string | null; review_date: string | null;
  findings_received: string | null; outcome: string | null; narrative: string | null; purpose: string | null; confidential: boolean;
};
type ItemSnapshot = {
  kind: string; text: string; parent_ref: string | null; responsible_unit: string | null; owner_email: string | null;
  original_target: string | null; revised_target: string | null; revision_reason: string | null; progress: string;
  recorded_status: string | null; progress_update: string | null; completed_on: string | null; confidential: boolean;
};

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

function reviewSnapshot(r: ReviewFields): ReviewSnapshot {
  return {
    directorate: r.directorateId, body: r.body, review_type: r.reviewType, review_date: r.reviewDate.raw,
    findings_received: r.findingsReceived.raw, outcome: r.outcome, narrative: r.narrative, purpose: r.purpose, confidential: r.confidential,
  };
}

function itemSnapshot(i: ItemFields): ItemSnapshot {
  return {
    kind: i.kind, text: i.text, parent_ref: i.parentRef, responsible_unit: i.responsibleUnit, owner_email: i.ownerEmail,
    original_target: i.originalTarget.raw, revised_target: i.revisedTarget.raw, revision_reason: i.revisionReason,
    progress: i.progress, recorded_status: i.recordedStatus, progress_update: i.progressUpdate, completed_on: i.completedOn,
    confidential: i.confidential,
  };
}

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
  const records = table.records
    .filter((r) => Object.values(r.cells).some((v) => String(v).trim() !== ""))
    .map((r) => {
      const record: CanonicalRecord = {};
      for (const [header, value] of Object.entries(r.cells)) {
        const column = header.trim().toLowerCase() as CanonicalColumn;
        if ((CANONICAL_COLUMNS as readonly string[]).includes(column)) record[column] = value;
      }
      return { line: r.line, record };
    });
  return { layout: "canonical", records, errors: [] };
}

interface IncomingReview {
  line: number;
  fields: ReviewFields;
  items: { line: number; fields: ItemFields }[];
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
export async function importTable(prisma: PrismaClient, table: Table, options: ImportOptions): Promise<ImportReport> {
  const { layout, records, errors: layoutErrors } = toCanonical(table);
  const report = emptyReport(options.file, layout, options.dryRun, table.encoding ?? null);
  report.rows = table.records.length;
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
    return report;
  }

  const headerSet = new Set(table.headers.map((h) => h.trim().toLowerCase()));
  const itemProvided = (key: keyof ItemSnapshot, value: unknown) =>
    headerSet.has(ITEM_COLUMN[key]) || (layout === "d1" && D1_ITEM_FIELDS.has(key)) || (key === "progress" && headerSet.has("recorded_status")) ||
    (value !== null && value !== "" && value !== false);
  const reviewProvided = (key: keyof ReviewSnapshot, value: unknown) => {
    const column = REVIEW_COLUMN[key];
    return (column !== null && headerSet.has(column)) || (layout === "d1" && D1_REVIEW_FIELDS.has(key)) || (value !== null && value !== "" && value !== false);
  };

  const incoming = groupByReview(rows);
  const existingReviews = await prisma.review.findMany({
    where: { titleKey: { in: [...incoming.keys()] } },
    include: { items: { include: { owner: { select: { email: true } }, parent: { select: { ref: true } } } } },
  });
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
        kind: current.kind, text: current.text, parent_ref: current.parent?.ref ?? null, responsible_unit: current.responsibleUnit,
        owner_email: current.owner?.email ?? null, original_target: current.originalTargetRaw, revised_target: current.revisedTargetRaw,
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
  await prisma.$transaction((tx) => applyPlan(tx, plan, options, report), { timeout: 300_000, maxWait: 30_000 });
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

interface AuditRow { entityType: string; entityId: number; action: string; actor: string; before?: string | null; after?: string | null }
interface RevisionRow { itemId: number; fromRaw: string | null; fromDate: string | null; toRaw: string | null; toDate: string | null; reason: string | null; actor: string }
interface UpdateRow { itemId: number; progress: string; narrative: string | null; actor: string }

interface ItemPlan {
  line: number;
  fields: ItemFields;
  existing: { id: number; revisedTargetRaw: string | null; revisedTarget: string | null; originalTargetRaw: string | null; originalTarget: string | null } | null;
  change: { before: Record<string, unknown>; after: Record<string, unknown> } | null;
}

interface ReviewPlan {
  key: string;
  review: IncomingReview;
  existingId: number | null;
  change: { before: Record<string, unknown>; after: Record<string, unknown> } | null;
  items: ItemPlan[];
}

function reviewData(f: ReviewFields) {
  return {
    title: f.title, body: f.body, reviewType: f.reviewType,
    reviewDateRaw: f.reviewDate.raw, reviewDate: f.reviewDate.end,
    findingsReceivedRaw: f.findingsReceived.raw, findingsReceived: f.findingsReceived.end,
    outcome: f.outcome, outcomeKnown: f.outcomeKnown, narrative: f.narrative, purpose: f.purpose, confidential: f.confidential, directorateId: f.directorateId,
  };
}

function itemData(f: ItemFields, ownerIds: Map<string, number>) {
  return {
    kind: f.kind, text: f.text, responsibleUnit: f.responsibleUnit,
    ownerId: f.ownerEmail ? ownerIds.get(f.ownerEmail) ?? null : null,
    originalTargetRaw: f.originalTarget.raw, originalTarget: f.originalTarget.end, originalTargetKind: f.originalTarget.kind,
    revisedTargetRaw: f.revisedTarget.raw, revisedTarget: f.revisedTarget.end, revisedTargetKind: f.revisedTarget.kind,
    revisionReason: f.revisionReason, progress: f.progress, recordedStatus: f.recordedStatus, latestUpdate: f.progressUpdate,
    completedOn: f.completedOn, confidential: f.confidential,
  };
}

async function applyPlan(tx: Prisma.TransactionClient, plan: ReviewPlan[], options: ImportOptions, report: ImportReport): Promise<void> {
  const source = path.basename(options.file);
  // A write first, so SQLite takes the write lock now rather than failing later with SQLITE_BUSY_SNAPSHOT.
  await tx.auditEntry.create({
    data: { entityType: "import", entityId: 0, action: "import", actor: options.actor, after: JSON.stringify({ file: source, reviews: report.reviews, items: report.items }) },
  });
  const now = new Date();
  const audit: AuditRow[] = [];
  const revisions: RevisionRow[] = [];
  const updates: UpdateRow[] = [];

  const emails = [...new Set(plan.flatMap((p) => p.review.items.map((i) => i.fields.ownerEmail)).filter((e): e is string => Boolean(e)))];
  const known = await tx.person.findMany({ where: { email: { in: emails } }, select: { id: true, email: true } });
  const ownerIds = new Map(known.map((p) => [p.email, p.id]));
  const newEmails = emails.filter((e) => !ownerIds.has(e));
  if (newEmails.length) {
    const created = await insertMany<{ id: number; email: string }>(tx, "Person", newEmails.map((email) => ({ email, createdAt: now })), ["id", "email"]);
    for (const p of created) {
      ownerIds.set(p.email, p.id);
      audit.push({ entityType: "person", entityId: p.id, action: "created", actor: options.actor, after: JSON.stringify({ email: p.email, source }) });
    }
  }

  // Reviews: the new ones in one statement, the changed ones one by one (there are few).
  const createdReviews = await insertMany<{ id: number; titleKey: string }>(
    tx,
    "Review",
    plan.filter((p) => p.existingId === null).map((p) => ({ titleKey: p.key, ...reviewData(p.review.fields), createdAt: now, updatedAt: now })),
    ["id", "titleKey"],
  );
  const reviewIds = new Map(createdReviews.map((r) => [r.titleKey, r.id]));
  for (const reviewPlan of plan) {
    const { fields } = reviewPlan.review;
    if (reviewPlan.existingId === null) {
      audit.push({ entityType: "review", entityId: reviewIds.get(reviewPlan.key)!, action: "created", actor: options.actor, after: JSON.stringify(reviewSnapshot(fields)) });
      continue;
    }
    reviewIds.set(reviewPlan.key, reviewPlan.existingId);
    if (reviewPlan.change) {
      await tx.review.update({ where: { id: reviewPlan.existingId }, data: reviewData(fields) });
      audit.push({ entityType: "review", entityId: reviewPlan.existingId, action: "updated", actor: options.actor, before: JSON.stringify(reviewPlan.change.before), after: JSON.stringify(reviewPlan.change.after) });
    }
  }

  // Item ids by review and ref, so parents resolve: the existing items first, then each wave inserted.
  const refKey = (reviewId: number, ref: string) => `${reviewId}\u0000${ref.toLowerCase()}`;
  const touched = plan.flatMap((p) => (p.existingId === null ? [] : [p.existingId]));
  const refIds = new Map(
    (await tx.item.findMany({ where: { reviewId: { in: touched } }, select: { id: true, ref: true, reviewId: true } })).map((i) => [refKey(i.reviewId, i.ref), i.id]),
  );
  let pending = plan.flatMap((p) => p.items.filter((i) => !i.existing).map((i) => ({ ...i, reviewId: reviewIds.get(p.key)!, title: p.review.fields.title })));
  // Parents before children: insert in waves, each wave's parents already present.
  while (pending.length) {
    const ready = pending.filter((i) => !i.fields.parentRef || refIds.has(refKey(i.reviewId, i.fields.parentRef)));
    if (ready.length === 0) throw new Error(`items of "${pending[0]!.title}" name each other as parents in a cycle`);
    const created = await insertMany<{ id: number; ref: string; reviewId: number }>(
      tx,
      "Item",
      ready.map((i) => ({
        reviewId: i.reviewId, ref: i.fields.ref, parentId: i.fields.parentRef ? refIds.get(refKey(i.reviewId, i.fields.parentRef)) ?? null : null,
        ...itemData(i.fields, ownerIds), createdAt: now, updatedAt: now,
      })),
      ["id", "ref", "reviewId"],
    );
    const byKey = new Map(ready.map((i) => [refKey(i.reviewId, i.fields.ref), i]));
    for (const row of created) {
      refIds.set(refKey(row.reviewId, row.ref), row.id);
      const planned = byKey.get(refKey(row.reviewId, row.ref))!;
      audit.push({ entityType: "item", entityId: row.id, action: "created", actor: options.actor, after: JSON.stringify(itemSnapshot(planned.fields)) });
      if (planned.fields.revisedTarget.raw && planned.fields.revisedTarget.end !== planned.fields.originalTarget.end) {
        revisions.push({
          itemId: row.id, fromRaw: planned.fields.originalTarget.raw, fromDate: planned.fields.originalTarget.end,
          toRaw: planned.fields.revisedTarget.raw, toDate: planned.fields.revisedTarget.end, reason: planned.fields.revisionReason, actor: options.actor,
        });
      }
      if (planned.fields.progressUpdate) {
        updates.push({ itemId: row.id, progress: planned.fields.progress, narrative: planned.fields.progressUpdate, actor: options.actor });
      }
    }
    const done = new Set(ready);
    pending = pending.filter((i) => !done.has(i));
  }

  for (const reviewPlan of plan) {
    const reviewId = reviewIds.get(reviewPlan.key)!;
    for (const i of reviewPlan.items) {
      if (!i.existing || !i.change) continue;
      const parentId = i.fields.parentRef ? refIds.get(refKey(reviewId, i.fields.parentRef)) ?? null : null;
      const data = itemData(i.fields, ownerIds);
      // Only the fields the file gives are written, as only they were compared.
      const written: Record<string, unknown> = {};
      const map: Record<string, string[]> = {
        kind: ["kind"], text: ["text"], responsible_unit: ["responsibleUnit"], owner_email: ["ownerId"],
        original_target: ["originalTargetRaw", "originalTarget", "originalTargetKind"], revised_target: ["revisedTargetRaw", "revisedTarget", "revisedTargetKind"],
        revision_reason: ["revisionReason"], progress: ["progress"], recorded_status: ["recordedStatus"], progress_update: ["latestUpdate"],
        completed_on: ["completedOn"], confidential: ["confidential"],
      };
      for (const key of Object.keys(i.change.after)) {
        if (key === "parent_ref") written.parentId = parentId;
        for (const field of map[key] ?? []) written[field] = (data as Record<string, unknown>)[field];
      }
      await tx.item.update({ where: { id: i.existing.id }, data: { ...written, version: { increment: 1 } } });
      audit.push({ entityType: "item", entityId: i.existing.id, action: "updated", actor: options.actor, before: JSON.stringify(i.change.before), after: JSON.stringify(i.change.after) });
      if ("revised_target" in i.change.after) {
        revisions.push({
          itemId: i.existing.id, fromRaw: i.existing.revisedTargetRaw ?? i.existing.originalTargetRaw, fromDate: i.existing.revisedTarget ?? i.existing.originalTarget,
          toRaw: i.fields.revisedTarget.raw, toDate: i.fields.revisedTarget.end, reason: i.fields.revisionReason, actor: options.actor,
        });
      }
      if ("progress" in i.change.after || "progress_update" in i.change.after) {
        updates.push({ itemId: i.existing.id, progress: i.fields.progress, narrative: i.fields.progressUpdate, actor: options.actor });
      }
    }
  }
  await insertMany(tx, "AuditEntry", audit.map((a) => ({ entityType: a.entityType, entityId: a.entityId, action: a.action, actor: a.actor, before: a.before ?? null, after: a.after ?? null, at: now })));
  await insertMany(tx, "TargetRevision", revisions.map((r) => ({ itemId: r.itemId, fromRaw: r.fromRaw, fromDate: r.fromDate, toRaw: r.toRaw, toDate: r.toDate, reason: r.reason, actor: r.actor, at: now })));
  await insertMany(tx, "ProgressUpdate", updates.map((u) => ({ itemId: u.itemId, progress: u.progress, narrative: u.narrative, evidenceUrl: null, actor: u.actor, at: now })));
}
