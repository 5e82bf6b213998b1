/**
 * A completion submitted by a member of the improvement team, over HTTP against the real server: by
 * default it stands and the card says it was verified by the submitter as improvement team; with
 * REQUIRE_SECOND_VERIFIER=true it waits, and only another member may approve it.
 */
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importRegister } from "../../src/services/import-register.js";
import { createTestDatabase, FIXTURES, type TestDatabase } from "../support/test-database.js";
import { startStandInConnector, type StandInConnector } from "../support/stand-in-connector.js";
import { startBotServer, type RunningBot } from "../support/running-bot.js";
import { teamsActivity } from "../support/bot-fixtures.js";

type Card = { actions?: { verb?: string; data?: Record<string, string> }[] };
const ADMIN = { id: "29:admin", name: "Admin", aadObjectId: "aad-admin" };
const SECOND = { id: "29:second", name: "Second", aadObjectId: "aad-second" };
const TEAM = "improvement@example.org,second@example.org";
let db: TestDatabase;
let connector: StandInConnector;
let defaultBot: RunningBot;
let strictBot: RunningBot;

beforeAll(async () => {
  db = await createTestDatabase();
  await importRegister(db.prisma, { file: path.join(FIXTURES, "d0-register.csv"), dryRun: false, actor: "test", today: "2024-01-09", now: new Date() });
  await db.prisma.person.create({ data: { email: "improvement@example.org", aadObjectId: ADMIN.aadObjectId } });
  await db.prisma.person.create({ data: { email: "second@example.org", aadObjectId: SECOND.aadObjectId } });
  connector = await startStandInConnector();
  defaultBot = await startBotServer(db.prisma, { IMPROVEMENT_TEAM_ADMINS: TEAM, LOG_LEVEL: "error" });
  strictBot = await startBotServer(db.prisma, { IMPROVEMENT_TEAM_ADMINS: TEAM, REQUIRE_SECOND_VERIFIER: "true", LOG_LEVEL: "error" });
});
afterAll(async () => {
  await defaultBot.close();
  await strictBot.close();
  await connector.close();
  await db.close();
});

async function execute(bot: RunningBot, verb: string, data: Record<string, unknown>, from = ADMIN): Promise<{ card: Card; text: string }> {
  const invoke = { ...teamsActivity("card-action-more"), from, serviceUrl: connector.url, value: { action: { type: "Action.Execute", verb, data }, trigger: "manual" } };
  const response = await fetch(`${bot.url}/api/messages`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(invoke) });
  const body = JSON.parse(await response.text()) as { value: Card };
  return { card: body.value, text: JSON.stringify(body.value) };
}

async function openItem(text: string): Promise<number> {
  return (await db.prisma.item.findFirstOrThrow({ where: { text: { contains: text }, progress: { not: "complete" } } })).id;
}

async function complete(bot: RunningBot, itemId: number) {
  const opened = await execute(bot, "item.open", { itemId: String(itemId) });
  const data = opened.card.actions!.find((a) => a.verb === "item.update")!.data!;
  return execute(bot, "item.update", { ...data, progress: "complete", narrative: "Done and evidenced", evidenceUrl: "https://example.org/evidence", completedOn: "2024-01-05" });
}

describe("a completion by the improvement team", () => {
  it("by default closes the item, and the card says it was verified by the submitter as improvement team", async () => {
    const itemId = await openItem("care leavers");
    const saved = await complete(defaultBot, itemId);
    expect(saved.text).toContain("Saved and closed: verified by the submitter (you) as improvement team.");
    expect(await db.prisma.item.findUniqueOrThrow({ where: { id: itemId } })).toMatchObject({ progress: "complete", verification: "none", completedOn: "2024-01-05" });
    // The card's history keeps saying so for everyone who opens it later.
    expect((await execute(defaultBot, "item.open", { itemId: String(itemId) }, SECOND)).text).toContain("closed it, verified by the submitter as improvement team");
  });

  it("with REQUIRE_SECOND_VERIFIER it waits, the submitter cannot approve it, and another member can", async () => {
    const item = await db.prisma.item.findFirstOrThrow({ where: { progress: "in_progress", verification: "none", review: { confidential: false } } });
    const saved = await complete(strictBot, item.id);
    expect(saved.text).toContain("will verify the completion");
    const waiting = await db.prisma.item.findUniqueOrThrow({ where: { id: item.id } });
    expect(waiting).toMatchObject({ progress: "in_progress", verification: "awaiting" });
    const own = await execute(strictBot, "item.verify", { itemId: String(item.id), version: String(waiting.version) });
    expect(own.text).toContain("You submitted this completion, so another member of the improvement team must verify it.");
    expect(await db.prisma.item.findUniqueOrThrow({ where: { id: item.id } })).toMatchObject({ verification: "awaiting", version: waiting.version });
    expect((await execute(strictBot, "item.verify", { itemId: String(item.id), version: String(waiting.version) }, SECOND)).text).toContain("Approved");
    expect(await db.prisma.item.findUniqueOrThrow({ where: { id: item.id } })).toMatchObject({ progress: "complete", verification: "none" });
  });
});
