/**
 * Several instances on one PostgreSQL database share the work through database locks: one dispatcher
 * drains the outbox at a time, so the app-wide rate is one dispatcher's, not one per instance (Teams'
 * limits hold together); one sweep runs at a time, the others leaving the work to it. Two dispatchers or
 * sweeps with connections of their own stand for two instances here (the multi-instance test runs real
 * processes).
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createAdapter } from "../../src/bot/create-bot.js";
import { loadConfig } from "../../src/config.js";
import { createLogger } from "../../src/logger.js";
import { DEFAULT_REMINDER_POLICY as policy } from "../../src/domain/reminders/reminder-policy.js";
import { enqueueMessage } from "../../src/services/dispatch/outbox.js";
import { sendDueReminders } from "../../src/services/reminders/sweep/send-due-reminders.js";
import { outboxDispatcher } from "../support/outbox-dispatcher.js";
import { addItem, addPerson, deliveriesByConversation, realSweepClocks } from "../support/reminder-fixtures.js";
import { startStandInConnector, type StandInConnector } from "../support/stand-in-connector.js";
import { storeDatabases } from "../support/stores.js";
import type { TestDatabase } from "../support/test-database.js";
import { busiestSecond } from "../support/busiest-second.js";

const logger = createLogger("silent");
const adapter = createAdapter(loadConfig({ DATABASE_URL: "file:./unused.db" }));
const databaseOn = storeDatabases();
let connector: StandInConnector;
let db: TestDatabase;

beforeAll(async () => {
  connector = await startStandInConnector();
});
afterAll(async () => {
  await connector.close();
});
beforeEach(async () => {
  db = await databaseOn("postgresql");
  connector.sent.length = 0;
  connector.sendTimes.length = 0;
});
afterEach(async () => {
  await db.close();
});

describe("dispatchers of several instances on postgresql", () => {
  it("send at one app-wide rate together, each message once", async () => {
    for (let i = 0; i < 40; i += 1) {
      const owner = await addPerson(db.prisma, connector.url, `owner${i}@example.org`);
      await enqueueMessage(db.prisma, {
        conversationId: owner.conversationId!,
        personId: owner.personId,
        purpose: "reminder",
        activity: { type: "message", text: "once" },
      });
    }
    const instances = [1, 2].map(() =>
      outboxDispatcher({
        store: db.prisma,
        adapter,
        botAppId: "",
        logger,
        ratePerSecond: 10,
        ratePerConversation: 5,
        pollMs: 50,
        batchSize: 5,
      }),
    );
    const started = Date.now();
    const reports = await Promise.all(instances.map((dispatcher) => dispatcher.drainUntilIdle(2_000)));
    const tookMs = Date.now() - started;

    expect(reports[0]!.sent + reports[1]!.sent).toBe(40);
    expect([...deliveriesByConversation(connector.sent).values()]).toEqual(Array(40).fill(1));
    // Two instances each allowed 10 a second would send 20 in a second and finish in about 2 s. One
    // dispatcher's sends are 100 ms apart when they leave; the way to the connector varies by a few ms,
    // so one window may catch an eleventh.
    expect(busiestSecond(connector.sendTimes)).toBeLessThanOrEqual(11);
    expect(tookMs).toBeGreaterThanOrEqual(3_800);
  }, 60_000);

  it("while one instance drains, another finds the outbox taken and sends nothing", async () => {
    const owner = await addPerson(db.prisma, connector.url, "slow.chat@example.org");
    for (let i = 0; i < 3; i += 1) {
      await enqueueMessage(db.prisma, {
        conversationId: owner.conversationId!,
        personId: owner.personId,
        purpose: "reminder",
        activity: { type: "message", text: `message ${i}` },
      });
    }
    connector.delayNext(1, 600);
    const first = outboxDispatcher({
      store: db.prisma,
      adapter,
      botAppId: "",
      logger,
      ratePerSecond: 50,
      ratePerConversation: 5,
    });
    const second = outboxDispatcher({
      store: db.prisma,
      adapter,
      botAppId: "",
      logger,
      ratePerSecond: 50,
      ratePerConversation: 5,
    });
    const draining = first.drainOnce();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await second.drainOnce()).toMatchObject({ sent: 0, drainedElsewhere: true });
    expect(await draining).toMatchObject({ sent: 3, drainedElsewhere: false });
    expect(connector.sent.map((s) => s.activity.text).sort()).toEqual(["message 0", "message 1", "message 2"]);
  }, 30_000);

  it("while one instance sweeps reminders, another leaves the work to it", async () => {
    for (let i = 0; i < 5; i += 1) {
      const owner = await addPerson(db.prisma, connector.url, `owner${i}@example.org`);
      await addItem(db.prisma, { ownerId: owner.personId, originalTarget: "2025-06-25" });
    }
    const deps = { prisma: db.prisma, policy, logger, improvementTeamAdmins: [], ...realSweepClocks };
    const now = new Date("2025-06-25T08:05:00Z");
    let other: Awaited<ReturnType<typeof sendDueReminders>> | null = null;
    const first = await sendDueReminders(
      { ...deps, afterClaim: async () => void (other = await sendDueReminders(deps, now)) },
      now,
    );
    expect(first.totals).toMatchObject({ reminders: 5, cards_queued: 5 });
    expect(first.swept_elsewhere).toBeUndefined();
    expect(other).toMatchObject({ swept_elsewhere: true, totals: { reminders: 0, cards_queued: 0 } });
    expect(await db.prisma.outboundMessage.count()).toBe(5);
  }, 30_000);
});
