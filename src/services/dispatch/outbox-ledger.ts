/**
 * Writes down what became of each message a dispatcher holds: sent (its reminder claims delivered, its cards
 * recorded under Teams' id for later edits), given
 * back to the queue until a given instant, or finished as failed or unreachable (its claims with it). Only
 * while the dispatcher's lease token still holds the message: once its lease ran out another may have
 * taken it back, and that one records it.
 */
import type { Store } from "../../data/database.js";
import {
  finishMessageAndClaims,
  markPersonUnreachable,
  MessageStatus,
  recordMessageSent,
  requeueMessage,
  type ClaimedMessage,
} from "../../data/dispatch/outbox-store.js";
import { markLiveCardsSent } from "../../data/live-cards/live-card-store.js";
import type { Logger } from "../../logger.js";

export type FinishedStatus = typeof MessageStatus.failed | typeof MessageStatus.unreachable;

export class OutboxLedger {
  constructor(
    private readonly store: Store,
    private readonly leaseToken: string,
    private readonly logger: Logger,
  ) {}

  /**
   * Teams accepted it: the message sent and its reminder claims delivered, together (whoever holds the lease
   * now); the cards it carries are recorded as shown by the message Teams gave `activityId`, for later edits.
   */
  async sent(message: ClaimedMessage, at: Date, activityId: string | null): Promise<void> {
    await recordMessageSent(this.store, message.id, at);
    if (activityId !== null) await markLiveCardsSent(this.store, message.id, activityId, at);
  }

  /** Gives a message back to the queue until `notBefore`; `attempted` counts it as a try. */
  async requeue(message: ClaimedMessage, notBefore: Date, attempted: boolean, lastError: string | null): Promise<void> {
    const held = await requeueMessage(this.store, message.id, this.leaseToken, { notBefore, attempted, lastError });
    this.stillHeld(message, held);
  }

  /** Ends a message as failed or unreachable, and the reminder claims it carried with it. */
  async finish(message: ClaimedMessage, status: FinishedStatus, error: string, at: Date): Promise<void> {
    this.stillHeld(message, await finishMessageAndClaims(this.store, message.id, this.leaseToken, status, error, at));
  }

  /** The conversation is gone: the message is unreachable, and so is its person (for the improvement team's list). */
  async unreachable(message: ClaimedMessage, error: string, at: Date): Promise<void> {
    await this.finish(message, MessageStatus.unreachable, error, at);
    if (message.personId !== null) await markPersonUnreachable(this.store, message.personId);
  }

  private stillHeld(message: ClaimedMessage, held: boolean): boolean {
    if (!held)
      this.logger.warn(
        { messageId: message.id },
        "another dispatcher took this message back (its lease ran out): leaving it to them",
      );
    return held;
  }
}
