/**
 * The dispatcher: drains the persisted outbox (OutboundMessage) into Teams, never inside a user's turn
 * (it runs from the scheduler, its own loop and the CLI). DESIGN.md 4.4.
 *
 * - Claims a batch in one statement (queued and due, or 'sending' with an expired lease: a dispatcher that
 *   died mid-batch), so two instances never take the same message. The lease is short (a minute) and renewed
 *   while the batch is in progress (a heartbeat), so a crashed dispatcher's messages come back within it.
 * - Sends each with the adapter's continueConversationAsync and the conversation reference stored in the
 *   Conversation table, within a global rate (SEND_RATE_PER_SECOND) and a per-conversation rate
 *   (SEND_RATE_PER_CONVERSATION), each a token bucket.
 * - 429, 412, 502 and 504 (and network errors and other 5xx): back off with jitter, using Retry-After when
 *   Teams gives it, by setting notBefore and leaving the message queued; the conversation waits too.
 * - 403 and 404 (the bot was blocked or removed): the message is unreachable, and so is its person; the
 *   reminder claims it carried are marked unreachable, for the improvement team's daily list.
 * - Anything else (400, 401 ...): failed, with the error kept in lastError.
 * A message is marked sent right after Teams accepts it, and only then (the reminder claims it carries become
 * delivered); only a crash between the two can send it twice. A failed send never reaches the adapter's
 * turn-error handler, so it is never turned into an apology to the recipient (DESIGN.md 4.8).
 */
import { randomUUID } from "node:crypto";
import type { ConversationReference, TurnContext } from "botbuilder";
import { allowedServiceUrlHosts, type Config } from "../config.js";
import type { PrismaClient } from "../data/database.js";
import { ClaimStatus, settleClaimsOfMessages, type CarrierOutcome } from "../data/reminder-store.js";
import type { Logger } from "../logger.js";
import { checkServiceUrl } from "../server/activity-envelope.js";
import {
  claimOutboxBatch, finishMessage, markMessageSent, markPersonUnreachable, MessageStatus, nextOutboxDueAt, renewOutboxLeases, requeueMessage,
  type ClaimedMessage,
} from "../data/outbox-store.js";
import { createAdapter } from "./create-bot.js";
import { retryAfterMs, RETRY_LATER, statusCodeOf, UNREACHABLE, withoutBuiltInRetries } from "./send-failure.js";
import { TokenBucket } from "./token-bucket.js";

/** The part of botbuilder's CloudAdapter (TeamsAdapter) the dispatcher uses. */
export interface ProactiveAdapter {
  continueConversationAsync(botAppId: string, reference: Partial<ConversationReference>, logic: (context: TurnContext) => Promise<void>): Promise<void>;
}

export interface ProactiveSenderOptions {
  prisma: PrismaClient;
  adapter: ProactiveAdapter;
  /** MicrosoftAppId ("" in local mode). */
  botAppId: string;
  /**
   * Hosts a stored conversation's serviceUrl may name (as for incoming activities); when given, a message to any
   * other is failed without a call, so an address saved before the allow-list, or written into the database, is never used.
   */
  allowedServiceUrlHosts?: readonly string[];
  logger: Logger;
  ratePerSecond: number;
  ratePerConversation: number;
  /** Messages claimed at a time (default 100). */
  batchSize?: number;
  /** Sends in flight at once (default 16). */
  maxInFlight?: number;
  /** How long a claimed message is held without a heartbeat before another dispatcher may take it back (default 1 minute; renewed every third of it). */
  leaseMs?: number;
  /** Backoff without Retry-After: full jitter over base * 2^(attempt-1), capped (defaults 2 s, 10 minutes). */
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  /** Attempts before a message that keeps failing (other than throttling) is given up as failed (default 10). */
  maxAttempts?: number;
  /** How often `start()`'s loop looks for due messages when idle (default 2 s). */
  pollMs?: number;
  clock?: () => number;
  random?: () => number;
}

