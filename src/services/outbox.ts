/**
 * Proactive messages are never sent inside a user's turn: they are queued here, in the database (so a
 * restart loses nothing), and a dispatcher sends them within Teams' rate limits.
 */
import type { PrismaClient, Prisma } from "../data/database.js";

export const MessagePurpose = {
  reminder: "reminder",
  escalation: "escalation",
  round: "round",
  verification: "verification",
  summary: "summary",
  unreachableReport: "unreachable_report",
} as const;
export type MessagePurpose = (typeof MessagePurpose)[keyof typeof MessagePurpose];

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
