/**
 * The moment between Teams accepting a reminder card and the outbox recording it. Recording is one step:
 * the message sent and its reminders delivered together, or neither. When that step does not happen (here
 * the database refuses it; in life the instance dies there), the message is still held under its lease, so
 * it goes again once the lease runs out: the owner gets the card twice, and nothing is lost. Teams offers no
 * idempotency key for proactive messages, so that second card cannot be refused on Teams' side
 * (docs/running-for-a-council.md, "Two or more instances"). On both stores.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createAdapter } from "../../src/bot/create-bot.js";
import { loadConfig } from "../../src/config.js";
import { DEFAULT_REMINDER_POLICY as policy } from "../../src/domain/reminders/reminder-policy.js";
import { createLogger } from "../../src/logger.js";
import { sendDueReminders } from "../../src/services/reminders/sweep/send-due-reminders.js";
import { outboxDispatcher } from "../support/outbox-dispatcher.js";
import { addItem, addPerson, realSweepClocks } from "../support/reminder-fixtures.js";
import { startStandInConnector, type StandInConnector } from "../support/stand-in-connector.js";
import { STORES, storeDatabases } from "../support/stores.js";
import type { TestDatabase } from "../support/test-database.js";

const NOW = "2025-06-25T08:05:00Z";
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
afterEach(async () => {
  await db.close();
});

/** Makes the database refuse any change to a reminder claim, as a connection lost at that moment would. */
async function refuseClaimChanges(store: string): Promise<() => Promise<void>> {
  if (store === "sqlite") {
    await db.prisma.$executeRawUnsafe(
      `CREATE TRIGGER "refuse_claim_change" BEFORE UPDATE ON "ReminderClaim" BEGIN SELECT RAISE(ABORT, 'connection lost'); END`,
    );
    return async () => void (await db.prisma.$executeRawUnsafe(`DROP TRIGGER "refuse_claim_change"`));
  }
  await db.prisma.$executeRawUnsafe(
    `CREATE FUNCTION "refuse_claim_change"() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'connection lost'; END $$`,
  );
  await db.prisma.$executeRawUnsafe(
    `CREATE TRIGGER "refuse_claim_change" BEFORE UPDATE ON "ReminderClaim" FOR EACH ROW EXECUTE FUNCTION "refuse_claim_change"()`,
  );
  return async () => void (await db.prisma.$executeRawUnsafe(`DROP TRIGGER "refuse_claim_change" ON "ReminderClaim"`));
}

describe.each(STORES)("a card Teams accepted but the outbox could not record, on %s", (store) => {
  beforeEach(async () => {
    db = await databaseOn(store);
    connector.sent.length = 0;
  });

  it("is neither sent nor delivered until recorded, and goes again once its lease runs out: twice, never lost", async () => {
    const owner = await addPerson(db.prisma, connector.url, "owner@example.org");
    await addItem(db.prisma, { ownerId: owner.personId, originalTarget: "2025-06-30" });
    const sweep = await sendDueReminders(
      { prisma: db.prisma, policy, logger, improvementTeamAdmins: [], ...realSweepClocks },
      new Date(NOW),
    );
    expect(sweep.totals.cards_queued).toBe(1);
    const allowChanges = await refuseClaimChanges(store);
    const options = { store: db.prisma, adapter, botAppId: "", logger, ratePerSecond: 50, ratePerConversation: 7 };

    await expect(outboxDispatcher(options).drainOnce()).rejects.toThrow();
    expect(connector.sent).toHaveLength(1);
    // Not half recorded: a message marked sent whose reminders stayed queued would never be settled.
    expect(await db.prisma.outboundMessage.findMany({ select: { status: true } })).toEqual([{ status: "sending" }]);
    expect(await db.prisma.reminderClaim.findMany({ select: { status: true } })).toEqual([{ status: "queued" }]);

    await allowChanges();
    // A minute on (the longest lease), another dispatcher takes the message back and sends it again.
    const aMinuteOn = outboxDispatcher({ ...options, clock: () => Date.now() + 61_000 });
    expect(await aMinuteOn.drainOnce()).toMatchObject({ sent: 1 });
    expect(connector.sent.map((s) => s.conversationId)).toEqual([owner.conversationId, owner.conversationId]);
    expect(await db.prisma.outboundMessage.findMany({ select: { status: true } })).toEqual([{ status: "sent" }]);
    expect(await db.prisma.reminderClaim.findMany({ select: { status: true } })).toEqual([{ status: "delivered" }]);
  }, 60_000);
});