export interface DrainReport {
  sent: number;
  /** Sends answered 429/412/502/504 or failing transiently, queued again for later. */
  retried: number;
  unreachable: number;
  failed: number;
  durationMs: number;
}

const DEFAULT_LEASE_MS = 60_000;

/** A conversation held back longer than this releases its claimed messages back to the queue. */
const RELEASE_AFTER_MS = 2_000;

type Outcome =
  | { kind: "sent" }
  | { kind: "retry"; delayMs: number; status: number | null; error: string; throttled: boolean }
  | { kind: "unreachable"; status: number | null; error: string }
  | { kind: "failed"; status: number | null; error: string };

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class ProactiveSender {
  private readonly global: TokenBucket;
  private readonly conversations = new Map<string, TokenBucket>();
  /** Conversations Teams asked us to leave alone, until when. */
  private readonly holds = new Map<string, number>();
  private readonly clock: () => number;
  private readonly random: () => number;
  private chain: Promise<unknown> = Promise.resolve();
  private running = false;
  private stopRequested = false;
  private wake: (() => void) | null = null;
  /** Marks the messages this dispatcher holds, so only it renews their leases and settles them. */
  private readonly leaseToken = randomUUID();

  constructor(private readonly options: ProactiveSenderOptions) {
    this.clock = options.clock ?? Date.now;
    this.random = options.random ?? Math.random;
    // One token: sends evenly spaced at the rate. (Saving up tokens to make up for timers a busy machine
    // delays was measured to bunch sends into Teams' rolling second and earn 429s: slower overall.)
    this.global = new TokenBucket(options.ratePerSecond, 1, this.clock());
  }

  /**
   * Sends every message due by `now` (each batch claims at a fresh clock when `now` is not given); messages
   * backed off past that stay queued. Calls in one process run one after another, sharing the rate limits.
   */
  drainOnce(now?: Date): Promise<DrainReport> {
    const run = this.chain.then(() => this.drain(now));
    this.chain = run.catch(() => undefined);
    return run;
  }

  /** Drains until nothing is due within `maxWaitMs` (backoffs shorter than that are waited for): the CLI and benchmark. */
  async drainUntilIdle(maxWaitMs = 30_000, deadlineMs = 10 * 60_000): Promise<DrainReport> {
    const total: DrainReport = { sent: 0, retried: 0, unreachable: 0, failed: 0, durationMs: 0 };
    const started = this.clock();
    for (;;) {
      const report = await this.drainOnce();
      total.sent += report.sent;
      total.retried += report.retried;
      total.unreachable += report.unreachable;
      total.failed += report.failed;
      const next = await nextOutboxDueAt(this.options.prisma);
      if (next === null || next - this.clock() > maxWaitMs || this.clock() - started > deadlineMs) break;
      await sleep(Math.max(10, next - this.clock()));
    }
    total.durationMs = this.clock() - started;
    return total;
  }

  /** Drains in a loop until the returned stop function is called (which resolves once the loop has ended). */
  start(): () => Promise<void> {
    if (this.running) throw new Error("the dispatcher is already running");
    this.running = true;
    const loop = (async () => {
      while (this.running) {
        try {
          const report = await this.drainOnce();
          if (report.sent + report.retried + report.unreachable + report.failed > 0) continue;
        } catch (error) {
          this.options.logger.error({ err: error }, "the dispatcher failed to drain the outbox; trying again shortly");
        }
        await new Promise<void>((resolve) => {
          this.wake = resolve;
          setTimeout(resolve, this.options.pollMs ?? 2_000);
        });
        this.wake = null;
      }
    })();
    return async () => {
      this.running = false;
      this.stopRequested = true;
      this.wake?.();
      await loop;
    };
  }

  private async drain(now?: Date): Promise<DrainReport> {
    const started = this.clock();
    const report: DrainReport = { sent: 0, retried: 0, unreachable: 0, failed: 0, durationMs: 0 };
    const stopHeartbeat = this.startHeartbeat();
    try {
      // Once stop is asked for, the batch in hand finishes and no new one is claimed, so shutdown stays short.
      while (!this.stopRequested) {
        const batch = await this.claimBatch(now ?? new Date(this.clock()));
        if (batch.length === 0) break;
        await this.sendBatch(batch, report);
      }
    } finally {
      await stopHeartbeat();
    }
    report.durationMs = this.clock() - started;
    if (report.sent + report.retried + report.unreachable + report.failed > 0) {
      this.options.logger.info({ ...report }, "outbox drained");
    }
    return report;
  }

  private get leaseMs(): number {
    return this.options.leaseMs ?? DEFAULT_LEASE_MS;
  }

  /**
   * While a drain runs, renews the lease of every message this dispatcher still holds, every third of the
   * lease: a slow batch keeps its messages, a dead dispatcher's come back once its short lease runs out.
   */
  private startHeartbeat(): () => Promise<void> {
    let renewing: Promise<unknown> = Promise.resolve();
    const timer = setInterval(() => {
      renewing = renewing.then(() => renewOutboxLeases(this.options.prisma, this.leaseToken, new Date(this.clock() + this.leaseMs)))
        .catch((error: unknown) => this.options.logger.warn({ err: error }, "could not renew the outbox lease; trying again shortly"));
    }, Math.max(10, Math.floor(this.leaseMs / 3)));
    return async () => {
      clearInterval(timer);
      await renewing;
    };
  }

  private claimBatch(now: Date): Promise<ClaimedMessage[]> {
    return claimOutboxBatch(this.options.prisma, now, new Date(this.clock() + this.leaseMs), this.leaseToken, this.options.batchSize ?? 100);
  }

  private conversationBucket(conversationId: string, now: number): TokenBucket {
    let bucket = this.conversations.get(conversationId);
    if (!bucket) {
      bucket = new TokenBucket(this.options.ratePerConversation, 1, now);
      this.conversations.set(conversationId, bucket);
    }
    return bucket;
  }

  private conversationWaitMs(conversationId: string, now: number): number {
    const hold = Math.max(0, (this.holds.get(conversationId) ?? 0) - now);
    return Math.max(hold, this.conversationBucket(conversationId, now).waitMs(now));
  }

  private async sendBatch(batch: ClaimedMessage[], report: DrainReport): Promise<void> {
    const references = await this.loadReferences(batch.map((m) => m.conversationId));
    const pending = [...batch];
    const inFlight = new Set<Promise<void>>();
    const maxInFlight = this.options.maxInFlight ?? 16;
    while (pending.length > 0 || inFlight.size > 0) {
      if (pending.length === 0 || inFlight.size >= maxInFlight) {
        await Promise.race(inFlight);
        continue;
      }
      const now = this.clock();
      let index = -1;
      let soonest = Number.POSITIVE_INFINITY;
      for (let i = 0; i < pending.length; i += 1) {
        const message = pending[i]!;
        const hold = (this.holds.get(message.conversationId) ?? 0) - now;
        if (hold > RELEASE_AFTER_MS) {
          // Teams asked this conversation to wait: give the message back to the queue until then.
          pending.splice(i, 1);
          i -= 1;
          await this.requeue(message, now + hold, null, "held back: the conversation is throttled", false);
          continue;
        }
        const wait = this.conversationWaitMs(message.conversationId, now);
        if (wait === 0) {
          index = i;
          break;
        }
        soonest = Math.min(soonest, wait);
      }
      if (index < 0) {
        if (pending.length > 0) await Promise.race([sleep(Math.max(1, soonest)), ...inFlight]);
        continue;
      }
      const globalWait = this.global.waitMs(now);
      if (globalWait > 0) {
        await sleep(globalWait);
        continue;
      }
      const message = pending.splice(index, 1)[0]!;
      this.global.take(now);
      this.conversationBucket(message.conversationId, now).take(now);
      const send: Promise<void> = this.sendOne(message, references.get(message.conversationId) ?? null, report).finally(() => inFlight.delete(send));
      inFlight.add(send);
    }
    this.forgetIdleBuckets();
  }

  private async loadReferences(conversationIds: string[]): Promise<Map<string, Partial<ConversationReference>>> {
    const rows = await this.options.prisma.conversation.findMany({
      where: { conversationId: { in: [...new Set(conversationIds)] } },
      select: { conversationId: true, reference: true },
    });
    const references = new Map<string, Partial<ConversationReference>>();
    for (const row of rows) {
      try {
        references.set(row.conversationId, JSON.parse(row.reference) as Partial<ConversationReference>);
      } catch {
        this.options.logger.warn({ conversationId: row.conversationId }, "a stored conversation reference is not JSON: its messages cannot be sent");
      }
    }
    return references;
  }

  private async deliverIfAllowed(message: ClaimedMessage, reference: Partial<ConversationReference>): Promise<Outcome> {
    const allowed = this.options.allowedServiceUrlHosts;
    if (allowed) {
      const check = checkServiceUrl(String(reference.serviceUrl ?? ""), allowed);
      if (!check.ok) return { kind: "failed", status: null, error: `not sent: the conversation's stored service address is not allowed (${check.message})` };
    }
    return this.deliver(message, reference);
  }

  private async sendOne(message: ClaimedMessage, reference: Partial<ConversationReference> | null, report: DrainReport): Promise<void> {
    const outcome = reference ? await this.deliverIfAllowed(message, reference) : { kind: "unreachable" as const, status: null, error: "no stored conversation reference (the bot was removed from it)" };
    const now = this.clock();
    switch (outcome.kind) {
      case "sent":
        report.sent += 1;
        await markMessageSent(this.options.prisma, message.id, new Date(now));
        await this.settleClaims(message, ClaimStatus.delivered, now);
        return;
      case "retry": {
        const attempts = message.attempts + 1;
        if (!outcome.throttled && attempts >= (this.options.maxAttempts ?? 10)) {
          report.failed += 1;
          await this.finish(message, MessageStatus.failed, `gave up after ${attempts} attempts: ${outcome.error}`);
          this.options.logger.error({ messageId: message.id, purpose: message.purpose, status: outcome.status, attempts }, "a proactive message kept failing: given up");
          return;
        }
        report.retried += 1;
        this.holds.set(message.conversationId, Math.max(this.holds.get(message.conversationId) ?? 0, now + outcome.delayMs));
        await this.requeue(message, now + outcome.delayMs, outcome.status, outcome.error, true);
        this.options.logger.debug({ messageId: message.id, status: outcome.status, delayMs: outcome.delayMs }, "send deferred");
        return;
      }
      case "unreachable":
        report.unreachable += 1;
        await this.markUnreachable(message, outcome.status, outcome.error);
        return;
      case "failed":
        report.failed += 1;
        await this.finish(message, MessageStatus.failed, outcome.error);
        this.options.logger.error({ messageId: message.id, purpose: message.purpose, status: outcome.status }, "a proactive message was refused: not retried");
        return;
    }
  }

  private async settleClaims(message: ClaimedMessage, outcome: CarrierOutcome, now: number): Promise<void> {
    await settleClaimsOfMessages(this.options.prisma, [message.id], outcome, new Date(now));
  }

  /**
   * The send's failure is caught inside the turn and judged here: left to propagate, the adapter would
   * hand it to the bot's turn-error handler, which answers the recipient with an apology and reports the
   * turn as a success.
   */
  private async deliver(message: ClaimedMessage, reference: Partial<ConversationReference>): Promise<Outcome> {
    try {
      const activity = JSON.parse(message.payload) as Record<string, unknown>;
      let failure: { error: unknown } | null = null;
      let accepted = false;
      await this.options.adapter.continueConversationAsync(this.options.botAppId, reference, async (context) => {
        withoutBuiltInRetries(context);
        try {
          await context.sendActivity(activity);
          accepted = true;
        } catch (error) {
          failure = { error };
        }
      });
      if (failure) throw (failure as { error: unknown }).error;
      if (!accepted) throw new Error("the adapter ended the turn without sending the message");
      return { kind: "sent" };
    } catch (error) {
      const status = statusCodeOf(error);
      const text = `${status ?? "no status"}: ${(error as Error)?.message ?? String(error)}`.slice(0, 500);
      if (status !== null && UNREACHABLE.has(status)) return { kind: "unreachable", status, error: text };
      if (status === null || RETRY_LATER.has(status) || status === 408 || status >= 500) {
        return { kind: "retry", delayMs: this.backoffMs(error, message.attempts + 1), status, error: text, throttled: status === 429 };
      }
      return { kind: "failed", status, error: text };
    }
  }

  /** Retry-After plus up to a quarter more (so throttled senders do not return together), else exponential with full jitter. */
  private backoffMs(error: unknown, attempt: number): number {
    const told = retryAfterMs(error, this.clock());
    if (told !== null) return told + Math.floor(this.random() * Math.min(1_000, told / 4 + 50));
    const base = this.options.backoffBaseMs ?? 2_000;
    const ceiling = Math.min(this.options.backoffMaxMs ?? 10 * 60_000, base * 2 ** Math.min(20, attempt - 1));
    return Math.floor(ceiling / 2 + this.random() * (ceiling / 2));
  }

  /** Gives a message back to the queue; only while this dispatcher still holds it (else another has taken it back). */
  private async requeue(message: ClaimedMessage, notBefore: number, status: number | null, error: string, attempted: boolean): Promise<void> {
    this.stillHeld(message, await requeueMessage(this.options.prisma, message.id, this.leaseToken, {
      notBefore: new Date(notBefore), attempted, lastError: status === null && !attempted ? null : error,
    }));
  }

  private async finish(message: ClaimedMessage, status: typeof MessageStatus.failed | typeof MessageStatus.unreachable, error: string): Promise<boolean> {
    const held = this.stillHeld(message, await finishMessage(this.options.prisma, message.id, this.leaseToken, status, error));
    if (held) await this.settleClaims(message, status === MessageStatus.failed ? ClaimStatus.failed : ClaimStatus.unreachable, this.clock());
    return held;
  }

  private stillHeld(message: ClaimedMessage, held: boolean): boolean {
    if (!held) this.options.logger.warn({ messageId: message.id }, "another dispatcher took this message back (its lease ran out): leaving it to them");
    return held;
  }

  private async markUnreachable(message: ClaimedMessage, status: number | null, error: string): Promise<void> {
    const { prisma, logger } = this.options;
    await this.finish(message, MessageStatus.unreachable, error);
    if (message.personId !== null) await markPersonUnreachable(prisma, message.personId);
    logger.warn({ messageId: message.id, purpose: message.purpose, personId: message.personId, status }, "the bot cannot reach this conversation: marked unreachable");
  }

  private forgetIdleBuckets(): void {
    if (this.conversations.size < 10_000) return;
    const now = this.clock();
    for (const [id, bucket] of this.conversations) if (bucket.isFull(now) && !this.holds.has(id)) this.conversations.delete(id);
    for (const [id, until] of this.holds) if (until <= now) this.holds.delete(id);
  }
}

/** The dispatcher as `npm start` and `remind` use it: its own TeamsAdapter built from the bot's credentials. */
export function createProactiveSender(config: Config, deps: { prisma: PrismaClient; logger: Logger; adapter?: ProactiveAdapter }): ProactiveSender {
  return new ProactiveSender({
    prisma: deps.prisma,
    adapter: deps.adapter ?? createAdapter(config),
    botAppId: config.MicrosoftAppId,
    allowedServiceUrlHosts: allowedServiceUrlHosts(config),
    logger: deps.logger,
    ratePerSecond: config.SEND_RATE_PER_SECOND,
    ratePerConversation: config.SEND_RATE_PER_CONVERSATION,
  });
}
