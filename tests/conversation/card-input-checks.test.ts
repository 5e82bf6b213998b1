/**
 * Card data is bounded and typed, through the real teams-ai Application with TestAdapter on a real
 * SQLite register: wrong types and over-long text come back on the card with a message by the field
 * (never a crash), an update that changes nothing records nothing, and a submission id counts only for
 * its own item and person, after the permission check.
 */
import path from "node:path";
import { TestAdapter, type Activity } from "botbuilder";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createBot } from "../../src/bot/create-bot.js";
import { CardVerb } from "../../src/cards/verbs.js";
import { loadConfig } from "../../src/config.js";
import { createLogger } from "../../src/logger.js";
import { importRegister } from "../../src/services/import-register.js";
import { RegisterSnapshots } from "../../src/services/register-snapshots.js";
import { createTestDatabase, FIXTURES, type TestDatabase } from "../support/test-database.js";
import { teamsActivity, OWNER_AAD_ID } from "../support/bot-fixtures.js";

const ADMIN = { id: "29:admin", name: "Improvement Team", aadObjectId: "aad-admin" };
const OWNER = { id: "29:owner", name: "Sam Owner", aadObjectId: OWNER_AAD_ID };
const COLLEAGUE = { id: "29:colleague", name: "Someone Else", aadObjectId: "aad-colleague" };
type Card = { body: unknown[]; actions?: { verb?: string; data?: Record<string, string> }[] };
let db: TestDatabase;
let itemId: number;
let reviewId: number;
let adapter: TestAdapter;

beforeAll(async () => {
  db = await createTestDatabase();
  await importRegister(db.prisma, { file: path.join(FIXTURES, "d0-register.csv"), dryRun: false, actor: "test", today: "2024-01-09", now: new Date() });
  const item = await db.prisma.item.findFirstOrThrow({ where: { text: { contains: "'Front Door'" } } });
  itemId = item.id;
  reviewId = item.reviewId;
  await db.prisma.person.update({ where: { id: item.ownerId! }, data: { aadObjectId: OWNER_AAD_ID } });
  await db.prisma.person.create({ data: { email: "improvement@example.org", aadObjectId: ADMIN.aadObjectId } });
  await db.prisma.person.create({ data: { email: "someone.else@example.org", aadObjectId: COLLEAGUE.aadObjectId } });
  const config = loadConfig({ DATABASE_URL: db.url, IMPROVEMENT_TEAM_ADMINS: "improvement@example.org" });
  const bot = createBot({ config, prisma: db.prisma, snapshots: new RegisterSnapshots(db.prisma, 0), logger: createLogger("silent"), now: () => new Date("2024-01-09T10:00:00Z") });
  adapter = new TestAdapter(async (context) => {
    await bot.app.run(context);
  });
});
afterAll(async () => {
  await db.close();
});
beforeEach(() => {
  adapter.activeQueue.splice(0);
});

/** Sends an Action.Execute invoke as Teams does; the card must come back in a 200 invoke response. */
async function execute(verb: string, data: unknown, from = OWNER): Promise<string> {
  const invoke = teamsActivity("card-action-more", { from, id: `i-${Math.random()}` });
  invoke.value = { action: { type: "Action.Execute", verb, data }, trigger: "manual" };
  await adapter.send(invoke as Partial<Activity>).startTest();
  const replies = adapter.activeQueue.splice(0);
  const body = (replies.find((a) => a.type === "invokeResponse")?.value as { body?: { statusCode: number; value: Card } })?.body;
  expect(body?.statusCode, JSON.stringify(replies.filter((r) => r.type === "message").map((r) => r.text))).toBe(200);
  expect(replies.filter((r) => r.type === "message")).toEqual([]); // no "Sorry" beside the card
  return JSON.stringify(body!.value);
}

async function saveData(from = OWNER): Promise<Record<string, string>> {
  const card = JSON.parse(await execute(CardVerb.itemOpen, { itemId: String(itemId) }, from)) as Card;
  return card.actions!.find((a) => a.verb === CardVerb.itemUpdate)!.data!;
}

async function itemState() {
  const item = await db.prisma.item.findUniqueOrThrow({ where: { id: itemId } });
  return {
    version: item.version,
    updates: await db.prisma.progressUpdate.count({ where: { itemId } }),
    history: await db.prisma.auditEntry.count({ where: { entityType: "item", entityId: itemId } }),
  };
}

