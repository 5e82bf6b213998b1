/** Loads one item as its cards show it (the shape is the domain's ItemView). */
import type { PrismaClient } from "../data/database.js";
import type { IsoDate } from "../domain/calendar-date.js";
import { computeItemStatus, type Progress } from "../domain/status.js";
import type { ItemView } from "../domain/item-view.js";
import { storedDate } from "../domain/register.js";
import { itemHistory } from "./item-history.js";

export type { ItemView } from "../domain/item-view.js";

export async function loadItemView(prisma: PrismaClient, itemId: number, today: IsoDate): Promise<ItemView | null> {
  const item = await prisma.item.findUnique({
    where: { id: itemId },
    include: { review: { select: { title: true, directorateId: true, confidential: true } }, owner: { select: { email: true } }, delegate: { select: { email: true } } },
  });
  if (!item) return null;
  const originalTarget = storedDate(item.originalTargetRaw);
  const revisedTarget = storedDate(item.revisedTargetRaw);
  return {
    id: item.id,
    version: item.version,
    reviewTitle: item.review.title,
    directorateId: item.review.directorateId,
    confidential: item.confidential || item.review.confidential,
    ref: item.ref,
    text: item.text,
    progress: item.progress as Progress,
    status: computeItemStatus({ progress: item.progress as Progress, originalTarget: originalTarget.end, revisedTarget: revisedTarget.end }, today),
    originalTarget,
    revisedTarget,
    ownerId: item.ownerId,
    ownerEmail: item.owner?.email ?? null,
    delegateId: item.delegateId,
    delegateEmail: item.delegate?.email ?? null,
    verification: item.verification,
    pendingProgress: item.pendingProgress,
    evidenceUrl: item.evidenceUrl,
    completionClaimedOn: item.completionClaimedOn,
    completionNote: item.completionNote,
    latestUpdate: item.latestUpdate,
    history: await itemHistory(prisma, item.id, 5),
  };
}
