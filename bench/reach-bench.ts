/**
 * How long reaching 1,000 new owners takes (issue 21): owners with an overdue item and no chat with the bot,
 * none ever looked up; a bot instance (tests/support/reach-child.ts, trusting the stand-in Graph's throwaway
 * certificate) sweeps once and drains its outbox, finding each owner in the directory, installing the app for
 * them, getting the chat and sending the card, through the stand-in Graph (HTTPS) and the stand-in connector
 * (enforcing Teams' 50 sends a second and refusing chats the app is not installed in). Graph is paced at
 * 100 requests a second (the highest GRAPH_RATE_PER_SECOND) to measure the bot's own cost; the figures at the
 * default pace and at Microsoft's published limits are computed beside it. It runs 100 and then 1,000 owners,
 * each in a fresh database and bot instance, and prints the time per owner beside the floor for each, so that
 * a cost per owner growing with the number of owners shows.
 *   npx tsx bench/reach-bench.ts   (BENCH_REACH_OWNERS sets the numbers of owners, e.g. "100,1000,2000";
 *   BENCH_REACH_PROFILE_DIR writes the bot instance's CPU profile there)
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { addItem, addPerson } from "../tests/support/reminder-fixtures.js";
import { startStandInConnector } from "../tests/support/stand-in-connector.js";
import { startStandInGraph, type StandInUser } from "../tests/support/stand-in-graph.js";
import { createTestDatabase } from "../tests/support/test-database.js";

const OWNER_COUNTS = (process.env.BENCH_REACH_OWNERS ?? "100,1000").split(",").map(Number);
const PROFILE_DIR = process.env.BENCH_REACH_PROFILE_DIR;
const ROOT = path.resolve(import.meta.dirname, "..");
const NOW = "2025-06-25T08:05:00Z";
const TEAMS_APP_ID = "6c5e5b0e-8c39-4f0a-9a3b-2d2f0a1b7c01";
const BENCH_GRAPH_RATE = 100;
const DEFAULT_GRAPH_RATE = 10;
/** Microsoft's published limits used here (Graph throttling guidance and the Bot Connector's). */
const LIMITS = {
  /** Microsoft Teams service limits in Graph: other API calls, per app per tenant (install, installations, chat). */
  teamsGraphPerSecond: 30,
  /** Identity and access: a large tenant's 8,000 resource units per 10 s per app; a user GET costs 1. */
  usersPerSecond: 800,
  /** The Bot Connector: 50 requests a second per app per tenant. */
  sendsPerSecond: 50,
};
/** Graph requests per new owner: the user, the install, the installation, its chat. */
const TEAMS_CALLS_PER_OWNER = 3;
const USER_CALLS_PER_OWNER = 1;
const credentials = { tenantId: "11111111-2222-4333-8444-555555555555", clientId: "bench-app", clientSecret: "bench" };

interface ReachRun {
  owners: number;
  seconds: number;
  sweptMs: number;
  drainedMs: number;
  sent: number;
  installs: number;
  graph: { requests: number; throttled: number };
}

/** Graph requests at this pace, for this many owners: the least time the pacing allows. */
const floorAt = (owners: number, rate: number) => (owners * (TEAMS_CALLS_PER_OWNER + USER_CALLS_PER_OWNER)) / rate;

