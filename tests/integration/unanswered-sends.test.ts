/**
 * A Bot Connector that stops answering mid-dispatch (it takes the requests and never responds, as a
 * half-open connection does) and then recovers, with the dispatcher wired as `npm start` wires it (the bot's
 * adapter, SEND_TIMEOUT_SECONDS from the settings) on real SQLite and PostgreSQL: every reminder still goes
 * out within seconds, the unanswered sends tried again (Teams may have had them twice), nothing left "sending".
 * Without a deadline the four unanswered sends held their drain, and renewed their leases, for ever.
 */
import { randomUUID } from "node:crypto";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createBot } from "../../src/bot/create-bot.js";
import { createTeamsDelivery } from "../../src/bot/teams-delivery.js";
import { loadConfig } from "../../src/config.js";
import { DEFAULT_REMINDER_POLICY as policy } from "../../src/domain/reminders/reminder-policy.js";
import { createLogger } from "../../src/logger.js";
import { OutboxDispatcher, sendRatesFromConfig } from "../../src/services/dispatch/dispatch-outbox.js";
import { RegisterSnapshots } from "../../src/services/register/register-snapshots.js";
import { sendDueReminders } from "../../src/services/reminders/sweep/send-due-reminders.js";
import { addItem, addPerson, realSweepClocks, type OwnerFixture } from "../support/reminder-fixtures.js";
import { startStandInConnector, type StandInConnector } from "../support/stand-in-connector.js";
import { STORES, storeDatabases } from "../support/stores.js";
import type { TestDatabase } from "../support/test-database.js";

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
    connector.sendTimes.length = 0;
  });
  afterEach(async () => {
    connector.releaseHeld();
    await db.close();
  });

  /** The dispatcher as `npm start` builds it, with a one-second send timeout and short backoffs. */
  function dispatcherWithSendTimeout(): OutboxDispatcher {
    const config = loadConfig({ DATABASE_URL: db.url, SEND_TIMEOUT_SECONDS: "1" });
    const bot = createBot({
      config,
      prisma: db.prisma,
      snapshots: new RegisterSnapshots(db.prisma),
      logger,
      now: () => new Date(),
    });
    return new OutboxDispatcher({
      store: db.prisma,
      port: createTeamsDelivery(config, bot.adapter),
      logger,
      ...sendRatesFromConfig(config),
      clock: Date.now,
      jitter: Math.random,
      leaseToken: randomUUID(),
      pollMs: 20,
      backoffBaseMs: 50,
      backoffMaxMs: 500,
    });
  }

  async function ownersWithOneReminderDue(count: number): Promise<OwnerFixture[]> {
    const owners: OwnerFixture[] = [];
    for (let i = 0; i < count; i += 1) {
      const owner = await addPerson(db.prisma, connector.url, `owner${i}@example.org`);
      await addItem(db.prisma, { ownerId: owner.personId, originalTarget: "2025-06-25" });
      owners.push(owner);
    }
    return owners;
  }

  async function until(condition: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(await condition())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await sleep(25);
    }
  }

  it("four sends never answered mid-dispatch: every reminder still delivered within seconds, only sends whose answer did not come in time sent again", async () => {
    const owners = await ownersWithOneReminderDue(40);
    // A few sends go through, then four requests are taken and never answered; later ones are answered again.
    connector.holdAfter(5, 4);
    const dispatcher = dispatcherWithSendTimeout();
    const stopDispatching = dispatcher.start();
    const started = Date.now();
    try {
      const sweep = await sendDueReminders(
        { prisma: db.prisma, policy, logger, improvementTeamAdmins: [], ...realSweepClocks },
        new Date(NOW),
      );
      expect(sweep.totals.cards_queued).toBe(40);
      await until(
        async () => (await db.prisma.outboundMessage.count({ where: { status: { not: "sent" } } })) === 0,
        20_000,
        "every reminder to be sent",
      );
    } finally {
      await stopDispatching();
    }
    expect(Date.now() - started).toBeLessThan(20_000);
    // The connection did stop answering: four requests are still open, never answered.
    expect(connector.held()).toBe(4);
    // Every owner's card was accepted; a card accepted twice is one whose first answer did not come in time
    // (the four held, and any a loaded machine answered too late), never another.
    const accepted = connector.sent.map((s) => s.conversationId);
    expect(new Set(accepted)).toEqual(new Set(owners.map((o) => o.conversationId)));
    const messages = await db.prisma.outboundMessage.findMany();
    const triedAgain = messages.filter((m) => m.attempts > 1);
    expect(triedAgain.length).toBeGreaterThanOrEqual(4);
    const twice = accepted.filter((id, i) => accepted.indexOf(id) !== i);
    const triedAgainTo = new Set(triedAgain.map((m) => m.conversationId));
    expect(twice.filter((id) => !triedAgainTo.has(id))).toEqual([]);
    // Every request that reached the connector was a counted try: none went unrecorded.
    expect(connector.sendTimes).toHaveLength(messages.reduce((sum, m) => sum + m.attempts, 0));
    const claims = await db.prisma.reminderClaim.findMany();
    expect(claims.filter((c) => c.status !== "delivered")).toEqual([]);
    // Nothing is left claimed by a lease.
    expect(await db.prisma.outboundMessage.count({ where: { leaseToken: { not: null } } })).toBe(0);
  }, 30_000);
});
