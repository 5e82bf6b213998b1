/**
 * One item as the update and verification flows read and change it: a transaction that takes the
 * write lock on the item first, the item's fields with its directorate and people, and the change
 * itself (always one version on, so an older card is recognised as stale); and the small reads card
 * actions make first (is it confidential, which items a review holds), and an item's milestones.
 */
import { Prisma } from "../../generated/prisma/client.js";
import { confidentialWithItsItem, MILESTONE_KIND } from "../../domain/register/milestones.js";
import type { Store, Tx } from "../database.js";
import { storeKindOfClient } from "../store-kind.js";

export interface ItemRecord {
  id: number;
  version: number;
  reviewTitle: string;
  directorateId: string;
  /** The item's own flag; its review's is `reviewConfidential`. */
  confidential: boolean;
  reviewConfidential: boolean;
  /** Review.source: a scrutiny recommendation's follow-up milestone may fall after its item's target. */
  reviewSource: string;
  ref: string;
  text: string;
  progress: string;
  originalTargetRaw: string | null;
  originalTarget: string | null;
  revisedTargetRaw: string | null;
  revisedTarget: string | null;
  revisionReason: string | null;
  ownerId: number | null;
  ownerEmail: string | null;
  /** The owner's and delegate's names and job titles, for naming them to readers. */
  ownerName: string | null;
  ownerJobTitle: string | null;
  delegateId: number | null;
  delegateEmail: string | null;
  delegateName: string | null;
  delegateJobTitle: string | null;
  verification: string;
  pendingProgress: string | null;
  evidenceUrl: string | null;
  completionClaimedOn: string | null;
  completionNote: string | null;
  completedOn: string | null;
  latestUpdate: string | null;
  priority: string | null;
  confidence: string | null;
  confidenceAt: Date | null;
  confidenceTarget: string | null;
  lastUpdateAt: Date | null;
  kind: string;
  /** For a milestone, the item it is a step towards (its owner may update the milestone too); null otherwise. */
  stepTowards: ParentRecord | null;
}

export interface ParentRecord {
  id: number;
  ref: string;
  text: string;
  confidential: boolean;
  ownerId: number | null;
  delegateId: number | null;
  /** The item's own targets as typed: a milestone's target may not come after them. */
  originalTargetRaw: string | null;
  revisedTargetRaw: string | null;
}

/** A milestone of an item, as the item's card lists it. */
export interface MilestoneRecord {
  id: number;
  ref: string;
  text: string;
  progress: string;
  originalTargetRaw: string | null;
  revisedTargetRaw: string | null;
  confidential: boolean;
  ownerId: number | null;
  ownerEmail: string | null;
  ownerName: string | null;
  ownerJobTitle: string | null;
  delegateId: number | null;
  latestUpdate: string | null;
  verification: string;
}

/** What a person is named by. */
const PERSON_NAMING = { email: true, name: true, jobTitle: true } as const;

const PARENT_FIELDS = {
  id: true,
  ref: true,
  text: true,
  confidential: true,
  ownerId: true,
  delegateId: true,
  originalTargetRaw: true,
  revisedTargetRaw: true,
} as const;

/** The fields an update may set; every change also moves the item one version on. */
export interface ItemChange {
  progress?: string;
  latestUpdate?: string | null;
  verification?: string;
  pendingProgress?: string | null;
  evidenceUrl?: string | null;
  completionClaimedOn?: string | null;
  completionNote?: string | null;
  completedOn?: string | null;
  revisedTargetRaw?: string | null;
  revisedTarget?: string | null;
  revisedTargetKind?: string;
  revisionReason?: string | null;
  delegateId?: number | null;
  ownerId?: number;
  lastUpdateAt?: Date;
  priority?: string | null;
  confidence?: string | null;
  confidenceAt?: Date | null;
  confidenceTarget?: string | null;
}

/**
 * Runs `work` in one transaction holding the item, so a concurrent submission for it waits and then sees
 * this one. On SQLite the first statement is a write to the item, which takes the database's write lock at
 * once (DESIGN.md 2.1); on PostgreSQL the item's row is locked with SELECT … FOR UPDATE.
 */
export function withItemLocked<T>(store: Store, itemId: number, work: (tx: Tx) => Promise<T>): Promise<T> {
  return withItemsLocked(store, [itemId], work);
}

