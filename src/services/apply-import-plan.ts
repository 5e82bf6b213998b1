/**
 * Writes a checked import plan in one transaction: new people, reviews and items (parents before
 * children), the changed ones, and for each change its audit entry (who, when, before, after), its
 * target revision and its progress update. Everything runs as prepared statements on the driver's
 * connection inside Prisma's transaction, so the import is all or nothing and costs about what the
 * rows themselves cost to write.
 */
import path from "node:path";
import type { PrismaClient } from "../data/database.js";
import { inWriteTransaction, type DirectStatements } from "../data/direct-statements.js";
import { findItemRefs, findPeopleByEmail } from "../data/import-store.js";
import type { ItemFields, ReviewFields } from "../domain/register-row.js";

export type ReviewSnapshot = {
  directorate: string; body: string | null; review_type: string | null; review_date: string | null;
  findings_received: string | null; outcome: string | null; narrative: string | null; purpose: string | null; confidential: boolean;
};
export type ItemSnapshot = {
  kind: string; text: string; parent_ref: string | null; responsible_unit: string | null; owner_email: string | null;
  original_target: string | null; revised_target: string | null; revision_reason: string | null; progress: string;
  recorded_status: string | null; progress_update: string | null; completed_on: string | null; confidential: boolean;
};

export function reviewSnapshot(r: ReviewFields): ReviewSnapshot {
  return {
    directorate: r.directorateId, body: r.body, review_type: r.reviewType, review_date: r.reviewDate.raw,
    findings_received: r.findingsReceived.raw, outcome: r.outcome, narrative: r.narrative, purpose: r.purpose, confidential: r.confidential,
  };
}

export function itemSnapshot(i: ItemFields): ItemSnapshot {
  return {
    kind: i.kind, text: i.text, parent_ref: i.parentRef, responsible_unit: i.responsibleUnit, owner_email: i.ownerEmail,
    original_target: i.originalTarget.raw, revised_target: i.revisedTarget.raw, revision_reason: i.revisionReason,
    progress: i.progress, recorded_status: i.recordedStatus, progress_update: i.progressUpdate, completed_on: i.completedOn,
    confidential: i.confidential,
  };
}

export interface IncomingReview {
  line: number;
  fields: ReviewFields;
  items: { line: number; fields: ItemFields }[];
}

type Change = { before: Record<string, unknown>; after: Record<string, unknown> };

export interface ItemPlan {
  line: number;
  fields: ItemFields;
  existing: { id: number; revisedTargetRaw: string | null; revisedTarget: string | null; originalTargetRaw: string | null; originalTarget: string | null } | null;
  change: Change | null;
}

export interface ReviewPlan {
  key: string;
  review: IncomingReview;
  existingId: number | null;
  change: Change | null;
  items: ItemPlan[];
}

export interface ApplyOptions {
  file: string;
  actor: string;
  /** The counts the import's own audit entry records. */
  counts: { reviews: unknown; items: unknown };
}

type Row = Record<string, string | number | boolean | Date | null>;

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

/** The columns each compared field is stored in: only the fields the file gives are written, as only they were compared. */
const ITEM_FIELD_COLUMNS: Record<string, readonly string[]> = {
  kind: ["kind"], text: ["text"], responsible_unit: ["responsibleUnit"], owner_email: ["ownerId"],
  original_target: ["originalTargetRaw", "originalTarget", "originalTargetKind"], revised_target: ["revisedTargetRaw", "revisedTarget", "revisedTargetKind"],
  revision_reason: ["revisionReason"], progress: ["progress"], recorded_status: ["recordedStatus"], progress_update: ["latestUpdate"],
  completed_on: ["completedOn"], confidential: ["confidential"],
};

export function applyImportPlan(prisma: PrismaClient, plan: ReviewPlan[], options: ApplyOptions): Promise<void> {
  return inWriteTransaction(prisma, (sql) => writePlan(sql, plan, options));
}

