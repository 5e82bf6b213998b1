/**
 * The outbox's retry rules in tables: how each answer from Teams is read, how Retry-After is understood,
 * how long the next try waits, and when a message that keeps failing is given up.
 */
import { describe, expect, it } from "vitest";
import {
  backoffDelayMs,
  classifySendFailure,
  decideRetry,
  DEFAULT_RETRY_POLICY as policy,
  parseRetryAfter,
  retryAfterDelayMs,
  SendFailureKind,
  type RetryAfter,
} from "../../../src/domain/dispatch/retry-policy.js";

describe("how a failed send is read", () => {
  it.each<[number | null, SendFailureKind, string]>([
    [429, SendFailureKind.throttled, "Teams' rate limits"],
    [412, SendFailureKind.transient, "precondition failed: Teams asks to try again"],
    [502, SendFailureKind.transient, "bad gateway"],
    [504, SendFailureKind.transient, "gateway timeout"],
    [408, SendFailureKind.transient, "request timeout"],
    [500, SendFailureKind.transient, "any other 5xx"],
    [503, SendFailureKind.transient, "service unavailable"],
    [null, SendFailureKind.transient, "no answer at all (a network error)"],
    [403, SendFailureKind.conversationGone, "the bot was blocked"],
    [404, SendFailureKind.conversationGone, "the conversation or the bot's installation is gone"],
    [400, SendFailureKind.refused, "a malformed activity"],
    [401, SendFailureKind.refused, "bad credentials"],
    [413, SendFailureKind.refused, "too large"],
  ])("%s is %s (%s)", (status, kind) => {
    expect(classifySendFailure(status)).toBe(kind);
  });
});

describe("Retry-After", () => {
  const now = Date.parse("2025-06-25T08:05:00Z");
  it.each([
    ["1", { afterMs: 1_000 }, 1_000],
    [" 2.5 ", { afterMs: 2_500 }, 2_500],
    ["0", { afterMs: 0 }, 0],
    ["Wed, 25 Jun 2025 08:05:30 GMT", { until: Date.parse("2025-06-25T08:05:30Z") }, 30_000],
    ["Wed, 25 Jun 2025 08:04:00 GMT", { until: Date.parse("2025-06-25T08:04:00Z") }, 0],
  ] as const)("%j means wait %j, %i ms from now", (header, parsed, delay) => {
    expect(parseRetryAfter(header)).toEqual(parsed);
    expect(retryAfterDelayMs(parsed as RetryAfter, now)).toBe(delay);
  });

  it.each([[null], [undefined], [""], ["  "], ["soon"], ["in a while"]])("%j is no Retry-After", (header) => {
    expect(parseRetryAfter(header)).toBeNull();
  });
});

describe("how long the next try waits", () => {
  it.each([
    // retryAfterMs, attempt, jitter, wait: Retry-After plus up to a quarter more, at most a second more
    [1_000, 1, 0, 1_000],
    [1_000, 1, 0.5, 1_000 + 150],
    [1_000, 7, 0.999, 1_000 + 299],
    [8_000, 1, 0.999, 8_000 + 999],
    [0, 1, 0.999, 49],
    // without Retry-After: between half and all of 2 s * 2^(attempt - 1), capped at 10 minutes
    [null, 1, 0, 1_000],
    [null, 1, 0.999, 1_999],
    [null, 2, 0, 2_000],
    [null, 4, 0.5, 12_000],
    [null, 10, 0, 300_000],
    [null, 30, 0.999, 599_700],
  ] as const)("Retry-After %s ms, attempt %i, jitter %s: %i ms", (retryAfterMs, attempt, jitter, wait) => {
    expect(backoffDelayMs(retryAfterMs, attempt, jitter, policy)).toBe(wait);
  });
});

describe("when to give up", () => {
  const failing = { retryAfterMs: null, error: "502: bad gateway" };
  it.each([
    [false, 1, "retry"],
    [false, 9, "retry"],
    [false, 10, "give-up"],
    [false, 12, "give-up"],
    [true, 10, "retry"],
    [true, 500, "retry"],
  ] as const)("throttled %s, attempt %i: %s", (throttled, attempt, kind) => {
    expect(decideRetry({ ...failing, throttled, attempt }, 0, policy).kind).toBe(kind);
  });

  it("says how many attempts it took and what went wrong last", () => {
    expect(decideRetry({ ...failing, throttled: false, attempt: 10 }, 0, policy)).toEqual({
      kind: "give-up",
      reason: "gave up after 10 attempts: 502: bad gateway",
    });
  });

  it("follows a council's own limit", () => {
    expect(decideRetry({ ...failing, throttled: false, attempt: 3 }, 0, { ...policy, maxAttempts: 3 }).kind).toBe(
      "give-up",
    );
  });
});
