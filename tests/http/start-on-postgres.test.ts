/**
 * `npm start` with DATABASE_URL=postgresql://…: the bot migrates the empty database, loads the demo
 * register into it and answers /healthz with the register's size, without ever writing the database
 * password to its log; two instances starting at the same moment both come up, the demo loaded once.
 * A URL naming neither store stops it with a message saying what to write.
 */
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { startPostgres, type PostgresServer } from "../support/postgres.js";
import { freePort, startProcess, stopAll, waitForUrl, type RunningProcess } from "../support/processes.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
let server: PostgresServer;
const started: RunningProcess[] = [];

beforeAll(async () => {
  server = await startPostgres();
}, 120_000);
afterAll(async () => {
  await stopAll(started);
  await server?.stop();
});

interface Health {
  database: string;
  reviews: number;
  items: number;
  milestones: number;
}

async function startBot(name: string, url: string): Promise<{ bot: RunningProcess; health: () => Promise<Health> }> {
  const port = await freePort();
  const bot = startProcess(name, path.join(ROOT, "node_modules/.bin/tsx"), ["src/index.ts"], {
    cwd: ROOT,
    env: {
      PORT: String(port),
      DATABASE_URL: url,
      LOG_LEVEL: "info",
      MicrosoftAppId: "",
      HOST: undefined,
      DEMO_DATA: undefined,
    },
  });
  started.push(bot);
  await waitForUrl(`http://127.0.0.1:${port}/healthz`, { process: bot, timeoutMs: 60_000 });
  return { bot, health: async () => (await (await fetch(`http://127.0.0.1:${port}/healthz`)).json()) as Health };
}

// PostgreSQL only: `npm start` on SQLite is what listen-host.test.ts and the compiled-build test start.
describe("npm start on PostgreSQL", () => {
  it("migrates an empty database, loads the demo register and reports its size, keeping the password out of the log", async () => {
    const url = await server.createDatabase();
    const password = new URL(url).password;
    const { bot, health: readHealth } = await startBot("bot-on-postgres", url);
    const health = await readHealth();
    expect(health.database).toBe("ok");
    expect(health.reviews).toBeGreaterThan(5);
    expect(health.items).toBeGreaterThan(30);
    // The papers' EHCP milestones and the two scrutiny follow-up reports, counted apart from the items.
    expect(health.milestones).toBe(4);
    await bot.waitForOutput(/recommendation tracker listening/);
    expect(bot.output()).toContain(`127.0.0.1:${server.port}`);
    expect(bot.output()).not.toContain(password);
  }, 90_000);

  it("starts two instances at the same moment on one empty database: both serve it, and the demo register is loaded once", async () => {
    const url = await server.createDatabase();
    const instances = await Promise.all([startBot("first-instance", url), startBot("second-instance", url)]);
    const [first, second] = await Promise.all(instances.map((instance) => instance.health()));
    expect(first!.reviews).toBeGreaterThan(5);
    expect(second).toEqual(first);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    // The tracker's own import entry (the calendar and the measures files write theirs beside it).
    const { rows } = await client.query<{ n: string }>(
      `SELECT COUNT(*) AS n FROM "AuditEntry" WHERE "entityType" = 'import' AND "after" LIKE '%"file":"demo register (D1, May 2025)"%'`,
    );
    await client.end();
    expect(Number(rows[0]!.n)).toBe(1);
    expect(instances.filter(({ bot }) => /loaded the demo register/.test(bot.output()))).toHaveLength(1);
  }, 120_000);

  it("refuses a DATABASE_URL that names neither store, saying which URLs it takes", () => {
    expect(() => loadConfig({ DATABASE_URL: "mysql://tracker@db/tracker" })).toThrow(
      /DATABASE_URL must be a SQLite file URL such as file:\.\/data\/tracker\.db or a PostgreSQL URL such as postgresql:\/\//,
    );
    expect(
      loadConfig({ DATABASE_URL: "postgresql://tracker:secret@db.example.org:5432/tracker?sslmode=require" })
        .DATABASE_URL,
    ).toMatch(/^postgresql:/);
  });
});
