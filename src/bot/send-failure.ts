/**
 * How a failed proactive send looks from botbuilder: the HTTP status Teams answered and its Retry-After,
 * read into a DeliveryResult value by the domain's retry rules (src/domain/dispatch/retry-policy.ts); botbuilder's
 * own retry policy, which delivery takes out so that the outbox does the retrying; and a deadline on the
 * connector's requests, so that a connection that stops answering is closed rather than held for ever.
 */
import type { TurnContext } from "botbuilder";
import { classifySendFailure, parseRetryAfter, SendFailureKind } from "../domain/dispatch/retry-policy.js";
import type { DeliveryResult } from "../services/dispatch/delivery-port.js";

function statusCodeOf(error: unknown): number | null {
  const e = error as { statusCode?: unknown; status?: unknown; response?: { status?: unknown } };
  const code = e?.statusCode ?? e?.response?.status ?? e?.status;
  return typeof code === "number" ? code : null;
}

/** The Retry-After header of the answer that failed the send, as Teams wrote it (null when absent). */
function retryAfterHeader(error: unknown): string | null {
  const headers = (error as { response?: { headers?: { get?: (name: string) => string | undefined | null } } })
    ?.response?.headers;
  return headers?.get?.("retry-after") ?? null;
}

/** What a send that threw means for the outbox: later, never, or the conversation is gone. */
export function resultOfFailedSend(error: unknown): DeliveryResult {
  const status = statusCodeOf(error);
  const reason = `${status ?? "no status"}: ${(error as Error)?.message ?? String(error)}`.slice(0, 500);
  const retryAfter = parseRetryAfter(retryAfterHeader(error));
  switch (classifySendFailure(status)) {
    case SendFailureKind.throttled:
      return { kind: "throttled", retryAfter, status, reason };
    case SendFailureKind.transient:
      return { kind: "failed", permanent: false, retryAfter, status, reason };
    case SendFailureKind.conversationGone:
      return { kind: "conversation-gone", status, reason };
    case SendFailureKind.refused:
      return { kind: "failed", permanent: true, retryAfter: null, status, reason };
  }
}

/**
 * botbuilder's connector client retries a 429 by itself (only with Retry-After, blocking the call while it
 * waits) and 5xx answers with its own backoff: the queue does its own backoff and accounting, so the
 * retry policy comes out of the client this send uses. (The client is made afresh for each
 * continueConversationAsync; if a later botbuilder changes its shape, the built-in retries stay: slower, not wrong.)
 */
export function withoutBuiltInRetries(context: TurnContext): void {
  const connector = context.turnState.get<
    { client?: { pipeline?: { removePolicy?: (policy: { name: string }) => unknown } } } | undefined
  >(context.adapter.ConnectorClientKey);
  connector?.client?.pipeline?.removePolicy?.({ name: "defaultRetryPolicy" });
}

/**
 * Every request of the connector client this turn uses (a reply, or a proactive send) gives up (and closes its connection) after
 * `timeoutMs` without an answer. The dispatcher has its own deadline for the whole send; this one frees the
 * socket. (As above, if a later botbuilder changes the client's shape, the dispatcher's deadline still holds.)
 */
export function withRequestTimeout(context: TurnContext, timeoutMs: number): void {
  const connector = context.turnState.get<
    | {
        client?: {
          pipeline?: {
            removePolicy?: (policy: { name: string }) => unknown;
            addPolicy?: (policy: {
              name: string;
              sendRequest: (
                request: { timeout: number },
                next: (request: unknown) => Promise<unknown>,
              ) => Promise<unknown>;
            }) => unknown;
          };
        };
      }
    | undefined
  >(context.adapter.ConnectorClientKey);
  // Set once per client whoever asks first (the adapter for every turn, delivery for its own sends).
  connector?.client?.pipeline?.removePolicy?.({ name: "sendDeadline" });
  connector?.client?.pipeline?.addPolicy?.({
    name: "sendDeadline",
    sendRequest: (request, next) => {
      request.timeout = timeoutMs;
      return next(request);
    },
  });
}
