/**
 * The reads the register import needs (which reviews and items already exist, which people are
 * known, which item ids a parent_ref can name), as plain standard SQL on the direct statements:
 * Prisma's nested include maps a 10,000-item re-import several times slower.
 */
import type { DirectStatements } from "./direct-statements.js";

export interface ExistingItem {
  id: number; ref: string; kind: string; text: string; parentRef: string | null; responsibleUnit: string | null;
  ownerEmail: string | null; originalTargetRaw: string | null; originalTarget: string | null; revisedTargetRaw: string | null;
  revisedTarget: string | null; revisionReason: string | null; progress: string; recordedStatus: string | null;
  latestUpdate: string | null; completedOn: string | null; confidential: boolean;
}

export interface ExistingReview {
  id: number; titleKey: string; directorateId: string; body: string | null; reviewType: string | null; reviewDateRaw: string | null;
  findingsReceivedRaw: string | null; outcome: string | null; narrative: string | null; purpose: string | null; confidential: boolean;
  items: ExistingItem[];
}

type Flag = number | boolean;

/** The reviews with these title keys, each with its items, their owner's email and their parent's ref. */
export async function findReviewsByTitleKey(sql: DirectStatements, titleKeys: readonly string[]): Promise<ExistingReview[]> {
  const reviews = await sql.selectIn<Omit<ExistingReview, "items" | "confidential"> & { confidential: Flag }>(
    `SELECT "id", "titleKey", "directorateId", "body", "reviewType", "reviewDateRaw", "findingsReceivedRaw", "outcome", "narrative",
      "purpose", "confidential" FROM "Review" WHERE "titleKey"`,
    titleKeys,
  );
  const byId = new Map(reviews.map((r): [number, ExistingReview] => [r.id, { ...r, confidential: Boolean(r.confidential), items: [] }]));
  const items = await sql.selectIn<Omit<ExistingItem, "confidential"> & { reviewId: number; confidential: Flag }>(
    `SELECT i."id", i."reviewId", i."ref", i."kind", i."text", p."ref" AS "parentRef", i."responsibleUnit", o."email" AS "ownerEmail",
      i."originalTargetRaw", i."originalTarget", i."revisedTargetRaw", i."revisedTarget", i."revisionReason", i."progress",
      i."recordedStatus", i."latestUpdate", i."completedOn", i."confidential"
      FROM "Item" i LEFT JOIN "Person" o ON o."id" = i."ownerId" LEFT JOIN "Item" p ON p."id" = i."parentId" WHERE i."reviewId"`,
    [...byId.keys()],
  );
  for (const { reviewId, ...item } of items) byId.get(reviewId)?.items.push({ ...item, confidential: Boolean(item.confidential) });
  return [...byId.values()];
}

export async function findPeopleByEmail(sql: DirectStatements, emails: readonly string[]): Promise<{ id: number; email: string }[]> {
  return sql.selectIn(`SELECT "id", "email" FROM "Person" WHERE "email"`, emails);
}

export async function findItemRefs(sql: DirectStatements, reviewIds: readonly number[]): Promise<{ id: number; ref: string; reviewId: number }[]> {
  return sql.selectIn(`SELECT "id", "ref", "reviewId" FROM "Item" WHERE "reviewId"`, reviewIds);
}
