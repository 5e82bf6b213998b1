/**
 * The dispatcher: drains the persisted outbox (OutboundMessage) into Teams through the delivery port, never
 * inside a user's turn (it runs from the scheduler, its own loop and the CLI). DESIGN.md 4.4.
 *
 * - Claims a batch in one statement (queued and due, or 'sending' with an expired lease: a dispatcher that
 *   died mid-batch), so two instances never take the same message. The lease is short (a minute) and renewed
 *   while the batch is in progress (a heartbeat), so a crashed dispatcher's messages come back within it.
 * - Hands each to the port with the conversation reference stored in the Conversation table, within a global
 *   rate and a per-conversation rate (send-pacing.ts); what became of each is written down by outbox-ledger.ts.
 * - Throttled or failing for now: backs off (domain/dispatch/retry-policy.ts, Retry-After when Teams gives it) by setting
 *   notBefore and leaving the message queued; the conversation waits too.
 * - Conversation gone (the bot was blocked or removed): the message is unreachable, and so is its person; the
 *   reminder claims it carried are marked unreachable, for the improvement team's daily list.
 * - Refused: failed, with the error kept in lastError.
 * - Several instances: one drains at a time (a database lock, data/work-locks.ts), so its pacing is the whole
 *   app's and Teams' per-app and per-conversation limits hold across instances; the others find the lock
 *   taken and leave the outbox to it. A dead instance's lock ends with its connection.
 * - A send unanswered within its timeout has an unknown outcome: it is tried again later as a failure without
 *   a status is, so Teams may get it twice but the owner never misses it. A drain that still makes no progress
 *   is abandoned (drain-watchdog.ts) and its messages come back by their lease, as a crashed dispatcher's do.
 * A message is marked sent right after Teams accepts it, and only then (the reminder claims it carries become
 * delivered); only a crash between the two, or a send whose answer came too late, can send it twice. The
 * clock, the jitter and the lease token are given: the dispatcher reads no clock and draws no random number.
 */
import type { Config } from "../../config.js";
import type { Store } from "../../data/database.js";
import { conversationReferencesOf } from "../../data/people/conversation-store.js";
import {
  claimOutboxBatch,
  MessageStatus,
  nextOutboxDueAt,
  otherDispatchersMidBatch,
  renewOutboxLeases,
  type ClaimedMessage,
} from "../../data/dispatch/outbox-store.js";
import { runAlone, WorkLock } from "../../data/work-locks.js";
import {
  decideRetry,
  DEFAULT_RETRY_POLICY,
  retryAfterDelayMs,
  type RetryPolicy,
} from "../../domain/dispatch/retry-policy.js";
import type { Logger } from "../../logger.js";
import type { ChatFinder, ConversationAddress, DeliveryResult, TeamsDeliveryPort } from "./delivery-port.js";
import { deliverWithin } from "./deliver-within.js";
import { DispatcherProgress, watchDrain, type DispatcherHealth, type DrainRun } from "./drain-watchdog.js";
import { OutboxLedger } from "./outbox-ledger.js";
import { SendPacing, type PreviousDispatcher } from "./send-pacing.js";
import { TEAMS_WINDOW_MS, type SendTicket } from "./send-window.js";

export interface OutboxDispatcherOptions extends Partial<RetryPolicy> {
  store: Store;
  port: TeamsDeliveryPort;
  logger: Logger;
  ratePerSecond: number;
  ratePerConversation: number;
  /** Milliseconds since the epoch, now. */
  clock: () => number;
  /** A draw in [0, 1), for backoff jitter. */
  jitter: () => number;
  /** Marks the messages this dispatcher holds, so only it renews their leases and settles them: unique per dispatcher. */
  leaseToken: string;
  /** Messages claimed at a time (default 100). */
  batchSize?: number;
  /** Sends in flight at once (default 16). */
  maxInFlight?: number;
  /** How long a claimed message is held without a heartbeat before another dispatcher may take it back (default 1 minute; renewed every third of it). */
  leaseMs?: number;
  /** How often `start()`'s loop looks for due messages when idle (default 2 s). */
  pollMs?: number;
  /** How long a send may wait for Teams' answer before its outcome counts as unknown (default 30 s; SEND_TIMEOUT_SECONDS). */
  sendTimeoutMs?: number;
  /** Finds (through Graph) the chat of a message queued for someone still to be reached; unset, such a message is unreachable. */
  chatFinder?: ChatFinder;
}

