/**
 * Escalations under a per-priority reminder policy (REMINDER_PRIORITY_POLICY), through the real sweep on a
 * real register on each store: each item is escalated to the directorate's lead on its own priority's day, and the
 * card queued for the lead states that item's working days and chasing, never the default policy's.
 * Policy: high items chased weekly and escalated after 5 working days; low items chased fortnightly; the rest
 * (and low's escalation) the default, 10 working days. Every item's target is Monday 2 June 2025.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { createLogger } from "../../src/logger.js";
import { reminderPolicyFromConfig } from "../../src/services/reminders/policy-from-config.js";
import { sendDueReminders } from "../../src/services/reminders/sweep/send-due-reminders.js";
import { addItem, addPerson, realSweepClocks } from "../support/reminder-fixtures.js";
import { STORES, storeDatabases } from "../support/stores.js";
import type { TestDatabase } from "../support/test-database.js";

const PRIORITY_POLICY = '{"high":{"overdueEveryDays":7,"escalateAfterWorkingDays":5},"low":{"overdueEveryDays":14}}';
const policy = reminderPolicyFromConfig(
  loadConfig({ DATABASE_URL: "file:./unused.db", REMINDER_PRIORITY_POLICY: PRIORITY_POLICY }),
);
const logger = createLogger("silent");
let db: TestDatabase;
let leadConversation: string;

const databaseOn = storeDatabases();

describe.each(STORES)("on %s", (store) => {
  beforeAll(async () => {
    db = await databaseOn(store);
    const url = "http://127.0.0.1:9/";
    const lead = await addPerson(db.prisma, url, "cyps.lead@example.org");
    leadConversation = lead.conversationId!;
    await db.prisma.directorate.update({ where: { id: "CYPS" }, data: { leadEmail: lead.email } });
    const owner = await addPerson(db.prisma, url, "sam.owner@example.org");
    for (const [ref, priority] of [
      ["High item", "high"],
      ["Plain item", null],
      ["Low item", "low"],
    ] as const) {
      const id = await addItem(db.prisma, { ownerId: owner.personId, originalTarget: "2025-06-02", ref });
      await db.prisma.item.update({ where: { id }, data: { priority } });
    }
  });
  afterAll(async () => {
    await db?.close();
  });

  /** One sweep at 09:05 London on `day`; the escalation cards it queued for the lead, as JSON text. */
  async function sweepEscalations(day: string): Promise<string[]> {
    const last = await db.prisma.outboundMessage.findFirst({ orderBy: { id: "desc" }, select: { id: true } });
    await sendDueReminders(
      { prisma: db.prisma, policy, logger, improvementTeamAdmins: [], ...realSweepClocks },
      new Date(`${day}T08:05:00Z`),
    );
    const queued = await db.prisma.outboundMessage.findMany({
      where: { purpose: "escalation", conversationId: leadConversation, id: { gt: last?.id ?? 0 } },
      orderBy: { id: "asc" },
    });
    return queued.map((m) => m.payload);
  }

  describe("escalation by priority", () => {
    it("a high item is escalated 5 working days after its target, and its card says 5 working days and weekly chasing", async () => {
      expect(await sweepEscalations("2025-06-06"), "4 working days after the target: nothing yet").toEqual([]);
      const [card, ...more] = await sweepEscalations("2025-06-09");
      expect(more).toEqual([]);
      expect(card).toContain("Escalation: 1 Children and Young People");
      expect(card).toContain("High item");
      expect(card).not.toContain("Plain item");
      expect(card).not.toContain("Low item");
      expect(card).toContain(
        "This item is 5 or more working days past target and its owner has not updated it since, despite weekly reminders.",
      );
      expect(card).not.toContain("10 or more");
    });

    it("the default and low items go 10 working days after it, together, each stating its own chasing", async () => {
      expect(await sweepEscalations("2025-06-13"), "9 working days after the target: nothing yet").toEqual([]);
      const [card, ...more] = await sweepEscalations("2025-06-16");
      expect(more).toEqual([]);
      expect(card).toContain("Escalation: 2 Children and Young People");
      expect(card).not.toContain("High item");
      expect(card).toContain(
        "These items are past target and their owners have not updated them since, each as long as its priority allows before escalation",
      );
      expect(card).toContain(
        "Escalated: 10 working days past its target 2 Jun 2025 with no update since. No priority: escalated when 10 working days past target with no update, despite weekly reminders",
      );
      expect(card).toContain(
        "Low priority: escalated when 10 working days past target with no update, despite fortnightly reminders",
      );
    });
  });
});
