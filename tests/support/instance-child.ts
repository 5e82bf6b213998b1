/**
 * One bot instance for the multi-instance test: built as `npm start` builds it (the bot's own adapter and
 * turn-error handler), on the database DATABASE_URL names, sweeping reminders every half second as every
 * instance's scheduler does (at the instant given, so the test controls what is due) and draining the
 * outbox in its loop. It prints "ready <lease token>" and works until it is killed.
 * Usage: node --import tsx tests/support/instance-child.ts <DATABASE_URL> <now ISO> <lease ms>
 */
import { randomUUID } from "node:crypto";
import { createBot } from "../../src/bot/create-bot.js";
import { loadConfig } from "../../src/config.js";
import { openDatabase } from "../../src/data/database.js";
import { DEFAULT_REMINDER_POLICY } from "../../src/domain/reminders/reminder-policy.js";
import { createLogger } from "../../src/logger.js";
import { RegisterSnapshots } from "../../src/services/register/register-snapshots.js";
import { sendDueReminders } from "../../src/services/reminders/sweep/send-due-reminders.js";
import { outboxDispatcher } from "./outbox-dispatcher.js";
import { realSweepClocks } from "./reminder-fixtures.js";

const [url, nowIso, leaseMs] = process.argv.slice(2);
if (!url || !nowIso || !leaseMs) throw new Error("usage: instance-child.ts <DATABASE_URL> <now ISO> <lease ms>");
const prisma = await openDatabase(url);
const logger = createLogger("silent");
const config = loadConfig({ DATABASE_URL: url });
const bot = createBot({ config, prisma, snapshots: new RegisterSnapshots(prisma), logger, now: () => new Date() });
const leaseToken = randomUUID();
const dispatcher = outboxDispatcher({
  store: prisma,
  adapter: bot.adapter,
  botAppId: "",
  logger,
  ratePerSecond: Number(process.env.SEND_RATE_PER_SECOND ?? 40),
  ratePerConversation: 7,
  backoffBaseMs: 50,
  backoffMaxMs: 1_000,
  leaseMs: Number(leaseMs),
  pollMs: 100,
  leaseToken,
});
dispatcher.start();
const sweepDeps = { prisma, policy: DEFAULT_REMINDER_POLICY, logger, improvementTeamAdmins: [], ...realSweepClocks };
const sweep = async () => {
  try {
    await sendDueReminders(sweepDeps, new Date(nowIso));
  } catch (error) {
    process.stderr.write(`sweep failed: ${(error as Error).message}\n`);
  }
  setTimeout(() => void sweep(), 500);
};
void sweep();
process.stdout.write(`ready ${leaseToken}\n`);
