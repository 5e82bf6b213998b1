/** An item's progress history: the updates owners and the improvement team recorded, and each move of its target date. */
import type { UpdatesUpToDay } from "../../domain/updates/updates-as-at.js";
import type { Store, Tx } from "../database.js";

export interface ProgressUpdateInput {
  itemId: number;
  progress: string;
  narrative: string | null;
  evidenceUrl?: string | null;
  actor: string;
  at: Date;
  /** The card submission it came from, so the same submission twice records one update. */
  submissionId?: string;
  /** The owner's confidence in meeting the target, and the target it was given for. */
  confidence?: string | null;
  confidenceTarget?: string | null;
}

export interface TargetRevisionInput {
  itemId: number;
  fromRaw: string | null;
  fromDate: string | null;
  toRaw: string | null;
  toDate: string | null;
  reason: string | null;
  actor: string;
  at: Date;
}

export async function addProgressUpdate(db: Store | Tx, update: ProgressUpdateInput): Promise<void> {
  await db.progressUpdate.create({ data: update });
}

/** Whether this person already recorded this card submission for the item. */
export async function hasSubmission(db: Store | Tx, key: { itemId: number; actor: string; submissionId: string }): Promise<boolean> {
  const found = await db.progressUpdate.findUnique({ where: { itemId_actor_submissionId: key }, select: { id: true } });
  return found !== null;
}

/** Who made the item's latest update (the submission a verification is about), if any. */
export async function latestUpdateActor(db: Store | Tx, itemId: number): Promise<string | null> {
  const latest = await db.progressUpdate.findFirst({ where: { itemId }, orderBy: { id: "desc" }, select: { actor: true } });
  return latest?.actor ?? null;
}

export async function addTargetRevision(db: Store | Tx, revision: TargetRevisionInput): Promise<void> {
  await db.targetRevision.create({ data: revision });
}

/**
 * Per item of `itemIds`, the updates sent from cards (those with a submission) as they stood at `until`: what a report as
 * at a cut-off reads, whatever came after. A note loaded by an import is left out, as the live flag leaves it.
 */
export async function updatesUpTo(
  db: Store | Tx,
  until: Date,
  itemIds: readonly number[],
): Promise<Map<number, UpdatesUpToDay>> {
  const sent = { itemId: { in: [...itemIds] }, at: { lte: until }, submissionId: { not: null } };
  const [latest, confidences] = await Promise.all([
    db.progressUpdate.groupBy({ by: ["itemId"], where: sent, _max: { at: true } }),
    db.progressUpdate.findMany({
      where: { ...sent, confidence: { not: null } },
      select: { itemId: true, at: true, confidence: true, confidenceTarget: true },
      orderBy: [{ at: "asc" }, { id: "asc" }],
    }),
  ]);
  const byItem = new Map<number, UpdatesUpToDay>();
  for (const row of latest) byItem.set(row.itemId, { lastUpdateAt: row._max.at, confidence: null });
  // Oldest first, so each item keeps its latest.
  for (const row of confidences) {
    const entry = byItem.get(row.itemId) ?? { lastUpdateAt: row.at, confidence: null };
    entry.confidence = { value: row.confidence!, at: row.at, forTarget: row.confidenceTarget };
    byItem.set(row.itemId, entry);
  }
  return byItem;
}
