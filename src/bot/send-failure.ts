/**
 * How the dispatcher reads a failed proactive send: the HTTP status Teams answered, its Retry-After, and
 * botbuilder's own retry policy, which the dispatcher takes out so that its queue does the retrying.
 */
import type { TurnContext } from "botbuilder";

/** Teams' throttling and gateway answers: try again later. */
export const RETRY_LATER = new Set([429, 412, 502, 504]);
/** The bot was blocked, uninstalled, or the conversation is gone. */
export const UNREACHABLE = new Set([403, 404]);

export function statusCodeOf(error: unknown): number | null {
  const e = error as { statusCode?: unknown; status?: unknown; response?: { status?: unknown } };
  const code = e?.statusCode ?? e?.response?.status ?? e?.status;
  return typeof code === "number" ? code : null;
}

/** Retry-After in milliseconds: delta-seconds or an HTTP date. */
export function retryAfterMs(error: unknown, now: number): number | null {
  const headers = (error as { response?: { headers?: { get?: (name: string) => string | undefined | null } } })?.response?.headers;
  const value = headers?.get?.("retry-after");
  if (!value) return null;
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Math.round(Number(value) * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

/**
 * botbuilder's connector client retries a 429 by itself (only with Retry-After, blocking the call while it
 * waits) and 5xx answers with its own backoff: the queue does its own backoff and accounting, so the
 * retry policy comes out of the client this send uses. (The client is made afresh for each
 * continueConversationAsync; if a later botbuilder changes its shape, the built-in retries stay: slower, not wrong.)
 */
export function withoutBuiltInRetries(context: TurnContext): void {
  const connector = context.turnState.get(context.adapter.ConnectorClientKey) as
    | { client?: { pipeline?: { removePolicy?: (policy: { name: string }) => unknown } } }
    | undefined;
  connector?.client?.pipeline?.removePolicy?.({ name: "defaultRetryPolicy" });
}
