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

/**
 * A claim's life: claimed (a sweep holds it, under a lease) -> queued (its card is in the outbox) ->
 * delivered (Teams accepted the card), or unreachable / failed; cancelled when no longer wanted.
 */
export const ClaimStatus = {
  claimed: "claimed", queued: "queued", delivered: "delivered", cancelled: "cancelled", unreachable: "unreachable", failed: "failed",
} as const;
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

/** What became of the message carrying some claims: the outcome the dispatcher saw. */
export type CarrierOutcome = typeof ClaimStatus.delivered | typeof ClaimStatus.unreachable | typeof ClaimStatus.failed;

/**
 * Moves the queued claims carried by these messages to what became of them (delivered when Teams
 * accepted the message, at `at`). Claims only move forward: one already settled stays as it is.
 */
export async function settleClaimsOfMessages(db: Db, messageIds: readonly number[], outcome: CarrierOutcome, at: Date): Promise<number> {
  let settled = 0;
  for (let start = 0; start < messageIds.length; start += CHUNK) {
    const ids = messageIds.slice(start, start + CHUNK);
    settled += await db.$executeRaw`UPDATE "ReminderClaim" SET "status" = ${outcome}, "sentAt" = ${outcome === ClaimStatus.delivered ? at : null}
      WHERE "messageId" IN (${Prisma.join(ids)}) AND "status" = ${ClaimStatus.queued}`;
  }
  return settled;
}

/**
 * Claims queued on a message that had already been dealt with (a sweep retaking claims after a crash
 * finds its card in the outbox already, sent or not): they take the message's outcome at once.
 */
export async function settleClaimsOfFinishedMessages(db: Db, messageIds: readonly number[]): Promise<void> {
  for (let start = 0; start < messageIds.length; start += CHUNK) {
    const ids = messageIds.slice(start, start + CHUNK);
    await db.$executeRaw`UPDATE "ReminderClaim" SET
        "status" = (SELECT CASE m."status" WHEN 'sent' THEN ${ClaimStatus.delivered} ELSE m."status" END FROM "OutboundMessage" m WHERE m."id" = "ReminderClaim"."messageId"),
        "sentAt" = (SELECT m."sentAt" FROM "OutboundMessage" m WHERE m."id" = "ReminderClaim"."messageId" AND m."status" = 'sent')
      WHERE "status" = ${ClaimStatus.queued} AND "messageId" IN (
        SELECT "id" FROM "OutboundMessage" WHERE "id" IN (${Prisma.join(ids)}) AND "status" IN ('sent', 'unreachable', 'failed'))`;
  }
}

/** A reminder a sweep wants to send: the unique key (item, kind, target date) and who it is for. */
export interface WantedClaim {
  itemId: number;
  kind: string;
  targetDate: string;
  dueAt: Date;
  recipientId: number | null;
}

/**
 * Claims each wanted reminder for the sweep holding `leaseToken`; returns, by position in `wanted`, the id
 * of each claim it now holds. The unique key decides between sweeps: a second INSERT does nothing. Of the
 * claims that exist already, those a crashed sweep left past their lease, and cancelled ones (a target
 * moved away and back), are taken back, one statement each, so only one sweep can win each.
 */
export async function claimReminders(db: Db, wanted: readonly WantedClaim[], now: Date, lease: Date, leaseToken: string): Promise<Map<number, number>> {
  const held = new Map<number, number>();
  const key = (itemId: number, kind: string) => `${itemId}|${kind}`;
  const CLAIM_CHUNK = 300;
  for (let start = 0; start < wanted.length; start += CLAIM_CHUNK) {
    const chunk = wanted.slice(start, start + CLAIM_CHUNK);
    const indexOf = new Map(chunk.map((w, i) => [key(w.itemId, w.kind), start + i]));
    const values = Prisma.join(chunk.map((w) => Prisma.sql`(${w.itemId}, ${w.kind}, ${w.targetDate}, ${w.dueAt}, ${w.recipientId}, ${ClaimStatus.claimed}, ${now}, ${lease}, ${leaseToken})`));
    const inserted = await db.$queryRaw<{ id: number; itemId: number; kind: string }[]>`
      INSERT INTO "ReminderClaim" ("itemId", "kind", "targetDate", "dueAt", "recipientId", "status", "claimedAt", "leaseUntil", "leaseToken")
      VALUES ${values} ON CONFLICT ("itemId", "kind", "targetDate") DO NOTHING RETURNING "id", "itemId", "kind"`;
    for (const row of inserted) held.set(indexOf.get(key(Number(row.itemId), row.kind))!, Number(row.id));
    for (const [i, w] of chunk.entries()) {
      if (held.has(start + i)) continue;
      const retaken = await db.$queryRaw<{ id: number }[]>`
        UPDATE "ReminderClaim" SET "status" = ${ClaimStatus.claimed}, "claimedAt" = ${now}, "leaseUntil" = ${lease}, "leaseToken" = ${leaseToken}, "dueAt" = ${w.dueAt}
        WHERE "itemId" = ${w.itemId} AND "kind" = ${w.kind} AND "targetDate" = ${w.targetDate}
          AND (("status" = ${ClaimStatus.claimed} AND "leaseUntil" <= ${now}) OR "status" = ${ClaimStatus.cancelled})
        RETURNING "id"`;
      if (retaken[0]) held.set(start + i, Number(retaken[0].id));
    }
  }
  return held;
}

