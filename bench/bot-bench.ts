/**
 * "What's delayed?" over HTTP with 10,000 items in the register, against the framework's own floor:
 * a bare "ok" reply through the same restify server and the same TeamsAdapter. Both replies go to a
 * local stand-in connector, so each request's latency includes delivering its reply. "First ask after a
 * change" follows a real change to one item (its row and its audit entry), so it includes reloading it.
 * Run on SQLite, and on PostgreSQL (a throwaway server; BENCH_PG_REQUESTS requests, fewer by default).
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { createBot } from "../src/bot/create-bot.js";
import { messageEndpoint } from "../src/bot/message-endpoint.js";
import { loadConfig } from "../src/config.js";
import { openDatabase, type StoreKind } from "../src/data/database.js";
import { ensureDirectorates } from "../src/data/register/register-store.js";
import { createLogger } from "../src/logger.js";
import { createServer, listen } from "../src/server/create-server.js";
import { importRegister } from "../src/services/imports/import-register.js";
import { RegisterSnapshots } from "../src/services/register/register-snapshots.js";
import { startStandInConnector } from "../tests/support/stand-in-connector.js";
import { personalMessage } from "../tests/support/bot-fixtures.js";
import { startPostgres, type PostgresServer } from "../tests/support/postgres.js";
import { makeRegisterCsv } from "./register-bench.js";

const ITEMS = Number(process.env.BENCH_ITEMS ?? 10_000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 300);
const WARMUP = 30;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export async function runBotBench(store: StoreKind = "sqlite"): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "tracker-bot-bench-"));
  const postgres: PostgresServer | null = store === "postgresql" ? await startPostgres() : null;
  const url = postgres ? await postgres.createDatabase("bot_bench") : `file:${path.join(dir, "bench.db")}`;
  const requests = postgres ? Number(process.env.BENCH_PG_REQUESTS ?? 60) : REQUESTS;
  writeFileSync(path.join(dir, "register.csv"), makeRegisterCsv(ITEMS));
  const prisma = await openDatabase(url);
  await ensureDirectorates(prisma);
  await importRegister(prisma, {
    file: path.join(dir, "register.csv"),
    dryRun: false,
    actor: "bench",
    today: "2025-05-15",
    now: new Date(),
  });

  const connector = await startStandInConnector();
  const logger = createLogger("warn");
  const config = loadConfig({ DATABASE_URL: url });
  const snapshots = new RegisterSnapshots(prisma);
  const bot = createBot({ config, prisma, snapshots, logger, now: () => new Date("2025-05-15T10:00:00Z") });
  const server = createServer({ prisma, logger, version: "bench", bot: messageEndpoint(bot) });
  // The floor: the same server and adapter, a turn that only replies "ok".
  server.post("/api/floor", async (req, res) => {
    await bot.adapter.process(req, res as never, async (context) => {
      await context.sendActivity("ok");
    });
  });
  await listen(server, 0, "127.0.0.1");
  const base = `http://127.0.0.1:${server.address().port}`;

  async function timeOne(route: string, text: string): Promise<number> {
    const body = JSON.stringify({ ...personalMessage(text), serviceUrl: connector.url });
    const start = performance.now();
    const response = await fetch(`${base}${route}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body,
    });
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`${route} answered ${response.status}`);
    return performance.now() - start;
  }

  try {
    const changeIds = (await prisma.item.findMany({ select: { id: true }, take: 50 })).map((i) => i.id);
    for (let i = 0; i < WARMUP; i += 1) {
      await timeOne("/api/floor", "hello");
      await timeOne("/api/messages", "what's delayed?");
    }
    const floor: number[] = [];
    const delayed: number[] = [];
    const cold: number[] = [];
    // Interleaved, so all three see the same machine conditions.
    for (let i = 0; i < requests; i += 1) {
      floor.push(await timeOne("/api/floor", "hello"));
      delayed.push(await timeOne("/api/messages", "what's delayed?"));
      // A real change first (an item's progress update with its audit entry), as a card submission makes one,
      // so the ask reloads what changed and answers afresh. The change itself is not timed.
      const itemId = changeIds[i % changeIds.length]!;
      await prisma.$transaction([
        prisma.item.update({
          where: { id: itemId },
          data: { latestUpdate: `Bench update ${i}`, version: { increment: 1 } },
        }),
        prisma.auditEntry.create({
          data: {
            entityType: "item",
            entityId: itemId,
            action: "updated",
            actor: "bench",
            after: JSON.stringify({ progress_update: `Bench update ${i}` }),
          },
        }),
      ]);
      snapshots.invalidate();
      cold.push(await timeOne("/api/messages", "what's delayed?"));
    }
    floor.sort((a, b) => a - b);
    delayed.sort((a, b) => a - b);
    cold.sort((a, b) => a - b);
    const f50 = percentile(floor, 50);
    const f95 = percentile(floor, 95);
    const d50 = percentile(delayed, 50);
    const d95 = percentile(delayed, 95);
    const last = connector.sent[connector.sent.length - 1]?.activity;
    if (!JSON.stringify(last).includes("Delayed items"))
      throw new Error("the last reply was not the delayed-items card");
    console.log(`bot: ${requests} requests each, ${ITEMS} items in the register, on ${store}`);
    console.log(`bot: floor (bare reply)      median ${f50.toFixed(1)} ms, p95 ${f95.toFixed(1)} ms`);
    console.log(`bot: "what's delayed?"       median ${d50.toFixed(1)} ms, p95 ${d95.toFixed(1)} ms`);
    console.log(
      `bot: ratio to the floor      median ${(d50 / f50).toFixed(2)}x, p95 ${(d95 / f95).toFixed(2)}x (target 1.5x or better)`,
    );
    const c50 = percentile(cold, 50);
    const c95 = percentile(cold, 95);
    console.log(
      `bot: first ask after a change median ${c50.toFixed(1)} ms, p95 ${c95.toFixed(1)} ms (${(c50 / f50).toFixed(2)}x, ${(c95 / f95).toFixed(2)}x the floor; aim 5x)`,
    );
  } finally {
    server.close();
    await connector.close();
    await prisma.$disconnect();
    await postgres?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`)
  await runBotBench(process.env.BENCH_STORE === "postgresql" ? "postgresql" : "sqlite");
