/**
 * Every route keeps a conversation the same way: the app installed in a personal chat (Teams' own
 * installationUpdate, without a membersAdded) is that person's chat, so a list of their own asked in a
 * channel reaches them there; and the bot removed from a chat posts nothing there again.
 * Real server, stand-in connector, real SQLite register.
 */
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importRegister } from "../../src/services/import-register.js";
import { MessagePurpose } from "../../src/services/outbox.js";
import { teamsActivity } from "../support/bot-fixtures.js";
import { startBotServer, type RunningBot } from "../support/running-bot.js";
import { startStandInConnector, type StandInConnector } from "../support/stand-in-connector.js";
import { createTestDatabase, FIXTURES, type TestDatabase } from "../support/test-database.js";

const DAN = { id: "29:dan", name: "Dan", aadObjectId: "aad-dan", email: "tenant.engagement@example.org" };
const PERSONAL_CHAT = "a:personal-Dan";

let db: TestDatabase;
let connector: StandInConnector;
let bot: RunningBot;

async function post(activity: Record<string, unknown>): Promise<string> {
  const before = connector.sent.length;
  const response = await fetch(`${bot.url}/api/messages`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(activity) });
  expect(response.status).toBeLessThan(300);
  return JSON.stringify(connector.sent.slice(before));
}

function installation(action: "add" | "remove"): Record<string, unknown> {
  const base = teamsActivity("personal-message");
  return {
    ...base, type: "installationUpdate", action, text: undefined, id: `install-${action}`, serviceUrl: connector.url,
    from: { id: DAN.id, name: DAN.name, aadObjectId: DAN.aadObjectId },
    conversation: { ...base.conversation, id: PERSONAL_CHAT },
  };
}

function askInChannel(text: string, id: string): Promise<string> {
  const base = teamsActivity("channel-mention");
  return post({ ...base, text: `<at>Recommendation tracker</at> ${text}`, id, serviceUrl: connector.url, from: { id: DAN.id, name: DAN.name, aadObjectId: DAN.aadObjectId } });
}

beforeAll(async () => {
  db = await createTestDatabase();
  await importRegister(db.prisma, { file: path.join(FIXTURES, "d0-register.csv"), dryRun: false, actor: "test", today: "2024-01-09", now: new Date() });
  await db.prisma.person.update({ where: { email: DAN.email }, data: { aadObjectId: DAN.aadObjectId } });
  connector = await startStandInConnector();
  bot = await startBotServer(db.prisma, { LOG_LEVEL: "error" });
});
afterAll(async () => {
  await bot?.close();
  await connector?.close();
  await db?.close();
});

describe("remembering conversations", () => {
  it("an app installed in a personal chat is that person's chat: \"my actions\" asked in a channel goes there", async () => {
    await post(installation("add"));
    const kept = await db.prisma.conversation.findUniqueOrThrow({ where: { conversationId: PERSONAL_CHAT }, include: { person: true } });
    expect(kept.person?.email).toBe(DAN.email);
    const channel = await askInChannel("my actions", "c-dan-1");
    expect(channel).toContain("I have sent your actions to your personal chat with me");
    const queued = await db.prisma.outboundMessage.findMany({ where: { purpose: MessagePurpose.answer } });
    expect(queued.map((m) => m.conversationId)).toEqual([PERSONAL_CHAT]);
  });

  it("removed from the chat, the bot forgets it: the next \"my actions\" says how to open a chat instead", async () => {
    await post(installation("remove"));
    expect(await db.prisma.conversation.count({ where: { conversationId: PERSONAL_CHAT } })).toBe(0);
    const channel = await askInChannel("my actions", "c-dan-2");
    expect(channel).toContain("You have no personal chat with me yet");
  });
});
