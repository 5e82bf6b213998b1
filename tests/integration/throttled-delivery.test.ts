/**
 * Delivery under Teams throttling, through the bot's own adapter (the one `npm start` gives the dispatcher,
 * with the bot's turn-error handler on it) and the stand-in connector, on real SQLite and PostgreSQL: single 429s
 * arriving again and again while sweeps and dispatchers run, in one process and in two; an instance that
 * dies mid-dispatch; and slow work that keeps its short leases by renewing them.
 */
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createBot } from "../../src/bot/create-bot.js";
import { loadConfig } from "../../src/config.js";
import { DEFAULT_REMINDER_POLICY as policy } from "../../src/domain/reminders/reminder-policy.js";
import { createLogger } from "../../src/logger.js";
import { RegisterSnapshots } from "../../src/services/register/register-snapshots.js";
import { sendDueReminders, type ReminderSweepDeps } from "../../src/services/reminders/sweep/send-due-reminders.js";
import { addItem, addPerson, realSweepClocks, type OwnerFixture } from "../support/reminder-fixtures.js";
import { startStandInConnector, type StandInConnector } from "../support/stand-in-connector.js";
import { STORES, storeDatabases } from "../support/stores.js";
import type { TestDatabase } from "../support/test-database.js";
import { outboxDispatcher, type TestDispatcherOptions } from "../support/outbox-dispatcher.js";
import type { OutboxDispatcher } from "../../src/services/dispatch/dispatch-outbox.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const NOW = "2025-06-25T08:05:00Z";
const logger = createLogger("silent");
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let connector: StandInConnector;
let db: TestDatabase;

const databaseOn = storeDatabases();

