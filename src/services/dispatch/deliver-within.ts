/**
 * One outbox message handed to the delivery port, with an answer by its deadline whatever happens: a message
 * with no conversation to go to, or no readable activity, answers at once; a send Teams has not answered in
 * time answers "outcome unknown", which the dispatcher retries as it does any failure without a status. A
 * message for someone still to be reached has its chat found first, within the same deadline, then is sent
 * to it.
 */
import type { ClaimedMessage } from "../../data/dispatch/outbox-store.js";
import { withDeadline } from "../deadline.js";
import { personOfPendingChat } from "../../domain/directory/directory-account.js";
import type { ChatFinder, ConversationAddress, DeliveryResult, TeamsDeliveryPort } from "./delivery-port.js";

export async function deliverWithin(
  port: TeamsDeliveryPort,
  message: ClaimedMessage,
  address: ConversationAddress | null,
  timeoutMs: number,
  chatFinder?: ChatFinder,
): Promise<DeliveryResult> {
  if (!address && chatFinder && personOfPendingChat(message.conversationId) !== null) {
    // Finding the chat has the send's deadline too: its steps are recorded, so a retry resumes where it stopped.
    const found = await withDeadline(chatFinder.chatFor(message), timeoutMs, () => ({
      kind: "not-found" as const,
      result: {
        kind: "failed" as const,
        permanent: false,
        retryAfter: null,
        status: null,
        reason: `the chat was not found within ${timeoutMs / 1000} s (tried again, from the step reached)`,
      },
    }));
    if (found.kind === "not-found") return found.result;
    return deliverWithin(port, { ...message, conversationId: found.conversationId }, found.address, timeoutMs);
  }
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
    port.send({ id: message.id, conversationId: message.conversationId, address, activity }),
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
