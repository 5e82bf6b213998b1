/**
 * Pressing "Update" beside an item in "my actions" over HTTP: the list card stays in the chat untouched,
 * and the item's update card arrives as a new message.
 */
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importRegister } from "../../src/services/import-register.js";
import { createTestDatabase, FIXTURES, type TestDatabase } from "../support/test-database.js";
import { startStandInConnector, type StandInConnector } from "../support/stand-in-connector.js";
import { startBotServer, type RunningBot } from "../support/running-bot.js";
import { personalMessage, teamsActivity, OWNER_AAD_ID } from "../support/bot-fixtures.js";

const OWNER = { id: "29:owner", name: "Owner", aadObjectId: OWNER_AAD_ID };
let db: TestDatabase;
let connector: StandInConnector;
let bot: RunningBot;

beforeAll(async () => {
  db = await createTestDatabase();
  await importRegister(db.prisma, { file: path.join(FIXTURES, "d0-register.csv"), dryRun: false, actor: "test", today: "2024-01-09", now: new Date() });
  const item = await db.prisma.item.findFirstOrThrow({ where: { text: { contains: "care leavers" } } });
  await db.prisma.person.update({ where: { id: item.ownerId! }, data: { aadObjectId: OWNER_AAD_ID } });
  connector = await startStandInConnector();
  bot = await startBotServer(db.prisma, {});
});
afterAll(async () => {
  await bot.close();
  await connector.close();
  await db.close();
});

async function post(activity: Record<string, unknown>): Promise<Response> {
  return fetch(`${bot.url}/api/messages`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ ...activity, serviceUrl: connector.url }) });
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
    const before = connector.sent.length;
    await post(personalMessage("my actions", { from: OWNER }));
    const list = (await connector.waitForSends(before + 1))[before]!;
    const listCard = list.activity.attachments![0]!.content;
    const update = actionsIn(listCard).find((a) => a.title?.startsWith("Update "));
    expect(update, "the list offers Update beside the owner's item").toBeDefined();

    const sentBefore = connector.sent.length;
    const updatedBefore = connector.updated.length;
    const invoke = { ...teamsActivity("card-action-more"), from: OWNER, value: { action: { type: "Action.Execute", verb: update!.verb, data: update!.data }, trigger: "manual" } };
    const response = await post(invoke);
    const body = (await response.json()) as { statusCode: number; type: string; value: unknown };
    // A message response leaves the pressed card as it is; a card response would replace the list.
    expect(body.type).toBe("application/vnd.microsoft.activity.message");
    expect(String(body.value)).toContain("list stays");
    const itemMessage = (await connector.waitForSends(sentBefore + 1))[sentBefore]!;
    const itemCard = JSON.stringify(itemMessage.activity.attachments![0]!.content);
    expect(itemCard).toContain("care leavers");
    expect(itemCard).toContain('"verb":"item.update"');
    expect(connector.updated.length).toBe(updatedBefore);
  });
});