export interface DrainReport {
  sent: number;
  /** Sends throttled or failing for now, queued again for later. */
  retried: number;
  unreachable: number;
  failed: number;
  durationMs: number;
  /** Another instance was draining the outbox, so this one sent nothing. */
  drainedElsewhere: boolean;
}

/** The rates SEND_RATE_PER_SECOND and SEND_RATE_PER_CONVERSATION configure, and SEND_TIMEOUT_SECONDS's deadline. */
export function sendRatesFromConfig(
  config: Config,
): Pick<OutboxDispatcherOptions, "ratePerSecond" | "ratePerConversation" | "sendTimeoutMs"> {
  return {
    ratePerSecond: config.SEND_RATE_PER_SECOND,
    ratePerConversation: config.SEND_RATE_PER_CONVERSATION,
    sendTimeoutMs: config.SEND_TIMEOUT_SECONDS * 1000,
  };
}

const DEFAULT_LEASE_MS = 60_000;
const DEFAULT_SEND_TIMEOUT_MS = 30_000;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

const emptyReport = (): DrainReport => ({
  sent: 0,
  retried: 0,
  unreachable: 0,
  failed: 0,
  durationMs: 0,
  drainedElsewhere: false,
});
const anythingDone = (r: DrainReport) => r.sent + r.retried + r.unreachable + r.failed > 0;

export class OutboxDispatcher {
  private readonly pacing: SendPacing;
  private readonly ledger: OutboxLedger;
  private readonly retryPolicy: RetryPolicy;
  private readonly progress: DispatcherProgress;
  private chain: Promise<unknown> = Promise.resolve();
  /** Dispatchers found stopped mid-batch and already waited for (see previousDispatcher). */
  private readonly crashesAccountedFor = new Set<string>();
  private running = false;
  private stopRequested = false;
  private wake: (() => void) | null = null;

  constructor(private readonly options: OutboxDispatcherOptions) {
    this.pacing = new SendPacing(options.ratePerSecond, options.ratePerConversation, options.clock());
    this.ledger = new OutboxLedger(options.store, options.leaseToken, options.logger);
    this.retryPolicy = {
      backoffBaseMs: options.backoffBaseMs ?? DEFAULT_RETRY_POLICY.backoffBaseMs,
      backoffMaxMs: options.backoffMaxMs ?? DEFAULT_RETRY_POLICY.backoffMaxMs,
      maxAttempts: options.maxAttempts ?? DEFAULT_RETRY_POLICY.maxAttempts,
    };
    this.progress = new DispatcherProgress(options.clock, this.leaseMs);
  }

  /** Stuck when a drain has made no progress for longer than the lease: what /readyz reports. */
  health(): DispatcherHealth {
    return this.progress.health();
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
    const { clock, store } = this.options;
    const total = emptyReport();
    const started = clock();
    for (;;) {
      const report = await this.drainOnce();
      total.sent += report.sent;
      total.retried += report.retried;
      total.unreachable += report.unreachable;
      total.failed += report.failed;
      const next = await nextOutboxDueAt(store);
      if (next === null || next - clock() > maxWaitMs || clock() - started > deadlineMs) break;
      // While another instance drains, look again at the poll interval rather than as soon as a message is due.
      await sleep(report.drainedElsewhere ? (this.options.pollMs ?? 2_000) : Math.max(10, next - clock()));
    }
    total.durationMs = clock() - started;
    return total;
  }

