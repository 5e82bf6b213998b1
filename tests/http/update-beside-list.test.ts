/**
 * Pressing "Update" beside an item in "my actions" over HTTP: the list card stays in the chat untouched,
 * and the item's update card arrives as a new message. On SQLite and on PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cardAction, OWNER_AAD_ID, personalMessage, type TeamsActivity } from "../support/bot-fixtures.js";
import { createBotWorld, type BotWorld } from "../support/bot-world.js";
import { STORES } from "../support/stores.js";

const OWNER = { id: "29:owner", name: "Owner", aadObjectId: OWNER_AAD_ID };
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
});
