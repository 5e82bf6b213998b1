/**
 * The production build as it is deployed: `npm run build`, then `node dist/index.js` and the `tracker` bin
 * from dist/ with no TypeScript loader, run from a folder other than the checkout (so every template,
 * migration and demo file must resolve from dist/). Checks liveness, readiness, a question answered over
 * HTTP, the tab's bundled page, a prompt clean exit on SIGTERM, and that the documented ways to get JSON print only JSON.
 */
import { execFile, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import nodeModule from "node:module";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { personalMessage } from "../support/bot-fixtures.js";
import { freePort, startProcess, stopAll, waitForUrl, type RunningProcess } from "../support/processes.js";
import { startStandInConnector, type StandInConnector } from "../support/stand-in-connector.js";
import { FIXTURES } from "../support/test-database.js";

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, "../..");
const DIST_BOT = path.join(ROOT, "dist/index.js");
const DIST_CLI = path.join(ROOT, "dist/cli/main.js");
const RECORD_LOADS = path.join(ROOT, "tests/support/record-module-loads.mjs");
/** Environment for a child: no credentials or settings leak in from the developer's shell. */
const BASE_ENV = {
  MicrosoftAppId: undefined,
  MicrosoftAppPassword: undefined,
  NODE_OPTIONS: undefined,
  LOG_LEVEL: "info",
};

let dir: string;
let bot: RunningProcess | undefined;
let connector: StandInConnector;