  /** Drains in a loop until the returned stop function is called (which resolves once the loop has ended). */
  start(): () => Promise<void> {
    if (this.running) throw new Error("the dispatcher is already running");
    this.running = true;
    const loop = (async () => {
      while (this.running) {
        try {
          if (anythingDone(await this.drainOnce())) continue;
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

  private get leaseMs(): number {
    return this.options.leaseMs ?? DEFAULT_LEASE_MS;
  }

  private get sendTimeoutMs(): number {
    return this.options.sendTimeoutMs ?? DEFAULT_SEND_TIMEOUT_MS;
  }

  private async drain(now?: Date): Promise<DrainReport> {
    const { clock, store, logger } = this.options;
    const started = clock();
    const report = emptyReport();
    // Past a lease and a send's timeout without progress, nothing it waits for will answer.
    const abandonAfterMs = this.leaseMs + this.sendTimeoutMs;
    const outcome = await watchDrain(
      this.progress,
      abandonAfterMs,
      (run) => runAlone(store, WorkLock.outboxDispatch, () => this.drainBatches(report, run, now)),
      (stalledMs) =>
        logger.error(
          { stalledMs, abandonAfterMs },
          "an outbox drain made no progress: abandoned, its messages return to the queue when their lease runs out",
        ),
    );
    report.drainedElsewhere = !outcome.abandoned && !outcome.value.ran;
    report.durationMs = clock() - started;
    if (anythingDone(report)) this.options.logger.info({ ...report }, "outbox drained");
    return report;
  }

  private async drainBatches(report: DrainReport, run: DrainRun, now?: Date): Promise<void> {
    const { clock, store, leaseToken } = this.options;
    // Whoever held the outbox before may have sent up to now (or died doing so): continue from their pace.
    this.pacing.takeOver(clock(), await this.previousDispatcher());
    const stopHeartbeat = this.startHeartbeat(run);
    try {
      // Once stop is asked for, the batch in hand finishes and no new one is claimed, so shutdown stays short.
      while (!this.stopRequested && !run.abandoned) {
        const at = clock();
        const batch = await claimOutboxBatch(
          store,
          now ?? new Date(at),
          new Date(at + this.leaseMs),
          leaseToken,
          this.options.batchSize ?? 100,
        );
        if (batch.length === 0) break;
        this.progress.progressed();
        await this.sendBatch(batch, report, run);
      }
    } finally {
      await stopHeartbeat();
    }
    if (run.abandoned) return;
    // Hold the outbox until another instance taking over next, continuing from a full pace, cannot exceed
    // the app-wide rate together with this one's last sends (at once after an even pace, later after a burst).
    await sleep(Math.min(2 * TEAMS_WINDOW_MS, Math.max(0, this.pacing.handOverAt() - clock())));
  }

  /**
   * How the outbox was left: a dispatcher still holding unsettled messages stopped mid-batch (it died). Each
   * such dispatcher is accounted for once, at the first takeover after it: later ones are a window on.
   */
  private async previousDispatcher(): Promise<PreviousDispatcher> {
    const midBatch = await otherDispatchersMidBatch(this.options.store, this.options.leaseToken);
    const unaccounted = midBatch.filter((token) => !this.crashesAccountedFor.has(token));
    for (const token of unaccounted) this.crashesAccountedFor.add(token);
    return unaccounted.length > 0 ? "stopped mid-batch" : "handed over";
  }

  /**
   * While a drain runs, renews the lease of every message this dispatcher still holds, every third of the
   * lease: a slow batch keeps its messages, a dead dispatcher's come back once its short lease runs out.
   */
  private startHeartbeat(run: DrainRun): () => Promise<void> {
    const { store, leaseToken, clock, logger } = this.options;
    let renewing: Promise<unknown> = Promise.resolve();
    const timer = setInterval(
      () => {
        // An abandoned drain's messages must come back to the queue: their leases are left to run out.
        if (run.abandoned) return;
        renewing = renewing
          .then(() => renewOutboxLeases(store, leaseToken, new Date(clock() + this.leaseMs)))
          .catch((error: unknown) =>
            logger.warn({ err: error }, "could not renew the outbox lease; trying again shortly"),
          );
      },
      Math.max(10, Math.floor(this.leaseMs / 3)),
    );
    return async () => {
      clearInterval(timer);
      await renewing;
    };
  }

  private async sendBatch(batch: ClaimedMessage[], report: DrainReport, run: DrainRun): Promise<void> {
    const addresses = await this.loadAddresses(batch.map((m) => m.conversationId));
    const pending = [...batch];
    const inFlight = new Set<Promise<void>>();
    const maxInFlight = this.options.maxInFlight ?? 16;
    while ((pending.length > 0 || inFlight.size > 0) && !run.abandoned) {
      if (pending.length === 0 || inFlight.size >= maxInFlight) {
        await Promise.race([...inFlight, run.whenAbandoned]);
        continue;
      }
      const now = this.options.clock();
      const { index, released, soonestWaitMs } = this.pacing.pickNext(pending, now);
      // Not a try, and not an error to keep: these were never sent.
      for (const { message, until } of released) await this.ledger.requeue(message, new Date(until), false, null);
      if (index < 0) {
        if (pending.length > 0) await Promise.race([sleep(Math.max(1, soonestWaitMs)), ...inFlight, run.whenAbandoned]);
        continue;
      }
      const globalWait = this.pacing.globalWaitMs(now);
      if (globalWait > 0) {
        await sleep(globalWait);
        continue;
      }
      const message = pending.splice(index, 1)[0]!;
      const ticket = this.pacing.take(message.conversationId, now);
      const address = addresses.get(message.conversationId) ?? null;
      const send: Promise<void> = this.sendOne(message, address, ticket, report, run).finally(() =>
        inFlight.delete(send),
      );
      inFlight.add(send);
    }
    this.pacing.forgetIdle(this.options.clock());
  }

  private async loadAddresses(conversationIds: string[]): Promise<Map<string, ConversationAddress>> {
    const addresses = new Map<string, ConversationAddress>();
    for (const [conversationId, reference] of await conversationReferencesOf(this.options.store, conversationIds)) {
      try {
        addresses.set(conversationId, JSON.parse(reference) as ConversationAddress);
      } catch {
        this.options.logger.warn(
          { conversationId },
          "a stored conversation reference is not JSON: its messages cannot be sent",
        );
      }
    }
    return addresses;
  }

  private async sendOne(
    message: ClaimedMessage,
    address: ConversationAddress | null,
    ticket: SendTicket,
    report: DrainReport,
    run: DrainRun,
  ): Promise<void> {
    const { logger, clock } = this.options;
    let result: DeliveryResult;
    try {
      result = await deliverWithin(this.options.port, message, address, this.sendTimeoutMs, this.options.chatFinder);
    } finally {
      this.pacing.answered(ticket, clock());
      this.progress.progressed();
    }
    const now = clock();
    // Abandoned meanwhile: only a send Teams accepted is written down; the rest come back by their lease.
    if (run.abandoned && result.kind !== "sent") return;
    if (result.kind === "sent") {
      report.sent += 1;
      await this.ledger.sent(message, new Date(now));
      return;
    }
    const log = { messageId: message.id, purpose: message.purpose, status: result.status };
    if (result.kind === "conversation-gone") {
      report.unreachable += 1;
      await this.ledger.unreachable(message, result.reason, new Date(now));
      logger.warn({ ...log, personId: message.personId }, "the bot cannot reach this conversation: marked unreachable");
      return;
    }
    if (result.kind === "failed" && result.permanent) {
      report.failed += 1;
      await this.ledger.finish(message, MessageStatus.failed, result.reason, new Date(clock()));
      logger.error(log, "a proactive message was refused: not retried");
      return;
    }
    const attempt = message.attempts + 1;
    const retryAfterMs = result.retryAfter ? retryAfterDelayMs(result.retryAfter, now) : null;
    const question = { throttled: result.kind === "throttled", attempt, retryAfterMs, error: result.reason };
    const decision = decideRetry(question, this.options.jitter(), this.retryPolicy);
    if (decision.kind === "give-up") {
      report.failed += 1;
      await this.ledger.finish(message, MessageStatus.failed, decision.reason, new Date(clock()));
      logger.error({ ...log, attempts: attempt }, "a proactive message kept failing: given up");
      return;
    }
    report.retried += 1;
    this.pacing.holdUntil(message.conversationId, now + decision.delayMs);
    await this.ledger.requeue(message, new Date(now + decision.delayMs), true, result.reason);
    logger.debug({ messageId: message.id, status: result.status, delayMs: decision.delayMs }, "send deferred");
  }
}
