/**
 * The register import's reads and writes, as plain standard SQL on the direct statements (Prisma's
 * nested include maps a 10,000-item re-import several times slower): which reviews and items already
 * exist, which people are known, and the plan written as rows (people, reviews, items, each with its
 * audit entry, target revision and progress update), run inside the caller's write transaction, so the
 * import is all or nothing and costs about what the rows themselves cost to write.
 */
import type { ImportReport } from "../../domain/imports/report.js";
import type { ReviewPlan } from "../../domain/imports/plan-import.js";
import { itemSnapshot, reviewSnapshot, type ExistingItem, type ExistingReview } from "../../domain/imports/snapshots.js";
import { countsAsItem } from "../../domain/register/milestones.js";
import type { ItemFields, ReviewFields } from "../../domain/register/register-row.js";
import type { DirectStatements } from "../direct-statements.js";

export type { ExistingItem, ExistingReview };

type Flag = number | boolean;

/** The reviews with these title keys, each with its items, their owner's email and their parent's ref. */
export async function findReviewsByTitleKey(
  sql: DirectStatements,
  titleKeys: readonly string[],
): Promise<ExistingReview[]> {
  const reviews = await sql.selectIn<Omit<ExistingReview, "items" | "confidential"> & { confidential: Flag }>(
    `SELECT "id", "titleKey", "directorateId", "body", "reviewType", "reviewDateRaw", "findingsReceivedRaw", "outcome", "narrative",
      "purpose", "confidential", "source" FROM "Review" WHERE "titleKey"`,
    titleKeys,
  );
  const byId = new Map(
    reviews.map((r): [number, ExistingReview] => [r.id, { ...r, confidential: Boolean(r.confidential), items: [] }]),
  );
  const items = await sql.selectIn<
    Omit<ExistingItem, "confidential" | "publicReport"> & { reviewId: number; confidential: Flag; publicReport: Flag | null }
  >(
    `SELECT i."id", i."reviewId", i."ref", i."kind", i."text", p."ref" AS "parentRef", i."responsibleUnit", o."email" AS "ownerEmail",
      i."originalTargetRaw", i."originalTarget", i."revisedTargetRaw", i."revisedTarget", i."revisionReason", i."progress",
      i."recordedStatus", i."latestUpdate", i."completedOn", i."confidential", i."priority",
      i."caseRef", i."decisionDate", i."remedyKind", i."publicReport",
      i."sentToExecutive", i."executiveResponse", i."responseDate", i."responseDue"
      FROM "Item" i LEFT JOIN "Person" o ON o."id" = i."ownerId" LEFT JOIN "Item" p ON p."id" = i."parentId" WHERE i."reviewId"`,
    [...byId.keys()],
  );
  for (const { reviewId, ...item } of items)
    byId.get(reviewId)?.items.push({
      ...item,
      confidential: Boolean(item.confidential),
      publicReport: item.publicReport == null ? null : Boolean(item.publicReport),
    });
  return [...byId.values()];
}

export async function findPeopleByEmail(
  sql: DirectStatements,
  emails: readonly string[],
): Promise<{ id: number; email: string }[]> {
  return sql.selectIn(`SELECT "id", "email" FROM "Person" WHERE "email"`, emails);
}

export async function findItemRefs(
  sql: DirectStatements,
  reviewIds: readonly number[],
): Promise<{ id: number; ref: string; reviewId: number }[]> {
  return sql.selectIn(`SELECT "id", "ref", "reviewId" FROM "Item" WHERE "reviewId"`, reviewIds);
}

/** A file's size in bytes and its SHA-256 (hex): which file it was, when the file itself is not kept. */
export interface ImportFileFacts {
  bytes: number;
  sha256: string;
}

export interface ImportWriteOptions {
  /** The file's name, as the audit log records where people came from. */
  source: string;
  actor: string;
  /** When the import happens: every row written is stamped with it. */
  now: Date;
  /** The counts the import's own audit entry records. */
  counts: Pick<ImportReport, "reviews" | "items" | "milestones">;
  /** Given for a file sent in Teams: recorded beside its name in the import's audit entry. */
  fileFacts?: ImportFileFacts;
}

type Row = Record<string, string | number | boolean | Date | null>;

function reviewData(f: ReviewFields) {
  return {
    title: f.title,
    body: f.body,
    reviewType: f.reviewType,
    reviewDateRaw: f.reviewDate.raw,
    reviewDate: f.reviewDate.end,
    findingsReceivedRaw: f.findingsReceived.raw,
    findingsReceived: f.findingsReceived.end,
    outcome: f.outcome,
    outcomeKnown: f.outcomeKnown,
    narrative: f.narrative,
    purpose: f.purpose,
    confidential: f.confidential,
    directorateId: f.directorateId,
    // A blank source keeps a registered review's (a new one is an inspection, the column's default).
    ...(f.source ? { source: f.source } : {}),
  };
}

