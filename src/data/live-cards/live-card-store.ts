/**
 * The LiveCard table: which Teams message shows which item (one row per item), so a change to an item edits
 * every message showing it. A proactive card is recorded with its outbox message when queued and gets Teams'
 * activity id when that message is sent; a reply in a turn is recorded with its id at once.
 */
import type { Prisma, PrismaClient } from "../database.js";

type Db = PrismaClient | Prisma.TransactionClient;

/** One message's record: the items it shows share its kind and redraw (JSON). */
export interface NewLiveCard {
  conversationId: string;
  /** Teams' id of the message; null while its outbox message waits to be sent. */
  activityId: string | null;
  messageId: number | null;
  kind: string;
  itemIds: readonly number[];
  redraw: string;
}

/** A message showing some of the items asked about, with every item it shows. */
export interface ShownMessage {
  conversationId: string;
  activityId: string;
  kind: string;
  redraw: string;
  itemIds: number[];
  createdAt: Date;
}

/** Records each message's items (each once), as of `at`: a few thousand rows at a time. */
export async function insertLiveCards(db: Db, cards: readonly NewLiveCard[], at: Date): Promise<void> {
  const rows = cards.flatMap((card) =>
    [...new Set(card.itemIds)].map((itemId) => ({
      conversationId: card.conversationId,
      activityId: card.activityId,
      messageId: card.messageId,
      kind: card.kind,
      itemId,
      redraw: card.redraw,
      createdAt: at,
    })),
  );
  const CHUNK = 2_000;
  for (let start = 0; start < rows.length; start += CHUNK)
    await db.liveCard.createMany({ data: rows.slice(start, start + CHUNK) });
}

/** The outbox message carrying these cards was sent at `at` as Teams' activity `activityId`. */
export async function markLiveCardsSent(db: Db, messageId: number, activityId: string, at: Date): Promise<number> {
  const { count } = await db.liveCard.updateMany({
    where: { messageId, activityId: null },
    data: { activityId, createdAt: at },
  });
  return count;
}

/** Forgets the messages recorded before `before` (the record is bounded: a month of messages). */
export async function pruneLiveCards(db: Db, before: Date): Promise<number> {
  const { count } = await db.liveCard.deleteMany({ where: { createdAt: { lt: before } } });
  return count;
}

/**
 * The messages sent since `since` that show any of `itemIds`, each with all the items it shows (so it can
 * be redrawn whole); messages not yet sent are left out.
 */
export async function messagesShowing(db: Db, itemIds: readonly number[], since: Date): Promise<ShownMessage[]> {
  if (itemIds.length === 0) return [];
  const hits = await db.liveCard.findMany({
    where: { itemId: { in: [...new Set(itemIds)] }, createdAt: { gte: since }, activityId: { not: null } },
    select: { conversationId: true, activityId: true },
    distinct: ["conversationId", "activityId"],
  });
  if (hits.length === 0) return [];
  const rows = await db.liveCard.findMany({
    where: { OR: hits.map((h) => ({ conversationId: h.conversationId, activityId: h.activityId })) },
    orderBy: { id: "asc" },
  });
  const messages = new Map<string, ShownMessage>();
  for (const row of rows) {
    const key = `${row.conversationId}\n${row.activityId}`;
    const found = messages.get(key);
    if (found) found.itemIds.push(row.itemId);
    else
      messages.set(key, {
        conversationId: row.conversationId,
        activityId: row.activityId!,
        kind: row.kind,
        redraw: row.redraw,
        itemIds: [row.itemId],
        createdAt: row.createdAt,
      });
  }
  return [...messages.values()];
}
