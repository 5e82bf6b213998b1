/**
 * Pacing for the dispatcher: a rolling window for the whole app (SEND_RATE_PER_SECOND, send-window.ts) and a
 * token bucket per conversation (SEND_RATE_PER_CONVERSATION), and the conversations Teams asked us to leave alone
 * (after a 429 or a failure) until when. Every method takes the instant it reasons about.
 */
import { SendWindow, type SendTicket } from "./send-window.js";
import { TokenBucket } from "./token-bucket.js";

/** How the dispatcher before this one left the outbox: handed over after its last answer, or mid-batch (it died). */
export type PreviousDispatcher = "handed over" | "stopped mid-batch";

/** A conversation held back longer than this gives its claimed messages back to the queue. */
const RELEASE_AFTER_MS = 2_000;

/** Past this many conversation buckets, idle ones are forgotten after a batch. */
const FORGET_IDLE_ABOVE = 10_000;

export class SendPacing {
  private readonly global: SendWindow;
  private readonly conversations = new Map<string, TokenBucket>();
  /** Conversations Teams asked us to leave alone, until when. */
  private readonly holds = new Map<string, number>();

  constructor(
    private readonly ratePerSecond: number,
    private readonly ratePerConversation: number,
    now: number,
  ) {
    this.global = new SendWindow(this.ratePerSecond, now);
  }

  /** How much longer a conversation is held back by Teams (0: not held). */
  heldForMs(conversationId: string, now: number): number {
    return Math.max(0, (this.holds.get(conversationId) ?? 0) - now);
  }

  /** Leaves a conversation alone until `until` (a later hold already in place stays). */
  holdUntil(conversationId: string, until: number): void {
    this.holds.set(conversationId, Math.max(this.holds.get(conversationId) ?? 0, until));
  }

  /** Milliseconds until this conversation may be sent to: its hold or its own rate (0: now). */
  conversationWaitMs(conversationId: string, now: number): number {
    return Math.max(this.heldForMs(conversationId, now), this.conversationBucket(conversationId, now).waitMs(now));
  }

  /** Milliseconds until the app-wide rate allows another send (0: now). */
  globalWaitMs(now: number): number {
    return this.global.waitMs(now);
  }

  /**
   * Taking over the outbox at `now`: from a dispatcher that handed over, continues from an assumed full pace
   * (SendWindow.assumeEvenPaceUntil); from one that stopped mid-batch, waits out a full window first
   * (SendWindow.assumeFullWindowAt).
   */
  takeOver(now: number, previous: PreviousDispatcher): void {
    if (previous === "stopped mid-batch") this.global.assumeFullWindowAt(now);
    else this.global.assumeEvenPaceUntil(now);
  }

  /** The first instant another dispatcher may take over the outbox without the two exceeding the app-wide rate. */
  handOverAt(): number {
    return this.global.handOverAt();
  }

  /** Counts a send to this conversation against both rates; give the ticket back to `answered` once Teams answers. */
  take(conversationId: string, now: number): SendTicket {
    this.conversationBucket(conversationId, now).take(now);
    return this.global.take(now);
  }

  /** Teams answered the send (whatever the answer): it counts for the app-wide rate until a second on. */
  answered(ticket: SendTicket, now: number): void {
    this.global.answered(ticket, now);
  }

  /**
   * The first of `pending` (in order) whose conversation may be sent to now (index -1: none), and how soon
   * one may (soonestWaitMs). Messages met on the way to a conversation Teams holds back for longer than
   * RELEASE_AFTER_MS are taken out of `pending` and listed in `released`, to go back to the queue until then.
   */
  pickNext<T extends { conversationId: string }>(
    pending: T[],
    now: number,
  ): { index: number; released: { message: T; until: number }[]; soonestWaitMs: number } {
    const released: { message: T; until: number }[] = [];
    let soonestWaitMs = Number.POSITIVE_INFINITY;
    for (let i = 0; i < pending.length; i += 1) {
      const message = pending[i]!;
      const hold = this.heldForMs(message.conversationId, now);
      if (hold > RELEASE_AFTER_MS) {
        pending.splice(i, 1);
        i -= 1;
        released.push({ message, until: now + hold });
        continue;
      }
      const wait = this.conversationWaitMs(message.conversationId, now);
      if (wait === 0) return { index: i, released, soonestWaitMs: 0 };
      soonestWaitMs = Math.min(soonestWaitMs, wait);
    }
    return { index: -1, released, soonestWaitMs };
  }

  /** Forgets full buckets and past holds once there are many (a long-running dispatcher meets many chats). */
  forgetIdle(now: number): void {
    if (this.conversations.size < FORGET_IDLE_ABOVE) return;
    for (const [id, bucket] of this.conversations)
      if (bucket.isFull(now) && !this.holds.has(id)) this.conversations.delete(id);
    for (const [id, until] of this.holds) if (until <= now) this.holds.delete(id);
  }

  private conversationBucket(conversationId: string, now: number): TokenBucket {
    let bucket = this.conversations.get(conversationId);
    if (!bucket) {
      bucket = new TokenBucket(this.ratePerConversation, 1, now);
      this.conversations.set(conversationId, bucket);
    }
    return bucket;
  }
}
