/** The real restify server with the real bot on port 0, over a real SQLite register. */
import type { AddressInfo } from "node:net";
import type restify from "restify";
import { createBot } from "../../src/bot/create-bot.js";
import { messageEndpoint } from "../../src/bot/message-endpoint.js";
import { loadConfig } from "../../src/config.js";
import type { PrismaClient } from "../../src/data/database.js";
import { createLogger, type Logger } from "../../src/logger.js";
import { createServer, listen } from "../../src/server/create-server.js";
import { RegisterSnapshots } from "../../src/services/register-snapshots.js";

export interface RunningBot {
  url: string;
  server: restify.Server;
  close: () => Promise<void>;
}

export async function startBotServer(
  prisma: PrismaClient, env: Record<string, string>, now = () => new Date("2024-01-09T10:00:00Z"), logger: Logger = createLogger(env.LOG_LEVEL ?? "silent"),
): Promise<RunningBot> {
  const config = loadConfig({ DATABASE_URL: "file:./unused.db", ...env });
  const bot = createBot({ config, prisma, snapshots: new RegisterSnapshots(prisma), logger, now });
  const server = createServer({ prisma, logger, version: "test", bot: messageEndpoint(bot) });
  await listen(server, 0, "127.0.0.1");
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, server, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
