/**
 * /readyz (readiness) beside /healthz (liveness), on the real server: ready only while the database can be
 * read and the bot is not shutting down; once shutdown begins, new turns are refused with 503 and
 * Retry-After (Teams sends them again) while liveness still answers. The same tests on SQLite and on PostgreSQL.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient, type PrismaClient, type StoreKind } from "../../src/data/database.js";
import { ServerLifecycle } from "../../src/server/readiness.js";
import { personalMessage } from "../support/bot-fixtures.js";
import { createBotWorld, type BotWorld } from "../support/bot-world.js";
import { STORES } from "../support/stores.js";
import type { RunningBot } from "../support/running-bot.js";

let world: BotWorld;
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

async function serve(prisma: PrismaClient, lifecycle: ServerLifecycle): Promise<string> {
  const server = await world.startServer({ prisma, lifecycle });
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
