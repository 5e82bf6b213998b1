/**
 * The sweep's second step: claim each due reminder in the database, one atomic statement each
 * (src/data/reminders/claims.ts), so overlapping sweeps, a restart or a second instance never send one
 * twice. The lease is short and renewed while the sweep works (a heartbeat), so a claim a crashed sweep
 * left behind is taken back by a sweep a lease later.
 */
import { createHash } from "node:crypto";
import type { Store } from "../../../data/database.js";
import { claimReminders, renewClaimLeases } from "../../../data/reminders/claims.js";
import { ReminderFamily } from "../../../domain/reminders/reminder-policy.js";
import type { Logger } from "../../../logger.js";
import type { DueReminder } from "./select.js";

/** A due reminder this sweep now holds the claim on. */
export interface ClaimedReminder extends DueReminder {
  claimId: number;
}

/** Claims each due reminder; returns those this sweep now holds, in the order given (one another sweep holds is left out). */
export async function claimDueReminders(
  store: Store,
  due: readonly DueReminder[],
  now: Date,
  leaseMs: number,
  leaseToken: string,
): Promise<ClaimedReminder[]> {
  const wanted = due.map(({ row, reminder }) => ({
    itemId: row.id,
    kind: reminder.kind,
    targetDate: reminder.targetDate,
    dueAt: reminder.dueAt,
    // An escalation goes to the directorate's lead, who is known only when it is queued.
    recipientId: reminder.family === ReminderFamily.escalation ? null : row.ownerId,
  }));
  const held = await claimReminders(store, wanted, now, new Date(now.getTime() + leaseMs), leaseToken);
  return [...held].sort(([a], [b]) => a - b).map(([index, claimId]) => ({ claimId, ...due[index]! }));
}

export interface ClaimHeartbeat {
  store: Store;
  logger: Logger;
  leaseToken: string;
  /** The sweep's own clock (a test or `remind --as-of` may set it); leases are on it. */
  now: Date;
  leaseMs: number;
  /** Milliseconds on a monotonic clock: how far the sweep's own clock has moved on since it started. */
  monotonicClock: () => number;
}

/** Renews this sweep's claims every third of the lease while it works; the returned function stops it. */
export function startClaimHeartbeat({
  store,
  logger,
  leaseToken,
  now,
  leaseMs,
  monotonicClock,
}: ClaimHeartbeat): () => Promise<void> {
  const started = monotonicClock();
  let renewing: Promise<unknown> = Promise.resolve();
  const timer = setInterval(
    () => {
      const until = new Date(now.getTime() + (monotonicClock() - started) + leaseMs);
      renewing = renewing
        .then(() => renewClaimLeases(store, leaseToken, until))
        .catch((error: unknown) =>
          logger.warn({ err: error }, "could not renew the reminder claims' lease; trying again shortly"),
        );
    },
    Math.max(10, Math.floor(leaseMs / 3)),
  );
  return async () => {
    clearInterval(timer);
    await renewing;
  };
}

/** A short, stable key for a set of claims: the same claims queue one message, however often asked. */
export function claimSetKey(claims: readonly ClaimedReminder[]): string {
  const ids = claims.map((c) => c.claimId).sort((a, b) => a - b);
  return createHash("sha256").update(ids.join(",")).digest("hex").slice(0, 20);
}
