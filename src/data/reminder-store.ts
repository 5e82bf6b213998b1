/**
 * Reads and writes for reminders: the items a sweep looks at (with what their cards show), their claims,
 * and their next reminder instants. Plain standard SQL, so it moves to PostgreSQL as is; instants are
 * always passed as parameters (never left to a column default) so they compare as stored.
 */
import { Prisma } from "../generated/prisma/client.js";
import type { PrismaClient } from "./database.js";
import { storedDate } from "../domain/register.js";
import type { DateText } from "../domain/date-text.js";
import type { Progress } from "../domain/status.js";

type Db = Pick<PrismaClient | Prisma.TransactionClient, "$queryRaw" | "$executeRaw">;

export const ClaimStatus = { claimed: "claimed", sent: "sent", cancelled: "cancelled", unreachable: "unreachable" } as const;
export type ClaimStatus = (typeof ClaimStatus)[keyof typeof ClaimStatus];

export interface ReminderItemRow {
  id: number;
  ref: string;
  text: string;
  reviewTitle: string;
  directorateId: string;
  /** The item's or its review's confidentiality: never shown in a channel. */
  confidential: boolean;
  progress: Progress;
  verification: string;
  originalTarget: DateText;
  revisedTarget: DateText;
  latestUpdate: string | null;
  /** The later of Item.lastUpdateAt and the newest ProgressUpdate. */
  lastUpdateAt: Date | null;
  ownerId: number | null;
  ownerEmail: string | null;
  ownerName: string | null;
  ownerUnreachable: boolean;
  nextReminderAt: Date | null;
  nextReminderKind: string | null;
}

interface RawItem {
  id: number; ref: string; text: string; reviewTitle: string; directorateId: string; itemConfidential: number | boolean;
  reviewConfidential: number | boolean; progress: string; verification: string; originalTargetRaw: string | null;
  revisedTargetRaw: string | null; latestUpdate: string | null; lastUpdateAt: Date | string | null; lastProgressAt: Date | string | null;
  ownerId: number | null; ownerEmail: string | null; ownerName: string | null; ownerUnreachable: number | boolean | null;
  nextReminderAt: Date | string | null; nextReminderKind: string | null;
}

