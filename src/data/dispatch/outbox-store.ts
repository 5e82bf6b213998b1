/**
 * The outbox table (OutboundMessage): queueing messages, and as the dispatcher uses it, claiming a batch
 * under a lease, renewing that lease while the batch is in progress, and recording each message's outcome.
 * A lease token says which dispatcher holds a message, so only that one renews or settles it. Standard
 * SQL, but for PostgreSQL's SKIP LOCKED when claiming; instants are always passed in (never left to a column default) so they compare as stored.
 */
import { Prisma } from "../../generated/prisma/client.js";
import type { PrismaClient } from "../database.js";
import { ClaimStatus, settleClaimsOfMessages } from "../reminders/store.js";
import { storeKindOfClient } from "../store-kind.js";

type Db = Pick<PrismaClient | Prisma.TransactionClient, "$queryRaw" | "$executeRaw">;
type Store = PrismaClient | Prisma.TransactionClient;

/** An outbox message's life: queued -> sending (a dispatcher holds it) -> sent (Teams accepted it), failed or unreachable. */
export const MessageStatus = { queued: "queued", sending: "sending", sent: "sent", failed: "failed", unreachable: "unreachable" } as const;
export type MessageStatus = (typeof MessageStatus)[keyof typeof MessageStatus];

export interface ClaimedMessage {
  id: number;
  conversationId: string;
  personId: number | null;
  purpose: string;
  payload: string;
  attempts: number;
}

/** A message to queue: `payload` is the Bot Framework activity as JSON; the same `dedupeKey` twice queues one message. */
export interface NewOutboxMessage {
  conversationId: string;
  personId: number | null;
  purpose: string;
  payload: string;
  dedupeKey: string | null;
}

/** The id of the message queued under `dedupeKey`, if any. */
export async function outboxMessageIdByDedupeKey(db: Store, dedupeKey: string): Promise<number | null> {
  const existing = await db.outboundMessage.findUnique({ where: { dedupeKey }, select: { id: true } });
  return existing?.id ?? null;
}

/**
 * Gives the still-queued message for `purpose` whose dedupe key starts `keyPrefix` a new payload (a later
 * redraw of the same card replaces the one waiting, so a burst of changes edits a message once). Returns
 * whether one was waiting.
 */
export async function replaceQueuedPayload(db: Store, purpose: string, keyPrefix: string, payload: string): Promise<boolean> {
  const { count } = await db.outboundMessage.updateMany({
    where: { purpose, status: MessageStatus.queued, dedupeKey: { startsWith: keyPrefix } },
    data: { payload },
  });
  return count > 0;
}

/** How many messages for `purpose` were ever queued with a dedupe key starting `keyPrefix`. */
export function countMessagesWithKeyPrefix(db: Store, purpose: string, keyPrefix: string): Promise<number> {
  return db.outboundMessage.count({ where: { purpose, dedupeKey: { startsWith: keyPrefix } } });
}

/** Queues one message, due at once: at `queuedAt`. */
export async function insertOutboxMessage(db: Store, message: NewOutboxMessage, queuedAt: Date): Promise<number> {
  const created = await db.outboundMessage.create({
    data: { ...message, notBefore: queuedAt, createdAt: queuedAt },
    select: { id: true },
  });
  return created.id;
}

/**
 * Queues many messages, each with a dedupe key, due at once: one INSERT per chunk (a sweep queues
 * thousands; one at a time through Prisma costs about 3 ms a message). A key already queued queues
 * nothing and gives the existing message's id. Results are in the order given.
 */
export async function insertOutboxMessages(
  db: Store,
  messages: readonly (NewOutboxMessage & { dedupeKey: string })[],
  queuedAt: Date,
): Promise<{ id: number; queued: boolean }[]> {
  const ids = new Map<string, { id: number; queued: boolean }>();
  const CHUNK = 200;
  for (let start = 0; start < messages.length; start += CHUNK) {
    const chunk = messages.slice(start, start + CHUNK);
    const values = Prisma.join(
      chunk.map(
        (m) =>
          Prisma.sql`(${m.conversationId}, ${m.personId}, ${m.purpose}, ${m.payload}, ${MessageStatus.queued}, 0, ${queuedAt}, ${queuedAt}, ${m.dedupeKey})`,
      ),
    );
    const inserted = await db.$queryRaw<{ id: number; dedupeKey: string }[]>`
      INSERT INTO "OutboundMessage" ("conversationId", "personId", "purpose", "payload", "status", "attempts", "notBefore", "createdAt", "dedupeKey")
      VALUES ${values} ON CONFLICT ("dedupeKey") DO NOTHING RETURNING "id", "dedupeKey"`;
    for (const row of inserted) ids.set(row.dedupeKey, { id: Number(row.id), queued: true });
    const existing = chunk.filter((m) => !ids.has(m.dedupeKey)).map((m) => m.dedupeKey);
    if (existing.length) {
      const rows = await db.outboundMessage.findMany({ where: { dedupeKey: { in: existing } }, select: { id: true, dedupeKey: true } });
      for (const row of rows) ids.set(row.dedupeKey!, { id: row.id, queued: false });
    }
  }
  return messages.map((m) => ids.get(m.dedupeKey)!);
}

