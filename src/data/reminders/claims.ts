/**
 * The reminder claims (ReminderClaim): how a sweep takes each due reminder before sending it, so that
 * overlapping sweeps, a restart or a second instance never send one twice (DESIGN.md 4.3). Every claim
 * is one atomic statement decided by the unique key (item, kind, target date); a claim is held under a
 * short lease, marked with the holding sweep's token and renewed while it works. Also the once-a-day
 * claim on the full replan. Plain standard SQL, so it moves to PostgreSQL as is; instants are always
 * parameters (never a column default) so they compare as stored.
 */
import { Prisma } from "../../generated/prisma/client.js";
import type { PrismaClient, Store, Tx } from "../database.js";
import { ClaimStatus, storedInstant } from "./store.js";
import { storeKindOfClient, typedParameter, type PostgresType } from "../store-kind.js";

type Db = Pick<PrismaClient | Prisma.TransactionClient, "$queryRaw" | "$executeRaw">;

const CHUNK = 500;
/** Wanted claims per INSERT: nine parameters each, well under SQLite's and PostgreSQL's limits. */
const CLAIM_CHUNK = 300;
const FULL_PLAN_SETTING = "reminders.fully_planned_on";

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
    const rows = await db.$queryRaw<
      {
        id: number;
        itemId: number;
        kind: string;
        targetDate: string;
        status: string;
        leaseUntil: Date | string | null;
      }[]
    >`
      SELECT "id", "itemId", "kind", "targetDate", "status", "leaseUntil" FROM "ReminderClaim"
      WHERE "itemId" IN (${Prisma.join(ids)}) AND "status" <> ${ClaimStatus.cancelled}`;
    for (const row of rows) {
      const claim: StoredClaim = {
        id: Number(row.id),
        itemId: Number(row.itemId),
        kind: row.kind,
        targetDate: row.targetDate,
        status: row.status as ClaimStatus,
        leaseUntil: storedInstant(row.leaseUntil),
      };
      const list = byItem.get(claim.itemId) ?? [];
      list.push(claim);
      byItem.set(claim.itemId, list);
    }
  }
  return byItem;
}

/** Cancels claims that were taken but not sent (a moved target, a completed item, a reminder overtaken). */
export async function cancelPendingClaims(db: Db, claimIds: readonly number[]): Promise<number> {
  let cancelled = 0;
  for (let start = 0; start < claimIds.length; start += CHUNK) {
    const ids = claimIds.slice(start, start + CHUNK);
    cancelled +=
      await db.$executeRaw`UPDATE "ReminderClaim" SET "status" = ${ClaimStatus.cancelled}, "leaseUntil" = NULL
      WHERE "id" IN (${Prisma.join(ids)}) AND "status" = ${ClaimStatus.claimed}`;
  }
  return cancelled;
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
export async function claimReminders(
  db: Db,
  wanted: readonly WantedClaim[],
  now: Date,
  lease: Date,
  leaseToken: string,
): Promise<Map<number, number>> {
  const held = new Map<number, number>();
  const key = (itemId: number, kind: string) => `${itemId}|${kind}`;
  for (let start = 0; start < wanted.length; start += CLAIM_CHUNK) {
    const chunk = wanted.slice(start, start + CLAIM_CHUNK);
    const indexOf = new Map(chunk.map((w, i) => [key(w.itemId, w.kind), start + i]));
    const values = Prisma.join(
      chunk.map(
        (w) =>
          Prisma.sql`(${w.itemId}, ${w.kind}, ${w.targetDate}, ${w.dueAt}, ${w.recipientId}, ${ClaimStatus.claimed}, ${now}, ${lease}, ${leaseToken})`,
      ),
    );
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
  const store = storeKindOfClient(db);
  for (let start = 0; start < settlements.length; start += 300) {
    const chunk = settlements.slice(start, start + 300);
    // Typed for PostgreSQL, which otherwise takes a CASE's parameters as text (store-kind.ts).
    const when = <T>(pick: (r: ClaimSettlement) => T, type: PostgresType) =>
      Prisma.join(
        chunk.map((r) => Prisma.sql`WHEN ${r.claimId} THEN ${typedParameter(store, pick(r), type)}`),
        " ",
      );
    await db.$executeRaw`UPDATE "ReminderClaim" SET
        "status" = CASE "id" ${when((r) => r.status, "text")} END,
        "recipientId" = CASE "id" ${when((r) => r.recipientId, "integer")} END,
        "messageId" = CASE "id" ${when((r) => r.messageId, "integer")} END,
        "queuedAt" = CASE "id" ${when((r) => (r.status === ClaimStatus.queued ? now : null), "timestamp(3)")} END,
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

/**
 * Claims the day's full replan for this sweep: true for the first sweep of the London day `today`, on
 * whichever instance, false for every other. One conditional UPDATE decides it.
 */
export async function claimDailyFullPlan(db: Db, today: string): Promise<boolean> {
  await db.$executeRaw`INSERT INTO "Setting" ("key", "value") VALUES (${FULL_PLAN_SETTING}, '') ON CONFLICT ("key") DO NOTHING`;
  const won =
    await db.$executeRaw`UPDATE "Setting" SET "value" = ${today} WHERE "key" = ${FULL_PLAN_SETTING} AND "value" < ${today}`;
  return won === 1;
}

/**
 * Runs `work` in one transaction with the claims among `claimIds` that the sweep holding `leaseToken`
 * still holds (one a planner cancelled meanwhile, or another sweep took back, is left out). The claims are
 * held first, so the check cannot go stale before `work` settles them: on SQLite by a write, which takes
 * the write lock at once (DESIGN.md 2.1); on PostgreSQL by locking their rows FOR UPDATE.
 */
export async function withClaimsStillHeld<T>(
  db: Store,
  claimIds: readonly number[],
  leaseToken: string,
  work: (tx: Tx, stillHeld: ReadonlySet<number>) => Promise<T>,
): Promise<T> {
  return db.$transaction(
    async (tx) => {
      for (let start = 0; start < claimIds.length; start += CHUNK) {
        const ids = claimIds.slice(start, start + CHUNK);
        if (storeKindOfClient(tx) === "postgresql")
          await tx.$queryRaw`SELECT "id" FROM "ReminderClaim" WHERE "id" IN (${Prisma.join(ids)}) ORDER BY "id" FOR UPDATE`;
        else
          await tx.$executeRaw`UPDATE "ReminderClaim" SET "leaseUntil" = "leaseUntil" WHERE "id" IN (${Prisma.join(ids)})`;
      }
      return work(tx, await claimsStillHeld(tx, claimIds, leaseToken));
    },
    { maxWait: 30_000, timeout: 120_000 },
  );
}
