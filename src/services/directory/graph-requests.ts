/**
 * One request to Microsoft Graph, as every Graph call makes it: paced under Graph's limits (a token bucket
 * shared by the process), with a bearer token, a deadline (GRAPH_TIMEOUT_SECONDS), and 429 and 5xx retried
 * with the same backoff and Retry-After as the Bot Connector's sends (domain/dispatch/retry-policy.ts). A wait
 * longer than `longestWaitMs`, or more tries than allowed, comes back as a value for the caller's own queue
 * (the outbox) to wait on, rather than holding a send for minutes. Answers are values, never exceptions.
 */
import {
  classifySendFailure,
  decideRetry,
  parseRetryAfter,
  retryAfterDelayMs,
  SendFailureKind,
  type RetryAfter,
  type RetryPolicy,
} from "../../domain/dispatch/retry-policy.js";
import { TokenBucket } from "../dispatch/token-bucket.js";
import type { TokenSource } from "./graph-token.js";

export type GraphAnswer =
  | { ok: true; status: number; body: Record<string, unknown> }
  /** `status` null: no answer (network error or deadline). `retryable`: 429, 5xx or no answer. */
  | { ok: false; status: number | null; retryable: boolean; retryAfter: RetryAfter | null; reason: string };

export interface GraphRequestOptions {
  baseUrl: string;
  tokens: TokenSource;
  timeoutMs: number;
  ratePerSecond: number;
  /** Backoff as the outbox's; `maxAttempts` bounds every answer here, throttling included (default 4). */
  retry?: Partial<RetryPolicy>;
  /** A Retry-After longer than this is handed back rather than waited for (default 30 s). */
  longestWaitMs?: number;
  clock?: () => number;
  jitter?: () => number;
}

/** What a Graph client did, for the logs and the benchmark. */
export interface GraphCounters {
  requests: number;
  throttled: number;
  retried: number;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class GraphRequests {
  readonly counters: GraphCounters = { requests: 0, throttled: 0, retried: 0 };
  private readonly bucket: TokenBucket;
  private readonly policy: RetryPolicy;
  private readonly clock: () => number;
  private readonly jitter: () => number;
  /** The requests waiting for their turn under the rate, in the order they asked (see paced). */
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly options: GraphRequestOptions) {
    this.clock = options.clock ?? Date.now;
    this.jitter = options.jitter ?? Math.random;
    // Capacity one: requests evenly spaced, so no second ever holds more than the rate (plus the one at its edge).
    this.bucket = new TokenBucket(options.ratePerSecond, 1, this.clock());
    this.policy = { backoffBaseMs: 1_000, backoffMaxMs: 30_000, maxAttempts: 4, ...options.retry };
  }

  /** GET or POST `path` (below the base URL, or an absolute Graph address from a previous answer). */
  async call(method: "GET" | "POST", path: string, body?: unknown): Promise<GraphAnswer> {
    for (let attempt = 1; ; attempt += 1) {
      const answer = await this.once(method, path, body);
      if (answer.ok || !answer.retryable) return answer;
      const throttled = answer.status === 429;
      if (throttled) this.counters.throttled += 1;
      const retryAfterMs = answer.retryAfter ? retryAfterDelayMs(answer.retryAfter, this.clock()) : null;
      const decision = decideRetry(
        { throttled: false, attempt, retryAfterMs, error: answer.reason },
        this.jitter(),
        this.policy,
      );
      if (decision.kind === "give-up" || decision.delayMs > (this.options.longestWaitMs ?? 30_000)) return answer;
      this.counters.retried += 1;
      await sleep(decision.delayMs);
    }
  }

  /**
   * Waits for this request's turn under the rate. Requests queue in order and only the first waits on a
   * timer: every waiter sleeping and re-checking at once woke them all at each token, costing the process
   * time per request that grew with how many were waiting, and let a late one be overtaken again and again.
   */
  private paced(): Promise<void> {
    const turn = this.queue.then(async () => {
      for (let wait = this.bucket.waitMs(this.clock()); wait > 0; wait = this.bucket.waitMs(this.clock()))
        await sleep(wait);
      this.bucket.take(this.clock());
    });
    this.queue = turn;
    return turn;
  }

  private async once(method: "GET" | "POST", path: string, body?: unknown): Promise<GraphAnswer> {
    const token = await this.options.tokens.token();
    if (!token.ok) return { ok: false, status: null, retryable: true, retryAfter: null, reason: token.reason };
    await this.paced();
    this.counters.requests += 1;
    const url = /^https:\/\//.test(path) ? path : `${this.options.baseUrl}${path}`;
    try {
      const response = await fetch(url, {
        method,
        headers: {
          authorization: `Bearer ${token.token}`,
          accept: "application/json",
          ...(body === undefined ? {} : { "content-type": "application/json" }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
      const text = await response.text();
      if (response.ok) return { ok: true, status: response.status, body: readJson(text) };
      const kind = classifySendFailure(response.status);
      return {
        ok: false,
        status: response.status,
        retryable: kind === SendFailureKind.throttled || (kind === SendFailureKind.transient && response.status >= 500),
        retryAfter: parseRetryAfter(response.headers.get("retry-after")),
        reason: `Graph answered ${response.status}${graphErrorCode(text)}`,
      };
    } catch (error) {
      const timedOut = (error as Error).name === "TimeoutError";
      return {
        ok: false,
        status: null,
        retryable: true,
        retryAfter: null,
        reason: timedOut
          ? `Graph did not answer within ${this.options.timeoutMs / 1000} s`
          : `Graph could not be reached: ${(error as Error).message}`.slice(0, 300),
      };
    }
  }
}

function readJson(text: string): Record<string, unknown> {
  try {
    const value: unknown = text ? JSON.parse(text) : {};
    return value && typeof value === "object" ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** " (Request_ResourceNotFound)": Graph's error code, when its answer has one. */
function graphErrorCode(text: string): string {
  const error = readJson(text).error as { code?: unknown } | undefined;
  return typeof error?.code === "string" ? ` (${error.code.slice(0, 80)})` : "";
}