/** Which of these claims the sweep holding `leaseToken` still holds (none taken back, none cancelled). */
export async function claimsStillHeld(db: Db, claimIds: readonly number[], leaseToken: string): Promise<Set<number>> {
  const held = new Set<number>();
  for (let start = 0; start < claimIds.length; start += CHUNK) {
    const ids = claimIds.slice(start, start + CHUNK);
    const rows = await db.$queryRaw<{ id: number }[]>`SELECT "id" FROM "ReminderClaim"
      WHERE "id" IN (${Prisma.join(ids)}) AND "status" = ${ClaimStatus.claimed} AND "leaseToken" = ${leaseToken}`;
    for (const row of rows) held.add(Number(row.id));
  }
  return held;
}

/** A claim's outcome at queueing time: queued on a message, or unreachable (nobody to send it to). */
export interface ClaimSettlement {
  claimId: number;
  status: typeof ClaimStatus.queued | typeof ClaimStatus.unreachable;
  recipientId: number | null;
  messageId: number | null;
}

/** Settles claims as the sweep queues their cards, one statement per chunk; the lease ends with it. */
export async function settleQueuedClaims(db: Db, settlements: readonly ClaimSettlement[], now: Date): Promise<void> {
  for (let start = 0; start < settlements.length; start += 300) {
    const chunk = settlements.slice(start, start + 300);
    const when = <T>(pick: (r: ClaimSettlement) => T) => Prisma.join(chunk.map((r) => Prisma.sql`WHEN ${r.claimId} THEN ${pick(r)}`), " ");
    await db.$executeRaw`UPDATE "ReminderClaim" SET
        "status" = CASE "id" ${when((r) => r.status)} END,
        "recipientId" = CASE "id" ${when((r) => r.recipientId)} END,
        "messageId" = CASE "id" ${when((r) => r.messageId)} END,
        "queuedAt" = CASE "id" ${when((r) => (r.status === ClaimStatus.queued ? now : null))} END,
        "sentAt" = NULL, "leaseUntil" = NULL, "leaseToken" = NULL
      WHERE "id" IN (${Prisma.join(chunk.map((r) => r.claimId))})`;
  }
  const messageIds = [...new Set(settlements.map((r) => r.messageId).filter((id): id is number => id !== null))];
  if (messageIds.length) await settleClaimsOfFinishedMessages(db, messageIds);
}

/** Extends the lease of the claims a sweep still holds (its heartbeat); returns how many it holds. */
export async function renewClaimLeases(db: Db, leaseToken: string, leaseUntil: Date): Promise<number> {
  return db.$executeRaw`UPDATE "ReminderClaim" SET "leaseUntil" = ${leaseUntil}
    WHERE "leaseToken" = ${leaseToken} AND "status" = ${ClaimStatus.claimed}`;
}

/** How the claims a sweep made at `claimedAt` stand now, by status. */
export async function claimStatusCounts(db: Db, claimedAt: Date): Promise<Partial<Record<ClaimStatus, number>>> {
  const rows = await db.$queryRaw<{ status: string; n: number | bigint }[]>`
    SELECT "status", COUNT(*) AS "n" FROM "ReminderClaim" WHERE "claimedAt" = ${claimedAt} GROUP BY "status"`;
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
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

/** Directorates whose escalations since `since` reached nobody (claims settled unreachable), by id. */
export async function directoratesWithUnreachableEscalations(db: Db, since: Date): Promise<string[]> {
  const rows = await db.$queryRaw<{ directorateId: string }[]>`
    SELECT DISTINCT r."directorateId" FROM "ReminderClaim" c JOIN "Item" i ON i."id" = c."itemId" JOIN "Review" r ON r."id" = i."reviewId"
    WHERE c."kind" = 'escalation' AND c."status" = ${ClaimStatus.unreachable} AND c."claimedAt" >= ${since} ORDER BY r."directorateId"`;
  return rows.map((r) => r.directorateId);
}
