/**
 * What the outbox does after Teams answers a proactive send (DESIGN.md 4.4 and 4.8): which answers mean
 * "later", which mean the conversation is gone and which are a refusal; how long to wait before the next
 * try; when to give up. Pure: the caller passes the instant it reasons about and the jitter it drew.
 */

/** How a failed send is read, from the HTTP status Teams answered (null: no answer, a network error). */
export const SendFailureKind = {
  /** 429: Teams' rate limits. Retried for as long as it takes: throttling is never a reason to give up. */
  throttled: "throttled",
  /** 412, 502, 504, 408, other 5xx and network errors: retried with backoff, up to the attempt limit. */
  transient: "transient",
  /** 403 and 404: the bot was blocked or removed, or the conversation no longer exists. */
  conversationGone: "conversation-gone",
  /** Anything else (400, 401 ...): retrying would not help. */
  refused: "refused",
} as const;
export type SendFailureKind = (typeof SendFailureKind)[keyof typeof SendFailureKind];

/** Teams' throttling and gateway answers: try again later. */
const RETRY_LATER: ReadonlySet<number> = new Set([429, 412, 502, 504, 408]);
/** The bot was blocked, uninstalled, or the conversation is gone. */
const CONVERSATION_GONE: ReadonlySet<number> = new Set([403, 404]);

export function classifySendFailure(status: number | null): SendFailureKind {
  if (status === 429) return SendFailureKind.throttled;
  if (status !== null && CONVERSATION_GONE.has(status)) return SendFailureKind.conversationGone;
  if (status === null || RETRY_LATER.has(status) || status >= 500) return SendFailureKind.transient;
  return SendFailureKind.refused;
}

/** Retry-After as Teams gives it: a number of seconds, or an HTTP date (resolved against `now` later). */
export type RetryAfter = { afterMs: number } | { until: number };

/** Reads a Retry-After header value: delta-seconds or an HTTP date; null when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined): RetryAfter | null {
  const text = value?.trim();
  if (!text) return null;
  if (/^\d+(\.\d+)?$/.test(text)) return { afterMs: Math.round(Number(text) * 1000) };
  const until = Date.parse(text);
  return Number.isNaN(until) ? null : { until };
}

/** Milliseconds from `now` that a Retry-After asks for (never negative). */
export function retryAfterDelayMs(retryAfter: RetryAfter, now: number): number {
  return "afterMs" in retryAfter ? retryAfter.afterMs : Math.max(0, retryAfter.until - now);
}

export interface RetryPolicy {
  /** Backoff without Retry-After: full jitter over base * 2^(attempt-1) ... */
  backoffBaseMs: number;
  /** ... capped at this. */
  backoffMaxMs: number;
  /** Attempts before a message that keeps failing (other than throttling) is given up. */
  maxAttempts: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { backoffBaseMs: 2_000, backoffMaxMs: 10 * 60_000, maxAttempts: 10 };

/**
 * How long to wait before attempt `attempt + 1`. Retry-After plus up to a quarter more (at most a second),
 * so that throttled senders do not all come back at once; without it, exponential backoff with jitter over
 * the upper half. `jitter` is a draw in [0, 1).
 */
export function backoffDelayMs(
  retryAfterMs: number | null,
  attempt: number,
  jitter: number,
  policy: RetryPolicy,
): number {
  if (retryAfterMs !== null) return retryAfterMs + Math.floor(jitter * Math.min(1_000, retryAfterMs / 4 + 50));
  const ceiling = Math.min(policy.backoffMaxMs, policy.backoffBaseMs * 2 ** Math.min(20, attempt - 1));
  return Math.floor(ceiling / 2 + jitter * (ceiling / 2));
}

export type RetryDecision = { kind: "retry"; delayMs: number } | { kind: "give-up"; reason: string };

export interface RetryQuestion {
  /** Throttled sends are never given up. */
  throttled: boolean;
  /** This attempt's number (1 for the first send). */
  attempt: number;
  /** What Teams said, already resolved to milliseconds; null when it said nothing. */
  retryAfterMs: number | null;
  /** What went wrong, for the reason given when giving up. */
  error: string;
}

/** Retry later, or give up after `maxAttempts` failures that were not throttling. */
export function decideRetry(question: RetryQuestion, jitter: number, policy: RetryPolicy): RetryDecision {
  if (!question.throttled && question.attempt >= policy.maxAttempts) {
    return { kind: "give-up", reason: `gave up after ${question.attempt} attempts: ${question.error}` };
  }
  return { kind: "retry", delayMs: backoffDelayMs(question.retryAfterMs, question.attempt, jitter, policy) };
}
