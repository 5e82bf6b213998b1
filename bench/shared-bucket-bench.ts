/**
 * The comparison behind keeping Teams' app-wide limit with one dispatcher at a time (an advisory lock, the
 * dispatcher's own pacing): the alternative, a token bucket shared in the database, measured on the same
 * machine. Three sender processes (shared-bucket-sender.ts) take a token from one PostgreSQL row before each
 * send, for 20 s, against the stand-in connector enforcing 50 a second; once with the bucket holding one
 * token (sends spread evenly) and once holding five (the dispatcher's own catch-up allowance). Prints the
 * aggregate rate, the busiest second at the connector and the 429s for going over, and what each take cost
 * the database, beside the floor measured first in the same run; the several-instances benchmark gives the
 * chosen design's figures.  npx tsx bench/shared-bucket-bench.ts   (BENCH_BUCKET_SECONDS=5 for a quick run)
 */
import { spawn } from "node:child_process";
import path from "node:path";
import pg from "pg";
import { startPostgres } from "../tests/support/postgres.js";
import { startStandInConnector } from "../tests/support/stand-in-connector.js";
import { busiestSecond } from "../tests/support/busiest-second.js";
import { measureFloor } from "./several-instances-bench.js";

const TEAMS_RATE = 50;
const SENDERS = 3;
const SECONDS = Number(process.env.BENCH_BUCKET_SECONDS ?? 20);
const ROOT = path.resolve(import.meta.dirname, "..");

interface SenderFigures {
  sent: number;
  takes: number;
  takeMedianMs: number;
  takeP95Ms: number;
}

function runSender(databaseUrl: string, connectorUrl: string, capacity: number, name: string): Promise<SenderFigures> {
  const child = spawn(
    process.execPath,
    [
      "--import",
      "tsx",
      "bench/shared-bucket-sender.ts",
      databaseUrl,
      connectorUrl,
      String(TEAMS_RATE),
      String(capacity),
      String(SECONDS),
      name,
    ],
    { cwd: ROOT, stdio: ["ignore", "pipe", "inherit"] },
  );
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  return new Promise((resolve, reject) =>
    child.on("close", (code) =>
      code === 0 ? resolve(JSON.parse(output) as SenderFigures) : reject(new Error(`a sender exited with ${code}`)),
    ),
  );
}

async function measureBucket(databaseUrl: string, capacity: number): Promise<string> {
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  await admin.query(`DROP TABLE IF EXISTS "bucket"`);
  await admin.query(
    `CREATE TABLE "bucket" ("id" integer PRIMARY KEY, "tokens" float8 NOT NULL, "at" timestamptz NOT NULL)`,
  );
  // Starting with one token, as the dispatcher's pace does, so neither opens with a burst.
  await admin.query(`INSERT INTO "bucket" VALUES (1, 1, clock_timestamp())`);
  await admin.end();
  const connector = await startStandInConnector();
  try {
    connector.enforceRateLimits({ perConversation: 7, overall: TEAMS_RATE });
    const senders = await Promise.all(
      Array.from({ length: SENDERS }, (_, i) =>
        runSender(databaseUrl, connector.url, capacity, `sender${i}-cap${capacity}`),
      ),
    );
    const times = connector.sendTimes;
    const seconds = (Math.max(...times) - Math.min(...times)) / 1_000;
    const rate = times.length / seconds;
    const takes = senders.reduce((n, s) => n + s.takes, 0);
    const sent = senders.reduce((n, s) => n + s.sent, 0);
    const median = Math.max(...senders.map((s) => s.takeMedianMs));
    const p95 = Math.max(...senders.map((s) => s.takeP95Ms));
    return (
      `shared bucket holding ${capacity}: ${rate.toFixed(1)} messages/s aggregate = ${((rate / TEAMS_RATE) * 100).toFixed(1)}% of ${TEAMS_RATE}/s; ` +
      `busiest second ${busiestSecond(times)} (Teams allows ${TEAMS_RATE}), ${connector.throttled.overLimit} 429s for going over; ` +
      `${(takes / sent).toFixed(2)} database statements per send, each taking ${median.toFixed(1)} ms median, ${p95.toFixed(1)} ms p95 (the slowest sender's)`
    );
  } finally {
    await connector.close();
  }
}

export async function runSharedBucketBench(): Promise<void> {
  const server = await startPostgres();
  try {
    const url = await server.createDatabase("bucket_bench");
    console.log(`bucket: ${await measureFloor()}`);
    for (const capacity of [1, 5])
      console.log(`bucket: ${SENDERS} senders, ${SECONDS} s, ${await measureBucket(url, capacity)}`);
  } finally {
    await server.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await runSharedBucketBench();
