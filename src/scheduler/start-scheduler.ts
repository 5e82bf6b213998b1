/**
 * node-cron wiring only (DESIGN.md 3): every SWEEP_CRON tick, in Europe/London, run the reminder sweep, the
 * update-round chases and the waiting decisions' offers and chases with `new Date()`, then let the dispatcher
 * send what they queued. Runs do not overlap in one process, but a run past SWEEP_TIMEOUT_SECONDS is abandoned
 * and logged, so that one stuck on something that never answers cannot block every later run (node-cron skips a
 * tick while one runs); across instances, and with an abandoned run, the claims in the database keep every
 * reminder to one send, and the outbox's dedupe keys every decision's offer.
 */
import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import cron from "node-cron";
import { decisionOfferSettingsOf, type Config } from "../config.js";
import type { Store } from "../data/database.js";
import { isInsideSendWindow } from "../domain/reminders/send-window.js";
import type { Logger } from "../logger.js";
import { withDeadline } from "../services/deadline.js";
import { offerWaitingDecisions } from "../services/decisions/offer-decisions.js";
import type { DirectoryReach } from "../services/directory/directory-from-config.js";
import { reminderPolicyFromConfig } from "../services/reminders/policy-from-config.js";
import { sendDueReminders } from "../services/reminders/sweep/send-due-reminders.js";
import { chaseUpdateRounds } from "../services/updates/update-rounds.js";

export interface SchedulerDependencies {
  config: Config;
  prisma: Store;
  logger: Logger;
  /** The outbox dispatcher (src/services/dispatch/dispatch-outbox.ts): drained after each sweep. */
  dispatcher: { drainOnce(now?: Date): Promise<unknown> };
  /** The clock (tests pass a fixed one); default `new Date()`. */
  now?: () => Date;
  /** Reaching owners through Graph, when configured: the sweep queues their cards, and profiles are refreshed daily. */
  directoryReach?: DirectoryReach;
}

/** Starts the sweep on SWEEP_CRON; the returned function stops it and waits for a run in progress (up to its deadline). */
export function startScheduler(deps: SchedulerDependencies): () => Promise<void> {
  const { config, prisma, logger, dispatcher } = deps;
  if (!cron.validate(config.SWEEP_CRON))
    throw new Error(`SWEEP_CRON "${config.SWEEP_CRON}" is not a cron expression (e.g. */5 * * * *)`);
  const policy = reminderPolicyFromConfig(config);
  const clock = deps.now ?? (() => new Date());
  let running: Promise<void> | null = null;

  const sweep = async (): Promise<void> => {
    const now = clock();
    try {
      const reach = deps.directoryReach;
      const reachThroughDirectory = reach?.reachThroughDirectory ?? false;
      const sweepDeps = { prisma, policy, logger, improvementTeamAdmins: config.IMPROVEMENT_TEAM_ADMINS };
      const clocks = { monotonicClock: () => performance.now(), newLeaseToken: randomUUID };
      await sendDueReminders({ ...sweepDeps, ...clocks, reachThroughDirectory }, now);
      // Names and job titles more than a day old, a bounded few a run.
      if (reach?.reachThroughDirectory) await reach.refreshProfiles(now);
      await chaseUpdateRounds({ prisma, policy, logger }, now);
      // Waiting decisions are offered and chased like reminders: inside the send window only.
      if (isInsideSendWindow(now, policy.window)) {
        const offers = await offerWaitingDecisions(prisma, decisionOfferSettingsOf(config), now);
        if (offers.queued || offers.undecidable) logger.info(offers, "waiting decisions offered and chased");
      }
    } catch (error) {
      logger.error({ err: error }, "the reminder sweep failed; the next run picks up where it stopped");
    }
    try {
      await dispatcher.drainOnce();
    } catch (error) {
      logger.error({ err: error }, "the dispatcher failed after the sweep; queued messages stay queued");
    }
  };

  const deadlineMs = config.SWEEP_TIMEOUT_SECONDS * 1000;
  const task = cron.schedule(
    config.SWEEP_CRON,
    async () => {
      // Stopping waits for a run in progress, but no longer than the run's own deadline.
      const run = withDeadline(
        sweep().then(() => true),
        deadlineMs,
        () => false,
      );
      running = run.then(() => undefined);
      const finished = await run;
      running = null;
      if (!finished)
        logger.error(
          { timeoutSeconds: config.SWEEP_TIMEOUT_SECONDS },
          "a reminder sweep run went past SWEEP_TIMEOUT_SECONDS: abandoned, the next run may start",
        );
    },
    { timezone: "Europe/London", name: "reminder-sweep", noOverlap: true },
  );
  logger.info({ cron: config.SWEEP_CRON, timezone: "Europe/London" }, "reminder sweep scheduled");

  return async () => {
    await task.stop();
    await task.destroy();
    if (running) await running;
  };
}
