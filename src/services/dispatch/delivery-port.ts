/**
 * The port the outbox dispatcher sends through. The dispatcher owns it; `src/bot/teams-delivery.ts`
 * implements it with botbuilder, so a move to another Teams SDK changes that file and nothing here.
 * Every answer is a value: a send that fails is never an exception the dispatcher has to interpret.
 */
import type { RetryAfter } from "../../domain/dispatch/retry-policy.js";

/** A stored conversation reference (Bot Framework's ConversationReference, as JSON): where to send. */
export type ConversationAddress = Readonly<Record<string, unknown>>;

export interface OutgoingMessage {
  /** The outbox message's id (for logs). */
  id: number;
  conversationId: string;
  address: ConversationAddress;
  /** The Bot Framework activity to send. */
  activity: Record<string, unknown>;
}

/** What became of one send. `status` is the HTTP status Teams answered, when it answered. */
export type DeliveryResult =
  | { kind: "sent" }
  /** Teams' rate limits (429): send again later, never give up over it. */
  | { kind: "throttled"; retryAfter: RetryAfter | null; status: number | null; reason: string }
  /** Not sent: `permanent` when trying again would not help, else retried with backoff up to a limit. */
  | { kind: "failed"; permanent: boolean; retryAfter: RetryAfter | null; status: number | null; reason: string }
  /** The bot was blocked or removed, or the conversation is gone: its person cannot be reached. */
  | { kind: "conversation-gone"; status: number | null; reason: string };

export interface TeamsDeliveryPort {
  send(message: OutgoingMessage): Promise<DeliveryResult>;
}

/**
 * Finds the chat of a message queued for someone the bot is still to reach (a pending conversation,
 * domain/directory/directory-account.ts): through Graph, installing the app for them. Either the chat and its
 * address, or what to do with the message instead, as a delivery result.
 */
export interface ChatFinder {
  chatFor(message: {
    id: number;
    conversationId: string;
    personId: number | null;
  }): Promise<
    | { kind: "found"; conversationId: string; address: ConversationAddress }
    | { kind: "not-found"; result: DeliveryResult }
  >;
}
