/**
 * The response clock on the real sweep, on SQLite and PostgreSQL: a scrutiny recommendation waiting for the
 * Cabinet's response is reminded on the working days before its due day, chased and escalated after it, each
 * reminder once through the outbox to the stand-in connector, with cards that say the Cabinet's response is
 * due; once the response is given the clock stops and the item runs to its implementation target.
 * Instants are UTC: 09:00 London is 09:00Z in winter, 08:00Z in summer.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAdapter } from "../../src/bot/create-bot.js";
import { loadConfig } from "../../src/config.js";
import { DEFAULT_REMINDER_POLICY as policy } from "../../src/domain/reminders/reminder-policy.js";
import { createLogger } from "../../src/logger.js";
import { planItemReminders } from "../../src/services/reminders/plan-reminders.js";
import { sendDueReminders } from "../../src/services/reminders/sweep/send-due-reminders.js";
import { outboxDispatcher } from "../support/outbox-dispatcher.js";
import { addItem, addPerson, realSweepClocks, type OwnerFixture } from "../support/reminder-fixtures.js";
import { startStandInConnector, type StandInConnector } from "../support/stand-in-connector.js";
import { STORES, storeDatabases } from "../support/stores.js";
import type { TestDatabase } from "../support/test-database.js";

const logger = createLogger("silent");
const adapter = createAdapter(loadConfig({ DATABASE_URL: "file:./unused.db" }));
const at = (iso: string) => new Date(iso);
const databaseOn = storeDatabases();
const SENT_TO_EXECUTIVE_AT = at("2025-09-12T10:00:00Z");

let connector: StandInConnector;
let db: TestDatabase;

function sweep(now: Date) {
  return sendDueReminders({ prisma: db.prisma, policy, logger, improvementTeamAdmins: [], ...realSweepClocks }, now);
}

async function deliver() {
  await outboxDispatcher({
    store: db.prisma,
    adapter,
    botAppId: "",
    logger,
    ratePerSecond: 200,
    ratePerConversation: 50,
    backoffBaseMs: 20,
  }).drainUntilIdle(5_000);
}

function cardsTo(conversationId: string | null): string[] {
  return connector.sent
    .filter((s) => s.conversationId === conversationId)
    .map((s) => JSON.stringify(s.activity.attachments?.[0]?.content));
}

/** A scrutiny recommendation sent to the executive on 11 Sep 2025, its response due Tue 11 Nov 2025. */
async function awaitingRecommendation(owner: OwnerFixture): Promise<number> {
  const id = await addItem(db.prisma, {
    ownerId: owner.personId,
    originalTarget: "2026-09-30",
    progress: "not_started",
    reviewTitle: "Scrutiny review of home to school transport",
    ref: "Scrutiny Rec 1",
  });
  await db.prisma.review.updateMany({
    where: { title: "Scrutiny review of home to school transport" },
    data: { source: "scrutiny" },
  });
  await db.prisma.item.update({
    where: { id },
    data: { sentToExecutive: "2025-09-11", executiveResponse: "awaiting", responseDue: "2025-11-11" },
  });
  return id;
}

describe.each(STORES)("on %s", (store) => {
  beforeAll(async () => {
    connector = await startStandInConnector();
    db = await databaseOn(store);
  });
  afterAll(async () => {
    await db?.close();
    await connector?.close();
  });

  it("reminds before the due day on working days, chases and escalates after it, each once, and stops when the response is given", async () => {
    const lead = await addPerson(db.prisma, connector.url, "cyps.lead@example.org", { name: "CYPS Lead" });
    await db.prisma.directorate.update({ where: { id: "CYPS" }, data: { leadEmail: "cyps.lead@example.org" } });
    const owner = await addPerson(db.prisma, connector.url, "report.author@example.org", { name: "Report Author" });
    const itemId = await awaitingRecommendation(owner);
    await planItemReminders(db.prisma, "all", SENT_TO_EXECUTIVE_AT, policy);

    // Follow the stored plan as the scheduler does, sweeping twice at each instant (the second finds nothing).
    const sentOn: [string, string][] = [];
    for (let step = 0; step < 12; step += 1) {
      const item = await db.prisma.item.findUniqueOrThrow({ where: { id: itemId } });
      if (!item.nextReminderAt || item.nextReminderAt > at("2025-11-26T00:00:00Z")) break;
      const report = await sweep(item.nextReminderAt);
      const again = await sweep(item.nextReminderAt);
      expect(again.totals.reminders + again.totals.escalations).toBe(0);
      const day = item.nextReminderAt.toISOString().slice(0, 10);
      for (const o of report.owners) for (const i of o.items) sentOn.push([i.reminder, day]);
      for (const e of report.escalations) for (const i of e.items) sentOn.push([i.reminder, day]);
    }
    // 20, 10 and 3 working days before Tue 11 Nov, on the day, a week after, and 10 working days after.
    expect(sentOn).toEqual([
      ["response_before_20", "2025-10-14"],
      ["response_before_10", "2025-10-28"],
      ["response_before_3", "2025-11-06"],
      ["response_before_0", "2025-11-11"],
      ["response_overdue_1", "2025-11-18"],
      ["response_overdue_2", "2025-11-25"],
      ["response_escalation", "2025-11-25"],
    ]);

    await deliver();
    const ownerCards = cardsTo(owner.conversationId);
    expect(ownerCards).toHaveLength(6);
    expect(ownerCards[0]).toContain("Cabinet response due 11 November 2025 (in 20 working days)");
    expect(ownerCards[3]).toContain("Cabinet response due today, 11 November 2025");
    expect(ownerCards[4]).toContain("Cabinet response overdue: it was due 11 November 2025 (1 week ago)");
    const leadCards = cardsTo(lead.conversationId);
    expect(leadCards).toHaveLength(1);
    expect(leadCards[0]).toContain(
      "Escalated: Cabinet response due 11 November 2025 not yet given, 10 working days on",
    );
    const claims = await db.prisma.reminderClaim.findMany({ where: { itemId } });
    expect(claims.every((c) => c.targetDate === "2025-11-11" && c.kind.startsWith("response_"))).toBe(true);

    // The Cabinet accepts on 27 Nov: no more chasing; the item now runs to its implementation target.
    await db.prisma.item.update({
      where: { id: itemId },
      data: { executiveResponse: "accepted", responseDate: "2025-11-27" },
    });
    await planItemReminders(db.prisma, [itemId], at("2025-11-27T12:00:00Z"), policy);
    const after = await db.prisma.item.findUniqueOrThrow({ where: { id: itemId } });
    expect(after.nextReminderKind).toBe("before_20");
    expect(after.nextReminderAt!.toISOString().slice(0, 10)).toBe("2026-09-02");
    const quiet = await sweep(at("2025-12-02T09:00:00Z"));
    expect(quiet.totals.reminders + quiet.totals.escalations).toBe(0);
  });
});
