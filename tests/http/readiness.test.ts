/**
 * /readyz (readiness) beside /healthz (liveness), on the real server: ready only while the database can be
 * read and the bot is not shutting down; once shutdown begins, new turns are refused with 503 and
 * Retry-After (Teams sends them again) while liveness still answers.
 */
import { mkdtempSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import type restify from "restify";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createBot } from "../../src/bot/create-bot.js";
import { messageEndpoint } from "../../src/bot/message-endpoint.js";
import { loadConfig } from "../../src/config.js";
import { createPrismaClient, type PrismaClient } from "../../src/data/database.js";
import { createLogger } from "../../src/logger.js";
import { createServer, listen } from "../../src/server/create-server.js";
import { ServerLifecycle } from "../../src/server/readiness.js";
import { RegisterSnapshots } from "../../src/services/register-snapshots.js";
import { personalMessage } from "../support/bot-fixtures.js";
import { startStandInConnector, type StandInConnector } from "../support/stand-in-connector.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";

let db: TestDatabase;
let connector: StandInConnector;
const servers: restify.Server[] = [];

async function serve(prisma: PrismaClient, lifecycle: ServerLifecycle): Promise<string> {
  const config = loadConfig({ DATABASE_URL: db.url });
  const logger = createLogger("silent");
  const bot = createBot({ config, prisma, snapshots: new RegisterSnapshots(prisma), logger, now: () => new Date("2024-01-09T10:00:00Z") });
  const server = createServer({ prisma, logger, version: "test", bot: messageEndpoint(bot), lifecycle });
  servers.push(server);
  await listen(server, 0, "127.0.0.1");
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  db = await createTestDatabase();
  connector = await startStandInConnector();
});
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
});
afterAll(async () => {
  await connector.close();
  await db.close();
});

describe("GET /readyz", () => {
  it("is ready when the database answers", async () => {
    const url = await serve(db.prisma, new ServerLifecycle());
    const response = await fetch(`${url}/readyz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ready", database: "ok" });
  });

  it("answers 503 with the reason when the database cannot be read", async () => {
    // A database file that cannot be opened: its folder is gone (a volume not mounted, a wrong path).
    const gone = mkdtempSync(path.join(os.tmpdir(), "tracker-gone-"));
    rmSync(gone, { recursive: true });
    const unreadable = createPrismaClient(`file:${path.join(gone, "tracker.db")}`);
    try {
      const url = await serve(unreadable, new ServerLifecycle());
      const response = await fetch(`${url}/readyz`);
      expect(response.status).toBe(503);
      const body = (await response.json()) as { status: string; reason: string; reference: string };
      // The reason, and a reference to the logged error; never the database's own message (paths, codes).
      expect(body).toEqual({ status: "not_ready", reason: "the database could not be read", reference: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    } finally {
      await unreadable.$disconnect();
    }
  });
});

describe("after shutdown has begun", () => {
  it("is not ready and refuses new turns with 503 and Retry-After, while liveness still answers", async () => {
    const lifecycle = new ServerLifecycle();
    const url = await serve(db.prisma, lifecycle);
    const ask = () =>
      fetch(`${url}/api/messages`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ ...personalMessage("what's delayed?"), serviceUrl: connector.url }),
      });
    expect((await ask()).status).toBe(200);

    lifecycle.beginShutdown();
    const readiness = await fetch(`${url}/readyz`);
    expect(readiness.status).toBe(503);
    expect(await readiness.json()).toEqual({ status: "not_ready", reason: "the bot is shutting down" });
    const refused = await ask();
    expect(refused.status).toBe(503);
    expect(refused.headers.get("retry-after")).toBe("5");
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
  });
});
