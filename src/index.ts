/** The only file with side effects: read config, open the database, load the demo, listen. */
// First: the compile cache must be on before the modules below are evaluated (start-up/compile-cache.ts).
import { compileCache } from "./start-up/enable-compile-cache.js";
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { listenHost, loadConfig, reportSettingsOf } from "./config.js";
import { openDatabase, redactedDatabaseUrl } from "./data/database.js";
import { ensureDirectorates } from "./data/register/register-store.js";
import { findDatesOutsideWindow } from "./data/register/dates-outside-window.js";
import { acceptedWindowText } from "./domain/dates/date-window.js";
import { createLogger } from "./logger.js";
import { createServer, listen } from "./server/create-server.js";
import { tabApiFromConfig } from "./server/api/tab-api.js";
import { ServerLifecycle } from "./server/readiness.js";
import { OutboxDispatcher, sendRatesFromConfig } from "./services/dispatch/dispatch-outbox.js";
import { directoryReachFromConfig } from "./services/directory/directory-from-config.js";
import { loadDemoRegister } from "./services/imports/load-demo-register.js";
import { RegisterSnapshots } from "./services/register/register-snapshots.js";
import { createBot } from "./bot/create-bot.js";
import { messageEndpoint } from "./bot/message-endpoint.js";
import { createTeamsDelivery } from "./bot/teams-delivery.js";
import { startScheduler } from "./scheduler/start-scheduler.js";

const config = loadConfig();
const logger = createLogger(config.LOG_LEVEL);
logger.debug({ compileCache }, "compile cache");
const { version } = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
  version: string;
};

// Instances starting together on one PostgreSQL database prepare it one at a time: the demo loads once.
const prisma = await openDatabase(config.DATABASE_URL, async (db) => {
  await ensureDirectorates(db);
  if (!config.DEMO_DATA) return;
  const demo = await loadDemoRegister(db, new Date());
  if (demo)
    logger.info(
      { reviews: demo.reviews.created, items: demo.items.created, milestones: demo.milestones.created },
      "empty register: loaded the demo register",
    );
});

// A listing that fails does not stop the start: the dates are read safely either way, and /readyz tries again.
const datesOutsideWindow = await findDatesOutsideWindow(prisma).catch((error: unknown) => {
  logger.warn({ err: error }, "could not list stored dates outside the accepted window");
  return [];
});
if (datesOutsideWindow.length > 0)
  logger.warn(
    { acceptedDates: acceptedWindowText(), dates: datesOutsideWindow },
    "stored dates outside the accepted window: correct them (they are read safely meanwhile, and /readyz lists them)",
  );

const snapshots = new RegisterSnapshots(prisma);
const bot = createBot({ config, prisma, snapshots, logger, now: () => new Date() });
if (bot.localMode)
  logger.warn(
    "no MicrosoftAppId: running in local mode without authentication (for the Agents Playground and tests only)",
  );
// Owners who never opened the bot are reached through Graph (the app installed for them), when configured.
const directoryReach = directoryReachFromConfig(config, prisma, logger);
if (directoryReach.reachThroughDirectory) logger.info("reaching owners with no chat through Microsoft Graph");
else
  logger.info({ reason: directoryReach.reason }, "not reaching owners through Graph: owners with no chat are listed");
// Proactive messages (reminders, verification cards, summaries) go out from the outbox, never inside a turn.
const sender = new OutboxDispatcher({
  store: prisma,
  port: createTeamsDelivery(config, bot.adapter),
  chatFinder: directoryReach.reachThroughDirectory ? directoryReach.chatFinder : undefined,
  logger,
  ...sendRatesFromConfig(config),
  clock: Date.now,
  jitter: Math.random,
  leaseToken: randomUUID(),
});
// The tab's API (issue 24): a bot with credentials whose tenant is unknown stops here, saying what to set.
const tabApi = tabApiFromConfig(config, { store: prisma, snapshots, logger, now: () => new Date() });
if (!tabApi.ok) throw new Error(`configuration is not valid: ${tabApi.reason}`);
if (tabApi.value.signOn.unconfigured) logger.warn(tabApi.value.signOn.unconfigured);
const lifecycle = new ServerLifecycle();
const server = createServer({
  prisma,
  logger,
  version,
  bot: messageEndpoint(bot),
  lifecycle,
  lastReportDate: config.LAST_REPORT_DATE ?? null,
  reportSettings: reportSettingsOf(config),
  dispatcher: sender,
  tabApi: tabApi.value,
});
const host = listenHost(config);
const port = await listen(server, config.PORT, host);
logger.info({ host, port, database: redactedDatabaseUrl(config.DATABASE_URL) }, "recommendation tracker listening");

const stopSending = sender.start();
const stopScheduler = startScheduler({ config, prisma, logger, dispatcher: sender, directoryReach });

/** Past this, shutdown gives up waiting: claimed messages go back to the queue when their lease expires. */
const SHUTDOWN_GRACE_MS = 8_000;

/**
 * SIGTERM (App Service, containers) or SIGINT: stop taking turns and readiness, let turns in progress
 * finish, stop the sweep and the dispatcher after the work they have claimed, then close the database.
 */
async function shutdown(signal: string): Promise<void> {
  const started = Date.now();
  logger.info({ signal }, "shutting down: finishing turns and sends in progress");
  lifecycle.beginShutdown();
  setTimeout(() => {
    logger.error(
      { waitedMs: Date.now() - started },
      "shutdown did not finish in time; exiting (claimed messages return to the queue when their lease expires)",
    );
    process.exit(1);
  }, SHUTDOWN_GRACE_MS).unref();
  const closed = new Promise<void>((resolve) => {
    server.close(() => resolve());
  });
  await Promise.all([closed, stopScheduler().then(stopSending)]);
  await prisma.$disconnect();
  logger.info({ tookMs: Date.now() - started }, "stopped");
  process.exit(0);
}
process.once("SIGINT", () => void shutdown("SIGINT"));
process.once("SIGTERM", () => void shutdown("SIGTERM"));
