/** Reads the register from the database into the domain's shape. */
import { Prisma } from "../../generated/prisma/client.js";
import type { PrismaClient } from "../database.js";
import { directReads } from "../direct-statements.js";
import { extensionRequestsOfItems } from "../decisions/extension-request-store.js";
import { storedDate, type RegisterReview } from "../../domain/register/register.js";
import { DIRECTORATES } from "../../domain/register/directorates.js";
import { confidentialWithItsItem } from "../../domain/register/milestones.js";
import type { Progress } from "../../domain/status/status.js";
import { statedConfidence } from "../../domain/status/at-risk.js";
import { personLabel } from "../../domain/people/person-label.js";
import { ReviewSource, reviewSourceFrom } from "../../domain/register/review-sources.js";
import { ombudsmanFacts } from "../../domain/ombudsman/ombudsman-facts.js";

interface ReviewRow {
  id: number; title: string; body: string | null; reviewType: string | null; reviewDateRaw: string | null;
  findingsReceivedRaw: string | null; outcome: string | null; outcomeKnown: number | boolean; narrative: string | null; purpose: string | null;
  directorateId: string; confidential: number | boolean; source: string | null;
}
interface ItemRow {
  id: number; reviewId: number; ref: string; kind: string; text: string; parentRef: string | null; counted: number | boolean;
  responsibleUnit: string | null; ownerEmail: string | null; ownerName: string | null; ownerJobTitle: string | null; delegateEmail: string | null; originalTargetRaw: string | null; revisedTargetRaw: string | null;
  revisionReason: string | null; progress: string; recordedStatus: string | null; latestUpdate: string | null;
  completedOn: string | null; confidential: number | boolean; parentConfidential: number | boolean | null; version: number; verification: string;
  priority: string | null; confidence: string | null; confidenceAt: StoredInstant; confidenceTarget: string | null; lastUpdateAt: StoredInstant;
  caseRef: string | null; decisionDate: string | null; remedyKind: string | null; publicReport: number | boolean | null;
  sentToExecutive: string | null; executiveResponse: string | null; responseDate: string | null; responseDue: string | null;
}

/** SQLite hands back a stored DateTime as text or milliseconds, depending on how it was written. */
type StoredInstant = Date | string | number | bigint | null;
function instant(value: StoredInstant): Date | null {
  if (value === null || value === undefined) return null;
  const date = value instanceof Date ? value : new Date(typeof value === "bigint" ? Number(value) : value);
  return Number.isNaN(date.getTime()) ? null : date;
}


/**
 * The whole register in two plain queries: Prisma's nested include maps 10,000 items several times
 * slower, and every status, answer and report starts here. Standard SQL, so it moves to PostgreSQL as is.
 */
export function loadRegister(prisma: PrismaClient): Promise<RegisterReview[]> {
  return loadReviews(prisma, null);
}

/** Some reviews with all their items (null: every review), in the register's order. */
export async function loadReviews(prisma: PrismaClient, reviewIds: readonly number[] | null): Promise<RegisterReview[]> {
  if (reviewIds?.length === 0) return [];
  // On the driver's connection: Prisma's raw-query path builds three copies of 100,000 rows on the way.
  const sql = directReads(prisma);
  const only = (column: string) => (reviewIds ? `WHERE ${column} IN (${reviewIds.map(() => "?").join(", ")})` : "");
  const params = reviewIds ?? [];
  const reviews = await sql.select<ReviewRow>(`SELECT "id", "title", "body", "reviewType", "reviewDateRaw", "findingsReceivedRaw", "outcome",
      "outcomeKnown", "narrative", "purpose", "directorateId", "confidential", "source" FROM "Review" ${only(`"id"`)} ORDER BY "directorateId", "id"`, params);
  const items = await sql.select<ItemRow>(`SELECT i."id", i."reviewId", i."ref", i."kind", i."text", p."ref" AS "parentRef", i."counted",
      i."responsibleUnit", o."email" AS "ownerEmail", o."name" AS "ownerName", o."jobTitle" AS "ownerJobTitle", d."email" AS "delegateEmail", i."originalTargetRaw", i."revisedTargetRaw", i."revisionReason", i."progress",
      i."recordedStatus", i."latestUpdate", i."completedOn", i."confidential", p."confidential" AS "parentConfidential", i."version", i."verification",
      i."priority", i."confidence", i."confidenceAt", i."confidenceTarget", i."lastUpdateAt",
      i."caseRef", i."decisionDate", i."remedyKind", i."publicReport",
      i."sentToExecutive", i."executiveResponse", i."responseDate", i."responseDue"
      FROM "Item" i LEFT JOIN "Person" o ON o."id" = i."ownerId" LEFT JOIN "Person" d ON d."id" = i."delegateId" LEFT JOIN "Item" p ON p."id" = i."parentId"
      ${only(`i."reviewId"`)} ORDER BY i."id"`, params);
  // Few items have requests: one more query, keyed by item.
  const requests = await extensionRequestsOfItems(prisma, reviewIds ? items.map((i) => Number(i.id)) : null);
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
      source: reviewSourceFrom(review.source) ?? ReviewSource.inspection,
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
      ownerLabel: item.ownerEmail ? personLabel({ email: item.ownerEmail, name: item.ownerName, jobTitle: item.ownerJobTitle }) : null,
      delegateEmail: item.delegateEmail,
      originalTarget: storedDate(item.originalTargetRaw),
      revisedTarget: storedDate(item.revisedTargetRaw),
      revisionReason: item.revisionReason,
      progress: item.progress as Progress,
      recordedStatus: item.recordedStatus,
      latestUpdate: item.latestUpdate,
      completedOn: item.completedOn,
      // A milestone of a confidential item is as confidential as its item, whatever its own row says.
      confidential: confidentialWithItsItem(item.kind, Boolean(item.confidential), Boolean(item.parentConfidential)),
      version: Number(item.version),
      verification: item.verification,
      extensionRequests: requests.get(Number(item.id)) ?? [],
      priority: item.priority,
      confidence: statedConfidence(item.confidence, instant(item.confidenceAt), item.confidenceTarget),
      lastUpdateAt: instant(item.lastUpdateAt),
      ombudsman: ombudsmanFacts(item),
      sentToExecutive: item.sentToExecutive, executiveResponse: item.executiveResponse, responseDate: item.responseDate, responseDue: item.responseDue,
    });
  }
  return register;
}

