/**
 * The reminder template with real data: the cards a sweep and a round actually queue are taken from the
 * outbox and rendered by Microsoft's adaptivecards renderer in headless Chromium (no parse or validation
 * messages; screenshots in test-artifacts/cards/).
 */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CardVerb } from "../../src/cards/verbs.js";
import { DEFAULT_REMINDER_POLICY as policy } from "../../src/domain/reminders/reminder-policy.js";
import { createLogger } from "../../src/logger.js";
import { sendDueReminders } from "../../src/services/reminders/sweep/send-due-reminders.js";
import { startUpdateRound } from "../../src/services/updates/update-rounds.js";
import { CardRenderer } from "../support/card-renderer.js";
import { chromiumAvailable } from "../support/chromium.js";
import { addChannel, addItem, addPerson, realSweepClocks } from "../support/reminder-fixtures.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";

const TEMPLATE = JSON.parse(readFileSync(new URL("../../src/cards/templates/reminder.json", import.meta.url), "utf8"));
const logger = createLogger("silent");
let db: TestDatabase;
let renderer: CardRenderer | undefined;
const cards = new Map<string, Record<string, unknown>>();

beforeAll(async () => {
  db = await createTestDatabase();
  const url = "http://127.0.0.1:9/";
  await addPerson(db.prisma, url, "improvement.team@example.org");
  const lead = await addPerson(db.prisma, url, "cyps.lead@example.org");
  await db.prisma.directorate.update({
    where: { id: "CYPS" },
    data: { leadEmail: lead.email, leadershipConversationId: await addChannel(db.prisma, url, "19:dlt@thread.tacv2") },
  });
  const sam = await addPerson(db.prisma, url, "sam.owner@example.org", { name: "Sam Owner" });
  await addPerson(db.prisma, url, "no.chat@example.org", { chat: false });
  await addItem(db.prisma, {
    ownerId: sam.personId,
    originalTarget: "2025-06-30",
    reviewTitle: "Joint Area SEND Inspection",
    ref: "Recommendation 3",
    latestUpdate: "Written Statement of Action agreed; ${not a binding} quality assurance framework in place.",
  });
  await addItem(db.prisma, {
    ownerId: sam.personId,
    originalTarget: "2025-03-31",
    revisedTarget: "2025-06-11",
    reviewTitle: "ILACS",
    ref: "Area for improvement 2",
  });
  await addItem(db.prisma, {
    ownerId: (await db.prisma.person.findUniqueOrThrow({ where: { email: "no.chat@example.org" } })).id,
    originalTarget: "2025-06-25",
  });
  await sendDueReminders(
    { prisma: db.prisma, policy, logger, improvementTeamAdmins: ["improvement.team@example.org"], ...realSweepClocks },
    new Date("2025-06-25T08:05:00Z"),
  );
  await startUpdateRound(
    { prisma: db.prisma, logger, policy },
    { name: "January Audit Committee", deadline: "2025-12-15", startedBy: "x", now: new Date("2025-12-01T10:00:00Z") },
  );
  for (const message of await db.prisma.outboundMessage.findMany({ orderBy: { id: "asc" } })) {
    const payload = JSON.parse(message.payload) as { attachments: { content: Record<string, unknown> }[] };
    const name = `${message.purpose}-${message.conversationId.startsWith("19:") ? "channel" : "personal"}`;
    if (!cards.has(name)) cards.set(name, payload.attachments[0]!.content);
  }
  if (chromiumAvailable()) renderer = await CardRenderer.start();
}, 60_000);
afterAll(async () => {
  await renderer?.close();
  await db.close();
});

describe("the reminder template", () => {
  it("is an Adaptive Card 1.5 for the Designer, with fallback text, and uses only verbs the bot defines", () => {
    expect(TEMPLATE).toMatchObject({
      $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
      type: "AdaptiveCard",
      version: "1.5",
      fallbackText: "${fallbackText}",
    });
    const verbs = [...JSON.stringify(TEMPLATE).matchAll(/"verb":"([^"]+)"/g)].map((m) => m[1]);
    expect(verbs).toEqual([CardVerb.itemOpenBesideList]);
  });

  it("was queued for the owner, the lead, the channel, the improvement team and the round", () => {
    expect([...cards.keys()].sort()).toEqual([
      "escalation-channel",
      "escalation-personal",
      "reminder-personal",
      "round-personal",
      "unreachable_report-personal",
    ]);
    for (const card of cards.values()) {
      expect(JSON.stringify(card)).not.toContain("${");
      expect(card).toMatchObject({ type: "AdaptiveCard", version: "1.5" });
    }
  });
});

describe("reminder cards render cleanly in the official renderer", () => {
  it.each([
    "reminder-personal",
    "escalation-personal",
    "escalation-channel",
    "round-personal",
    "unreachable_report-personal",
  ])("%s", async (name) => {
    const rendered = await renderer!.render(cards.get(name)!, `reminder-${name}`);
    expect(rendered.problems).toEqual([]);
    expect(rendered.text.length).toBeGreaterThan(40);
  });

  it("the owner's card shows each item's status, why it is listed, its target and last update, and an Update button", async () => {
    const rendered = await renderer!.render(cards.get("reminder-personal")!, "reminder-owner-content");
    expect(rendered.text).toContain("2 of your actions need an update");
    expect(rendered.text).toContain("In progress and partly delayed");
    expect(rendered.text).toContain("Overdue: the target was 11 Jun 2025 (2 weeks ago)");
    expect(rendered.text).toContain("11 Jun 2025 (revised from 31 Mar 2025)");
    expect(rendered.text).toContain("Due in 3 working days (target 30 Jun 2025)");
    expect(rendered.text).toContain("${not a binding}");
    // The renderer lists an ActionSet's actions once for the set and once for the card.
    expect([...new Set(rendered.actions)]).toEqual(["Update Area for improvement 2", "Update Recommendation 3"]);
  });
});