/** As withItemLocked, for several items (on PostgreSQL their rows are locked in id order, so two callers cannot deadlock). */
export function withItemsLocked<T>(store: Store, itemIds: readonly number[], work: (tx: Tx) => Promise<T>): Promise<T> {
  return store.$transaction(async (tx) => {
    if (storeKindOfClient(tx) === "postgresql") {
      if (itemIds.length) await tx.$queryRaw`SELECT "id" FROM "Item" WHERE "id" IN (${Prisma.join(itemIds)}) ORDER BY "id" FOR UPDATE`;
    } else {
      await tx.$executeRaw`UPDATE "Item" SET "version" = "version" WHERE "id" = ${itemIds[0] ?? 0}`;
    }
    return work(tx);
  });
}

export async function findItemRecord(db: Store | Tx, itemId: number): Promise<ItemRecord | null> {
  const item = await db.item.findUnique({
    where: { id: itemId },
    include: {
      review: { select: { title: true, directorateId: true, confidential: true, source: true } },
      owner: { select: PERSON_NAMING },
      delegate: { select: PERSON_NAMING },
      parent: { select: PARENT_FIELDS },
    },
  });
  if (!item) return null;
  return {
    id: item.id,
    version: item.version,
    reviewTitle: item.review.title,
    directorateId: item.review.directorateId,
    confidential: item.confidential,
    reviewConfidential: item.review.confidential,
    reviewSource: item.review.source,
    ref: item.ref,
    text: item.text,
    progress: item.progress,
    originalTargetRaw: item.originalTargetRaw,
    originalTarget: item.originalTarget,
    revisedTargetRaw: item.revisedTargetRaw,
    revisedTarget: item.revisedTarget,
    revisionReason: item.revisionReason,
    ownerId: item.ownerId,
    ownerEmail: item.owner?.email ?? null,
    ownerName: item.owner?.name ?? null,
    ownerJobTitle: item.owner?.jobTitle ?? null,
    delegateId: item.delegateId,
    delegateEmail: item.delegate?.email ?? null,
    delegateName: item.delegate?.name ?? null,
    delegateJobTitle: item.delegate?.jobTitle ?? null,
    verification: item.verification,
    pendingProgress: item.pendingProgress,
    evidenceUrl: item.evidenceUrl,
    completionClaimedOn: item.completionClaimedOn,
    completionNote: item.completionNote,
    completedOn: item.completedOn,
    latestUpdate: item.latestUpdate,
    priority: item.priority,
    confidence: item.confidence,
    confidenceAt: item.confidenceAt,
    confidenceTarget: item.confidenceTarget,
    lastUpdateAt: item.lastUpdateAt,
    kind: item.kind,
    stepTowards: item.kind === MILESTONE_KIND && item.parent ? item.parent : null,
  };
}

/** The milestones of an item, in the order they were added. */
export async function itemMilestoneRecords(db: Store | Tx, itemId: number): Promise<MilestoneRecord[]> {
  const rows = await db.item.findMany({
    where: { parentId: itemId, kind: MILESTONE_KIND },
    orderBy: { id: "asc" },
    include: { owner: { select: PERSON_NAMING } },
  });
  return rows.map((m) => ({
    id: m.id,
    ref: m.ref,
    text: m.text,
    progress: m.progress,
    originalTargetRaw: m.originalTargetRaw,
    revisedTargetRaw: m.revisedTargetRaw,
    confidential: m.confidential,
    ownerId: m.ownerId,
    ownerEmail: m.owner?.email ?? null,
    ownerName: m.owner?.name ?? null,
    ownerJobTitle: m.owner?.jobTitle ?? null,
    delegateId: m.delegateId,
    latestUpdate: m.latestUpdate,
    verification: m.verification,
  }));
}

/** Applies `change` and moves the item one version on. */
export async function updateItem(db: Store | Tx, itemId: number, change: ItemChange): Promise<void> {
  await db.item.update({ where: { id: itemId }, data: { ...change, version: { increment: 1 } } });
}

/**
 * Whether an item and its review are confidential: what the visibility rule needs before anything is shown.
 * A milestone of a confidential item is as confidential as its item.
 */
export async function itemConfidentiality(db: Store | Tx, itemId: number): Promise<{ confidential: boolean; review: { confidential: boolean } } | null> {
  const item = await db.item.findUnique({
    where: { id: itemId },
    select: { confidential: true, kind: true, review: { select: { confidential: true } }, parent: { select: { confidential: true } } },
  });
  if (!item) return null;
  const confidential = confidentialWithItsItem(item.kind, item.confidential, item.parent?.confidential === true);
  return { confidential, review: item.review };
}

export async function itemIdsOfReview(db: Store | Tx, reviewId: number): Promise<number[]> {
  return (await db.item.findMany({ where: { reviewId }, select: { id: true } })).map((i) => i.id);
}
