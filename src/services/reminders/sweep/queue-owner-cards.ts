/**
 * The owners' step of queueing: ONE card per owner listing all their due items (no reminder fatigue), into
 * the outbox through its batch API. An owner the bot cannot reach gets nothing queued; their claims are
 * recorded as unreachable, for the improvement team's daily list.
 */
import { ClaimStatus } from "../../../data/reminders/store.js";
import type { Tx } from "../../../data/database.js";
import type { IsoDate } from "../../../domain/dates/calendar-date.js";
import { enqueueMessages, MessagePurpose, type QueuedMessage } from "../../dispatch/outbox.js";
import { ConversationScope } from "../../../domain/visibility.js";
import { LiveCardKind, recordQueuedCards, type LiveCardRedraw } from "../../live-cards/live-card-record.js";
import { ownerCardContent } from "./cards.js";
import { cardActivity, renderReminderCard } from "../../../cards/reminder-card.js";
import { claimSetKey, type ClaimedReminder } from "./claim.js";
import type { Settlement, StepOutcome } from "./queue.js";

/** The card to queue, and what redrawing it needs once an item it shows changes (services/live-cards). */
type OwnerMessage = QueuedMessage & { dedupeKey: string; personId: number; redraw: LiveCardRedraw };

/** An owner's claims and card, prepared before the transaction that queues it. */
export interface OwnerCardJob {
  ownerId: number;
  claims: readonly ClaimedReminder[];
  /** Their personal chat; null when the bot cannot reach them. */
  conversationId: string | null;
  prepared: OwnerMessage | null;
}

function ownerMessage(
  ownerId: number,
  conversationId: string,
  claims: readonly ClaimedReminder[],
  today: IsoDate,
): OwnerMessage {
  const content = ownerCardContent(claims, today);
  return {
    conversationId,
    personId: ownerId,
    purpose: MessagePurpose.reminder,
    activity: cardActivity(renderReminderCard(content), content.title),
    dedupeKey: `reminder:${ownerId}:${claimSetKey(claims)}`,
    redraw: {
      kind: LiveCardKind.reminder,
      audience: { scope: ConversationScope.personal, personId: ownerId, email: null },
      title: content.title,
      intro: content.intro,
      note: content.note,
      items: content.items.map((i) => ({ itemId: i.itemId, reason: i.reason, urgent: i.urgent })),
    },
  };
}

export function prepareOwnerCard(
  ownerId: number,
  conversationId: string | null,
  claims: readonly ClaimedReminder[],
  today: IsoDate,
): OwnerCardJob {
  return {
    ownerId,
    claims,
    conversationId,
    prepared: conversationId ? ownerMessage(ownerId, conversationId, claims, today) : null,
  };
}

/** Queues each owner's card with the claims the sweep still holds (re-rendered when one was lost). */
export async function queueOwnerCards(
  tx: Tx,
  jobs: readonly OwnerCardJob[],
  stillOurs: ReadonlySet<number>,
  today: IsoDate,
  now: Date,
): Promise<StepOutcome> {
  const settlements: Settlement[] = [];
  const messages: OwnerMessage[] = [];
  const carried: ClaimedReminder[][] = [];
  for (const job of jobs) {
    const ours = job.claims.filter((c) => stillOurs.has(c.claimId));
    if (ours.length === 0) continue;
    if (!job.conversationId) {
      settlements.push({ claims: ours, status: ClaimStatus.unreachable, recipientId: job.ownerId, messageId: null });
      continue;
    }
    messages.push(
      ours.length === job.claims.length ? job.prepared! : ownerMessage(job.ownerId, job.conversationId, ours, today),
    );
    carried.push(ours);
  }
  const results = await enqueueMessages(tx, messages);
  // Each card newly queued is kept as showing its items, so a change to one of them redraws it once sent.
  const cards = results.flatMap((result, index) => {
    const { conversationId, redraw } = messages[index]!;
    if (!result.queued || redraw.kind !== LiveCardKind.reminder) return [];
    return [{ conversationId, messageId: result.id, itemIds: redraw.items.map((i) => i.itemId), redraw }];
  });
  await recordQueuedCards(tx, cards, now);
  results.forEach((result, index) => {
    settlements.push({
      claims: carried[index]!,
      status: ClaimStatus.queued,
      recipientId: messages[index]!.personId,
      messageId: result.id,
    });
  });
  return { queued: results.filter((r) => r.queued).length, settlements };
}
