/**
 * The record of which message shows which item (the LiveCard table): what kinds of message are kept, what
 * redrawing each needs (its audience, and a reminder's wording or an answer's question), and the two ways a
 * message is recorded: a reply sent in a turn, with Teams' id at once; a card queued in the outbox, whose
 * id comes when the dispatcher sends it. The record is bounded: messages older than LIVE_CARD_DAYS are
 * pruned and never edited.
 */
import { z } from "zod";
import type { Store, Tx } from "../../data/database.js";
import { insertLiveCards, pruneLiveCards } from "../../data/live-cards/live-card-store.js";
import { ConversationScope } from "../../domain/visibility.js";

/** Messages this old are left as they are, and forgotten. */
export const LIVE_CARD_DAYS = 30;

const DAY_MS = 24 * 60 * 60 * 1000;

export const LiveCardKind = { reminder: "reminder", item: "item", answer: "answer" } as const;
export type LiveCardKind = (typeof LiveCardKind)[keyof typeof LiveCardKind];

/**
 * Who reads the message: a personal chat's person, or everyone in a channel or group chat (nobody's roles,
 * so the card shows what anyone there may see and offers no one's buttons).
 */
const audienceSchema = z.object({
  scope: z.enum([ConversationScope.personal, ConversationScope.channel, ConversationScope.groupChat]),
  personId: z.number().int().nullable(),
  email: z.string().nullable(),
});
export type LiveCardAudience = z.infer<typeof audienceSchema>;

const reminderLineSchema = z.object({
  itemId: z.number().int(),
  reason: z.string(),
  urgent: z.boolean(),
});

export const redrawSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal(LiveCardKind.item), audience: audienceSchema }),
  z.object({
    kind: z.literal(LiveCardKind.answer),
    audience: audienceSchema,
    question: z.string(),
    offset: z.number().int().nonnegative(),
  }),
  z.object({
    kind: z.literal(LiveCardKind.reminder),
    audience: audienceSchema,
    title: z.string(),
    intro: z.string(),
    note: z.string(),
    items: z.array(reminderLineSchema),
  }),
]);
export type LiveCardRedraw = z.infer<typeof redrawSchema>;

/** The first instant whose messages are still kept and edited. */
export function liveCardsSince(now: Date): Date {
  return new Date(now.getTime() - LIVE_CARD_DAYS * DAY_MS);
}

/** A reply sent in a turn showing `itemIds`, as Teams' message `activityId`; older records are pruned. */
export async function recordShownCard(
  store: Store,
  shown: { conversationId: string; activityId: string; itemIds: readonly number[]; redraw: LiveCardRedraw },
  now: Date,
): Promise<void> {
  if (shown.itemIds.length === 0) return;
  const card = {
    conversationId: shown.conversationId,
    activityId: shown.activityId,
    messageId: null,
    kind: shown.redraw.kind,
    itemIds: shown.itemIds,
    redraw: JSON.stringify(shown.redraw),
  };
  await insertLiveCards(store, [card], now);
  await pruneLiveCards(store, liveCardsSince(now));
}

/** Cards queued as outbox messages (`messageId` each): each gets Teams' id when the dispatcher sends it. */
export async function recordQueuedCards(
  tx: Tx,
  queued: readonly { conversationId: string; messageId: number; itemIds: readonly number[]; redraw: LiveCardRedraw }[],
  now: Date,
): Promise<void> {
  const cards = queued.map((q) => ({
    conversationId: q.conversationId,
    activityId: null,
    messageId: q.messageId,
    kind: q.redraw.kind,
    itemIds: q.itemIds,
    redraw: JSON.stringify(q.redraw),
  }));
  await insertLiveCards(tx, cards, now);
}