beforeAll(() => {
  const build = spawnSync(process.execPath, [path.join(ROOT, "scripts/build-dist.mjs")], {
    cwd: ROOT,
    encoding: "utf8",
  });
  if (build.status !== 0) throw new Error(`npm run build failed:\n${build.stdout}\n${build.stderr}`);
  dir = mkdtempSync(path.join(os.tmpdir(), "tracker-compiled-"));
}, 240_000);
afterAll(async () => {
  await stopAll([bot]);
  await connector?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("node dist/index.js (npm run start:prod)", () => {
  it("serves /healthz and /readyz, answers a question, and exits within 10 s of SIGTERM", async () => {
    connector = await startStandInConnector();
    const port = await freePort();
    const loads = path.join(dir, "bot-modules.txt");
    bot = startProcess("bot", process.execPath, ["--import", RECORD_LOADS, DIST_BOT], {
      cwd: dir,
      env: {
        ...BASE_ENV,
        PORT: String(port),
        DATABASE_URL: `file:${path.join(dir, "bot.db")}`,
        DEMO_DATA: "true",
        MODULE_LOAD_LOG: loads,
      },
    });
    const base = `http://127.0.0.1:${port}`;

    const ready = await waitForUrl(`${base}/readyz`, { process: bot, timeoutMs: 60_000 });
    expect(await ready.json()).toEqual({
      status: "ready",
      database: "ok",
      details: { acceptedDates: "1 Jan 2000 to 31 Dec 2100", datesOutsideWindow: [] },
    });
    const health = await fetch(`${base}/healthz`);
    expect(health.status).toBe(200);
    // The demo register was loaded from prisma/demo through dist/'s paths.
    expect(await health.json()).toMatchObject({ status: "ok", database: "ok", items: expect.any(Number) });

    // The tab's page, bundled by the build, is served by the compiled server too.
    const tab = await fetch(`${base}/tab/register`);
    expect(tab.status).toBe(200);
    const bundle = /src="(\/tab\/assets\/tab\.js\?v=\w+)"/.exec(await tab.text())?.[1];
    expect(bundle).toBeDefined();
    const script = await fetch(`${base}${bundle}`);
    expect(script.status).toBe(200);
    expect(script.headers.get("content-type")).toMatch(/^text\/javascript/);

    const asked = await fetch(`${base}/api/messages`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ ...personalMessage("what's delayed?"), serviceUrl: connector.url }),
    });
    expect(asked.status).toBe(200);
    const [reply] = await connector.waitForSends(1);
    // The answer card was rendered from a template that dist/ carries.
    expect(reply!.activity.attachments?.[0]?.contentType).toBe("application/vnd.microsoft.card.adaptive");
    expect(JSON.stringify(reply!.activity.attachments?.[0]?.content)).toMatch(/delayed/i);

    const signalled = Date.now();
    process.kill(bot.pid, "SIGTERM");
    while (bot.exitCode() === undefined && Date.now() - signalled < 12_000) await new Promise((r) => setTimeout(r, 50));
    const tookMs = Date.now() - signalled;
    expect(bot.exitCode(), bot.output()).toBe(0);
    expect(tookMs).toBeLessThan(10_000);
    expect(bot.output()).toContain('"msg":"stopped"');

    // Start-up and a question took only what they use: no AI client, no document libraries.
    const loaded = readFileSync(loads, "utf8");
    expect(loaded).toContain("node_modules/@microsoft/teams-ai/lib/Application.js");
    expect(loaded).not.toMatch(/node_modules\/(openai|gpt-tokenizer|exceljs|docx)\//);
    // On SQLite, nothing of PostgreSQL's: neither its driver nor its generated client.
    expect(loaded).toContain("/dist/data/database.js");
    expect(loaded).not.toMatch(/node_modules\/(pg|pg-pool|@prisma\/adapter-pg)\/|generated\/prisma-postgresql\//);
  }, 120_000);
});

describe("node dist/index.js start-up", () => {
  it("keeps Node's compile cache under the OS temp dir on Node >= 22.1, and starts without one on Node 20", async () => {
    // TMPDIR moves os.tmpdir() (Node's default cache folder) into this test's folder; NODE_COMPILE_CACHE stays
    // unset, as in production, so only the bot's own start-up can turn the cache on.
    const tmp = path.join(dir, "tmp");
    mkdirSync(tmp);
    const port = await freePort();
    const started = startProcess("bot-compile-cache", process.execPath, [DIST_BOT], {
      cwd: dir,
      env: {
        ...BASE_ENV,
        PORT: String(port),
        DATABASE_URL: `file:${path.join(dir, "cache.db")}`,
        DEMO_DATA: "false",
        LOG_LEVEL: "debug",
        TMPDIR: tmp,
        NODE_COMPILE_CACHE: undefined,
      },
    });
    try {
      const ready = await waitForUrl(`http://127.0.0.1:${port}/readyz`, { process: started, timeoutMs: 60_000 });
      expect(ready.status).toBe(200);
      process.kill(started.pid, "SIGTERM");
      const signalled = Date.now();
      while (started.exitCode() === undefined && Date.now() - signalled < 12_000)
        await new Promise((r) => setTimeout(r, 50));
      expect(started.exitCode(), started.output()).toBe(0);
    } finally {
      await stopAll([started]);
    }
    const cacheDir = path.join(tmp, "node-compile-cache");
    const cached = existsSync(cacheDir) ? readdirSync(cacheDir, { recursive: true }).length : 0;
    if (typeof (nodeModule as { enableCompileCache?: unknown }).enableCompileCache === "function") {
      expect(started.output()).toContain(`"compileCache":{"enabled":true,"directory":${JSON.stringify(cacheDir)}}`);
      // Written at exit: the teams-ai and botbuilder modules compiled during start-up.
      expect(cached).toBeGreaterThan(100);
    } else {
      expect(started.output()).toMatch(
        /"compileCache":\{"enabled":false,"reason":"Node [\d.]+ has no compile cache"\}/,
      );
      expect(cached).toBe(0);
    }
  }, 90_000);
});

describe("the tracker bin (npx tracker)", () => {
  const cliEnv = () => ({ ...process.env, ...BASE_ENV, DATABASE_URL: `file:${path.join(dir, "cli.db")}` });

  it("imports and prints status as JSON only, without loading teams-ai, botbuilder or openai", async () => {
    const imported = await run(
      process.execPath,
      [DIST_CLI, "import", path.join(FIXTURES, "d0-register.csv"), "--json", "--as-of", "2024-01-09"],
      { cwd: dir, env: cliEnv() },
    );
    expect(JSON.parse(imported.stdout)).toMatchObject({ ok: true });

    const loads = path.join(dir, "modules.txt");
    const status = await run(
      process.execPath,
      ["--import", RECORD_LOADS, DIST_CLI, "status", "--json", "--as-of", "2024-01-09"],
      {
        cwd: dir,
        env: { ...cliEnv(), MODULE_LOAD_LOG: loads },
      },
    );
    const lines = JSON.parse(status.stdout) as { item_ref: string; status: string }[];
    expect(lines.length).toBeGreaterThan(10);
    expect(lines[0]).toEqual(expect.objectContaining({ item_ref: expect.any(String), status: expect.any(String) }));
    const loaded = readFileSync(loads, "utf8");
    expect(loaded).toContain("/dist/cli/run-cli.js"); // the recorder saw the command's own modules
    expect(loaded).not.toMatch(/node_modules\/(@microsoft\/teams-ai|botbuilder|openai)\//);
  }, 60_000);

  it("npx tracker status --json prints only JSON on stdout", async () => {
    const { stdout } = await run("npx", ["--no-install", "tracker", "status", "--json", "--as-of", "2024-01-09"], {
      cwd: ROOT,
      env: cliEnv(),
    });
    expect(Array.isArray(JSON.parse(stdout))).toBe(true);
    expect((JSON.parse(stdout) as unknown[]).length).toBeGreaterThan(10);
  }, 60_000);

  it("npm run -s tracker -- status --json (from source) prints only JSON on stdout", async () => {
    const { stdout } = await run("npm", ["run", "-s", "tracker", "--", "status", "--json", "--as-of", "2024-01-09"], {
      cwd: ROOT,
      env: cliEnv(),
    });
    expect((JSON.parse(stdout) as unknown[]).length).toBeGreaterThan(10);
  }, 60_000);
});