/**
 * Claims up to `limit` messages in one statement: queued and due, or 'sending' with an expired lease (a
 * dispatcher that died mid-batch). Two dispatchers never take the same message: on SQLite the statement
 * runs under the one writer lock; on PostgreSQL the rows are taken FOR UPDATE SKIP LOCKED, so a second
 * instance passes over the rows the first is taking rather than waiting for them or taking them too.
 */
export async function claimOutboxBatch(db: Db, now: Date, lease: Date, leaseToken: string, limit: number): Promise<ClaimedMessage[]> {
  const due = Prisma.sql`("status" = ${MessageStatus.queued} AND "notBefore" <= ${now}) OR ("status" = ${MessageStatus.sending} AND "leaseUntil" <= ${now})`;
  const claim = Prisma.sql`SET "status" = ${MessageStatus.sending}, "leaseUntil" = ${lease}, "leaseToken" = ${leaseToken}`;
  // On PostgreSQL the batch is picked in a CTE: as `id IN (SELECT … LIMIT n)` the planner may run the
  // sub-select again per row and, skipping the rows it has just locked, claim far more than `limit`.
  const rows =
    storeKindOfClient(db) === "postgresql"
      ? await db.$queryRaw<ClaimedMessage[]>`
          WITH "batch" AS (SELECT "id" FROM "OutboundMessage" WHERE ${due} ORDER BY "id" LIMIT ${limit} FOR UPDATE SKIP LOCKED)
          UPDATE "OutboundMessage" m ${claim} FROM "batch" WHERE m."id" = "batch"."id"
          RETURNING m."id", m."conversationId", m."personId", m."purpose", m."payload", m."attempts"`
      : // The conditions are repeated outside the sub-select so that a row claimed meanwhile no longer matches.
        await db.$queryRaw<ClaimedMessage[]>`
          UPDATE "OutboundMessage" ${claim}
          WHERE "id" IN (SELECT "id" FROM "OutboundMessage" WHERE ${due} ORDER BY "id" LIMIT ${limit}) AND (${due})
          RETURNING "id", "conversationId", "personId", "purpose", "payload", "attempts"`;
  return rows
    .map((r) => ({ ...r, id: Number(r.id), personId: r.personId === null ? null : Number(r.personId), attempts: Number(r.attempts) }))
    .sort((a, b) => a.id - b.id);
}

/** When the next queued message may go, or a held one comes back (null: nothing waits). */
export async function nextOutboxDueAt(db: Db): Promise<number | null> {
  const rows = await db.$queryRaw<{ at: Date | string | null }[]>`
    SELECT MIN(CASE WHEN "status" = ${MessageStatus.queued} THEN "notBefore" ELSE "leaseUntil" END) AS "at"
    FROM "OutboundMessage" WHERE "status" IN (${MessageStatus.queued}, ${MessageStatus.sending})`;
  const at = rows[0]?.at;
  return at ? new Date(at).getTime() : null;
}

/**
 * The other dispatchers holding messages they have not settled: each died mid-batch (or, rarely, is still
 * sending after losing its lock). The one taking over cannot know when their last sends reached Teams.
 */
export async function otherDispatchersMidBatch(db: Db, leaseToken: string): Promise<string[]> {
  const rows = await db.$queryRaw<{ leaseToken: string }[]>`
    SELECT DISTINCT "leaseToken" FROM "OutboundMessage"
    WHERE "status" = ${MessageStatus.sending} AND "leaseToken" IS NOT NULL AND "leaseToken" <> ${leaseToken}`;
  return rows.map((r) => r.leaseToken);
}

/** The heartbeat: extends the lease of every message the dispatcher holding `leaseToken` is still sending. */
export async function renewOutboxLeases(db: Db, leaseToken: string, leaseUntil: Date): Promise<number> {
  return db.$executeRaw`UPDATE "OutboundMessage" SET "leaseUntil" = ${leaseUntil}
    WHERE "status" = ${MessageStatus.sending} AND "leaseToken" = ${leaseToken}`;
}

