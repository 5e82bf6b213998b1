/**
 * The update-round commands through the real server: Bot Framework activities POSTed to /api/messages,
 * replies recorded by the stand-in connector, which also answers the member look-up that gives the
 * asker's email (and so their role).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addItem, addPerson } from "../support/reminder-fixtures.js";
import { channelMention, personalMessage } from "../support/bot-fixtures.js";
import { startBotServer, type RunningBot } from "../support/running-bot.js";
import { startStandInConnector, type StandInConnector } from "../support/stand-in-connector.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";

const TEAM = { id: "29:team-member", name: "Tess Team", email: "improvement.team@example.org", userPrincipalName: "improvement.team@example.org", aadObjectId: "aad-team-member" };
const OWNER = { id: "29:an-owner", name: "Sam Owner", email: "sam.owner@example.org", userPrincipalName: "sam.owner@example.org", aadObjectId: "aad-an-owner" };

let db: TestDatabase;
let connector: StandInConnector;
let bot: RunningBot;

beforeAll(async () => {
  db = await createTestDatabase();
  connector = await startStandInConnector();
  connector.members.set(TEAM.id, TEAM);
  connector.members.set(OWNER.id, OWNER);
  const sam = await addPerson(db.prisma, connector.url, OWNER.email, { name: OWNER.name });
  const kim = await addPerson(db.prisma, connector.url, "kim.owner@example.org");
  await addItem(db.prisma, { ownerId: sam.personId, originalTarget: "2024-03-31" });
  await addItem(db.prisma, { ownerId: kim.personId, originalTarget: "2024-06-30" });
  bot = await startBotServer(db.prisma, { IMPROVEMENT_TEAM_ADMINS: TEAM.email }, () => new Date("2024-01-09T10:00:00Z"));
});
afterAll(async () => {
  await bot.close();
  await connector.close();
  await db.close();
});

async function ask(text: string, as: typeof TEAM | typeof OWNER): Promise<string> {
  const before = connector.sent.length;
  const activity = personalMessage(text, { from: { id: as.id, name: as.name, aadObjectId: as.aadObjectId }, serviceUrl: connector.url });
  const response = await fetch(`${bot.url}/api/messages`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(activity) });
  expect(response.status).toBe(200);
  const reply = (await connector.waitForSends(before + 1))[before]!;
  return JSON.stringify(reply.activity);
}

describe("update round commands", () => {
  it("refuses someone outside the improvement team, and starts nothing", async () => {
    const reply = await ask("start update round January Audit Committee by 15 January", OWNER);
    expect(reply).toContain("Only the improvement team can run update rounds");
    expect(await db.prisma.updateRound.count()).toBe(0);
    expect(await ask("who is outstanding", OWNER)).toContain("Only the improvement team");
  });

  it("says what to fix when the deadline cannot be read, and starts nothing", async () => {
    expect(await ask("start update round January Audit Committee by the end of term", TEAM)).toContain("I could not read \\\"the end of term\\\" as a date");
    expect(await ask("start update round January Audit Committee by 5 January 2024", TEAM)).toContain("The deadline 5 Jan 2024 has already passed");
    expect(await db.prisma.updateRound.count()).toBe(0);
  });

  it("starts a round for the improvement team and queues one card per owner", async () => {
    const reply = await ask("start update round January Audit Committee by 15 January", TEAM);
    expect(reply).toContain("Update round started: January Audit Committee");
    expect(reply).toContain("2 owners of open items are asked for updates by 15 Jan 2024; 2 cards are on the way.");
    const round = await db.prisma.updateRound.findFirstOrThrow();
    expect(round).toMatchObject({ name: "January Audit Committee", deadline: "2024-01-15", startedBy: TEAM.email });
    expect(await db.prisma.outboundMessage.count({ where: { purpose: "round" } })).toBe(2);
  });

  it("answers how the round is going and who is outstanding", async () => {
    expect(await ask("how is the round going?", TEAM)).toContain("January Audit Committee: 0 of 2 owners have replied");
    expect(await ask("round status", TEAM)).toContain("0 of 2 owners have replied");
    const outstanding = await ask("who is outstanding?", TEAM);
    expect(outstanding).toContain("January Audit Committee: 2 outstanding");
    expect(outstanding).toContain("Sam Owner (sam.owner@example.org): 1 open item");
    expect(outstanding).toContain("kim.owner@example.org: 1 open item");
  });

  it("takes the command in a channel only when the bot is @mentioned", async () => {
    const before = connector.sent.length;
    const mention = channelMention("round status");
    const activity = { ...mention, from: { id: TEAM.id, name: TEAM.name, aadObjectId: TEAM.aadObjectId }, serviceUrl: connector.url };
    expect((await fetch(`${bot.url}/api/messages`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(activity) })).status).toBe(200);
    const reply = (await connector.waitForSends(before + 1))[before]!;
    expect(JSON.stringify(reply.activity)).toContain("0 of 2 owners have replied");
  });
});