describe("wrong types come back on the card, never a crash", () => {
  it.each([
    ["a number for the narrative", { narrative: 123 }, "The progress update must be text."],
    ["an array for the reason", { revisedTarget: "Dec-26", revisionReason: ["moved"] }, "The reason for the new date must be text."],
    ["an object for the evidence link", { progress: "complete", evidenceUrl: { href: "https://x.example" } }, "The evidence link must be text."],
    ["a number for progress", { progress: 2 }, "Progress must be text."],
    ["an array for the delegate", { delegateEmail: ["a@example.org"] }, "The delegate's email must be text."],
  ])("the update card: %s", async (_name, fields, expected) => {
    const before = await itemState();
    const card = await execute(CardVerb.itemUpdate, { ...(await saveData()), ...fields });
    expect(card).toContain("Not saved yet: fix the fields marked below.");
    expect(card).toContain(expected);
    expect(await itemState()).toEqual(before);
  });

  it("card ids that are not ids get a clear word", async () => {
    expect(await execute(CardVerb.itemOpen, { itemId: { id: 1 } })).toContain("That card is missing its item");
    expect(await execute(CardVerb.itemRefresh, { itemId: [itemId] })).toContain("That card is missing its item");
    expect(await execute(CardVerb.itemUpdate, { ...(await saveData()), version: [1] })).toContain("That card is incomplete");
    expect(await execute(CardVerb.itemVerify, { itemId: String(itemId), version: { v: 1 } }, ADMIN)).toContain("That card is incomplete");
    expect(await execute(CardVerb.answerMore, { question: ["what's delayed?"], offset: "5" })).toContain("That card is incomplete");
  });

  it("a returned completion's comment must be text", async () => {
    expect(await execute(CardVerb.itemReturn, { itemId: String(itemId), version: "1", comment: { text: "no" } }, ADMIN)).toContain("The comment must be text.");
  });

  it("the data-entry forms come back with the message", async () => {
    const reviews = await db.prisma.review.count();
    const reviewForm = await execute(CardVerb.reviewCreate, { directorate: "CYPS", review_title: 42, confidential: "false" }, ADMIN);
    expect(reviewForm).toContain("The title must be text.");
    expect(reviewForm).toContain(CardVerb.reviewCreate);
    expect(await db.prisma.review.count()).toBe(reviews);
    const items = await db.prisma.item.count();
    const itemForm = await execute(CardVerb.itemCreate, { reviewId: String(reviewId), item_ref: "Rec 99", item_text: ["x"] }, ADMIN);
    expect(itemForm).toContain("The wording must be text.");
    expect(itemForm).toContain(CardVerb.itemCreate);
    expect(await db.prisma.item.count()).toBe(items);
  });
});

describe("text is bounded", () => {
  it.each([
    ["narrative", { narrative: "n".repeat(4001) }, "under 4,000 characters (it is 4,001)"],
    ["reason", { revisedTarget: "Dec-26", revisionReason: "r".repeat(1001) }, "under 1,000 characters (it is 1,001)"],
    ["evidence link", { progress: "complete", evidenceUrl: `https://example.org/${"u".repeat(2030)}` }, "under 2,048 characters (it is 2,050)"],
    ["delegate", { delegateEmail: `${"d".repeat(310)}@example.org` }, "under 320 characters (it is 322)"],
  ])("an over-long %s is refused by its field and nothing is saved", async (_name, fields, expected) => {
    const before = await itemState();
    const card = await execute(CardVerb.itemUpdate, { ...(await saveData()), ...fields });
    expect(card).toContain(expected);
    expect(await itemState()).toEqual(before);
  });

  it("text at the limit is accepted", async () => {
    const card = await execute(CardVerb.itemUpdate, { ...(await saveData()), narrative: "n".repeat(4000), revisedTarget: "Dec-26", revisionReason: "r".repeat(1000) });
    expect(card).toContain("Saved.");
  });
});

describe("an update that changes nothing records nothing", () => {
  it("says so, with no version bump and no history entry", async () => {
    const item = await db.prisma.item.findUniqueOrThrow({ where: { id: itemId } });
    const before = await itemState();
    const card = await execute(CardVerb.itemUpdate, { ...(await saveData()), progress: item.progress, narrative: item.latestUpdate ?? "", revisedTarget: item.revisedTargetRaw ?? "" });
    expect(card).toContain("Nothing changed");
    expect(await itemState()).toEqual(before);
  });
});

describe("submission ids count per item and per person, after permission", () => {
  it("someone who may not edit, replaying the owner's submission id, is refused, not told it is saved", async () => {
    const data = await saveData();
    expect(await execute(CardVerb.itemUpdate, { ...data, narrative: "Owner's own update" })).toContain("Saved.");
    const card = await execute(CardVerb.itemUpdate, { ...data, narrative: "Replayed" }, COLLEAGUE);
    expect(card).toContain("only the owner, their delegate, the directorate's lead or the improvement team can update this item");
    expect(card).not.toContain("Already saved");
  });

  it("the same id from another person is their own submission; from the same person it is saved once", async () => {
    const data = await saveData();
    expect(await execute(CardVerb.itemUpdate, { ...data, narrative: "First from the owner" })).toContain("Saved.");
    expect(await execute(CardVerb.itemUpdate, { ...data, narrative: "First from the owner" })).toContain("Already saved");
    const fresh = await saveData(ADMIN);
    const before = await itemState();
    expect(await execute(CardVerb.itemUpdate, { ...fresh, submissionId: data.submissionId, narrative: "Checked by the team" }, ADMIN)).toContain("Saved.");
    expect((await itemState()).updates).toBe(before.updates + 1);
    const latest = await db.prisma.progressUpdate.findFirstOrThrow({ where: { itemId }, orderBy: { id: "desc" } });
    expect(latest).toMatchObject({ actor: "improvement@example.org", narrative: "Checked by the team", submissionId: data.submissionId });
  });
});