/** Teams accepted it: recorded whoever holds the lease now (that is true regardless). */
async function markMessageSent(db: Db, id: number, at: Date): Promise<void> {
  await db.$executeRaw`UPDATE "OutboundMessage" SET "status" = ${MessageStatus.sent}, "sentAt" = ${at},
    "leaseUntil" = NULL, "leaseToken" = NULL, "attempts" = "attempts" + 1, "lastError" = NULL WHERE "id" = ${id}`;
}

/**
 * Teams accepted it: the message is sent and the reminder claims it carried are delivered, as one step, so
 * an instance dying between the two can never leave a sent card whose reminders still wait as queued (which
 * nothing would ever settle). On PostgreSQL one statement, on SQLite one transaction. Recorded whoever holds
 * the lease now (that is true regardless).
 */
export async function recordMessageSent(db: PrismaClient, id: number, at: Date): Promise<void> {
  if (storeKindOfClient(db) === "postgresql") {
    await db.$executeRaw`WITH "sent" AS (UPDATE "OutboundMessage" SET "status" = ${MessageStatus.sent}, "sentAt" = ${at},
        "leaseUntil" = NULL, "leaseToken" = NULL, "attempts" = "attempts" + 1, "lastError" = NULL WHERE "id" = ${id} RETURNING "id")
      UPDATE "ReminderClaim" SET "status" = ${ClaimStatus.delivered}, "sentAt" = ${at}
      WHERE "messageId" IN (SELECT "id" FROM "sent") AND "status" = ${ClaimStatus.queued}`;
    return;
  }
  await db.$transaction(async (tx) => {
    await markMessageSent(tx, id, at);
    await settleClaimsOfMessages(tx, [id], ClaimStatus.delivered, at);
  });
}

/** Gives a message back to the queue until `notBefore`; only while `leaseToken` holds it. Returns whether it did. */
export async function requeueMessage(db: Db, id: number, leaseToken: string, change: { notBefore: Date; attempted: boolean; lastError: string | null }): Promise<boolean> {
  const changed = await db.$executeRaw`UPDATE "OutboundMessage" SET "status" = ${MessageStatus.queued}, "notBefore" = ${change.notBefore},
    "leaseUntil" = NULL, "leaseToken" = NULL, "attempts" = "attempts" + ${change.attempted ? 1 : 0}, "lastError" = ${change.lastError}
    WHERE "id" = ${id} AND "status" = ${MessageStatus.sending} AND "leaseToken" = ${leaseToken}`;
  return changed > 0;
}

/** Ends a message as failed or unreachable; only while `leaseToken` holds it. Returns whether it did. */
async function finishMessage(db: Db, id: number, leaseToken: string, status: typeof MessageStatus.failed | typeof MessageStatus.unreachable, error: string): Promise<boolean> {
  const changed = await db.$executeRaw`UPDATE "OutboundMessage" SET "status" = ${status}, "leaseUntil" = NULL,
    "leaseToken" = NULL, "attempts" = "attempts" + 1, "lastError" = ${error}
    WHERE "id" = ${id} AND "status" = ${MessageStatus.sending} AND "leaseToken" = ${leaseToken}`;
  return changed > 0;
}

/**
 * Ends a message as failed or unreachable and settles the reminder claims it carried, as one step (as
 * recordMessageSent does for a sent one): a crash between the two would leave claims queued that nothing
 * settles. Only while `leaseToken` holds the message; returns whether it did.
 */
export async function finishMessageAndClaims(
  db: PrismaClient,
  id: number,
  leaseToken: string,
  status: typeof MessageStatus.failed | typeof MessageStatus.unreachable,
  error: string,
  at: Date,
): Promise<boolean> {
  const outcome = status === MessageStatus.failed ? ClaimStatus.failed : ClaimStatus.unreachable;
  return db.$transaction(async (tx) => {
    if (!(await finishMessage(tx, id, leaseToken, status, error))) return false;
    await settleClaimsOfMessages(tx, [id], outcome, at);
    return true;
  });
}

/** Teams answered 403/404 for this person's chat: they blocked or removed the bot. */
export async function markPersonUnreachable(db: Db, personId: number): Promise<void> {
  await db.$executeRaw`UPDATE "Person" SET "unreachable" = ${true} WHERE "id" = ${personId}`;
}

/** Whether any message for `purpose` was queued with a dedupe key starting `prefix` (e.g. one report a day). */
export async function hasMessageWithKeyPrefix(db: PrismaClient | Prisma.TransactionClient, purpose: string, prefix: string): Promise<boolean> {
  const found = await db.outboundMessage.findFirst({ where: { purpose, dedupeKey: { startsWith: prefix } }, select: { id: true } });
  return found !== null;
}
