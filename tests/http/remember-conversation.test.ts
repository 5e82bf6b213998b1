/**
 * Every route keeps a conversation the same way: the app installed in a personal chat (Teams' own
 * installationUpdate, without a membersAdded) is that person's chat, so a list of their own asked in a
 * channel reaches them there; and the bot removed from a chat posts nothing there again.
 * Real server, stand-in connector, real register: the same tests on SQLite and on PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MessagePurpose } from "../../src/services/dispatch/outbox.js";
import { teamsActivity, type TeamsActivity } from "../support/bot-fixtures.js";
import { createBotWorld, type BotWorld } from "../support/bot-world.js";
import { STORES } from "../support/stores.js";

const DAN = { id: "29:dan", name: "Dan", aadObjectId: "aad-dan", email: "tenant.engagement@example.org" };
const PERSONAL_CHAT = "a:personal-Dan";

let world: BotWorld;

async function post(activity: TeamsActivity): Promise<string> {
  const before = world.connector.sent.length;
  const response = await world.post(activity);
  expect(response.status).toBeLessThan(300);
  return JSON.stringify(world.connector.sent.slice(before));
}

function installation(action: "add" | "remove"): TeamsActivity {
  const base = teamsActivity("personal-message");
  return {
    ...base,
    type: "installationUpdate",
    action,
    text: undefined,
    id: `install-${action}`,
    from: { id: DAN.id, name: DAN.name, aadObjectId: DAN.aadObjectId },
    conversation: { ...base.conversation, id: PERSONAL_CHAT },
  };
}

function askInChannel(text: string, id: string): Promise<string> {
  const base = teamsActivity("channel-mention");
  return post({
    ...base,
    text: `<at>Recommendation tracker</at> ${text}`,
    id,
    from: { id: DAN.id, name: DAN.name, aadObjectId: DAN.aadObjectId },
  });
}

describe.each(STORES)("on %s", (store) => {
  beforeAll(async () => {
    world = await createBotWorld({ store, register: "d0", server: true, users: [DAN], env: { LOG_LEVEL: "error" } });
  });
  afterAll(async () => {
    await world?.close();
  });

  describe("remembering conversations", () => {
    it('an app installed in a personal chat is that person\'s chat: "my actions" asked in a channel goes there', async () => {
      await post(installation("add"));
      const kept = await world.prisma.conversation.findUniqueOrThrow({
        where: { conversationId: PERSONAL_CHAT },
        include: { person: true },
      });
      expect(kept.person?.email).toBe(DAN.email);
      const channel = await askInChannel("my actions", "c-dan-1");
      expect(channel).toContain("I have sent your actions to your personal chat with me");
      const queued = await world.prisma.outboundMessage.findMany({ where: { purpose: MessagePurpose.answer } });
      expect(queued.map((m) => m.conversationId)).toEqual([PERSONAL_CHAT]);
    });

    it('removed from the chat, the bot forgets it: the next "my actions" says how to open a chat instead', async () => {
      await post(installation("remove"));
      expect(await world.prisma.conversation.count({ where: { conversationId: PERSONAL_CHAT } })).toBe(0);
      const channel = await askInChannel("my actions", "c-dan-2");
      expect(channel).toContain("You have no personal chat with me yet");
    });
  });
});