function itemData(f: ItemFields, ownerIds: Map<string, number>) {
  return {
    kind: f.kind,
    // A milestone is a step towards its item: stored as an item, never counted as one.
    counted: countsAsItem(f.kind),
    text: f.text,
    responsibleUnit: f.responsibleUnit,
    ownerId: f.ownerEmail ? (ownerIds.get(f.ownerEmail) ?? null) : null,
    originalTargetRaw: f.originalTarget.raw,
    originalTarget: f.originalTarget.end,
    originalTargetKind: f.originalTarget.kind,
    revisedTargetRaw: f.revisedTarget.raw,
    revisedTarget: f.revisedTarget.end,
    revisedTargetKind: f.revisedTarget.kind,
    revisionReason: f.revisionReason,
    progress: f.progress,
    recordedStatus: f.recordedStatus,
    latestUpdate: f.progressUpdate,
    completedOn: f.completedOn,
    confidential: f.confidential,
    priority: f.priority,
    caseRef: f.ombudsman?.caseRef ?? null,
    decisionDate: f.ombudsman?.decisionDate ?? null,
    remedyKind: f.ombudsman?.remedyKind ?? null,
    publicReport: f.ombudsman ? f.ombudsman.publicReport : null,
    // The response clock, set in one place whatever the source (domain/ombudsman/other-register-cells.ts).
    sentToExecutive: f.scrutiny.sentToExecutive,
    executiveResponse: f.scrutiny.executiveResponse,
    responseDate: f.scrutiny.responseDate,
    responseDue: f.scrutiny.responseDue,
  };
}

/** The columns each compared field is stored in: only the fields the file gives are written, as only they were compared. */
const ITEM_FIELD_COLUMNS: Record<string, readonly string[]> = {
  kind: ["kind", "counted"],
  text: ["text"],
  responsible_unit: ["responsibleUnit"],
  owner_email: ["ownerId"],
  original_target: ["originalTargetRaw", "originalTarget", "originalTargetKind"],
  revised_target: ["revisedTargetRaw", "revisedTarget", "revisedTargetKind"],
  revision_reason: ["revisionReason"],
  progress: ["progress"],
  recorded_status: ["recordedStatus"],
  progress_update: ["latestUpdate"],
  completed_on: ["completedOn"],
  confidential: ["confidential"],
  priority: ["priority"],
  case_ref: ["caseRef"],
  decision_date: ["decisionDate"],
  remedy_kind: ["remedyKind"],
  public_report: ["publicReport"],
  sent_to_executive: ["sentToExecutive"],
  executive_response: ["executiveResponse"],
  response_date: ["responseDate"],
  response_due: ["responseDue"],
};

