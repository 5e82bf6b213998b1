/**
 * The dispatcher against the stand-in connector: 429 storms with and without Retry-After, gateway
 * errors, a blocked owner (403), Teams' rate limits enforced by the stand-in, a dispatcher that died
 * mid-batch, and two dispatchers at once. Every message is delivered once: none lost, none twice. The same
 * tests on SQLite and on PostgreSQL.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createAdapter } from "../../src/bot/create-bot.js";
import { loadConfig } from "../../src/config.js";
import { DEFAULT_REMINDER_POLICY as policy } from "../../src/domain/reminders/reminder-policy.js";
import { createLogger } from "../../src/logger.js";
import { enqueueMessage } from "../../src/services/dispatch/outbox.js";
import { sendDueReminders } from "../../src/services/reminders/sweep/send-due-reminders.js";
import {
  addItem,
  addPerson,
  deliveriesByConversation,
  realSweepClocks,
  type OwnerFixture,
} from "../support/reminder-fixtures.js";
import { startStandInConnector, type StandInConnector } from "../support/stand-in-connector.js";
import { STORES, storeDatabases } from "../support/stores.js";
import type { TestDatabase } from "../support/test-database.js";
import { outboxDispatcher, type TestDispatcherOptions } from "../support/outbox-dispatcher.js";

const logger = createLogger("silent");
const databaseOn = storeDatabases();
const adapter = createAdapter(loadConfig({ DATABASE_URL: "file:./unused.db" }));
let connector: StandInConnector;
let db: TestDatabase;

beforeAll(async () => {
  connector = await startStandInConnector();
});
afterAll(async () => {
  await connector.close();
});

function dispatcher(options: Partial<TestDispatcherOptions> = {}) {
  return outboxDispatcher({
    store: db.prisma,
    adapter,
    botAppId: "",
    logger,
    ratePerSecond: 100,
    ratePerConversation: 20,
    backoffBaseMs: 20,
    ...options,
  });
}

async function people(count: number, prefix = "owner"): Promise<OwnerFixture[]> {
  const list: OwnerFixture[] = [];
  for (let i = 0; i < count; i += 1) list.push(await addPerson(db.prisma, connector.url, `${prefix}${i}@example.org`));
  return list;
}

async function queueTo(owner: OwnerFixture, text: string): Promise<number> {
  const { id } = await enqueueMessage(db.prisma, {
    conversationId: owner.conversationId!,
    personId: owner.personId,
    purpose: "reminder",
    activity: { type: "message", text },
  });
  return id;
}

function texts(conversationId: string): string[] {
  return connector.sent.filter((s) => s.conversationId === conversationId).map((s) => String(s.activity.text));
}

async function statuses(): Promise<string[]> {
  return (await db.prisma.outboundMessage.findMany({ orderBy: { id: "asc" } })).map((m) => m.status);
}

describe.each(STORES)("the dispatcher on %s", (store) => {
  beforeEach(async () => {
    db = await databaseOn(store);
    connector.sent.length = 0;
    connector.failNext(0);
    connector.enforceRateLimits(null);
  });
  afterEach(async () => {
    await db.close();
  });

  it("rides out a 429 storm with Retry-After: everything delivered once", async () => {
    const owners = await people(12);
    for (const owner of owners) await queueTo(owner, `for ${owner.email}`);
    connector.failNext(14, 429, 1);
    const report = await dispatcher().drainUntilIdle(5_000);
    expect(report).toMatchObject({ sent: 12, retried: 14, unreachable: 0, failed: 0 });
    expect(owners.map((o) => texts(o.conversationId!))).toEqual(owners.map((o) => [`for ${o.email}`]));
    expect(await statuses()).toEqual(Array(12).fill("sent"));
    const retriedMessage = await db.prisma.outboundMessage.findFirstOrThrow({ where: { attempts: { gt: 1 } } });
    expect(retriedMessage.lastError).toBeNull();
  });

  it("rides out a 429 storm without Retry-After, backing off with jitter", async () => {
    const owners = await people(10);
    for (const owner of owners) await queueTo(owner, `for ${owner.email}`);
    connector.failNext(40, 429);
    const report = await dispatcher().drainUntilIdle(5_000);
    expect(report).toMatchObject({ sent: 10, retried: 40, failed: 0 });
    expect([...deliveriesByConversation(connector.sent).values()]).toEqual(Array(10).fill(1));
  });

  it.each([412, 502, 504])("retries a %i later and delivers once", async (status) => {
    const owners = await people(3);
    for (const owner of owners) await queueTo(owner, "hello");
    connector.failNext(4, status);
    const report = await dispatcher().drainUntilIdle(5_000);
    expect(report).toMatchObject({ sent: 3, retried: 4, failed: 0 });
    expect([...deliveriesByConversation(connector.sent).values()]).toEqual([1, 1, 1]);
  });

  it("gives up on a refused message (400) without retrying, and keeps the error", async () => {
    const [owner] = await people(1);
    await queueTo(owner!, "hello");
    connector.failNext(1, 400);
    expect(await dispatcher().drainUntilIdle(1_000)).toMatchObject({ sent: 0, failed: 1 });
    const message = await db.prisma.outboundMessage.findFirstOrThrow();
    expect(message).toMatchObject({ status: "failed", attempts: 1 });
    expect(message.lastError).toContain("400");
  });

  it("a reminder card Teams refuses (400) leaves its reminders failed, not delivered", async () => {
    const owner = await addPerson(db.prisma, connector.url, "refused.owner@example.org");
    await addItem(db.prisma, { ownerId: owner.personId, originalTarget: "2025-06-30" });
    const deps = { prisma: db.prisma, policy, logger, improvementTeamAdmins: [], ...realSweepClocks };
    expect((await sendDueReminders(deps, new Date("2025-06-25T08:05:00Z"))).totals.cards_queued).toBe(1);
    expect((await db.prisma.reminderClaim.findFirstOrThrow()).status).toBe("queued");
    connector.failNext(1, 400);
    expect(await dispatcher().drainUntilIdle(1_000)).toMatchObject({ sent: 0, failed: 1 });
    expect(await db.prisma.reminderClaim.findFirstOrThrow()).toMatchObject({ status: "failed", sentAt: null });
  });

  it("marks a blocked owner (403) unreachable, stops sending to them, and lists them to the improvement team", async () => {
    const admin = await addPerson(db.prisma, connector.url, "improvement.team@example.org");
    const owner = await addPerson(db.prisma, connector.url, "blocked.owner@example.org", { name: "Blocked Owner" });
    await addItem(db.prisma, { ownerId: owner.personId, originalTarget: "2025-06-30" });
    const deps = { prisma: db.prisma, policy, logger, improvementTeamAdmins: [admin.email], ...realSweepClocks };
    expect((await sendDueReminders(deps, new Date("2025-06-25T08:05:00Z"))).totals.cards_queued).toBe(1);
    connector.failNext(1, 403);
    expect(await dispatcher().drainUntilIdle(1_000)).toMatchObject({ sent: 0, unreachable: 1 });
    expect(await db.prisma.person.findUniqueOrThrow({ where: { id: owner.personId } })).toMatchObject({
      unreachable: true,
    });
    expect((await db.prisma.reminderClaim.findFirstOrThrow()).status).toBe("unreachable");
    expect(connector.sent).toHaveLength(0);

    // The next reminder is recorded, not sent; the next morning's list names them.
    const monday = await sendDueReminders(deps, new Date("2025-06-30T08:05:00Z"));
    expect(monday.owners[0]).toMatchObject({ owner_email: "blocked.owner@example.org", reachable: false });
    expect(monday.totals.cards_queued).toBe(0);
    expect(monday.unreachable_report).toMatchObject({
      queued: 1,
      owners: [{ email: "blocked.owner@example.org", reason: "blocked or removed the bot" }],
    });
    await dispatcher().drainUntilIdle(1_000);
    expect(connector.sent.map((s) => s.conversationId)).toEqual([admin.conversationId]);
    expect(JSON.stringify(connector.sent[0]!.activity)).toContain(
      "Blocked Owner (blocked.owner@example.org): 1 open item; blocked or removed the bot",
    );
  });

  it("marks a message unreachable when its conversation is no longer stored (the bot was removed)", async () => {
    const [owner] = await people(1);
    await queueTo(owner!, "hello");
    await db.prisma.conversation.delete({ where: { conversationId: owner!.conversationId! } });
    expect(await dispatcher().drainUntilIdle(1_000)).toMatchObject({ unreachable: 1 });
    expect(await statuses()).toEqual(["unreachable"]);
  });

  it("keeps to the per-conversation rate: 10 messages to one chat at 5 a second take about 2 seconds", async () => {
    const [owner] = await people(1);
    for (let i = 0; i < 10; i += 1) await queueTo(owner!, `message ${i}`);
    const started = Date.now();
    const report = await dispatcher({ ratePerConversation: 5 }).drainUntilIdle(5_000);
    expect(report.sent).toBe(10);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_750);
    expect(texts(owner!.conversationId!)).toEqual(Array.from({ length: 10 }, (_, i) => `message ${i}`));
  });

  it("under Teams-like enforcement delivers everything once, even when configured faster than Teams allows", async () => {
    const owners = await people(4);
    for (const owner of owners) for (let i = 0; i < 5; i += 1) await queueTo(owner, `${owner.email} ${i}`);
    connector.enforceRateLimits({ perConversation: 3, overall: 10, retryAfterSeconds: 0 });
    const report = await dispatcher({ ratePerSecond: 100, ratePerConversation: 50 }).drainUntilIdle(5_000);
    expect(connector.throttled.overLimit).toBeGreaterThan(0);
    expect(report.sent).toBe(20);
    for (const owner of owners)
      expect(texts(owner.conversationId!).sort()).toEqual(Array.from({ length: 5 }, (_, i) => `${owner.email} ${i}`));
  });

  it("takes back a batch a dead dispatcher left 'sending' once its lease has passed", async () => {
    const [owner] = await people(1);
    const id = await queueTo(owner!, "stuck");
    await db.prisma.outboundMessage.update({
      where: { id },
      data: { status: "sending", leaseUntil: new Date(Date.now() + 60_000) },
    });
    expect(await dispatcher().drainOnce()).toMatchObject({ sent: 0 });
    await db.prisma.outboundMessage.update({ where: { id }, data: { leaseUntil: new Date(Date.now() - 1_000) } });
    expect(await dispatcher().drainOnce()).toMatchObject({ sent: 1 });
    expect(texts(owner!.conversationId!)).toEqual(["stuck"]);
  });

  it("two dispatchers draining at once send each message once", async () => {
    const owners = await people(30);
    for (const owner of owners) await queueTo(owner, "once");
    const [a, b] = await Promise.all([
      dispatcher({ batchSize: 5 }).drainOnce(),
      dispatcher({ batchSize: 5 }).drainOnce(),
    ]);
    expect(a.sent + b.sent).toBe(30);
    expect([...deliveriesByConversation(connector.sent).values()]).toEqual(Array(30).fill(1));
  });

  it("start() keeps draining until stopped", async () => {
    const [owner] = await people(1);
    const sender = dispatcher({ pollMs: 20 });
    const stop = sender.start();
    try {
      await queueTo(owner!, "later");
      await connector.waitForSends(1, 3_000);
    } finally {
      await stop();
    }
    expect(texts(owner!.conversationId!)).toEqual(["later"]);
  });

  it("stops between batches when asked, leaving the rest queued for the next start", async () => {
    const owners = await people(30);
    for (const owner of owners) await queueTo(owner, `for ${owner.email}`);
    // 10 a second and 5 a batch: draining everything would take 3 s; stopping must not wait for it.
    const sender = dispatcher({ ratePerSecond: 10, batchSize: 5 });
    const stop = sender.start();
    await new Promise((resolve) => setTimeout(resolve, 300));
    const asked = Date.now();
    await stop();
    expect(Date.now() - asked).toBeLessThan(1_500);
    const after = await statuses();
    expect(after.filter((s) => s === "sent").length).toBe(connector.sent.length);
    expect(after.filter((s) => s === "queued").length).toBeGreaterThan(10);
    expect(after.every((s) => s === "sent" || s === "queued")).toBe(true);
    await dispatcher().drainUntilIdle(5_000);
    expect(owners.map((o) => texts(o.conversationId!))).toEqual(owners.map((o) => [`for ${o.email}`]));
  });

  it("never sends to a stored conversation whose service address is not on the allow-list", async () => {
    const [good] = await people(1);
    const planted = await addPerson(db.prisma, "https://attacker.example/", "planted@example.org");
    await queueTo(good!, "to the loopback stand-in");
    const refusedId = await queueTo(planted, "to a planted address");
    const report = await dispatcher({ allowedServiceUrlHosts: ["127.0.0.1", "localhost"] }).drainUntilIdle(2_000);
    expect(report).toMatchObject({ sent: 1, failed: 1, retried: 0 });
    expect(texts(good!.conversationId!)).toEqual(["to the loopback stand-in"]);
    const refused = await db.prisma.outboundMessage.findUniqueOrThrow({ where: { id: refusedId } });
    expect(refused.status).toBe("failed");
    expect(refused.lastError).toMatch(/service address is not allowed/);
  });
});
