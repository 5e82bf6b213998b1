/** node-cron runs the sweep and then the dispatcher; stopping it waits for a run in progress. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAdapter } from "../../src/bot/create-bot.js";
import { loadConfig } from "../../src/config.js";
import { createLogger } from "../../src/logger.js";
import { startScheduler } from "../../src/scheduler/start-scheduler.js";
import { addItem, addPerson } from "../support/reminder-fixtures.js";
import { startStandInConnector, type StandInConnector } from "../support/stand-in-connector.js";
import { STORES, storeDatabases } from "../support/stores.js";
import type { TestDatabase } from "../support/test-database.js";
import { outboxDispatcher } from "../support/outbox-dispatcher.js";

let db: TestDatabase;
let connector: StandInConnector;
const logger = createLogger("silent");

const databaseOn = storeDatabases();

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

    it("refuses a SWEEP_CRON that is not a cron expression", () => {
      const config = loadConfig({ DATABASE_URL: db.url, SWEEP_CRON: "every five minutes" });
      const dispatcher = { drainOnce: () => Promise.resolve(undefined) };
      expect(() => startScheduler({ config, prisma: db.prisma, logger, dispatcher })).toThrow(
        'SWEEP_CRON "every five minutes" is not a cron expression',
      );
    });
  });
});
