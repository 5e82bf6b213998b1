/**
 * /readyz (readiness) beside /healthz (liveness), on the real server: ready only while the database can be
 * read, the outbox dispatcher is moving and the bot is not shutting down; once shutdown begins, new turns are
 * refused with 503 and Retry-After (Teams sends them again) while liveness still answers, as it does when the
 * database cannot be read. The same tests on SQLite and on PostgreSQL.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createAdapter } from "../../src/bot/create-bot.js";
import { loadConfig } from "../../src/config.js";
import { createPrismaClient, type PrismaClient, type StoreKind } from "../../src/data/database.js";
import { createLogger } from "../../src/logger.js";
import { ServerLifecycle, type DispatcherProbe } from "../../src/server/readiness.js";
import { enqueueMessage, MessagePurpose } from "../../src/services/dispatch/outbox.js";
import { personalMessage } from "../support/bot-fixtures.js";
import { createBotWorld, type BotWorld } from "../support/bot-world.js";
import { outboxDispatcher } from "../support/outbox-dispatcher.js";
import { addPerson } from "../support/reminder-fixtures.js";
import { STORES } from "../support/stores.js";
import type { RunningBot } from "../support/running-bot.js";

let world: BotWorld;

async function until(condition: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
const servers: RunningBot[] = [];

/**
 * A database of the world's store that cannot be read. SQLite: a file whose folder is gone (a volume not
 * mounted, a wrong path). PostgreSQL: a database the server does not have (a wrong name in DATABASE_URL).
 */
function unreadableDatabaseUrl(store: StoreKind): string {
  if (store === "postgresql") {
    const url = new URL(world.db.url);
    url.pathname = "/tracker_never_created";
    return url.toString();
  }
  const gone = mkdtempSync(path.join(os.tmpdir(), "tracker-gone-"));
  rmSync(gone, { recursive: true });
  return `file:${path.join(gone, "tracker.db")}`;
}

async function serve(prisma: PrismaClient, lifecycle: ServerLifecycle, dispatcher?: DispatcherProbe): Promise<string> {
  const server = await world.startServer({ prisma, lifecycle, dispatcher });
  servers.push(server);
  return server.url;
}

describe.each(STORES)("on %s", (store) => {
  beforeAll(async () => {
    world = await createBotWorld({ store });
  });
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => server.close()));
  });
  afterAll(async () => {
    await world?.close();
  });

  describe("GET /readyz", () => {
    it("is ready when the database answers", async () => {
      const url = await serve(world.prisma, new ServerLifecycle());
      const response = await fetch(`${url}/readyz`);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({
        status: "ready",
        database: "ok",
        details: { acceptedDates: "1 Jan 2000 to 31 Dec 2100", datesOutsideWindow: [] },
      });
    });

    it("answers 503 with the reason when the database cannot be read", async () => {
      const unreadable = await createPrismaClient(unreadableDatabaseUrl(store));
      try {
        const url = await serve(unreadable, new ServerLifecycle());
        // Liveness still answers 200: the process serves, and a restart would not bring the database back.
        const health = await fetch(`${url}/healthz`);
        expect(health.status).toBe(200);
        expect(await health.json()).toMatchObject({ status: "ok", database: "unreachable" });
        const response = await fetch(`${url}/readyz`);
        expect(response.status).toBe(503);
        const body = (await response.json()) as { status: string; reason: string; reference: string };
        // The reason, and a reference to the logged error; never the database's own message (paths, names, codes).
        expect(body).toEqual({
          status: "not_ready",
          reason: "the database could not be read",
          reference: expect.stringMatching(/^[0-9a-f-]{36}$/),
        });
      } finally {
        await unreadable.$disconnect();
      }
    });

    it("answers 503 naming the outbox dispatcher while a drain makes no progress for longer than its lease, and 200 once it moves", async () => {
      const person = await addPerson(world.prisma, world.connector.url, `stuck-${Date.now()}@example.org`);
      await enqueueMessage(world.prisma, {
        conversationId: person.conversationId!,
        personId: person.personId,
        purpose: MessagePurpose.reminder,
        activity: { type: "message", text: "A reminder" },
      });
      // The connector takes the send and never answers; the dispatcher's lease is 300 ms, its send timeout 20 s.
      world.connector.holdNext(1);
      const dispatcher = outboxDispatcher({
        store: world.prisma,
        adapter: createAdapter(loadConfig({ DATABASE_URL: world.db.url })),
        botAppId: "",
        logger: createLogger("silent"),
        ratePerSecond: 50,
        ratePerConversation: 7,
        leaseMs: 300,
        sendTimeoutMs: 20_000,
      });
      const url = await serve(world.prisma, new ServerLifecycle(), dispatcher);
      const stop = dispatcher.start();
      try {
        await until(() => Promise.resolve(world.connector.held() === 1), 5_000, "the send to be held");
        await until(async () => (await fetch(`${url}/readyz`)).status === 503, 3_000, "/readyz to say 503");
        const body = (await (await fetch(`${url}/readyz`)).json()) as { status: string; reason: string };
        expect(body.status).toBe("not_ready");
        expect(body.reason).toMatch(
          /^the outbox dispatcher has made no progress for \d+\.\d s, longer than its lease of 0\.3 s$/,
        );
        // Liveness is not readiness: the process still serves.
        expect((await fetch(`${url}/healthz`)).status).toBe(200);

        // The connection fails; the send is settled (to be tried again) and the dispatcher moves again.
        world.connector.releaseHeld();
        await until(async () => (await fetch(`${url}/readyz`)).status === 200, 5_000, "/readyz to say 200 again");
      } finally {
        world.connector.releaseHeld();
        await stop();
      }
    });
  });

  describe("after shutdown has begun", () => {
    it("is not ready and refuses new turns with 503 and Retry-After, while liveness still answers", async () => {
      const lifecycle = new ServerLifecycle();
      const url = await serve(world.prisma, lifecycle);
      const ask = () => world.post(personalMessage("what's delayed?"), { to: url });
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
});
