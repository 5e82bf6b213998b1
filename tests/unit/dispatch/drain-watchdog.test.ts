/**
 * The dispatcher's watchdog on real timers: a drain waiting on something that never answers (a database
 * statement on a half-open connection, say) is abandoned once it has made no progress for its limit, so the
 * next drain can start; a long drain that keeps making progress is left alone; and the dispatcher counts as
 * stuck (what /readyz reports) from a lease without progress until it moves again.
 */
import { describe, expect, it } from "vitest";
import { DispatcherProgress, watchDrain } from "../../../src/services/dispatch/drain-watchdog.js";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const LEASE_MS = 200;
const ABANDON_AFTER_MS = 500;

describe("watchDrain", () => {
  it("abandons a drain that never answers, reports it stuck meanwhile, and lets the next drain run", async () => {
    const progress = new DispatcherProgress(Date.now, LEASE_MS);
    const abandoned: number[] = [];
    const started = Date.now();
    const stuckDrain = watchDrain(
      progress,
      ABANDON_AFTER_MS,
      () => new Promise<void>(() => undefined), // never answers
      (stalledMs) => abandoned.push(stalledMs),
    );
    await sleep(LEASE_MS + 50);
    expect(progress.health()).toMatchObject({ stuck: true });
    expect(await stuckDrain).toEqual({ abandoned: true });
    const tookMs = Date.now() - started;
    expect(tookMs).toBeGreaterThan(ABANDON_AFTER_MS);
    expect(tookMs).toBeLessThan(ABANDON_AFTER_MS + 2_500);
    expect(abandoned).toHaveLength(1);
    expect(abandoned[0]).toBeGreaterThan(ABANDON_AFTER_MS);
    // Between drains nothing is waiting, so nothing is stuck; the next drain starts afresh.
    expect(progress.health()).toEqual({ stuck: false });

    const next = await watchDrain(
      progress,
      ABANDON_AFTER_MS,
      (run) => {
        progress.progressed();
        return Promise.resolve(run.abandoned ? "abandoned" : "drained");
      },
      (stalledMs) => abandoned.push(stalledMs),
    );
    expect(next).toEqual({ abandoned: false, value: "drained" });
    expect(abandoned).toHaveLength(1);
    expect(progress.health()).toEqual({ stuck: false });
  });

  it("leaves a drain that keeps making progress alone, however long it takes", async () => {
    const progress = new DispatcherProgress(Date.now, LEASE_MS);
    const abandoned: number[] = [];
    const outcome = await watchDrain(
      progress,
      ABANDON_AFTER_MS,
      async () => {
        for (let i = 0; i < 8; i += 1) {
          await sleep(100);
          progress.progressed();
        }
        return "drained";
      },
      (stalledMs) => abandoned.push(stalledMs),
    );
    expect(outcome).toEqual({ abandoned: false, value: "drained" });
    expect(abandoned).toEqual([]);
  });

  it("names how long the dispatcher has been stuck and its lease", async () => {
    const progress = new DispatcherProgress(Date.now, LEASE_MS);
    progress.began();
    await sleep(LEASE_MS + 50);
    const health = progress.health();
    expect(health.stuck).toBe(true);
    expect(health.stuck && health.reason).toMatch(
      /^the outbox dispatcher has made no progress for \d+\.\d s, longer than its lease of 0\.2 s$/,
    );
    progress.ended(true);
    expect(progress.health()).toEqual({ stuck: false });
  });
});
