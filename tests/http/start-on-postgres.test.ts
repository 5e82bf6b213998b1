/**
 * `npm start` with DATABASE_URL=postgresql://…: the bot migrates the empty database, loads the demo
 * register into it and answers /healthz with the register's size, without ever writing the database
 * password to its log. A URL naming neither store stops it with a message saying what to write.
 */
import path from "node:path";
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

describe("npm start on PostgreSQL", () => {
  it("migrates an empty database, loads the demo register and reports its size, keeping the password out of the log", async () => {
    const url = await server.createDatabase();
    const password = new URL(url).password;
    const port = await freePort();
    const bot = startProcess("bot-on-postgres", path.join(ROOT, "node_modules/.bin/tsx"), ["src/index.ts"], {
      cwd: ROOT,
      env: { PORT: String(port), DATABASE_URL: url, LOG_LEVEL: "info", MicrosoftAppId: "", HOST: undefined, DEMO_DATA: undefined },
    });
    started.push(bot);
    await waitForUrl(`http://127.0.0.1:${port}/healthz`, { process: bot, timeoutMs: 60_000 });
    const health = (await (await fetch(`http://127.0.0.1:${port}/healthz`)).json()) as { database: string; reviews: number; items: number };
    expect(health.database).toBe("ok");
    expect(health.reviews).toBeGreaterThan(5);
    expect(health.items).toBeGreaterThan(30);
    await bot.waitForOutput(/recommendation tracker listening/);
    expect(bot.output()).toContain(`127.0.0.1:${server.port}`);
    expect(bot.output()).not.toContain(password);
  }, 90_000);

  it("refuses a DATABASE_URL that names neither store, saying which URLs it takes", () => {
    expect(() => loadConfig({ DATABASE_URL: "mysql://tracker@db/tracker" })).toThrow(
      /DATABASE_URL must be a SQLite file URL such as file:\.\/data\/tracker\.db or a PostgreSQL URL such as postgresql:\/\//,
    );
    expect(loadConfig({ DATABASE_URL: "postgresql://tracker:secret@db.example.org:5432/tracker?sslmode=require" }).DATABASE_URL).toMatch(/^postgresql:/);
  });
});