/** Writes the plan: the import's own audit entry first (it takes SQLite's write lock), then people, reviews and items. */
export async function writeImportPlan(
  sql: DirectStatements,
  plan: readonly ReviewPlan[],
  options: ImportWriteOptions,
): Promise<void> {
  const { source, actor, now } = options;
  const audit = new BatchedInserts(sql, "AuditEntry");
  const revisions = new BatchedInserts(sql, "TargetRevision");
  const updates = new BatchedInserts(sql, "ProgressUpdate");
  const auditRow = (entityType: string, entityId: number, action: string, before: unknown, after: unknown): Row => ({
    entityType,
    entityId,
    action,
    actor,
    before: before === null ? null : JSON.stringify(before),
    after: JSON.stringify(after),
    at: now,
  });
  // A write first, so SQLite takes the write lock now rather than failing later with SQLITE_BUSY_SNAPSHOT.
  await sql.insert("AuditEntry", [
    auditRow("import", 0, "import", null, {
      file: source,
      ...(options.fileFacts ? { bytes: options.fileFacts.bytes, sha256: options.fileFacts.sha256 } : {}),
      reviews: options.counts.reviews,
      items: options.counts.items,
      milestones: options.counts.milestones,
    }),
  ]);

  const emails = [
    ...new Set(
      plan.flatMap((p) => p.review.items.map((i) => i.fields.ownerEmail)).filter((e): e is string => Boolean(e)),
    ),
  ];
  const ownerIds = new Map((await findPeopleByEmail(sql, emails)).map((p) => [p.email, p.id]));
  const newEmails = emails.filter((e) => !ownerIds.has(e));
  const personIds = await sql.insert(
    "Person",
    newEmails.map((email) => ({ email, createdAt: now })),
  );
  newEmails.forEach((email, n) => {
    ownerIds.set(email, personIds[n]!);
    audit.push(auditRow("person", personIds[n]!, "created", null, { email, source }));
  });

  const newReviews = plan.filter((p) => p.existingId === null);
  const newReviewIds = await sql.insert(
    "Review",
    newReviews.map((p) => ({
      titleKey: p.key,
      ...reviewData(p.review.fields),
      // Every new row names its source, so rows inserted together have the same columns.
      source: p.review.fields.source ?? "inspection",
      createdAt: now,
      updatedAt: now,
    })),
  );
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
      audit.push(
        auditRow("review", reviewPlan.existingId, "updated", reviewPlan.change.before, reviewPlan.change.after),
      );
    }
  }

  // Item ids by review and ref, so parents resolve: the existing items first, then each wave inserted.
  const refKey = (reviewId: number, ref: string) => `${reviewId}\u0000${ref.toLowerCase()}`;
  const touched = plan.flatMap((p) => (p.existingId === null ? [] : [p.existingId]));
  const refIds = new Map((await findItemRefs(sql, touched)).map((i) => [refKey(i.reviewId, i.ref), i.id]));
  let pending = plan.flatMap((p) =>
    p.items
      .filter((i) => !i.existing)
      .map((i) => ({ ...i, reviewId: reviewIds.get(p.key)!, title: p.review.fields.title })),
  );
  // Parents before children: insert in waves, each wave's parents already present.
  while (pending.length) {
    const ready = pending.filter((i) => !i.fields.parentRef || refIds.has(refKey(i.reviewId, i.fields.parentRef)));
    if (ready.length === 0) throw new Error(`items of "${pending[0]!.title}" name each other as parents in a cycle`);
    for (let start = 0; start < ready.length; start += WRITE_BATCH) {
      const batch = ready.slice(start, start + WRITE_BATCH);
      const ids = await sql.insert(
        "Item",
        batch.map((i) => ({
          reviewId: i.reviewId,
          ref: i.fields.ref,
          parentId: i.fields.parentRef ? (refIds.get(refKey(i.reviewId, i.fields.parentRef)) ?? null) : null,
          ...itemData(i.fields, ownerIds),
          createdAt: now,
          updatedAt: now,
        })),
      );
      for (let n = 0; n < batch.length; n += 1) {
        const { reviewId, fields } = batch[n]!;
        const id = ids[n]!;
        refIds.set(refKey(reviewId, fields.ref), id);
        audit.push(auditRow("item", id, "created", null, itemSnapshot(fields)));
        if (fields.revisedTarget.raw && fields.revisedTarget.end !== fields.originalTarget.end) {
          revisions.push({
            itemId: id,
            fromRaw: fields.originalTarget.raw,
            fromDate: fields.originalTarget.end,
            toRaw: fields.revisedTarget.raw,
            toDate: fields.revisedTarget.end,
            reason: fields.revisionReason,
            actor,
            at: now,
          });
        }
        if (fields.progressUpdate)
          updates.push({
            itemId: id,
            progress: fields.progress,
            narrative: fields.progressUpdate,
            evidenceUrl: null,
            actor,
            at: now,
          });
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
        if (key === "parent_ref")
          written.parentId = i.fields.parentRef ? (refIds.get(refKey(reviewId, i.fields.parentRef)) ?? null) : null;
        for (const column of ITEM_FIELD_COLUMNS[key] ?? []) written[column] = data[column] ?? null;
      }
      await sql.update("Item", i.existing.id, written, { bumpVersion: true });
      audit.push(auditRow("item", i.existing.id, "updated", i.change.before, i.change.after));
      if ("revised_target" in i.change.after) {
        revisions.push({
          itemId: i.existing.id,
          fromRaw: i.existing.revisedTargetRaw ?? i.existing.originalTargetRaw,
          fromDate: i.existing.revisedTarget ?? i.existing.originalTarget,
          toRaw: i.fields.revisedTarget.raw,
          toDate: i.fields.revisedTarget.end,
          reason: i.fields.revisionReason,
          actor,
          at: now,
        });
      }
      if ("progress" in i.change.after || "progress_update" in i.change.after) {
        updates.push({
          itemId: i.existing.id,
          progress: i.fields.progress,
          narrative: i.fields.progressUpdate,
          evidenceUrl: null,
          actor,
          at: now,
        });
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
  constructor(
    private readonly sql: DirectStatements,
    private readonly table: string,
  ) {}
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
