/**
 * Liveness is not readiness, through a real database outage: PostgreSQL stopped with pg_ctl and started
 * again under the running server. /healthz answers 200 throughout (a platform's liveness probe must not
 * restart an instance that a restart would not mend); /readyz answers 503 while the database is down and 200
 * once it is back. (SQLite's unreadable file is in readiness.test.ts.) And GET /, the page a browser gets at
 * the bot's address.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startPostgres, type PostgresServer } from "../support/postgres.js";
import { startBotServer, type RunningBot } from "../support/running-bot.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";

async function until(condition: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const status = async (url: string) => (await fetch(url)).status;

describe("a PostgreSQL outage under the running server", () => {
  let postgres: PostgresServer;
  let db: TestDatabase;
  let bot: RunningBot;

  beforeAll(async () => {
    postgres = await startPostgres();
    db = await createTestDatabase({ postgres });
    bot = await startBotServer({ prisma: db.prisma });
  });
  afterAll(async () => {
    await bot?.close();
    await db?.close();
    await postgres?.stop();
  });

  it("keeps /healthz at 200 while /readyz says 503, and /readyz returns to 200 when the database is back", async () => {
    expect(await status(`${bot.url}/healthz`)).toBe(200);
    expect(await status(`${bot.url}/readyz`)).toBe(200);

    await postgres.pause();
    const health = await fetch(`${bot.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: "ok", database: "unreachable" });
    const readiness = await fetch(`${bot.url}/readyz`);
    expect(readiness.status).toBe(503);
    expect(await readiness.json()).toMatchObject({ status: "not_ready", reason: "the database could not be read" });

    await postgres.resume();
    await until(async () => (await status(`${bot.url}/readyz`)) === 200, 20_000, "/readyz to say 200 again");
    expect(await (await fetch(`${bot.url}/healthz`)).json()).toMatchObject({ status: "ok", database: "ok" });
  }, 60_000);
});

describe("GET /", () => {
  let db: TestDatabase;
  let bot: RunningBot;

  beforeAll(async () => {
    db = await createTestDatabase();
    bot = await startBotServer({ prisma: db.prisma });
  });
  afterAll(async () => {
    await bot?.close();
    await db?.close();
  });

  it("answers a short HTML page saying what this is, that it runs, and where the README and /readyz are", async () => {
    const response = await fetch(`${bot.url}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
    const page = await response.text();
    expect(page).toContain("<h1>Recommendation tracker</h1>");
    expect(page).toContain("tracks the recommendations from external inspections");
    expect(page).toContain("It is running (version test)");
    expect(page).toContain("README.md");
    expect(page).toContain('<a href="/readyz">/readyz</a>');
    expect(page).toContain('<a href="/healthz">/healthz</a>');
  });
});