function instant(value: Date | string | null): Date | null {
  if (value === null || value === undefined) return null;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

function later(a: Date | null, b: Date | null): Date | null {
  if (!a) return b;
  if (!b) return a;
  return a.getTime() >= b.getTime() ? a : b;
}

/** Which items: these ids, every item, or those the sweep should look at by `now` (due, or open with an owner and never planned). */
export type ReminderItemSelection = { ids: readonly number[] } | { all: true } | { dueBy: Date };

const CHUNK = 500;

export async function loadReminderItems(db: Db, selection: ReminderItemSelection): Promise<ReminderItemRow[]> {
  const select = Prisma.sql`SELECT i."id", i."ref", i."text", r."title" AS "reviewTitle", r."directorateId", i."confidential" AS "itemConfidential",
      r."confidential" AS "reviewConfidential", i."progress", i."verification", i."originalTargetRaw", i."revisedTargetRaw", i."latestUpdate",
      i."lastUpdateAt", (SELECT MAX(pu."at") FROM "ProgressUpdate" pu WHERE pu."itemId" = i."id") AS "lastProgressAt",
      i."ownerId", o."email" AS "ownerEmail", o."name" AS "ownerName", o."unreachable" AS "ownerUnreachable",
      i."nextReminderAt", i."nextReminderKind"
    FROM "Item" i JOIN "Review" r ON r."id" = i."reviewId" LEFT JOIN "Person" o ON o."id" = i."ownerId"`;
  const rows: RawItem[] = [];
  if ("ids" in selection) {
    for (let start = 0; start < selection.ids.length; start += CHUNK) {
      const ids = selection.ids.slice(start, start + CHUNK);
      rows.push(...(await db.$queryRaw<RawItem[]>`${select} WHERE i."id" IN (${Prisma.join(ids)}) ORDER BY i."id"`));
    }
  } else if ("all" in selection) {
    rows.push(...(await db.$queryRaw<RawItem[]>`${select} ORDER BY i."id"`));
  } else {
    rows.push(...(await db.$queryRaw<RawItem[]>`${select}
      WHERE i."nextReminderAt" <= ${selection.dueBy}
         OR (i."nextReminderAt" IS NULL AND i."ownerId" IS NOT NULL AND i."progress" IN ('not_started', 'in_progress') AND i."verification" <> 'awaiting')
      ORDER BY i."id"`));
  }
  return rows.map((row) => ({
    id: Number(row.id),
    ref: row.ref,
    text: row.text,
    reviewTitle: row.reviewTitle,
    directorateId: row.directorateId,
    confidential: Boolean(row.itemConfidential) || Boolean(row.reviewConfidential),
    progress: row.progress as Progress,
    verification: row.verification,
    originalTarget: storedDate(row.originalTargetRaw),
    revisedTarget: storedDate(row.revisedTargetRaw),
    latestUpdate: row.latestUpdate,
    lastUpdateAt: later(instant(row.lastUpdateAt), instant(row.lastProgressAt)),
    ownerId: row.ownerId === null ? null : Number(row.ownerId),
    ownerEmail: row.ownerEmail,
    ownerName: row.ownerName,
    ownerUnreachable: Boolean(row.ownerUnreachable),
    nextReminderAt: instant(row.nextReminderAt),
    nextReminderKind: row.nextReminderKind,
  }));
}

export interface StoredClaim {
  id: number;
  itemId: number;
  kind: string;
  targetDate: string;
  status: ClaimStatus;
  leaseUntil: Date | null;
}

/** Claims that still count (every status but cancelled), by item. */
export async function loadClaims(db: Db, itemIds: readonly number[]): Promise<Map<number, StoredClaim[]>> {
  const byItem = new Map<number, StoredClaim[]>();
  for (let start = 0; start < itemIds.length; start += CHUNK) {
    const ids = itemIds.slice(start, start + CHUNK);
    const rows = await db.$queryRaw<{ id: number; itemId: number; kind: string; targetDate: string; status: string; leaseUntil: Date | string | null }[]>`
      SELECT "id", "itemId", "kind", "targetDate", "status", "leaseUntil" FROM "ReminderClaim"
      WHERE "itemId" IN (${Prisma.join(ids)}) AND "status" <> ${ClaimStatus.cancelled}`;
    for (const row of rows) {
      const claim: StoredClaim = {
        id: Number(row.id), itemId: Number(row.itemId), kind: row.kind, targetDate: row.targetDate,
        status: row.status as ClaimStatus, leaseUntil: instant(row.leaseUntil),
      };
      const list = byItem.get(claim.itemId) ?? [];
      list.push(claim);
      byItem.set(claim.itemId, list);
    }
  }
  return byItem;
}

/** Writes each item's next reminder in one statement per chunk (no Item.version or updatedAt change: planning is not an edit). */
export async function saveNextReminders(db: Db, plans: readonly { id: number; at: Date | null; kind: string | null }[]): Promise<void> {
  for (let start = 0; start < plans.length; start += CHUNK) {
    const chunk = plans.slice(start, start + CHUNK);
    const atCases = Prisma.join(chunk.map((p) => Prisma.sql`WHEN ${p.id} THEN ${p.at}`), " ");
    const kindCases = Prisma.join(chunk.map((p) => Prisma.sql`WHEN ${p.id} THEN ${p.kind}`), " ");
    await db.$executeRaw`UPDATE "Item" SET "nextReminderAt" = CASE "id" ${atCases} END, "nextReminderKind" = CASE "id" ${kindCases} END
      WHERE "id" IN (${Prisma.join(chunk.map((p) => p.id))})`;
  }
}

/** Cancels claims that were taken but not sent (a moved target, a completed item, a reminder overtaken). */
export async function cancelPendingClaims(db: Db, claimIds: readonly number[]): Promise<number> {
  let cancelled = 0;
  for (let start = 0; start < claimIds.length; start += CHUNK) {
    const ids = claimIds.slice(start, start + CHUNK);
    cancelled += await db.$executeRaw`UPDATE "ReminderClaim" SET "status" = ${ClaimStatus.cancelled}, "leaseUntil" = NULL
      WHERE "id" IN (${Prisma.join(ids)}) AND "status" = ${ClaimStatus.claimed}`;
  }
  return cancelled;
}

/** Each person's newest personal chat with the bot, for those who have one. */
export async function personalConversationsOf(db: PrismaClient | Prisma.TransactionClient, personIds: readonly number[]): Promise<Map<number, string>> {
  const byPerson = new Map<number, string>();
  for (let start = 0; start < personIds.length; start += CHUNK) {
    const ids = personIds.slice(start, start + CHUNK);
    const rows = await db.conversation.findMany({
      where: { personId: { in: ids }, kind: "personal" },
      orderBy: { updatedAt: "desc" },
      select: { personId: true, conversationId: true },
    });
    for (const row of rows) if (row.personId !== null && !byPerson.has(row.personId)) byPerson.set(row.personId, row.conversationId);
  }
  return byPerson;
}
