/**
 * A directorate's step of queueing: its escalation to the lead's personal chat and to its leadership
 * channel. Confidential items (children's homes) never go to a channel (DESIGN.md 4.6), so a confidential
 * item with only a channel to go to reaches nobody and is recorded as unreachable.
 */
import { ClaimStatus } from "../../../data/reminders/store.js";
import type { Tx } from "../../../data/database.js";
import type { IsoDate } from "../../../domain/dates/calendar-date.js";
import type { ReminderPolicy } from "../../../domain/reminders/reminder-policy.js";
import { enqueueMessage, MessagePurpose } from "../../dispatch/outbox.js";
import { escalationCardActivity } from "./cards.js";
import { claimSetKey, type ClaimedReminder } from "./claim.js";
import type { Settlement, StepOutcome } from "./queue.js";
import type { LeadRoute } from "./recipients.js";

export async function queueEscalation(
  tx: Tx,
  route: LeadRoute,
  directorateId: string,
  ours: readonly ClaimedReminder[],
  today: IsoDate,
  policy: ReminderPolicy,
): Promise<StepOutcome> {
  let queued = 0;
  let messageId: number | null = null;
  const key = claimSetKey(ours);
  if (route.lead.conversationId) {
    const message = await enqueueMessage(tx, {
      conversationId: route.lead.conversationId,
      personId: route.lead.personId,
      purpose: MessagePurpose.escalation,
      activity: escalationCardActivity(ours, directorateId, today, policy),
      dedupeKey: `escalation:${directorateId}:lead:${key}`,
    });
    messageId = message.id;
    queued += message.queued ? 1 : 0;
  }
  const shareable = ours.filter((c) => !c.row.confidential);
  if (route.channelConversationId && shareable.length) {
    const message = await enqueueMessage(tx, {
      conversationId: route.channelConversationId,
      personId: null,
      purpose: MessagePurpose.escalation,
      activity: escalationCardActivity(shareable, directorateId, today, policy),
      dedupeKey: `escalation:${directorateId}:channel:${key}`,
    });
    messageId ??= message.id;
    queued += message.queued ? 1 : 0;
  }
  // Queued when it goes anywhere.
  const reached = ours.filter((c) => route.lead.conversationId || (route.channelConversationId && !c.row.confidential));
  const missed = ours.filter((c) => !reached.includes(c));
  const settlements: Settlement[] = [];
  if (reached.length)
    settlements.push({ claims: reached, status: ClaimStatus.queued, recipientId: route.lead.personId, messageId });
  if (missed.length)
    settlements.push({
      claims: missed,
      status: ClaimStatus.unreachable,
      recipientId: route.lead.personId,
      messageId: null,
    });
  return { queued, settlements };
}
