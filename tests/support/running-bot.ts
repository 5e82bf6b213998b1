/** The real restify server with the real bot on port 0, over a real register on either store (`prisma` picks it). */
import type restify from "restify";
import { createBot } from "../../src/bot/create-bot.js";
import { messageEndpoint } from "../../src/bot/message-endpoint.js";
import { loadConfig } from "../../src/config.js";
import type { PrismaClient } from "../../src/data/database.js";
import { createLogger, type Logger } from "../../src/logger.js";
import { createServer, listen } from "../../src/server/create-server.js";
import { tabApiFromConfig } from "../../src/server/api/tab-api.js";
import type { SigningKeysOptions } from "../../src/services/sign-on/verify-sign-on.js";
import type { DispatcherProbe, ServerLifecycle } from "../../src/server/readiness.js";
import { RegisterSnapshots } from "../../src/services/register/register-snapshots.js";

export interface RunningBot {
  url: string;
  server: restify.Server;
  close: () => Promise<void>;
}

export interface BotServerOptions {
  prisma: PrismaClient;
  /** Settings as environment variables; DATABASE_URL only names the database in the config, `prisma` is what is used. */
  env?: Record<string, string>;
  now?: () => Date;
  logger?: Logger;
  snapshots?: RegisterSnapshots;
  lifecycle?: ServerLifecycle;
  /** An outbox dispatcher whose health /readyz reports. */
  dispatcher?: DispatcherProbe;
  /** How the tab's sign-on fetches the signing keys (a fetch that trusts a throwaway certificate). */
  signingKeys?: SigningKeysOptions;
}

export async function startBotServer({
  prisma,
  env = {},
  now = () => new Date("2024-01-09T10:00:00Z"),
  logger,
  snapshots,
  lifecycle,
  dispatcher,
  signingKeys,
}: BotServerOptions): Promise<RunningBot> {
  const config = loadConfig({ DATABASE_URL: "file:./unused.db", ...env });
  const log = logger ?? createLogger(env.LOG_LEVEL ?? "silent");
  const registerSnapshots = snapshots ?? new RegisterSnapshots(prisma);
  const bot = createBot({ config, prisma, snapshots: registerSnapshots, logger: log, now });
  // The tab's API as the bot's start builds it; a configuration it refuses (credentials, no tenant) serves none.
  const tabApi = tabApiFromConfig(config, {
    store: prisma,
    snapshots: registerSnapshots,
    logger: log,
    now,
    signingKeys,
  });
  const server = createServer({
    prisma,
    logger: log,
    version: "test",
    bot: messageEndpoint(bot),
    lifecycle,
    dispatcher,
    ...(tabApi.ok ? { tabApi: tabApi.value } : {}),
  });
  const port = await listen(server, 0, "127.0.0.1");
  const close = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
    });
  return { url: `http://127.0.0.1:${port}`, server, close };
}
