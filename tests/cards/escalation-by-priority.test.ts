/**
 * The escalation card a directorate's lead gets under a per-priority reminder policy, as the real sweep
 * queues it, rendered by Microsoft's adaptivecards renderer in headless Chromium (screenshots in
 * test-artifacts/cards/): it states the working days and chasing of the escalated items' own priority.
 * Policy: high items chased weekly and escalated after 5 working days, low ones chased fortnightly, the rest
 * the default (weekly, 10 working days). Every item's target is Monday 2 June 2025.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { createLogger } from "../../src/logger.js";
import { reminderPolicyFromConfig } from "../../src/services/reminders/policy-from-config.js";
import { sendDueReminders } from "../../src/services/reminders/sweep/send-due-reminders.js";
import { CardRenderer } from "../support/card-renderer.js";
import { addItem, addPerson, realSweepClocks } from "../support/reminder-fixtures.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";

const policy = reminderPolicyFromConfig(
  loadConfig({
    DATABASE_URL: "file:./unused.db",
    REMINDER_PRIORITY_POLICY:
      '{"high":{"overdueEveryDays":7,"escalateAfterWorkingDays":5},"low":{"overdueEveryDays":14}}',
  }),
);
let db: TestDatabase;
let renderer: CardRenderer;
/** The lead's escalation card from the sweep on each day: the high item on the 9th, the others on the 16th. */
const cards = new Map<string, object>();

beforeAll(async () => {
  db = await createTestDatabase();
  const url = "http://127.0.0.1:9/";
  const lead = await addPerson(db.prisma, url, "cyps.lead@example.org");
  await db.prisma.directorate.update({ where: { id: "CYPS" }, data: { leadEmail: lead.email } });
  const owner = await addPerson(db.prisma, url, "sam.owner@example.org", { name: "Sam Owner" });
  for (const [ref, priority] of [
    ["Recommendation 1", "high"],
    ["Recommendation 2", null],
    ["Recommendation 3", "low"],
  ] as const) {
    const id = await addItem(db.prisma, {
      ownerId: owner.personId,
      originalTarget: "2025-06-02",
      reviewTitle: "Joint Area SEND Inspection",
      ref,
    });
    await db.prisma.item.update({ where: { id }, data: { priority } });
  }
  const seen: number[] = [];
  for (const day of ["2025-06-09", "2025-06-16"]) {
    await sendDueReminders(
      { prisma: db.prisma, policy, logger: createLogger("silent"), improvementTeamAdmins: [], ...realSweepClocks },
      new Date(`${day}T08:05:00Z`),
    );
    const [message, ...more] = await db.prisma.outboundMessage.findMany({
      where: { purpose: "escalation", conversationId: lead.conversationId!, id: { notIn: seen } },
    });
    expect(more).toEqual([]);
    seen.push(message!.id);
    cards.set(day, (JSON.parse(message!.payload) as { attachments: { content: object }[] }).attachments[0]!.content);
  }
  renderer = await CardRenderer.start();
}, 60_000);
afterAll(async () => {
  await renderer?.close();
  await db?.close();
});

describe("the lead's escalation card under a per-priority policy", () => {
  it("for a high item escalated after 5 working days, says 5 working days and weekly reminders, not the default 10", async () => {
    const rendered = await renderer.render(cards.get("2025-06-09")!, "escalation-high-priority");
    expect(rendered.problems).toEqual([]);
    expect(rendered.text).toContain(
      "This item is 5 or more working days past target and its owner has not updated it since, despite weekly reminders. Please follow up with the owner.",
    );
    expect(rendered.text).toContain("Escalated: 5 working days past its target 2 Jun 2025 with no update since");
    expect(rendered.text).not.toContain("10 or more");
  });

  it("for items of different priorities escalated together, states each item's own working days and chasing", async () => {
    const rendered = await renderer.render(cards.get("2025-06-16")!, "escalation-mixed-priorities");
    expect(rendered.problems).toEqual([]);
    expect(rendered.text).toContain("These items are past target and their owners have not updated them since");
    expect(rendered.text).not.toContain("or more working days past target");
    expect(rendered.text).toContain(
      "No priority: escalated when 10 working days past target with no update, despite weekly reminders",
    );
    expect(rendered.text).toContain(
      "Low priority: escalated when 10 working days past target with no update, despite fortnightly reminders",
    );
    expect(rendered.text).not.toContain("Recommendation 1");
  });
});
