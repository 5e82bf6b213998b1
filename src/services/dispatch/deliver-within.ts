/**
 * One outbox message handed to the delivery port, with an answer by its deadline whatever happens: a message
 * with no conversation to go to, or no readable activity, answers at once; a send Teams has not answered in
 * time answers "outcome unknown", which the dispatcher retries as it does any failure without a status.
 */
import type { ClaimedMessage } from "../../data/dispatch/outbox-store.js";
import { withDeadline } from "../deadline.js";
import type { ConversationAddress, DeliveryResult, TeamsDeliveryPort } from "./delivery-port.js";
import { MessagePurpose } from "./outbox.js";

export function deliverWithin(
  port: TeamsDeliveryPort,
  message: ClaimedMessage,
  address: ConversationAddress | null,
  timeoutMs: number,
): Promise<DeliveryResult> {
  if (!address)
    return Promise.resolve({
      kind: "conversation-gone",
      status: null,
      reason: "no stored conversation reference (the bot was removed from it)",
    });
  let activity: Record<string, unknown>;
  try {
    activity = JSON.parse(message.payload) as Record<string, unknown>;
  } catch (error) {
    // As any failure without an answer from Teams: tried again later, up to the attempt limit.
    return Promise.resolve({
      kind: "failed",
      permanent: false,
      retryAfter: null,
      status: null,
      reason: `no status: ${(error as Error).message}`.slice(0, 500),
    });
  }
  return withDeadline(
    port.send({
      id: message.id,
      conversationId: message.conversationId,
      address,
      activity,
      kind: message.purpose === MessagePurpose.cardEdit ? "update" : "send",
    }),
    timeoutMs,
    (): DeliveryResult => ({
      kind: "failed",
      permanent: false,
      retryAfter: null,
      status: null,
      reason: `outcome unknown: Teams did not answer within ${timeoutMs / 1000} s (sent again, perhaps a second time)`,
    }),
  );
}
