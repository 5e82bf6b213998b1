/**
 * Pressing "Update" beside an item in "my actions", or in a reminder card the sweep sent, over HTTP: the
 * list or reminder stays in the chat untouched, and the item's update card arrives as a new message. On
 * SQLite and on PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cardAction, OWNER_AAD_ID, personalMessage, type TeamsActivity } from "../support/bot-fixtures.js";
import { loadConfig } from "../../src/config.js";
import { createLogger } from "../../src/logger.js";
import { reminderPolicyFromConfig } from "../../src/services/reminders/policy-from-config.js";
import { sendDueReminders } from "../../src/services/reminders/sweep/send-due-reminders.js";
import { createBotWorld, type BotWorld } from "../support/bot-world.js";
import { addItem, conversationReference } from "../support/reminder-fixtures.js";
import { STORES } from "../support/stores.js";

const OWNER = { id: "29:owner", name: "Owner", aadObjectId: OWNER_AAD_ID };
const REMINDED = { id: "29:reminded", name: "Reminded", aadObjectId: "aad-reminded" };
let world: BotWorld;

describe.each(STORES)("on %s", (store) => {
  beforeAll(async () => {
    world = await createBotWorld({ store, register: "d0", server: true });
    await world.linkOwnerOf("care leavers", OWNER);
  });
  afterAll(async () => {
    await world?.close();
  });

  function post(activity: TeamsActivity): Promise<Response> {
    return world.post(activity);
  }

  type Action = { type: string; verb?: string; title?: string; data?: Record<string, string> };
  function actionsIn(node: unknown): Action[] {
    if (Array.isArray(node)) return node.flatMap(actionsIn);
    if (!node || typeof node !== "object") return [];
    const record = node as Record<string, unknown>;
    const own = record.type === "Action.Execute" ? [record as unknown as Action] : [];
    return [...own, ...Object.values(record).flatMap(actionsIn)];
  }

  describe("Update beside an item in my actions", () => {
    it("keeps the list and sends the item's card as a new message", async () => {
      const before = world.connector.sent.length;
      await post(personalMessage("my actions", { from: OWNER }));
      const list = (await world.connector.waitForSends(before + 1))[before]!;
      const listCard = list.activity.attachments![0]!.content;
      const update = actionsIn(listCard).find((a) => a.title?.startsWith("Update "));
      expect(update, "the list offers Update beside the owner's item").toBeDefined();

      const sentBefore = world.connector.sent.length;
      const updatedBefore = world.connector.updated.length;
      const response = await post(cardAction(update!.verb!, update!.data, { from: OWNER }));
      const body = (await response.json()) as { statusCode: number; type: string; value: unknown };
      // A message response leaves the pressed card as it is; a card response would replace the list.
      expect(body.type).toBe("application/vnd.microsoft.activity.message");
      expect(String(body.value)).toContain("list stays");
      const itemMessage = (await world.connector.waitForSends(sentBefore + 1))[sentBefore]!;
      const itemCard = JSON.stringify(itemMessage.activity.attachments![0]!.content);
      expect(itemCard).toContain("care leavers");
      expect(itemCard).toContain('"verb":"item.update"');
      expect(world.connector.updated.length).toBe(updatedBefore);
    });
  });

  describe("Update on a reminder card", () => {
    it("keeps the reminder, with its other items, and sends the item's card as a new message", async () => {
      // An owner with a personal chat and two items due on 9 January: one reminder card lists both.
      const owner = await world.prisma.person.create({
        data: { email: "reminded.owner@example.org", aadObjectId: REMINDED.aadObjectId },
      });
      await world.prisma.conversation.create({
        data: {
          conversationId: "a:chat-reminded",
          kind: "personal",
          reference: JSON.stringify(conversationReference(world.connector.url, "a:chat-reminded")),
          personId: owner.id,
        },
      });
      for (const [ref, originalTarget] of [
        ["Recommendation 1", "2024-01-09"],
        ["Recommendation 2", "2024-01-12"],
      ] as const)
        await addItem(world.prisma, { ownerId: owner.id, originalTarget, ref, reviewTitle: "Reminded review" });
      const report = await sendDueReminders(
        {
          prisma: world.prisma,
          policy: reminderPolicyFromConfig(loadConfig({})),
          logger: createLogger("silent"),
          improvementTeamAdmins: [],
          monotonicClock: () => performance.now(),
          newLeaseToken: () => `lease-${Math.random()}`,
        },
        world.clock.now(),
      );
      expect(report.totals.cards_queued).toBe(1);
      const queued = await world.prisma.outboundMessage.findFirstOrThrow({
        where: { purpose: "reminder", personId: owner.id },
      });
      const reminderCard = (JSON.parse(queued.payload) as { attachments: { content: unknown }[] }).attachments[0]!
        .content;
      const updates = actionsIn(reminderCard).filter((a) => a.title?.startsWith("Update"));
      expect(updates, "the reminder offers Update beside each of its items").toHaveLength(2);
      const update = updates[0];

      const sentBefore = world.connector.sent.length;
      const updatedBefore = world.connector.updated.length;
      const response = await post(
        cardAction(update!.verb!, update!.data, {
          from: REMINDED,
          conversation: { conversationType: "personal", id: "a:chat-reminded" },
        }),
      );
      const body = (await response.json()) as { type: string; value: unknown };
      // A card response would take the reminder's place; a message response leaves it as it is.
      expect(body.type).toBe("application/vnd.microsoft.activity.message");
      const itemMessage = (await world.connector.waitForSends(sentBefore + 1))[sentBefore]!;
      const itemCard = JSON.stringify(itemMessage.activity.attachments![0]!.content);
      expect(itemCard).toContain("Reminded review");
      expect(itemCard).toContain('"verb":"item.update"');
      expect(world.connector.updated.length).toBe(updatedBefore);
    });
  });
});
