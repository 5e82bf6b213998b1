/**
 * node-cron runs the sweep and then the dispatcher; stopping it waits for a run in progress; a run stuck past
 * SWEEP_TIMEOUT_SECONDS is abandoned, so later runs go on sweeping.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAdapter } from "../../src/bot/create-bot.js";
import { loadConfig } from "../../src/config.js";
import { createLogger } from "../../src/logger.js";
import { startScheduler } from "../../src/scheduler/start-scheduler.js";
import { captureLog } from "../support/captured-log.js";
import { addItem, addPerson } from "../support/reminder-fixtures.js";
import { startStandInConnector, type StandInConnector } from "../support/stand-in-connector.js";
import { STORES, storeDatabases } from "../support/stores.js";
import type { TestDatabase } from "../support/test-database.js";
import { outboxDispatcher } from "../support/outbox-dispatcher.js";

let db: TestDatabase;
let connector: StandInConnector;
const logger = createLogger("silent");

const databaseOn = storeDatabases();

async function until(condition: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe.each(STORES)("on %s", (store) => {
  beforeAll(async () => {
    db = await databaseOn(store);
    connector = await startStandInConnector();
  });
  afterAll(async () => {
    await connector.close();
    await db.close();
  });

  describe("startScheduler", () => {
    it("sweeps on SWEEP_CRON, then sends what the sweep queued", async () => {
      const sam = await addPerson(db.prisma, connector.url, "sam.owner@example.org");
      await addItem(db.prisma, { ownerId: sam.personId, originalTarget: "2025-06-30" });
      const config = loadConfig({ DATABASE_URL: db.url, SWEEP_CRON: "* * * * * *" });
      const dispatcher = outboxDispatcher({
        store: db.prisma,
        adapter: createAdapter(config),
        botAppId: "",
        logger,
        ratePerSecond: 50,
        ratePerConversation: 7,
      });
      const stop = startScheduler({
        config,
        prisma: db.prisma,
        logger,
        dispatcher,
        now: () => new Date("2025-06-25T08:05:00Z"),
      });
      try {
        await connector.waitForSends(1, 5_000);
      } finally {
        await stop();
      }
      expect(connector.sent.map((s) => s.conversationId)).toEqual([sam.conversationId]);
      await new Promise((resolve) => setTimeout(resolve, 1_200));
      expect(connector.sent).toHaveLength(1);
    });

    it("abandons a run stuck past SWEEP_TIMEOUT_SECONDS, so later runs still sweep and queue reminders", async () => {
      const sam = await addPerson(db.prisma, connector.url, "sam.stuck@example.org");
      await addItem(db.prisma, { ownerId: sam.personId, originalTarget: "2025-06-30" });
      const pat = await addPerson(db.prisma, connector.url, "pat.later@example.org");
      // Sam's card is taken by the connector and never answered; the dispatcher would wait a minute for it.
      connector.holdNext(1);
      const config = loadConfig({ DATABASE_URL: db.url, SWEEP_CRON: "* * * * * *", SWEEP_TIMEOUT_SECONDS: "1" });
      const dispatcher = outboxDispatcher({
        store: db.prisma,
        adapter: createAdapter(config),
        botAppId: "",
        logger,
        ratePerSecond: 50,
        ratePerConversation: 7,
        sendTimeoutMs: 60_000,
      });
      const log = captureLog("error");
      const stop = startScheduler({
        config,
        prisma: db.prisma,
        logger: log.logger,
        dispatcher,
        now: () => new Date("2025-06-25T08:05:00Z"),
      });
      try {
        await until(() => Promise.resolve(connector.held() === 1), 5_000, "sam's card to be taken and held");
        await addItem(db.prisma, { ownerId: pat.personId, originalTarget: "2025-06-30" });
        // A later run sweeps while the first still waits on Teams: Pat's reminder is queued.
        await until(
          async () => (await db.prisma.outboundMessage.count({ where: { conversationId: pat.conversationId! } })) === 1,
          6_000,
          "a later run to queue Pat's reminder",
        );
      } finally {
        await stop();
        connector.releaseHeld();
      }
      expect(log.entries.map((e) => e.msg)).toContain(
        "a reminder sweep run went past SWEEP_TIMEOUT_SECONDS: abandoned, the next run may start",
      );
      // Once the connector answers again, everything queued goes out.
      await dispatcher.drainUntilIdle(2_000);
      expect(connector.sent.map((s) => s.conversationId)).toEqual(
        expect.arrayContaining([sam.conversationId, pat.conversationId]),
      );
    }, 30_000);

    it("refuses a SWEEP_CRON that is not a cron expression", () => {
      const config = loadConfig({ DATABASE_URL: db.url, SWEEP_CRON: "every five minutes" });
      const dispatcher = { drainOnce: () => Promise.resolve(undefined) };
      expect(() => startScheduler({ config, prisma: db.prisma, logger, dispatcher })).toThrow(
        'SWEEP_CRON "every five minutes" is not a cron expression',
      );
    });
  });
});