async function writePlan(sql: DirectStatements, plan: ReviewPlan[], options: ApplyOptions): Promise<void> {
  const source = path.basename(options.file);
  const now = new Date();
  const { actor } = options;
  const audit = new BatchedInserts(sql, "AuditEntry");
  const revisions = new BatchedInserts(sql, "TargetRevision");
  const updates = new BatchedInserts(sql, "ProgressUpdate");
  const auditRow = (entityType: string, entityId: number, action: string, before: unknown, after: unknown): Row => ({
    entityType, entityId, action, actor, before: before === null ? null : JSON.stringify(before), after: JSON.stringify(after), at: now,
  });
  // A write first, so SQLite takes the write lock now rather than failing later with SQLITE_BUSY_SNAPSHOT.
  await sql.insert("AuditEntry", [auditRow("import", 0, "import", null, { file: source, reviews: options.counts.reviews, items: options.counts.items })]);

  const emails = [...new Set(plan.flatMap((p) => p.review.items.map((i) => i.fields.ownerEmail)).filter((e): e is string => Boolean(e)))];
  const ownerIds = new Map((await findPeopleByEmail(sql, emails)).map((p) => [p.email, p.id]));
  const newEmails = emails.filter((e) => !ownerIds.has(e));
  const personIds = await sql.insert("Person", newEmails.map((email) => ({ email, createdAt: now })));
  newEmails.forEach((email, n) => {
    ownerIds.set(email, personIds[n]!);
    audit.push(auditRow("person", personIds[n]!, "created", null, { email, source }));
  });

  const newReviews = plan.filter((p) => p.existingId === null);
  const newReviewIds = await sql.insert("Review", newReviews.map((p) => ({ titleKey: p.key, ...reviewData(p.review.fields), createdAt: now, updatedAt: now })));
  const reviewIds = new Map(newReviews.map((p, n) => [p.key, newReviewIds[n]!]));
  for (const reviewPlan of plan) {
    const { fields } = reviewPlan.review;
    if (reviewPlan.existingId === null) {
      audit.push(auditRow("review", reviewIds.get(reviewPlan.key)!, "created", null, reviewSnapshot(fields)));
      continue;
    }
    reviewIds.set(reviewPlan.key, reviewPlan.existingId);
    if (reviewPlan.change) {
      await sql.update("Review", reviewPlan.existingId, { ...reviewData(fields), updatedAt: now });
      audit.push(auditRow("review", reviewPlan.existingId, "updated", reviewPlan.change.before, reviewPlan.change.after));
    }
  }

  // Item ids by review and ref, so parents resolve: the existing items first, then each wave inserted.
  const refKey = (reviewId: number, ref: string) => `${reviewId}\u0000${ref.toLowerCase()}`;
  const touched = plan.flatMap((p) => (p.existingId === null ? [] : [p.existingId]));
  const refIds = new Map((await findItemRefs(sql, touched)).map((i) => [refKey(i.reviewId, i.ref), i.id]));
  let pending = plan.flatMap((p) => p.items.filter((i) => !i.existing).map((i) => ({ ...i, reviewId: reviewIds.get(p.key)!, title: p.review.fields.title })));
  // Parents before children: insert in waves, each wave's parents already present.
  while (pending.length) {
    const ready = pending.filter((i) => !i.fields.parentRef || refIds.has(refKey(i.reviewId, i.fields.parentRef)));
    if (ready.length === 0) throw new Error(`items of "${pending[0]!.title}" name each other as parents in a cycle`);
    for (let start = 0; start < ready.length; start += WRITE_BATCH) {
      const batch = ready.slice(start, start + WRITE_BATCH);
      const ids = await sql.insert("Item", batch.map((i) => ({
        reviewId: i.reviewId, ref: i.fields.ref, parentId: i.fields.parentRef ? refIds.get(refKey(i.reviewId, i.fields.parentRef)) ?? null : null,
        ...itemData(i.fields, ownerIds), createdAt: now, updatedAt: now,
      })));
      for (let n = 0; n < batch.length; n += 1) {
        const { reviewId, fields } = batch[n]!;
        const id = ids[n]!;
        refIds.set(refKey(reviewId, fields.ref), id);
        audit.push(auditRow("item", id, "created", null, itemSnapshot(fields)));
        if (fields.revisedTarget.raw && fields.revisedTarget.end !== fields.originalTarget.end) {
          revisions.push({
            itemId: id, fromRaw: fields.originalTarget.raw, fromDate: fields.originalTarget.end,
            toRaw: fields.revisedTarget.raw, toDate: fields.revisedTarget.end, reason: fields.revisionReason, actor, at: now,
          });
        }
        if (fields.progressUpdate) updates.push({ itemId: id, progress: fields.progress, narrative: fields.progressUpdate, evidenceUrl: null, actor, at: now });
      }
      await audit.flushIfFull();
      await revisions.flushIfFull();
      await updates.flushIfFull();
    }
    const done = new Set(ready);
    pending = pending.filter((i) => !done.has(i));
  }

  for (const reviewPlan of plan) {
    const reviewId = reviewIds.get(reviewPlan.key)!;
    for (const i of reviewPlan.items) {
      if (!i.existing || !i.change) continue;
      const data: Row = itemData(i.fields, ownerIds);
      const written: Row = { updatedAt: now };
      for (const key of Object.keys(i.change.after)) {
        if (key === "parent_ref") written.parentId = i.fields.parentRef ? refIds.get(refKey(reviewId, i.fields.parentRef)) ?? null : null;
        for (const column of ITEM_FIELD_COLUMNS[key] ?? []) written[column] = data[column] ?? null;
      }
      await sql.update("Item", i.existing.id, written, { bumpVersion: true });
      audit.push(auditRow("item", i.existing.id, "updated", i.change.before, i.change.after));
      if ("revised_target" in i.change.after) {
        revisions.push({
          itemId: i.existing.id, fromRaw: i.existing.revisedTargetRaw ?? i.existing.originalTargetRaw, fromDate: i.existing.revisedTarget ?? i.existing.originalTarget,
          toRaw: i.fields.revisedTarget.raw, toDate: i.fields.revisedTarget.end, reason: i.fields.revisionReason, actor, at: now,
        });
      }
      if ("progress" in i.change.after || "progress_update" in i.change.after) {
        updates.push({ itemId: i.existing.id, progress: i.fields.progress, narrative: i.fields.progressUpdate, evidenceUrl: null, actor, at: now });
      }
      await audit.flushIfFull();
      await revisions.flushIfFull();
      await updates.flushIfFull();
    }
  }
  await audit.flush();
  await revisions.flush();
  await updates.flush();
}

/**
 * How many rows are built before they are written: the audit JSON and history rows of a large import
 * are written as they are made, inside the one transaction, rather than all held until the end.
 */
const WRITE_BATCH = 2_000;

/** Rows for one table, written (in the order pushed) once a batch has built up. */
class BatchedInserts {
  private rows: Row[] = [];
  constructor(private readonly sql: DirectStatements, private readonly table: string) {}
  push(row: Row): void {
    this.rows.push(row);
  }
  async flushIfFull(): Promise<void> {
    if (this.rows.length >= WRITE_BATCH) await this.flush();
  }
  async flush(): Promise<void> {
    const rows = this.rows;
    this.rows = [];
    await this.sql.insert(this.table, rows);
  }
}
