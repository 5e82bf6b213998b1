/**
 * An Ombudsman public report's response clock on the real import and sweep, on SQLite and PostgreSQL: the
 * import sets the response due three months after the decision (31 Jul -> 31 Oct, a month end kept), the
 * remedy's owner is reminded on the working days before it, chased and the directorate's lead told after it,
 * each reminder once through the outbox to the stand-in connector, with cards that say the response to the
 * Ombudsman is due; a later import giving response_date stops the clock, and the remedy runs to its target.
 * Instants are UTC: 09:00 London is 08:00Z until 26 Oct 2025, 09:00Z after.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAdapter } from "../../src/bot/create-bot.js";
import { loadConfig } from "../../src/config.js";
import { DEFAULT_REMINDER_POLICY as policy } from "../../src/domain/reminders/reminder-policy.js";
import { createLogger } from "../../src/logger.js";
import { importRegister } from "../../src/services/imports/import-register.js";
import { planItemReminders } from "../../src/services/reminders/plan-reminders.js";
import { sendDueReminders } from "../../src/services/reminders/sweep/send-due-reminders.js";
import { outboxDispatcher } from "../support/outbox-dispatcher.js";
import { addPerson, realSweepClocks } from "../support/reminder-fixtures.js";
import { startStandInConnector, type StandInConnector } from "../support/stand-in-connector.js";
import { STORES, storeDatabases } from "../support/stores.js";
import type { TestDatabase } from "../support/test-database.js";

const logger = createLogger("silent");
const adapter = createAdapter(loadConfig({ DATABASE_URL: "file:./unused.db" }));
const at = (iso: string) => new Date(iso);
const databaseOn = storeDatabases();

const HEADER =
  "source,directorate,review_title,review_body,item_ref,item_text,owner_email,original_target,progress,case_ref,decision_date,remedy_kind,public_report,response_date";
const DECISION = "ombudsman,CYPS,LGSCO public report 25 003 118,Local Government and Social Care Ombudsman";
const REMEDY = `Remedy 2,Review how short breaks decisions are recorded and train staff,remedy.owner@example.org,2026-03-31,in_progress,25 003 118,2025-07-31,service_improvement,yes`;

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

async function importRows(name: string, responseDate: string, now: Date) {
  const file = path.join(db.dir, name);
  writeFileSync(file, [HEADER, `${DECISION},${REMEDY},${responseDate}`].join("\n"));
  return importRegister(db.prisma, { file, dryRun: false, actor: "test", today: now.toISOString().slice(0, 10), now });
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

  it("reminds of a public report's response on the working days before it, chases and escalates once each, and stops when response_date is imported", async () => {
    const lead = await addPerson(db.prisma, connector.url, "cyps.lead@example.org", { name: "CYPS Lead" });
    await db.prisma.directorate.update({ where: { id: "CYPS" }, data: { leadEmail: "cyps.lead@example.org" } });
    const owner = await addPerson(db.prisma, connector.url, "remedy.owner@example.org", { name: "Remedy Owner" });
    const imported = await importRows("decision.csv", "", at("2025-08-04T10:00:00Z"));
    expect(imported.errors).toEqual([]);
    const remedy = await db.prisma.item.findFirstOrThrow({ where: { caseRef: "25 003 118" } });
    // 31 July is July's last day: three months on is October's last.
    expect([remedy.responseDue, remedy.responseDate, remedy.ownerId]).toEqual(["2025-10-31", null, owner.personId]);
    await planItemReminders(db.prisma, "all", at("2025-08-04T12:00:00Z"), policy);

    // Follow the stored plan as the scheduler does, sweeping twice at each instant (the second finds nothing).
    const sentOn: [string, string][] = [];
    for (let step = 0; step < 12; step += 1) {
      const item = await db.prisma.item.findUniqueOrThrow({ where: { id: remedy.id } });
      if (!item.nextReminderAt || item.nextReminderAt > at("2025-11-15T00:00:00Z")) break;
      const report = await sweep(item.nextReminderAt);
      const again = await sweep(item.nextReminderAt);
      expect(again.totals.reminders + again.totals.escalations).toBe(0);
      const day = item.nextReminderAt.toISOString().slice(0, 10);
      for (const o of report.owners) for (const i of o.items) sentOn.push([i.reminder, day]);
      for (const e of report.escalations) for (const i of e.items) sentOn.push([i.reminder, day]);
    }
    // 20, 10 and 3 working days before Fri 31 Oct, on the day, a week after, and 10 working days after.
    expect(sentOn).toEqual([
      ["response_before_20", "2025-10-03"],
      ["response_before_10", "2025-10-17"],
      ["response_before_3", "2025-10-28"],
      ["response_before_0", "2025-10-31"],
      ["response_overdue_1", "2025-11-07"],
      ["response_overdue_2", "2025-11-14"],
      ["response_escalation", "2025-11-14"],
    ]);

    await deliver();
    const ownerCards = cardsTo(owner.conversationId);
    expect(ownerCards).toHaveLength(6);
    expect(ownerCards[0]).toContain("Response to the Ombudsman due 31 October 2025 (in 20 working days)");
    expect(ownerCards[3]).toContain("Response to the Ombudsman due today, 31 October 2025");
    expect(ownerCards[4]).toContain("Response to the Ombudsman overdue: it was due 31 October 2025 (1 week ago)");
    const leadCards = cardsTo(lead.conversationId);
    expect(leadCards).toHaveLength(1);
    expect(leadCards[0]).toContain("Escalated: Response to the Ombudsman due 31 October 2025 not yet given");
    const claims = await db.prisma.reminderClaim.findMany({ where: { itemId: remedy.id } });
    expect(claims).toHaveLength(7);
    expect(claims.every((c) => c.targetDate === "2025-10-31" && c.kind.startsWith("response_"))).toBe(true);

    // The council's response goes to the Ombudsman on 17 Nov and the register's file says so: the chasing stops.
    const answered = await importRows("responded.csv", "2025-11-17", at("2025-11-18T10:00:00Z"));
    expect(answered.errors).toEqual([]);
    expect(answered.changes).toEqual([
      expect.objectContaining({
        action: "updated",
        before: { response_date: null },
        after: { response_date: "2025-11-17" },
      }),
    ]);
    await planItemReminders(db.prisma, [remedy.id], at("2025-11-18T12:00:00Z"), policy);
    const after = await db.prisma.item.findUniqueOrThrow({ where: { id: remedy.id } });
    // Now the remedy runs to its own target, Tue 31 Mar 2026: 20 working days before is Tue 3 Mar.
    expect(after.nextReminderKind).toBe("before_20");
    expect(after.nextReminderAt!.toISOString().slice(0, 10)).toBe("2026-03-03");
    const quiet = await sweep(at("2025-11-21T09:00:00Z"));
    expect(quiet.totals.reminders + quiet.totals.escalations).toBe(0);
    await deliver();
    expect(cardsTo(owner.conversationId)).toHaveLength(6);
  });
});
