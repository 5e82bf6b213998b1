/**
 * Several instances on PostgreSQL: 5,000 owners with one reminder due each, three bot processes
 * (tests/support/instance-child.ts: each sweeping and dispatching as every instance does) on one database
 * of a throwaway PostgreSQL server, the stand-in connector enforcing Teams' limits (50 a second for the
 * app, 7 per conversation) and answering 1% of sends 429 at random. Once a third of the cards have
 * arrived, the instance draining the outbox is killed with SIGKILL (at whatever moment: a send Teams
 * accepted but whose answer never reached the dead process goes again once its lease ends) and restarted.
 * Prints aggregate messages/s (aim >= 90% of 50/s), the busiest second of sends (never above 50), lost and
 * duplicates; where the time went (the rate before and after the kill, the longest pause, each instance's
 * CPU); and, measured first in the same run, the floor: what a bare process sending at 50/s reaches on this
 * machine as loaded at that moment, with the load average.  npx tsx bench/several-instances-bench.ts   (BENCH_INSTANCE_OWNERS=500 for a quick run)
 */
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { readFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import path from "node:path";
import { openDatabase } from "../src/data/database.js";
import { ensureDirectorates } from "../src/data/register/register-store.js";
import { startPostgres } from "../tests/support/postgres.js";
import { busiestSecond } from "../tests/support/busiest-second.js";
import { benchConversationOf, writeOwnersRegister } from "./owners-register.js";
import { startStandInConnector } from "../tests/support/stand-in-connector.js";

const OWNERS = Number(process.env.BENCH_INSTANCE_OWNERS ?? 5_000);
const RANDOM_429_RATE = Number(process.env.BENCH_RANDOM_429 ?? 0.01);
const TEAMS_RATE = 50;
const NOW = "2025-06-25T08:05:00Z";
const LEASE_MS = 5_000;
const ROOT = path.resolve(import.meta.dirname, "..");
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** CPU seconds a live process has used (user and system), from /proc; 0 where there is no /proc. */
function cpuSeconds(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

/**
 * The floor in this run: a bare process posting to a stand-in of its own at Teams' rate for five seconds
 * (bench/send-floor.ts), what it reaches, its round trip and its timers' lateness, with the load average.
 */
export async function measureFloor(): Promise<string> {
  const floorConnector = await startStandInConnector();
  try {
    const child = spawn(
      process.execPath,
      ["--import", "tsx", "bench/send-floor.ts", floorConnector.url, String(TEAMS_RATE), "5"],
      { cwd: ROOT, stdio: ["ignore", "pipe", "inherit"] },
    );
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
    await new Promise((resolve) => child.on("close", resolve));
    const floor = JSON.parse(output) as { perSecond: number; roundTripMs: number; timerLateMs: number };
    return `floor in this run: a bare process posting at ${TEAMS_RATE}/s reaches ${floor.perSecond.toFixed(1)}/s, round trip ${floor.roundTripMs.toFixed(1)} ms, timers ${floor.timerLateMs.toFixed(1)} ms late; load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(" ")} (${cpus().length} cores)`;
  } finally {
    await floorConnector.close();
  }
}

export async function runSeveralInstancesBench(): Promise<void> {
  const server = await startPostgres();
  const connector = await startStandInConnector();
  const children: { process: ChildProcessWithoutNullStreams; token: string; exited: Promise<unknown> }[] = [];
  const url = await server.createDatabase("instances_bench");
  const prisma = await openDatabase(url);
  try {
    await ensureDirectorates(prisma);
    const people = await writeOwnersRegister(prisma, connector.url, OWNERS);
    const floor = await measureFloor();
    connector.enforceRateLimits({
      perConversation: 7,
      overall: TEAMS_RATE,
      random429Rate: RANDOM_429_RATE,
      retryAfterSeconds: 1,
    });

    const start = async () => {
      const child = spawn(
        process.execPath,
        ["--import", "tsx", "tests/support/instance-child.ts", url, NOW, String(LEASE_MS)],
        {
          cwd: ROOT,
          stdio: ["pipe", "pipe", "pipe"],
          env: { ...process.env, SEND_RATE_PER_SECOND: String(TEAMS_RATE) },
        },
      );
      let output = "";
      child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
      child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
      const exited = new Promise((resolve) => child.on("close", resolve));
      while (!/ready \S+/.test(output)) {
        if (child.exitCode !== null) throw new Error(`an instance failed to start: ${output}`);
        await sleep(50);
      }
      const entry = { process: child, token: /ready (\S+)/.exec(output)![1]!, exited };
      children.push(entry);
      return entry;
    };
    await Promise.all([start(), start(), start()]);
    const cards = () => connector.sent.length;
    let killedAt = 0;
    while (cards() < OWNERS / 3) await sleep(50);
    // The instance draining now: the one whose lease token is on a message being sent (between two batches
    // there may be none for a moment, so look again).
    let dispatching: (typeof children)[number] | undefined;
    while (!dispatching) {
      const holder = await prisma.outboundMessage.findFirst({
        where: { status: "sending" },
        select: { leaseToken: true },
      });
      dispatching = children.find((c) => c.token === holder?.leaseToken);
      if (!dispatching) await sleep(10);
    }
    killedAt = Date.now();
    const killedCpu = cpuSeconds(dispatching.process.pid);
    dispatching.process.kill("SIGKILL");
    await dispatching.exited;
    await start();
    const deadline = Date.now() + 30 * 60_000;
    while (
      (await prisma.outboundMessage.count({ where: { status: { in: ["queued", "sending"] } } })) > 0 ||
      (await prisma.reminderClaim.count({ where: { status: { in: ["claimed", "queued"] } } })) > 0 ||
      cards() < OWNERS
    ) {
      if (Date.now() > deadline) break;
      await sleep(200);
    }
    await sleep(1_000);
    const instancesCpu = children.filter((c) => c !== dispatching).map((c) => cpuSeconds(c.process.pid));

    const accepted = new Map<string, number>();
    for (const send of connector.sent) accepted.set(send.conversationId, (accepted.get(send.conversationId) ?? 0) + 1);
    const lost = people.filter((p) => !accepted.has(benchConversationOf(Number(p.id)))).length;
    const duplicates = [...accepted.values()].reduce((n, count) => n + count - 1, 0);
    const times = connector.sendTimes;
    const seconds = (Math.max(...times) - Math.min(...times)) / 1000;
    const rate = connector.sent.length / seconds;
    const first = Math.min(...times);
    const beforeKill = times.filter((t) => t < killedAt).length / ((killedAt - first) / 1000);
    const afterKill = times.filter((t) => t >= killedAt).length / ((Math.max(...times) - killedAt) / 1000);
    const sorted = [...times].sort((a, b) => a - b);
    const longestPause = Math.max(...sorted.slice(1).map((t, i) => t - sorted[i]!));
    console.log(`instances: ${floor}`);
    console.log(
      `instances: ${OWNERS} owners, 3 instances on PostgreSQL, one killed at ${Math.round(OWNERS / 3)} cards and restarted: ${rate.toFixed(1)} messages/s aggregate over ${seconds.toFixed(1)} s = ${((rate / TEAMS_RATE) * 100).toFixed(1)}% of ${TEAMS_RATE}/s (aim >= 90%)`,
    );
    console.log(
      `instances: busiest second ${busiestSecond(times)} requests (Teams allows ${TEAMS_RATE}); 429s: ${connector.throttled.overLimit} over a limit, ${connector.throttled.random} at random (${(RANDOM_429_RATE * 100).toFixed(1)}%)`,
    );
    console.log(
      `instances: lost ${lost} (must be 0), duplicates ${duplicates} (cards Teams had accepted that the killed instance had not yet recorded: sent again once its lease ran out)`,
    );
    console.log(
      `instances: requests/s ${beforeKill.toFixed(1)} before the kill, ${afterKill.toFixed(1)} after it (a restart included); longest pause between two requests ${longestPause} ms; CPU seconds per instance ${[killedCpu, ...instancesCpu].map((c) => c.toFixed(1)).join(", ")} (the killed one first); load average ${loadavg()
        .map((l) => l.toFixed(1))
        .join(" ")} at the end (${cpus().length} cores)`,
    );
    if (lost !== 0) throw new Error("several instances lost reminders");
  } finally {
    for (const child of children) child.process.kill("SIGKILL");
    await Promise.all(children.map((c) => c.exited));
    await prisma.$disconnect();
    await connector.close();
    await server.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await runSeveralInstancesBench();
