/**
 * Proactive messages are never sent inside a user's turn: they are queued here, in the database (so a
 * restart loses nothing), and a dispatcher sends them within Teams' rate limits.
 */
import type { PrismaClient, Prisma } from "../data/database.js";
import { Prisma as PrismaSql } from "../generated/prisma/client.js";

export const MessagePurpose = {
  reminder: "reminder",
  escalation: "escalation",
  round: "round",
  verification: "verification",
  summary: "summary",
  unreachableReport: "unreachable_report",
  /** An answer that belongs to the asker ("my actions" asked in a channel), sent to their personal chat. */
  answer: "answer",
} as const;
export type MessagePurpose = (typeof MessagePurpose)[keyof typeof MessagePurpose];

export { MessageStatus } from "../data/outbox-store.js";

export interface QueuedMessage {
  conversationId: string;
  personId?: number | null;
  purpose: MessagePurpose;
  /** The Bot Framework activity to send (text and/or attachments). */
  activity: Record<string, unknown>;
  /** The same key twice queues one message. */
  dedupeKey?: string;
}

type Db = PrismaClient | Prisma.TransactionClient;

export async function enqueueMessage(db: Db, message: QueuedMessage): Promise<{ id: number; queued: boolean }> {
  if (message.dedupeKey) {
    const existing = await db.outboundMessage.findUnique({ where: { dedupeKey: message.dedupeKey }, select: { id: true } });
    if (existing) return { id: existing.id, queued: false };
  }
  const created = await db.outboundMessage.create({
    data: {
      conversationId: message.conversationId,
      personId: message.personId ?? null,
      purpose: message.purpose,
      payload: JSON.stringify(message.activity),
      dedupeKey: message.dedupeKey ?? null,
    },
    select: { id: true },
  });
  return { id: created.id, queued: true };
}

/** A person's personal chat with the bot, if they have one. */
export async function personalConversationOf(db: Db, personId: number): Promise<string | null> {
  const conversation = await db.conversation.findFirst({ where: { personId, kind: "personal" }, orderBy: { updatedAt: "desc" }, select: { conversationId: true } });
  return conversation?.conversationId ?? null;
}

/**
 * Many messages at once, each with a dedupe key: as enqueueMessage, a key already queued queues nothing
 * and gives the existing message's id. One INSERT per chunk (a sweep queues thousands; enqueueMessage
 * costs about 3 ms a message through Prisma). Results are in the order given.
 */
export async function enqueueMessages(db: Db, messages: readonly (QueuedMessage & { dedupeKey: string })[]): Promise<{ id: number; queued: boolean }[]> {
  const ids = new Map<string, { id: number; queued: boolean }>();
  const now = new Date();
  const CHUNK = 200;
  for (let start = 0; start < messages.length; start += CHUNK) {
    const chunk = messages.slice(start, start + CHUNK);
    const values = PrismaSql.join(chunk.map((m) => PrismaSql.sql`(${m.conversationId}, ${m.personId ?? null}, ${m.purpose}, ${JSON.stringify(m.activity)}, 'queued', 0, ${now}, ${now}, ${m.dedupeKey})`));
    const inserted = await db.$queryRaw<{ id: number; dedupeKey: string }[]>`
      INSERT INTO "OutboundMessage" ("conversationId", "personId", "purpose", "payload", "status", "attempts", "notBefore", "createdAt", "dedupeKey")
      VALUES ${values} ON CONFLICT ("dedupeKey") DO NOTHING RETURNING "id", "dedupeKey"`;
    for (const row of inserted) ids.set(row.dedupeKey, { id: Number(row.id), queued: true });
    const existing = chunk.filter((m) => !ids.has(m.dedupeKey)).map((m) => m.dedupeKey);
    if (existing.length) {
      for (const row of await db.outboundMessage.findMany({ where: { dedupeKey: { in: existing } }, select: { id: true, dedupeKey: true } })) {
        ids.set(row.dedupeKey!, { id: row.id, queued: false });
      }
    }
  }
  return messages.map((m) => ids.get(m.dedupeKey)!);
}