export async function runReachBench(): Promise<void> {
  const runs: ReachRun[] = [];
  for (const owners of OWNER_COUNTS) runs.push(await reachOwners(owners));
  console.log(
    `\nreaching owners who never opened the bot (Graph stand-in over HTTPS, SQLite; Graph paced at ${BENCH_GRAPH_RATE}/s):`,
  );
  for (const run of runs) {
    const floor = floorAt(run.owners, BENCH_GRAPH_RATE);
    console.log(
      `  ${run.owners} owners: ${run.seconds.toFixed(1)} s (sweep ${(run.sweptMs / 1000).toFixed(1)} s, install and send ${(run.drainedMs / 1000).toFixed(1)} s), ${((run.seconds * 1000) / run.owners).toFixed(0)} ms an owner; floor ${floor.toFixed(0)} s (${((floor * 1000) / run.owners).toFixed(0)} ms an owner), ${(run.seconds / floor).toFixed(2)}× the floor; ${run.sent} cards sent, ${run.installs} installs, ${run.graph.requests} Graph requests, ${run.graph.throttled} 429s`,
    );
  }
  const largest = Math.max(...OWNER_COUNTS);
  const published = Math.max(
    (largest * TEAMS_CALLS_PER_OWNER) / LIMITS.teamsGraphPerSecond,
    (largest * USER_CALLS_PER_OWNER) / LIMITS.usersPerSecond,
    largest / LIMITS.sendsPerSecond,
  );
  console.log(
    `  ${largest} owners at the default GRAPH_RATE_PER_SECOND=${DEFAULT_GRAPH_RATE}: at least ${floorAt(largest, DEFAULT_GRAPH_RATE).toFixed(0)} s; at Microsoft's published limits (Teams Graph calls ${LIMITS.teamsGraphPerSecond}/s per app per tenant, user look-ups ${LIMITS.usersPerSecond}/s, Bot Connector ${LIMITS.sendsPerSecond}/s): at least ${published.toFixed(0)} s`,
  );
}

/** One bot instance sweeping once and reaching this many new owners, each with one overdue item. */
async function reachOwners(owners: number): Promise<ReachRun> {
  const connector = await startStandInConnector();
  connector.refuseChatsNotInstalled();
  connector.enforceRateLimits({ perConversation: 7, overall: LIMITS.sendsPerSecond });
  const users: StandInUser[] = Array.from({ length: owners }, (_, i) => ({
    id: `user-${i}`,
    userPrincipalName: `owner${i}@example.org`,
    mail: `owner${i}@example.org`,
    displayName: `Owner ${i}`,
    jobTitle: "Officer",
    accountEnabled: true,
    userType: "Member",
  }));
  const graph = await startStandInGraph({
    ...credentials,
    users,
    catalogue: [{ id: "catalogue-app", externalId: TEAMS_APP_ID }],
    onChatCreated: (chatId) => connector.allowChat(chatId),
  });
  const db = await createTestDatabase();
  try {
    for (const user of users) {
      const owner = await addPerson(db.prisma, connector.url, user.mail, { chat: false });
      await addItem(db.prisma, { ownerId: owner.personId, originalTarget: "2025-06-18" });
    }
    const child = spawn(
      process.execPath,
      [
        ...(PROFILE_DIR ? ["--cpu-prof", `--cpu-prof-dir=${PROFILE_DIR}`] : []),
        "--import",
        "tsx",
        "tests/support/reach-child.ts",
        db.url,
        NOW,
      ],
      {
        cwd: ROOT,
        stdio: ["pipe", "pipe", "inherit"],
        env: {
          ...process.env,
          ...graph.botEnv,
          GRAPH_RATE_PER_SECOND: String(BENCH_GRAPH_RATE),
          TEAMS_APP_ID,
          TEAMS_SERVICE_URL: connector.url,
        },
      },
    );
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString("utf8");
      if (output.includes("ready\n") && !child.stdin.writableEnded) child.stdin.end("go\n");
    });
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    if (code !== 0) throw new Error(`the bot instance exited with ${code}`);
    const report = JSON.parse(
      output
        .split("\n")
        .filter((l) => l.startsWith("{"))
        .at(-1)!,
    ) as {
      sent: number;
      sweptMs: number;
      drainedMs: number;
      graph: { requests: number; throttled: number };
    };
    return {
      owners,
      seconds: (report.sweptMs + report.drainedMs) / 1000,
      sweptMs: report.sweptMs,
      drainedMs: report.drainedMs,
      sent: report.sent,
      installs: graph.installs.created.length,
      graph: report.graph,
    };
  } finally {
    await db.close();
    await graph.close();
    await connector.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await runReachBench();