/** The register's version: every change writes an audit entry, so the newest entry's id (0 before any). */
export async function registerVersion(prisma: PrismaClient): Promise<number> {
  const rows = await prisma.$queryRaw<{ version: number | bigint | null }[]>`SELECT MAX("id") AS "version" FROM "AuditEntry"`;
  return Number(rows[0]?.version ?? 0);
}

/**
 * What the audit log says changed after audit entry `afterId` up to `upToId`: the reviews whose rows
 * or items changed, or null when a change may reach any review (an import, a person's email) or
 * there are too many to be worth picking out.
 */
export async function reviewsChangedBetween(prisma: PrismaClient, afterId: number, upToId: number): Promise<number[] | null> {
  const entries = await prisma.$queryRaw<{ entityType: string; entityId: number }[]>`SELECT "entityType", "entityId" FROM "AuditEntry"
    WHERE "id" > ${afterId} AND "id" <= ${upToId} LIMIT ${CHANGED_REVIEWS_LIMIT + 1}`;
  if (entries.length > CHANGED_REVIEWS_LIMIT) return null;
  const reviewIds = new Set<number>();
  const itemIds: number[] = [];
  for (const { entityType, entityId } of entries) {
    if (entityType === "review") reviewIds.add(Number(entityId));
    else if (entityType === "item") itemIds.push(Number(entityId));
    else if (!REGISTER_NEUTRAL_ENTITIES.has(entityType)) return null;
  }
  if (itemIds.length) {
    const owners = await prisma.$queryRaw<{ reviewId: number }[]>`SELECT DISTINCT "reviewId" FROM "Item" WHERE "id" IN (${Prisma.join(itemIds)})`;
    for (const { reviewId } of owners) reviewIds.add(Number(reviewId));
  }
  return [...reviewIds];
}

/** Audit entries about things the loaded register does not hold. */
const REGISTER_NEUTRAL_ENTITIES = new Set(["role", "setting", "reporting_point", "directorate"]);
const CHANGED_REVIEWS_LIMIT = 500;

/** The council's directorates, with their aliases, present before anything refers to them. */
export async function ensureDirectorates(prisma: PrismaClient): Promise<void> {
  const existing = new Set((await prisma.directorate.findMany({ select: { id: true } })).map((d) => d.id));
  const missing = DIRECTORATES.filter((d) => !existing.has(d.id));
  if (missing.length === 0) return;
  await prisma.directorate.createMany({
    data: missing.map((d) => ({ id: d.id, name: d.name, aliases: JSON.stringify(d.aliases) })),
  });
}

/** How many reviews, items (as counted) and milestones (steps of items) the register holds. */
export async function registerSize(db: PrismaClient): Promise<{ reviews: number; items: number; milestones: number }> {
  const [reviews, items, milestones] = await Promise.all([
    db.review.count(),
    db.item.count({ where: { counted: true } }),
    db.item.count({ where: { counted: false } }),
  ]);
  return { reviews, items, milestones };
}

/**
 * A review's id, title, directorate and confidentiality: what a form for adding its items shows, and
 * who may add them. Null when it is no longer in the register.
 */
export function reviewHeading(
  prisma: PrismaClient,
  reviewId: number,
): Promise<{ id: number; title: string; directorateId: string; confidential: boolean } | null> {
  return prisma.review.findUnique({
    where: { id: reviewId },
    select: { id: true, title: true, directorateId: true, confidential: true },
  });
}