describe.each(STORES)("on %s", (store) => {
  beforeAll(async () => {
    connector = await startStandInConnector();
  });
  afterAll(async () => {
    await connector.close();
  });
  beforeEach(async () => {
    db = await databaseOn(store);
    connector.sent.length = 0;
    connector.failNext(0);
    connector.releaseHeld();
  });
  afterEach(async () => {
    await db.close();
  });

  /**
   * A dispatcher wired as `npm start` wires it: through the bot's adapter, turn-error handler and all. Its
   * backoff is capped at a second so that a message throttled many times over still goes within the test.
   */
  function botDispatcher(options: Partial<TestDispatcherOptions> = {}): OutboxDispatcher {
    const config = loadConfig({ DATABASE_URL: db.url });
    const bot = createBot({
      config,
      prisma: db.prisma,
      snapshots: new RegisterSnapshots(db.prisma),
      logger,
      now: () => new Date(),
    });
    return outboxDispatcher({
      store: db.prisma,
      adapter: bot.adapter,
      botAppId: "",
      logger,
      ratePerSecond: 200,
      ratePerConversation: 50,
      backoffBaseMs: 50,
      backoffMaxMs: 1_000,
      ...options,
    });
  }

  function sweep(now: string, extra: Partial<ReminderSweepDeps> = {}) {
    return sendDueReminders(
      { prisma: db.prisma, policy, logger, improvementTeamAdmins: [], ...realSweepClocks, ...extra },
      new Date(now),
    );
  }

  /** Owners with two reminders due at NOW each (3 working days before one target, on the day of the other). */
  async function ownersWithDueItems(count: number): Promise<OwnerFixture[]> {
    const owners: OwnerFixture[] = [];
    for (let i = 0; i < count; i += 1) {
      const owner = await addPerson(db.prisma, connector.url, `owner${i}@example.org`);
      await addItem(db.prisma, { ownerId: owner.personId, originalTarget: "2025-06-30" });
      await addItem(db.prisma, { ownerId: owner.personId, originalTarget: "2025-06-25" });
      owners.push(owner);
    }
    return owners;
  }

  /**
   * Single 429s, re-armed every 150 ms for four seconds: whichever send comes next is throttled. (Without
   * an end, the last message left would be the next send every time, as it would not be under real Teams.)
   */
  function keepThrottling(): () => void {
    connector.failNext(1, 429);
    const timer = setInterval(() => connector.failNext(1, 429), 150);
    const stop = () => {
      clearInterval(timer);
      clearTimeout(ending);
      connector.failNext(0);
    };
    const ending = setTimeout(stop, 4_000);
    return stop;
  }

  /** What each owner received: exactly one reminder card each, and nothing else (no apology). */
  function received(owners: readonly OwnerFixture[]) {
    return owners.map((o) =>
      connector.sent
        .filter((s) => s.conversationId === o.conversationId)
        .map((s) =>
          s.activity.attachments?.[0]?.contentType === "application/vnd.microsoft.card.adaptive"
            ? "card"
            : `text: ${s.activity.text}`,
        ),
    );
  }

  async function expectEveryReminderDeliveredOnce(owners: readonly OwnerFixture[]): Promise<void> {
    expect(connector.sent.filter((s) => /sorry/i.test(String(s.activity.text ?? "")))).toEqual([]);
    expect(received(owners)).toEqual(owners.map(() => ["card"]));
    const claims = await db.prisma.reminderClaim.findMany();
    expect(claims).toHaveLength(owners.length * 2);
    expect(claims.filter((c) => c.status !== "delivered" || c.sentAt === null)).toEqual([]);
    expect((await db.prisma.outboundMessage.findMany()).filter((m) => m.status !== "sent")).toEqual([]);
    // The 429s did happen, and were retried rather than counted as sent.
    expect(await db.prisma.outboundMessage.count({ where: { attempts: { gt: 1 } } })).toBeGreaterThan(0);
  }

  async function until(condition: () => Promise<boolean> | boolean, timeoutMs: number, what: string): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(await condition())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await sleep(25);
    }
  }

  interface Child {
    process: ChildProcessWithoutNullStreams;
    output: () => string;
    exited: Promise<number | null>;
  }

  /** Another bot instance on the same database file (tests/support/delivery-child.ts), ready to go. */
  async function startInstance(now: string): Promise<Child> {
    // Node itself with tsx's loader (not npx): one process, so SIGKILL kills the instance and nothing lingers.
    const child = spawn(process.execPath, ["--import", "tsx", "tests/support/delivery-child.ts", db.url, now], {
      cwd: ROOT,
      stdio: ["pipe", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
    const exited = new Promise<number | null>((resolve) => child.on("close", resolve));
    await until(() => output.includes("ready"), 30_000, `the second instance to start: ${output}`);
    return { process: child, output: () => output, exited };
  }

  describe("delivery under throttling", () => {
    it("single 429s again and again during a sweep and dispatch: every reminder delivered once, no apology sent", async () => {
      const owners = await ownersWithDueItems(40);
      const dispatcher = botDispatcher({ pollMs: 20 });
      const stopThrottling = keepThrottling();
      const stopDispatching = dispatcher.start();
      try {
        expect((await sweep(NOW)).totals.cards_queued).toBe(40);
        await until(
          async () =>
            (await db.prisma.outboundMessage.count({ where: { status: { in: ["queued", "sending"] } } })) === 0,
          30_000,
          "the outbox to empty",
        );
      } finally {
        stopThrottling();
        await stopDispatching();
      }
      await expectEveryReminderDeliveredOnce(owners);
    }, 60_000);

    it("two instances sweeping and dispatching at once under repeated 429s: every reminder delivered once, no apology sent", async () => {
      const owners = await ownersWithDueItems(75);
      const other = await startInstance(NOW);
      const stopThrottling = keepThrottling();
      try {
        other.process.stdin.write("go\n");
        const mine = await sweep(NOW);
        const sent = (await botDispatcher().drainUntilIdle(5_000)).sent;
        expect(await other.exited, other.output()).toBe(0);
        const theirs = JSON.parse(
          other
            .output()
            .split("\n")
            .filter((l) => l.startsWith("{"))
            .at(-1)!,
        ) as { cards: number; sent: number };
        expect(mine.totals.cards_queued + theirs.cards).toBe(75);
        expect(sent + theirs.sent).toBe(75);
      } finally {
        stopThrottling();
        other.process.kill("SIGKILL");
      }
      await expectEveryReminderDeliveredOnce(owners);
    }, 120_000);

    it("an instance killed mid-dispatch: its messages are sent by another within a minute, once each", async () => {
      const owners = await ownersWithDueItems(5);
      expect((await sweep(NOW)).totals.cards_queued).toBe(5);
      const dying = await startInstance("-");
      connector.holdNext(5);
      dying.process.stdin.write("go\n");
      await until(() => connector.held() === 5, 30_000, "the dying instance to be sending");
      dying.process.kill("SIGKILL");
      await dying.exited;
      connector.releaseHeld();
      expect(await db.prisma.outboundMessage.count({ where: { status: "sending" } })).toBe(5);
      expect(await db.prisma.reminderClaim.count({ where: { status: "queued" } })).toBe(10);

      // Its lease still runs: nobody else sends them yet.
      expect(await botDispatcher().drainOnce()).toMatchObject({ sent: 0 });
      // A minute on (the lease is no longer than that), another instance takes them back.
      // A send that fails for now (a connection closed under it) goes again shortly: the claim is once each.
      const aMinuteOn = botDispatcher({ clock: () => Date.now() + 61_000 });
      const report = await aMinuteOn.drainUntilIdle(5_000);
      const errors = await db.prisma.outboundMessage.findMany({
        where: { attempts: { gt: 1 } },
        select: { lastError: true },
      });
      expect(report.sent, JSON.stringify(errors)).toBe(5);
      expect(received(owners)).toEqual(owners.map(() => ["card"]));
      expect(await db.prisma.reminderClaim.count({ where: { status: "delivered" } })).toBe(10);
    }, 60_000);

    it("a dispatcher still waiting on a slow send keeps its message: its short lease is renewed, nobody sends it twice", async () => {
      const [owner] = await ownersWithDueItems(1);
      await sweep(NOW);
      connector.delayNext(1, 1_200);
      const slow = botDispatcher({ leaseMs: 300 }).drainOnce();
      // The slow one takes the message first (on PostgreSQL the other's first query could otherwise win the race).
      await until(
        async () => (await db.prisma.outboundMessage.count({ where: { status: "sending" } })) === 1,
        5_000,
        "the slow dispatcher to take the message",
      );
      const other = botDispatcher({ leaseMs: 300 });
      let takenByOther = 0;
      const started = Date.now();
      while (Date.now() - started < 1_000) {
        takenByOther += (await other.drainOnce()).sent;
        await sleep(100);
      }
      expect(await slow).toMatchObject({ sent: 1 });
      expect(takenByOther).toBe(0);
      expect(received([owner!])).toEqual([["card"]]);
    });

    it("a sweep still working keeps its claims: its short lease is renewed, so another sweep leaves them alone", async () => {
      const owners = await ownersWithDueItems(3);
      let otherQueued = -1;
      const first = await sweep(NOW, {
        leaseMs: 600,
        afterClaim: async () => {
          await sleep(2_000);
          // Well past the first lease (0.6 s), but the working sweep has been renewing it.
          otherQueued = (await sweep("2025-06-25T08:05:01.800Z", { leaseMs: 600 })).totals.cards_queued;
        },
      });
      expect(otherQueued).toBe(0);
      expect(first.totals.cards_queued).toBe(3);
      await botDispatcher().drainUntilIdle(5_000);
      expect(received(owners)).toEqual(owners.map(() => ["card"]));
    });
  });
});
