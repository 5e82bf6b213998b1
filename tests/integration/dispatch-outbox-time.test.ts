/**
 * The outbox dispatcher reads no clock and draws no random number of its own: the clock, the jitter and
 * the instant a message is queued are given, so a test decides when a throttled or failing message comes
 * back. Real SQLite file and PostgreSQL database, the bot's real delivery port, the stand-in connector.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createAdapter } from "../../src/bot/create-bot.js";
import { loadConfig } from "../../src/config.js";
import { createLogger } from "../../src/logger.js";
import { enqueueMessage, enqueueMessages, MessagePurpose } from "../../src/services/dispatch/outbox.js";
import { outboxDispatcher, type TestDispatcherOptions } from "../support/outbox-dispatcher.js";
import { addPerson, type OwnerFixture } from "../support/reminder-fixtures.js";
import { startStandInConnector, type StandInConnector } from "../support/stand-in-connector.js";
import { STORES, storeDatabases } from "../support/stores.js";
import type { TestDatabase } from "../support/test-database.js";

const logger = createLogger("silent");
const adapter = createAdapter(loadConfig({ DATABASE_URL: "file:./unused.db" }));
/** Far from the machine's own clock, so an instant read from it could not pass for this one. */
const T = Date.parse("2031-03-03T10:00:00Z");
let connector: StandInConnector;
let db: TestDatabase;
let owner: OwnerFixture;

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
    owner = await addPerson(db.prisma, connector.url, "owner@example.org");
  });
  afterEach(async () => {
    await db.close();
  });

  /** A dispatcher whose clock stands still at `at`: each one sends at most once, so its pacing never waits. */
  function dispatcherAt(at: number, options: Partial<TestDispatcherOptions> = {}) {
    return outboxDispatcher({
      store: db.prisma,
      adapter,
      botAppId: "",
      logger,
      ratePerSecond: 100,
      ratePerConversation: 20,
      clock: () => at,
      jitter: () => 0,
      ...options,
    });
  }

  const activity = (text: string) => ({ type: "message", text });
  const onlyMessage = () => db.prisma.outboundMessage.findFirstOrThrow();

  describe("time in the outbox dispatcher", () => {
    it("a throttled message comes back when Teams said, by the dispatcher's clock and jitter", async () => {
      await enqueueMessage(
        db.prisma,
        { conversationId: owner.conversationId!, purpose: MessagePurpose.reminder, activity: activity("hello") },
        new Date(T),
      );
      connector.failNext(1, 429, 1);
      expect(await dispatcherAt(T).drainOnce()).toMatchObject({ sent: 0, retried: 1 });
      expect(await onlyMessage()).toMatchObject({ status: "queued", attempts: 1, notBefore: new Date(T + 1_000) });

      expect(await dispatcherAt(T + 999).drainOnce()).toMatchObject({ sent: 0, retried: 0 });
      expect(await dispatcherAt(T + 1_000).drainOnce()).toMatchObject({ sent: 1 });
      expect(await onlyMessage()).toMatchObject({ status: "sent", attempts: 2, sentAt: new Date(T + 1_000) });
      expect(connector.sent.map((s) => s.activity.text)).toEqual(["hello"]);
    });

    it("without Retry-After, the backoff spreads by the jitter given", async () => {
      await enqueueMessage(
        db.prisma,
        { conversationId: owner.conversationId!, purpose: MessagePurpose.reminder, activity: activity("hello") },
        new Date(T),
      );
      connector.failNext(1, 502);
      // First retry: between 1 and 2 seconds (half to all of the 2 s base); a draw of 0.5 is 1.5 s.
      expect(await dispatcherAt(T, { jitter: () => 0.5, backoffBaseMs: 2_000 }).drainOnce()).toMatchObject({
        retried: 1,
      });
      expect(await onlyMessage()).toMatchObject({ status: "queued", notBefore: new Date(T + 1_500) });
      expect((await onlyMessage()).lastError).toContain("502");
    });

    it("a message is due from the instant it was queued, one at a time or many at once", async () => {
      const queuedAt = new Date(T + 60_000);
      await enqueueMessage(
        db.prisma,
        { conversationId: owner.conversationId!, purpose: MessagePurpose.reminder, activity: activity("one") },
        queuedAt,
      );
      await enqueueMessages(
        db.prisma,
        [
          {
            conversationId: owner.conversationId!,
            purpose: MessagePurpose.reminder,
            activity: activity("two"),
            dedupeKey: "two",
          },
        ],
        queuedAt,
      );
      expect(await dispatcherAt(T + 59_999).drainOnce()).toMatchObject({ sent: 0 });
      expect(connector.sent).toHaveLength(0);
      // Two sends: this clock runs (from the instant given), so the pacing between them passes.
      const started = Date.now();
      const running = dispatcherAt(T + 60_000, { clock: () => T + 60_000 + (Date.now() - started) });
      expect(await running.drainOnce(new Date(T + 60_000))).toMatchObject({ sent: 2 });
      expect(connector.sent.map((s) => s.activity.text)).toEqual(["one", "two"]);
    });
  });
});
