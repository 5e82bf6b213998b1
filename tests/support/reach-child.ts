/**
 * A bot instance that reaches owners through Graph, as `npm start` wires it (the bot's adapter, the outbox
 * dispatcher with the Graph chat finder, the sweep queueing pending chats), run as a child process so that it
 * trusts the stand-in Graph's throwaway certificate (NODE_EXTRA_CA_CERTS is read only at start) and can be
 * killed with SIGKILL mid-dispatch. Settings come from its environment (GRAPH_*, TEAMS_*). It prints "ready",
 * waits for a line on stdin, sweeps at the instant given (unless "-"), drains the outbox, and prints JSON
 * (with the leavers the sweep reported, and how long the sweep and the drain took).
 * Usage: tsx tests/support/reach-child.ts <DATABASE_URL> <now ISO | -> [clock offset ms]
 */
import { randomUUID } from "node:crypto";
import { once } from "node:events";
import { createBot } from "../../src/bot/create-bot.js";
import { createTeamsDelivery } from "../../src/bot/teams-delivery.js";
import { loadConfig } from "../../src/config.js";
import { openDatabase } from "../../src/data/database.js";
import { DEFAULT_REMINDER_POLICY } from "../../src/domain/reminders/reminder-policy.js";
import { createLogger } from "../../src/logger.js";
import { directoryReachFromConfig } from "../../src/services/directory/directory-from-config.js";
import { OutboxDispatcher, sendRatesFromConfig } from "../../src/services/dispatch/dispatch-outbox.js";
import { RegisterSnapshots } from "../../src/services/register/register-snapshots.js";
import { sendDueReminders } from "../../src/services/reminders/sweep/send-due-reminders.js";
import { realSweepClocks } from "./reminder-fixtures.js";

const [url, nowIso, offset] = process.argv.slice(2);
if (!url || !nowIso) throw new Error("usage: reach-child.ts <DATABASE_URL> <now ISO | -> [clock offset ms]");
const prisma = await openDatabase(url);
const logger = createLogger(process.env.LOG_LEVEL ?? "silent");
const config = loadConfig({ ...process.env, DATABASE_URL: url });
const bot = createBot({ config, prisma, snapshots: new RegisterSnapshots(prisma), logger, now: () => new Date() });
const reach = directoryReachFromConfig(config, prisma, logger);
const clockOffset = Number(offset ?? 0);
const dispatcher = new OutboxDispatcher({
  store: prisma,
  port: createTeamsDelivery(config, bot.adapter),
  chatFinder: reach.reachThroughDirectory ? reach.chatFinder : undefined,
  logger,
  // Teams' own limits, as SEND_RATE_PER_SECOND and SEND_RATE_PER_CONVERSATION default to.
  ...sendRatesFromConfig(config),
  backoffBaseMs: 50,
  backoffMaxMs: 1_000,
  clock: () => Date.now() + clockOffset,
  jitter: Math.random,
  leaseToken: randomUUID(),
});
process.stdout.write("ready\n");
await once(process.stdin, "data");
// An open stdin would keep this process alive after the work.
process.stdin.destroy();
const started = Date.now();
const sweep =
  nowIso === "-"
    ? null
    : await sendDueReminders(
        {
          prisma,
          policy: DEFAULT_REMINDER_POLICY,
          logger,
          improvementTeamAdmins: config.IMPROVEMENT_TEAM_ADMINS,
          reachThroughDirectory: reach.reachThroughDirectory,
          ...realSweepClocks,
        },
        new Date(nowIso),
      );
const sweptMs = Date.now() - started;
const dispatch = await dispatcher.drainUntilIdle(5_000);
const graph = reach.reachThroughDirectory ? reach.directory.counters : null;
process.stdout.write(
  `${JSON.stringify({ cards: sweep?.totals.cards_queued ?? 0, leaversReported: sweep?.leavers?.reported.map((r) => r.email) ?? [], sent: dispatch.sent, unreachable: dispatch.unreachable, failed: dispatch.failed, graph, sweptMs, drainedMs: dispatch.durationMs })}\n`,
);
await prisma.$disconnect();
