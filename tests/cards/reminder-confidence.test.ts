/**
 * The reminder sent before the target asks whether it will be met (the update form's confidence choice);
 * an overdue item's reminder does not, since the status already shows the delay. Real sweep, real outbox,
 * the card rendered by Microsoft's adaptivecards renderer.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_REMINDER_POLICY as policy } from "../../src/domain/reminders/reminder-policy.js";
import { createLogger } from "../../src/logger.js";
import { sendDueReminders } from "../../src/services/reminders/sweep/send-due-reminders.js";
import { CardRenderer } from "../support/card-renderer.js";
import { addItem, addPerson, realSweepClocks } from "../support/reminder-fixtures.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";

const QUESTION = "Will the target be met? Press Update and say: on track, at risk or will miss the date.";
let db: TestDatabase;
let renderer: CardRenderer;
let card: Record<string, unknown>;

beforeAll(async () => {
  db = await createTestDatabase();
  const url = "http://127.0.0.1:9/";
  await addPerson(db.prisma, url, "improvement.team@example.org");
  const sam = await addPerson(db.prisma, url, "sam.owner@example.org", { name: "Sam Owner" });
  await addItem(db.prisma, {
    ownerId: sam.personId,
    originalTarget: "2025-06-30",
    reviewTitle: "Joint Area SEND Inspection",
    ref: "Recommendation 3",
  });
  await addItem(db.prisma, {
    ownerId: sam.personId,
    originalTarget: "2025-03-31",
    revisedTarget: "2025-06-11",
    reviewTitle: "ILACS",
    ref: "Area for improvement 2",
  });
  await sendDueReminders(
    {
      prisma: db.prisma,
      policy,
      logger: createLogger("silent"),
      improvementTeamAdmins: ["improvement.team@example.org"],
      ...realSweepClocks,
    },
    new Date("2025-06-25T08:05:00Z"),
  );
  const message = await db.prisma.outboundMessage.findFirstOrThrow({ where: { purpose: "reminder" } });
  card = (JSON.parse(message.payload) as { attachments: { content: Record<string, unknown> }[] }).attachments[0]!
    .content;
  renderer = await CardRenderer.start();
}, 60_000);
afterAll(async () => {
  await renderer?.close();
  await db?.close();
});

describe("the reminder before the target", () => {
  it("asks the owner whether the target will be met, under the item still ahead of its target only", async () => {
    const rendered = await renderer.render(card, "reminder-asks-confidence");
    expect(rendered.problems).toEqual([]);
    expect(rendered.text.split(QUESTION).length - 1).toBe(1);
    const ahead = rendered.text.indexOf("Due in 3 working days (target 30 Jun 2025)");
    const overdue = rendered.text.indexOf("Overdue: the target was 11 Jun 2025");
    const asked = rendered.text.indexOf(QUESTION);
    // Items are listed overdue first; the question sits with the one still ahead.
    expect(overdue).toBeLessThan(ahead);
    expect(asked).toBeGreaterThan(ahead);
  });
});
