/** Reads the register from the database into the domain's shape. */
import type { PrismaClient } from "./database.js";
import { storedDate, type RegisterReview } from "../domain/register.js";
import { DIRECTORATES } from "../domain/directorates.js";
import type { Progress } from "../domain/status.js";

interface ReviewRow {
  id: number; title: string; body: string | null; reviewType: string | null; reviewDateRaw: string | null;
  findingsReceivedRaw: string | null; outcome: string | null; outcomeKnown: number | boolean; narrative: string | null; purpose: string | null;
  directorateId: string; confidential: number | boolean;
}
interface ItemRow {
  id: number; reviewId: number; ref: string; kind: string; text: string; parentRef: string | null; counted: number | boolean;
  responsibleUnit: string | null; ownerEmail: string | null; delegateEmail: string | null; originalTargetRaw: string | null; revisedTargetRaw: string | null;
  revisionReason: string | null; progress: string; recordedStatus: string | null; latestUpdate: string | null;
  completedOn: string | null; confidential: number | boolean; version: number; verification: string;
}

/**
 * The whole register in two plain queries: Prisma's nested include maps 10,000 items several times
 * slower, and every status, answer and report starts here. Standard SQL, so it moves to PostgreSQL as is.
 */
export async function loadRegister(prisma: PrismaClient): Promise<RegisterReview[]> {
  const [reviews, items] = await Promise.all([
    prisma.$queryRaw<ReviewRow[]>`SELECT "id", "title", "body", "reviewType", "reviewDateRaw", "findingsReceivedRaw", "outcome",
      "outcomeKnown", "narrative", "purpose", "directorateId", "confidential" FROM "Review" ORDER BY "directorateId", "id"`,
    prisma.$queryRaw<ItemRow[]>`SELECT i."id", i."reviewId", i."ref", i."kind", i."text", p."ref" AS "parentRef", i."counted",
      i."responsibleUnit", o."email" AS "ownerEmail", d."email" AS "delegateEmail", i."originalTargetRaw", i."revisedTargetRaw", i."revisionReason", i."progress",
      i."recordedStatus", i."latestUpdate", i."completedOn", i."confidential", i."version", i."verification"
      FROM "Item" i LEFT JOIN "Person" o ON o."id" = i."ownerId" LEFT JOIN "Person" d ON d."id" = i."delegateId" LEFT JOIN "Item" p ON p."id" = i."parentId" ORDER BY i."id"`,
  ]);
  const byReview = new Map<number, RegisterReview>();
  const register = reviews.map((review): RegisterReview => {
    const mapped: RegisterReview = {
      id: review.id,
      title: review.title,
      body: review.body,
      reviewType: review.reviewType,
      reviewDate: storedDate(review.reviewDateRaw),
      findingsReceived: storedDate(review.findingsReceivedRaw),
      outcome: review.outcome,
      outcomeKnown: Boolean(review.outcomeKnown),
      narrative: review.narrative,
      purpose: review.purpose,
      directorateId: review.directorateId,
      confidential: Boolean(review.confidential),
      items: [],
    };
    byReview.set(review.id, mapped);
    return mapped;
  });
  for (const item of items) {
    byReview.get(item.reviewId)?.items.push({
      id: item.id,
      ref: item.ref,
      kind: item.kind,
      text: item.text,
      parentRef: item.parentRef,
      counted: Boolean(item.counted),
      responsibleUnit: item.responsibleUnit,
      ownerEmail: item.ownerEmail,
      delegateEmail: item.delegateEmail,
      originalTarget: storedDate(item.originalTargetRaw),
      revisedTarget: storedDate(item.revisedTargetRaw),
      revisionReason: item.revisionReason,
      progress: item.progress as Progress,
      recordedStatus: item.recordedStatus,
      latestUpdate: item.latestUpdate,
      completedOn: item.completedOn,
      confidential: Boolean(item.confidential),
      version: Number(item.version),
      verification: item.verification,
    });
  }
  return register;
}

/** The council's directorates, with their aliases, present before anything refers to them. */
export async function ensureDirectorates(prisma: PrismaClient): Promise<void> {
  const existing = new Set((await prisma.directorate.findMany({ select: { id: true } })).map((d) => d.id));
  const missing = DIRECTORATES.filter((d) => !existing.has(d.id));
  if (missing.length === 0) return;
  await prisma.directorate.createMany({
    data: missing.map((d) => ({ id: d.id, name: d.name, aliases: JSON.stringify(d.aliases) })),
  });
}
