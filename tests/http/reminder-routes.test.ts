/**
 * The update-round commands through the real server: Bot Framework activities POSTed to /api/messages,
 * replies recorded by the stand-in connector, which also answers the member look-up that gives the
 * asker's email (and so their role). The same tests on SQLite and on PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { channelMention, personalMessage } from "../support/bot-fixtures.js";
import { createBotWorld, type BotWorld } from "../support/bot-world.js";
import { STORES } from "../support/stores.js";
import { addItem, addPerson } from "../support/reminder-fixtures.js";

const TEAM = {
  id: "29:team-member",
  name: "Tess Team",
  email: "improvement.team@example.org",
  userPrincipalName: "improvement.team@example.org",
  aadObjectId: "aad-team-member",
};
const OWNER = {
  id: "29:an-owner",
  name: "Sam Owner",
  email: "sam.owner@example.org",
  userPrincipalName: "sam.owner@example.org",
  aadObjectId: "aad-an-owner",
};

let world: BotWorld;

describe.each(STORES)("on %s", (store) => {
  beforeAll(async () => {
    world = await createBotWorld({ store, server: true, env: { IMPROVEMENT_TEAM_ADMINS: TEAM.email } });
    const { prisma, connector } = world;
    connector.members.set(TEAM.id, TEAM);
    connector.members.set(OWNER.id, OWNER);
    const sam = await addPerson(prisma, connector.url, OWNER.email, { name: OWNER.name });
    const kim = await addPerson(prisma, connector.url, "kim.owner@example.org");
    await addItem(prisma, { ownerId: sam.personId, originalTarget: "2024-03-31" });
    await addItem(prisma, { ownerId: kim.personId, originalTarget: "2024-06-30" });
  });
  afterAll(async () => {
    await world?.close();
  });

  async function ask(text: string, as: typeof TEAM | typeof OWNER): Promise<string> {
    const before = world.connector.sent.length;
    const activity = personalMessage(text, { from: { id: as.id, name: as.name, aadObjectId: as.aadObjectId } });
    const response = await world.post(activity);
    expect(response.status).toBe(200);
    const reply = (await world.connector.waitForSends(before + 1))[before]!;
    return JSON.stringify(reply.activity);
  }

  describe("update round commands", () => {
    it("refuses someone outside the improvement team, and starts nothing", async () => {
      const reply = await ask("start update round January Audit Committee by 15 January", OWNER);
      expect(reply).toContain("Only the improvement team can run update rounds");
      expect(await world.prisma.updateRound.count()).toBe(0);
      expect(await ask("who is outstanding", OWNER)).toContain("Only the improvement team");
    });

    it("says what to fix when the deadline cannot be read, and starts nothing", async () => {
      expect(await ask("start update round January Audit Committee by the end of term", TEAM)).toContain(
        'I could not read \\"the end of term\\" as a date',
      );
      expect(await ask("start update round January Audit Committee by 5 January 2024", TEAM)).toContain(
        "The deadline 5 Jan 2024 has already passed",
      );
      expect(await world.prisma.updateRound.count()).toBe(0);
    });

    it("starts a round for the improvement team and queues one card per owner", async () => {
      const reply = await ask("start update round January Audit Committee by 15 January", TEAM);
      expect(reply).toContain("Update round started: January Audit Committee");
      expect(reply).toContain("2 owners of open items are asked for updates by 15 Jan 2024; 2 cards are on the way.");
      const round = await world.prisma.updateRound.findFirstOrThrow();
      expect(round).toMatchObject({ name: "January Audit Committee", deadline: "2024-01-15", startedBy: TEAM.email });
      expect(await world.prisma.outboundMessage.count({ where: { purpose: "round" } })).toBe(2);
    });

    it("answers how the round is going and who is outstanding", async () => {
      expect(await ask("how is the round going?", TEAM)).toContain(
        "January Audit Committee: 0 of 2 owners have replied",
      );
      expect(await ask("round status", TEAM)).toContain("0 of 2 owners have replied");
      const outstanding = await ask("who is outstanding?", TEAM);
      expect(outstanding).toContain("January Audit Committee: 2 outstanding");
      expect(outstanding).toContain("Sam Owner (sam.owner@example.org): 1 open item");
      expect(outstanding).toContain("kim.owner@example.org: 1 open item");
    });

    it("takes the command in a channel only when the bot is @mentioned", async () => {
      const before = world.connector.sent.length;
      const mention = channelMention("round status");
      const activity = { ...mention, from: { id: TEAM.id, name: TEAM.name, aadObjectId: TEAM.aadObjectId } };
      expect((await world.post(activity)).status).toBe(200);
      const reply = (await world.connector.waitForSends(before + 1))[before]!;
      expect(JSON.stringify(reply.activity)).toContain("0 of 2 owners have replied");
    });
  });
});
