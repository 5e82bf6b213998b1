/**
 * Proactive messages are never sent inside a user's turn: they are queued here, in the database (so a
 * restart loses nothing), and the dispatcher (services/dispatch) sends them within Teams' rate limits.
 */
import type { Store, Tx } from "../../data/database.js";
import { personalConversationOf as storedPersonalConversationOf } from "../../data/people/conversation-store.js";
import {
  insertOutboxMessage,
  insertOutboxMessages,
  countMessagesWithKeyPrefix,
  outboxMessageIdByDedupeKey,
  replaceQueuedPayload,
} from "../../data/dispatch/outbox-store.js";

export const MessagePurpose = {
  reminder: "reminder",
  escalation: "escalation",
  round: "round",
  verification: "verification",
  /** An extension request to its approvers, and their decision to the owner. */
  extension: "extension",
  summary: "summary",
  unreachableReport: "unreachable_report",
  /** An owner who left (or whom the directory does not know), with their open items to hand on. */
  leaverReport: "leaver_report",
  /** An answer that belongs to the asker ("my actions" asked in a channel), sent to their personal chat. */
  answer: "answer",
  /** A readiness owner told an inspection is expected in 6 or 3 months (services/calendar). */
  readiness: "readiness",
  /** An edit (PUT) of a message already sent: its card redrawn after an item it shows changed (services/live-cards). */
  cardEdit: "card_edit",
} as const;
export type MessagePurpose = (typeof MessagePurpose)[keyof typeof MessagePurpose];

export { MessageStatus } from "../../data/dispatch/outbox-store.js";

export interface QueuedMessage {
  conversationId: string;
  personId?: number | null;
  purpose: MessagePurpose;
  /** The Bot Framework activity to send (text and/or attachments). */
  activity: Record<string, unknown>;
  /** The same key twice queues one message. */
  dedupeKey?: string;
}

type Db = Store | Tx;

/**
 * When a message is queued it is due at once, so `queuedAt` is the wall-clock instant of queueing (the
 * dispatcher compares it with its own clock), not the day a sweep reasons about (a test's or `--as-of`
 * day). Callers pass it; until every caller does, a missing one is the moment of the call.
 */
const queuedAtOrNow = (queuedAt: Date | undefined): Date => queuedAt ?? new Date();

function row(message: QueuedMessage) {
  return {
    conversationId: message.conversationId,
    personId: message.personId ?? null,
    purpose: message.purpose,
    payload: JSON.stringify(message.activity),
    dedupeKey: message.dedupeKey ?? null,
  };
}

export async function enqueueMessage(
  db: Db,
  message: QueuedMessage,
  queuedAt?: Date,
): Promise<{ id: number; queued: boolean }> {
  if (message.dedupeKey) {
    const existing = await outboxMessageIdByDedupeKey(db, message.dedupeKey);
    if (existing !== null) return { id: existing, queued: false };
  }
  return { id: await insertOutboxMessage(db, row(message), queuedAtOrNow(queuedAt)), queued: true };
}

/** A person's personal chat with the bot, if they have one. */
export function personalConversationOf(db: Db, personId: number): Promise<string | null> {
  return storedPersonalConversationOf(db, personId);
}

/**
 * Many messages at once, each with a dedupe key: as enqueueMessage, a key already queued queues nothing
 * and gives the existing message's id. Results are in the order given.
 */
export function enqueueMessages(
  db: Db,
  messages: readonly (QueuedMessage & { dedupeKey: string })[],
  queuedAt?: Date,
): Promise<{ id: number; queued: boolean }[]> {
  return insertOutboxMessages(
    db,
    messages.map((m) => ({ ...row(m), dedupeKey: m.dedupeKey })),
    queuedAtOrNow(queuedAt),
  );
}

/** An edit of a message Teams already shows: the conversation, the message's Teams id, and its new content. */
export interface CardEdit {
  conversationId: string;
  activityId: string;
  activity: Record<string, unknown>;
}

/** Tries at queueing an edit before giving up on another writer queueing edits of the same message at once. */
const EDIT_QUEUE_ATTEMPTS = 3;

/**
 * Queues an edit of a message: paced and retried like any send. While an edit of the same message still
 * waits, it gets the newer content instead, so several changes in a burst edit the message once. Each edit of
 * a message is numbered in its dedupe key; a number another writer took meanwhile means try again.
 */
export async function enqueueCardEdit(db: Store, edit: CardEdit, queuedAt: Date): Promise<{ queued: boolean }> {
  const payload = JSON.stringify({ ...edit.activity, id: edit.activityId });
  const keyPrefix = `edit:${edit.conversationId}:${edit.activityId}:`;
  for (let attempt = 1; ; attempt += 1) {
    if (await replaceQueuedPayload(db, MessagePurpose.cardEdit, keyPrefix, payload)) return { queued: false };
    const number = (await countMessagesWithKeyPrefix(db, MessagePurpose.cardEdit, keyPrefix)) + 1;
    const message = { conversationId: edit.conversationId, personId: null, purpose: MessagePurpose.cardEdit, payload };
    const [result] = await insertOutboxMessages(db, [{ ...message, dedupeKey: `${keyPrefix}${number}` }], queuedAt);
    if (result!.queued) return { queued: true };
    if (attempt >= EDIT_QUEUE_ATTEMPTS) throw new Error(`could not queue an edit of message ${edit.activityId}`);
  }
}
