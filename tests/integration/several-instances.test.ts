/**
 * Three bot processes on one PostgreSQL database, each sweeping and dispatching as every instance does,
 * sending reminders to hundreds of owners through the stand-in connector. The instance draining the
 * outbox is killed with SIGKILL mid-dispatch (its sends in flight get no answer, as when a process dies
 * before Teams answers) and restarted: every reminder still arrives exactly once.
 */
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addItem, addPerson, type OwnerFixture } from "../support/reminder-fixtures.js";
import { startStandInConnector, type StandInConnector } from "../support/stand-in-connector.js";
import { storeDatabases } from "../support/stores.js";
import type { TestDatabase } from "../support/test-database.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const NOW = "2025-06-25T08:05:00Z";
const OWNERS = 300;
const LEASE_MS = 3_000;
const databaseOn = storeDatabases();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let connector: StandInConnector;
let db: TestDatabase;
const instances: Instance[] = [];

interface Instance {
  process: ChildProcessWithoutNullStreams;
  leaseToken: string;
  output: () => string;
  exited: Promise<number | null>;
}

beforeAll(async () => {
  connector = await startStandInConnector();
  db = await databaseOn("postgresql");
});
afterAll(async () => {
  for (const instance of instances) instance.process.kill("SIGKILL");
  await Promise.all(instances.map((instance) => instance.exited));
  await db?.close();
  await connector?.close();
});

async function until(condition: () => Promise<boolean> | boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

async function startInstance(): Promise<Instance> {
  // Node itself with tsx's loader (not npx): one process, so SIGKILL kills the instance and nothing lingers.
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "tests/support/instance-child.ts", db.url, NOW, String(LEASE_MS)],
    { cwd: ROOT, stdio: ["pipe", "pipe", "pipe"] },
  );
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  const exited = new Promise<number | null>((resolve) => child.on("close", resolve));
  await until(() => /ready \S+/.test(output), 60_000, `an instance to start: ${output}`);
  const instance = { process: child, leaseToken: /ready (\S+)/.exec(output)![1]!, output: () => output, exited };
  instances.push(instance);
  return instance;
}

describe("three instances on one PostgreSQL database", () => {
  it("sweep and dispatch reminders to hundreds of owners exactly once, though the dispatching one is killed and restarted", async () => {
    const owners: OwnerFixture[] = [];
    for (let i = 0; i < OWNERS; i += 1) {
      const owner = await addPerson(db.prisma, connector.url, `owner${i}@example.org`);
      owners.push(owner);
      await addItem(db.prisma, { ownerId: owner.personId, originalTarget: "2025-06-25" }); // due on the day
    }
    await Promise.all([startInstance(), startInstance(), startInstance()]);
    await until(() => connector.sent.length >= 60, 60_000, "the first reminders to arrive");

    // Whatever is sent next gets no answer; once the dispatcher's sends in flight are all waiting, kill it.
    connector.holdNext(1_000_000);
    await until(() => connector.held() >= 16, 30_000, "the dispatcher's sends in flight to be waiting");
    await sleep(300);
    const holders = await db.prisma.outboundMessage.findMany({
      where: { status: "sending" },
      distinct: ["leaseToken"],
      select: { leaseToken: true },
    });
    expect(holders).toHaveLength(1);
    const dispatching = instances.find((instance) => instance.leaseToken === holders[0]!.leaseToken)!;
    const killedAt = Date.now();
    dispatching.process.kill("SIGKILL");
    await dispatching.exited;
    const deliveredBeforeKill = connector.sent.length;
    connector.releaseHeld();
    expect(deliveredBeforeKill).toBeLessThan(OWNERS);

    // Another instance takes over the outbox, and the messages the dead one held once their lease ends.
    await startInstance();
    await until(
      async () =>
        connector.sent.length >= OWNERS &&
        (await db.prisma.outboundMessage.count({ where: { status: { in: ["queued", "sending"] } } })) === 0,
      120_000,
      "every reminder to arrive",
    );
    await sleep(1_000);
    // The dead one's last sends may all have reached Teams just before it died: the next waits out a window.
    expect(Math.min(...connector.sendTimes.filter((at) => at > killedAt))).toBeGreaterThanOrEqual(killedAt + 1_000);

    const received = new Map<string, number>();
    for (const send of connector.sent) received.set(send.conversationId, (received.get(send.conversationId) ?? 0) + 1);
    expect(owners.filter((owner) => received.get(owner.conversationId!) !== 1).map((owner) => owner.email)).toEqual([]);
    expect(connector.sent).toHaveLength(OWNERS);
    expect(await db.prisma.reminderClaim.count()).toBe(OWNERS);
    expect(await db.prisma.reminderClaim.count({ where: { status: "delivered" } })).toBe(OWNERS);
  }, 300_000);
});
