/**
 * A second process running a reminder sweep on the same SQLite file, for the "two instances at once" test
 * (two PrismaClients on one file in one process deadlock, DESIGN.md 2.1). It opens the database, prints
 * "ready", waits for a line on stdin, sweeps at the instant given, and prints what it claimed as JSON.
 * Usage: tsx tests/support/sweep-child.ts <DATABASE_URL> <now ISO>
 */
import { once } from "node:events";
import { openDatabase } from "../../src/data/database.js";
import { DEFAULT_REMINDER_POLICY } from "../../src/domain/reminders/reminder-policy.js";
import { createLogger } from "../../src/logger.js";
import { realSweepClocks } from "./reminder-fixtures.js";
import { sendDueReminders } from "../../src/services/reminders/sweep/send-due-reminders.js";

const [url, nowIso] = process.argv.slice(2);
if (!url || !nowIso) throw new Error("usage: sweep-child.ts <DATABASE_URL> <now ISO>");
const prisma = await openDatabase(url);
process.stdout.write("ready\n");
await once(process.stdin, "data");
// An open stdin would keep this process alive after the sweep.
process.stdin.destroy();
const report = await sendDueReminders(
  {
    prisma,
    policy: DEFAULT_REMINDER_POLICY,
    logger: createLogger("silent"),
    improvementTeamAdmins: [],
    ...realSweepClocks,
  },
  new Date(nowIso),
);
process.stdout.write(
  `${JSON.stringify({ reminders: report.totals.reminders, escalations: report.totals.escalations, cards: report.totals.cards_queued })}\n`,
);
await prisma.$disconnect();
