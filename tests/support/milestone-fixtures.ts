/**
 * Milestones written as the import stores them: an Item of kind "milestone" on its item's review, parentId
 * naming the item, counted false, an owner, and each target kept as its raw text beside the parsed date.
 */
import type { PrismaClient } from "../../src/data/database.js";
import { parseDateText } from "../../src/domain/dates/date-text.js";
import { MILESTONE_KIND } from "../../src/domain/register/milestones.js";
import type { Progress } from "../../src/domain/status/status.js";

export interface MilestoneFixture {
  ref: string;
  text: string;
  originalTarget: string;
  revisedTarget?: string;
  progress?: Progress;
  /** Default: the item's owner. */
  ownerEmail?: string;
  confidential?: boolean;
  latestUpdate?: string;
}

/** Adds `milestones` to the item `itemId`; returns their ids in the order given. */
export async function addMilestones(
  prisma: PrismaClient,
  itemId: number,
  milestones: readonly MilestoneFixture[],
): Promise<number[]> {
  const item = await prisma.item.findUniqueOrThrow({ where: { id: itemId }, include: { owner: true } });
  const ids: number[] = [];
  for (const m of milestones) {
    const ownerEmail = m.ownerEmail ?? item.owner?.email ?? null;
    const owner = ownerEmail
      ? await prisma.person.upsert({ where: { email: ownerEmail }, create: { email: ownerEmail }, update: {} })
      : null;
    const original = parseDateText(m.originalTarget);
    const revised = parseDateText(m.revisedTarget ?? null);
    const created = await prisma.item.create({
      data: {
        reviewId: item.reviewId,
        parentId: item.id,
        ref: m.ref,
        kind: MILESTONE_KIND,
        text: m.text,
        counted: false,
        ownerId: owner?.id ?? null,
        originalTargetRaw: original.raw,
        originalTarget: original.end,
        originalTargetKind: original.kind,
        revisedTargetRaw: revised.raw,
        revisedTarget: revised.end,
        revisedTargetKind: revised.kind,
        progress: m.progress ?? "not_started",
        confidential: m.confidential ?? false,
        latestUpdate: m.latestUpdate ?? null,
      },
    });
    ids.push(created.id);
  }
  return ids;
}
