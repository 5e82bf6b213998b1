/**
 * The reminder sweep (DESIGN.md 4.3), run every few minutes by the scheduler and by `remind`: select what
 * is due (select.ts, by the pure reminder policy), claim each reminder atomically in the database
 * (claim.ts), then hand each recipient to its own small step that queues ONE card per owner and the
 * escalations to directorate leads (queue.ts), and plan the items' next reminders (replan.ts). Owners the
 * bot cannot reach are recorded and listed to the improvement team once a day. Sending happens later, from
 * the outbox, never in a user's turn.
 *
 * `dryRun` looks at every open item (not only those the stored plan says are due), claims and writes
 * nothing, and so gives the same answer every time it is asked.
 *
 * Every instance's scheduler runs the sweep; one sweeps at a time (a database lock on PostgreSQL: the
 * others find it taken and leave the work to it), and the claims' unique key keeps any reminder from
 * going twice whatever happens.
 *
 * The sweep reads no clock and rolls no dice: callers pass `now`, a monotonic clock (for the lease
 * heartbeat and the step timings) and the source of lease tokens, so every test controls them.
 */
import type { Store } from "../../../data/database.js";
import { runAlone, WorkLock } from "../../../data/work-locks.js";
import { londonDate } from "../../../domain/dates/calendar-date.js";
import type { ReminderPolicy } from "../../../domain/reminders/reminder-policy.js";
import { isInsideSendWindow, nextSendOpportunity } from "../../../domain/reminders/send-window.js";
import type { Logger } from "../../../logger.js";
import { reportUnreachableOwners } from "../report-unreachable-owners.js";
import { reportLeavers } from "../../people/report-leavers.js";
import { sendReadinessReminders } from "../../calendar/readiness-reminders.js";
import { claimDueReminders, startClaimHeartbeat, type ClaimedReminder } from "./claim.js";
import { queueCards } from "./queue.js";
import { addPlanReports, planEveryItemOnceADay, replanLookedAt } from "./replan.js";
import { describeReminders, type ReminderSweepReport, type SweepMoment } from "./report.js";
import { selectDueReminders } from "./select.js";

export type { ClaimedReminder } from "./claim.js";
export type { EscalationGroup, OwnerReminders, ReminderSweepReport } from "./report.js";

export interface ReminderSweepDeps {
  prisma: Store;
  policy: ReminderPolicy;
  logger: Logger;
  /** IMPROVEMENT_TEAM_ADMINS: who, with the improvement_team role holders, gets the daily unreachable list. */
  improvementTeamAdmins: readonly string[];
  /** Milliseconds on a monotonic clock (`performance.now()` in production): how long the sweep has worked. */
  monotonicClock: () => number;
  /** A new unguessable token (`randomUUID()` in production) marking the claims this sweep holds. */
  newLeaseToken: () => string;
  /** How long a claim is held without a heartbeat before another sweep may take it back (default 1 minute; renewed every third of it). */
  leaseMs?: number;
  /** Owners with no chat are reached through Graph: their cards wait in the outbox while it installs the app for them. */
  reachThroughDirectory?: boolean;
  /** Test seam: runs after the reminders are claimed and before anything is queued (a throw here is a crash). */
  afterClaim?: (claimed: readonly ClaimedReminder[]) => Promise<void> | void;
}

const DEFAULT_LEASE_MS = 60_000;

export async function sendDueReminders(
  deps: ReminderSweepDeps,
  now: Date,
  options: { dryRun?: boolean } = {},
): Promise<ReminderSweepReport> {
  const { prisma, logger } = deps;
  const dryRun = options.dryRun ?? false;
  if (dryRun) return sweep(deps, now, true);
  const outcome = await runAlone(prisma, WorkLock.reminderSweep, () => sweep(deps, now, false));
  if (outcome.ran) return outcome.value;
  logger.info("another instance is sweeping reminders: left to it");
  const moment = sweepMoment(now, deps.policy, false);
  return { ...(await describeReminders(prisma, [], moment)), swept_elsewhere: true };
}

function sweepMoment(now: Date, policy: ReminderPolicy, dryRun: boolean): SweepMoment {
  const nextSend = nextSendOpportunity(now, policy.window);
  const evaluatedAt = dryRun ? nextSend : now;
  return {
    today: londonDate(evaluatedAt),
    evaluatedAt,
    nextSend,
    sendingAllowed: isInsideSendWindow(evaluatedAt, policy.window),
    dryRun,
  };
}

async function sweep(deps: ReminderSweepDeps, now: Date, dryRun: boolean): Promise<ReminderSweepReport> {
  const { prisma, policy, logger, monotonicClock } = deps;
  const moment = sweepMoment(now, policy, dryRun);
  const { evaluatedAt, today } = moment;

  const started = monotonicClock();
  const timings: Record<string, number> = {};
  const lap = (name: string) => (timings[name] = Math.round(monotonicClock() - started));
  const dailyPlan = dryRun ? undefined : await planEveryItemOnceADay(prisma, now, policy);
  lap("dailyPlanMs");
  const { looked, due } = await selectDueReminders(prisma, policy, now, evaluatedAt, dryRun);
  lap("selectMs");
  if (dryRun) return describeReminders(prisma, due, moment, deps.reachThroughDirectory);

  const leaseMs = deps.leaseMs ?? DEFAULT_LEASE_MS;
  const leaseToken = deps.newLeaseToken();
  const claimed = await claimDueReminders(prisma, due, now, leaseMs, leaseToken);
  lap("claimMs");
  const stopHeartbeat = startClaimHeartbeat({ store: prisma, logger, leaseToken, now, leaseMs, monotonicClock });
  let queued: number;
  try {
    if (deps.afterClaim) await deps.afterClaim(claimed);
    queued = await queueCards(
      { store: prisma, policy, today, now, leaseToken, reachThroughDirectory: deps.reachThroughDirectory },
      claimed,
    );
  } finally {
    await stopHeartbeat();
  }
  lap("queueMs");
  const planned = addPlanReports(dailyPlan, await replanLookedAt(prisma, looked, now, policy));
  lap("replanMs");

  const report = await describeReminders(prisma, claimed, moment, deps.reachThroughDirectory);
  report.totals.cards_queued = queued;
  report.planned = planned;
  report.unreachable_report = await reportUnreachableOwners(
    {
      prisma,
      logger,
      policy,
      improvementTeamAdmins: deps.improvementTeamAdmins,
      reachThroughDirectory: deps.reachThroughDirectory,
    },
    now,
  );
  // Inside the send window, as the unreachable list: people who left are reported to those who hand their items on.
  if (moment.sendingAllowed)
    report.leavers = await reportLeavers({ prisma, logger, improvementTeamAdmins: deps.improvementTeamAdmins }, now);
  report.readiness = await sendReadinessReminders({ prisma, logger, window: policy.window }, now);
  lap("totalMs");
  const { totals } = report;
  logger.info(
    {
      owners: totals.owners,
      reminders: totals.reminders,
      escalations: totals.escalations,
      unreachableOwners: totals.unreachable_owners,
      cardsQueued: queued,
      sendingAllowed: moment.sendingAllowed,
      ...timings,
    },
    "reminder sweep finished",
  );
  return report;
}
