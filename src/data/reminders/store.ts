/**
 * Reads and writes for reminders: the items a sweep looks at (with what their cards show), their next
 * reminder instants, who an escalation goes to, and the claims' outcome once the dispatcher has sent
 * their card. Taking claims lives in claims.ts. Standard SQL on both stores, but for the
 * parameters of the bulk `CASE` update, typed for PostgreSQL (store-kind.ts); instants are always passed
 * as parameters (never left to a column default) so they compare as stored.
 */
import { Prisma } from "../../generated/prisma/client.js";
import type { PrismaClient } from "../database.js";
import { storedDate } from "../../domain/register/register.js";
import type { DateText } from "../../domain/dates/date-text.js";
import type { Progress } from "../../domain/status/status.js";
import { storeKindOfClient, typedParameter } from "../store-kind.js";

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
  /** The item's kind: a milestone is reminded of as a step of its parent (milestones.ts). */
  kind: string;
  /** The ref of the item this one belongs to, if any. */
  parentRef: string | null;
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
  /** The council's priority label, which may give the item its own reminder policy; absent, none. */
  priority?: string | null;
  /** The response clock (domain/reminders/response-clock.ts): the day a response is due, and the day it was given. */
  responseDue?: string | null;
  responseDate?: string | null;
  /** Where the item's review comes from (Review.source): names whose response is due. */
  reviewSource?: string;
}

interface RawItem {
  id: number; ref: string; kind: string; parentRef: string | null; text: string; reviewTitle: string; directorateId: string; itemConfidential: number | boolean;
  reviewConfidential: number | boolean; progress: string; verification: string; originalTargetRaw: string | null;
  revisedTargetRaw: string | null; latestUpdate: string | null; lastUpdateAt: Date | string | null; lastProgressAt: Date | string | null;
  ownerId: number | null; ownerEmail: string | null; ownerName: string | null; ownerUnreachable: number | boolean | null;
  nextReminderAt: Date | string | null; nextReminderKind: string | null; priority: string | null;
  responseDue: string | null; responseDate: string | null; reviewSource: string | null;
}

export function storedInstant(value: Date | string | null): Date | null {
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
  const select = Prisma.sql`SELECT i."id", i."ref", i."kind", p."ref" AS "parentRef", i."text", r."title" AS "reviewTitle", r."directorateId", i."confidential" AS "itemConfidential",
      r."confidential" AS "reviewConfidential", i."progress", i."verification", i."originalTargetRaw", i."revisedTargetRaw", i."latestUpdate",
      i."lastUpdateAt", (SELECT MAX(pu."at") FROM "ProgressUpdate" pu WHERE pu."itemId" = i."id") AS "lastProgressAt",
      i."ownerId", o."email" AS "ownerEmail", o."name" AS "ownerName", o."unreachable" AS "ownerUnreachable",
      i."nextReminderAt", i."nextReminderKind", i."priority", i."responseDue", i."responseDate", r."source" AS "reviewSource"
    FROM "Item" i JOIN "Review" r ON r."id" = i."reviewId" LEFT JOIN "Person" o ON o."id" = i."ownerId"
      LEFT JOIN "Item" p ON p."id" = i."parentId"`;
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
    kind: row.kind,
    parentRef: row.parentRef,
    text: row.text,
    reviewTitle: row.reviewTitle,
    directorateId: row.directorateId,
    confidential: Boolean(row.itemConfidential) || Boolean(row.reviewConfidential),
    progress: row.progress as Progress,
    verification: row.verification,
    originalTarget: storedDate(row.originalTargetRaw),
    revisedTarget: storedDate(row.revisedTargetRaw),
    latestUpdate: row.latestUpdate,
    lastUpdateAt: later(storedInstant(row.lastUpdateAt), storedInstant(row.lastProgressAt)),
    ownerId: row.ownerId === null ? null : Number(row.ownerId),
    ownerEmail: row.ownerEmail,
    ownerName: row.ownerName,
    ownerUnreachable: Boolean(row.ownerUnreachable),
    nextReminderAt: storedInstant(row.nextReminderAt),
    nextReminderKind: row.nextReminderKind,
    priority: row.priority,
    responseDue: row.responseDue,
    responseDate: row.responseDate,
    reviewSource: row.reviewSource ?? "inspection",
  }));
}

/** Writes each item's next reminder in one statement per chunk (no Item.version or updatedAt change: planning is not an edit). */
export async function saveNextReminders(db: Db, plans: readonly { id: number; at: Date | null; kind: string | null }[]): Promise<void> {
  const store = storeKindOfClient(db);
  for (let start = 0; start < plans.length; start += CHUNK) {
    const chunk = plans.slice(start, start + CHUNK);
    const atCases = Prisma.join(chunk.map((p) => Prisma.sql`WHEN ${p.id} THEN ${typedParameter(store, p.at, "timestamp(3)")}`), " ");
    const kindCases = Prisma.join(chunk.map((p) => Prisma.sql`WHEN ${p.id} THEN ${typedParameter(store, p.kind, "text")}`), " ");
    await db.$executeRaw`UPDATE "Item" SET "nextReminderAt" = CASE "id" ${atCases} END, "nextReminderKind" = CASE "id" ${kindCases} END
      WHERE "id" IN (${Prisma.join(chunk.map((p) => p.id))})`;
  }
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
    WHERE c."kind" IN ('escalation', 'response_escalation') AND c."status" = ${ClaimStatus.unreachable} AND c."claimedAt" >= ${since} ORDER BY r."directorateId"`;
  return rows.map((r) => r.directorateId);
}

/** Each directorate's lead (Directorate.leadEmail, as typed) and leadership channel, for escalations. */
export async function loadDirectorateContacts(
  db: PrismaClient,
  directorateIds: readonly string[],
): Promise<{ id: string; leadEmail: string | null; leadershipConversationId: string | null }[]> {
  return db.directorate.findMany({
    where: { id: { in: [...directorateIds] } },
    select: { id: true, leadEmail: true, leadershipConversationId: true },
  });
}

/** The people with these (lower-case) email addresses, and whether Teams told us they cannot be reached. */
export async function loadPeopleByEmail(
  db: PrismaClient,
  emails: readonly string[],
): Promise<{ id: number; email: string; unreachable: boolean }[]> {
  return db.person.findMany({ where: { email: { in: [...emails] } }, select: { id: true, email: true, unreachable: true } });
}
