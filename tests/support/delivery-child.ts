/**
 * Another instance of the bot on the same SQLite file, for tests of two instances delivering at once and of
 * an instance that dies mid-dispatch: it builds the bot as `npm start` does and sends through the bot's own
 * adapter (turn-error handler included). It prints "ready", waits for a line on stdin, then runs a sweep at
 * the instant given (unless "-") and drains the outbox, and prints what it did as JSON.
 * Usage: tsx tests/support/delivery-child.ts <DATABASE_URL> <now ISO | -> [backoffBaseMs]
 */
import { once } from "node:events";
import { createBot } from "../../src/bot/create-bot.js";
import { loadConfig } from "../../src/config.js";
import { openDatabase } from "../../src/data/database.js";
import { DEFAULT_REMINDER_POLICY } from "../../src/domain/reminders/reminder-policy.js";
import { createLogger } from "../../src/logger.js";
import { RegisterSnapshots } from "../../src/services/register/register-snapshots.js";
import { outboxDispatcher } from "./outbox-dispatcher.js";
import { realSweepClocks } from "./reminder-fixtures.js";
import { sendDueReminders } from "../../src/services/reminders/sweep/send-due-reminders.js";

const [url, nowIso, backoff] = process.argv.slice(2);
if (!url || !nowIso) throw new Error("usage: delivery-child.ts <DATABASE_URL> <now ISO | -> [backoffBaseMs]");
const prisma = await openDatabase(url);
const logger = createLogger("silent");
const config = loadConfig({ DATABASE_URL: url });
const bot = createBot({ config, prisma, snapshots: new RegisterSnapshots(prisma), logger, now: () => new Date() });
const sender = outboxDispatcher({
  store: prisma,
  adapter: bot.adapter,
  botAppId: "",
  logger,
  ratePerSecond: 200,
  ratePerConversation: 50,
  backoffBaseMs: Number(backoff ?? 50),
  backoffMaxMs: 1_000,
});
process.stdout.write("ready\n");
await once(process.stdin, "data");
// An open stdin would keep this process alive after the work.
process.stdin.destroy();
const sweep =
  nowIso === "-"
    ? null
    : await sendDueReminders(
        { prisma, policy: DEFAULT_REMINDER_POLICY, logger, improvementTeamAdmins: [], ...realSweepClocks },
        new Date(nowIso),
      );
const dispatch = await sender.drainUntilIdle(5_000);
process.stdout.write(
  `${JSON.stringify({ reminders: sweep?.totals.reminders ?? 0, cards: sweep?.totals.cards_queued ?? 0, sent: dispatch.sent })}\n`,
);
await prisma.$disconnect();
