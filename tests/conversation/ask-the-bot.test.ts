/**
 * Conversations with the bot through botbuilder's TestAdapter driving the real teams-ai Application,
 * on a real register (D0's, as of the January 2024 Audit Committee), on SQLite and on PostgreSQL.
 */
import type { Activity } from "botbuilder";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  channelMention,
  OWNER_AAD_ID,
  personalMessage,
  teamsActivity,
  TENANT_ID,
  type TeamsActivity,
} from "../support/bot-fixtures.js";
import { createBotWorld, type BotWorld } from "../support/bot-world.js";
import { STORES } from "../support/stores.js";

/** The asker, as the fixtures' personal message names them. */
const ASKER = { id: "29:1a2b3c4d5e6f-sanitised-user-id", name: "Sam Owner", aadObjectId: OWNER_AAD_ID };
let world: BotWorld;

describe.each(STORES)("on %s", (store) => {
  beforeAll(async () => {
    world = await createBotWorld({ store, register: "d0" });
    expect(world.imported?.ok).toBe(true);
    // The asker owns the ILACS items: link their Teams identity to that owner.
    const ilacs = await world.linkOwnerOf("'Front Door'", ASKER);
    // A confidential item in CYPS, to check channels never show it.
    await world.prisma.item.update({ where: { id: ilacs.id }, data: { confidential: true } });
  });
  afterAll(async () => {
    await world?.close();
  });

  type Action = { type?: string; data?: unknown };
  type Card = { body: unknown[]; actions?: Action[] };
  function cardOf(reply: Partial<Activity>): Card {
    expect(reply.attachments?.[0]?.contentType).toBe("application/vnd.microsoft.card.adaptive");
    return reply.attachments![0]!.content as Card;
  }
  function cardText(reply: Partial<Activity>): string {
    return JSON.stringify(cardOf(reply));
  }

  async function ask(activity: TeamsActivity, env: Record<string, string> = {}): Promise<Partial<Activity>[]> {
    const adapter = world.adapter(env);
    await adapter.send(activity as Partial<Activity>).startTest();
    await new Promise((resolve) => setTimeout(resolve, 10));
    return adapter.activeQueue.splice(0);
  }

  describe("questions in a personal chat", () => {
    it.each([
      ["what's delayed?", /"Delayed items[^"]*"/, /"5"/],
      ["What’s delayed in CYPS?", /Children and Young People/, /"3"/],
      ["is anything more than 12 months past its original target date?", /12 months/, /"1"/],
      ["which target dates have been revised, and from what to what?", /[Rr]evised/, /revised from/],
      ["what is awaiting start or has a TBC target?", /[Aa]waiting start|TBC/, /Awaiting start/],
      ["what's due by the end of March 2024?", /31 Mar 2024|March 2024/, /"Target"/],
    ])("%j gets an answer card", async (question, heading, content) => {
      const [reply] = await ask(personalMessage(question));
      const text = cardText(reply!);
      expect(text).toMatch(heading);
      expect(text).toMatch(content);
    });

    it("my actions lists the asker's own open items", async () => {
      const [reply] = await ask(personalMessage("my actions"));
      const text = cardText(reply!);
      expect(text).toContain("Inspection of Local Authority Children's Services");
      expect(text).toContain("Front Door");
      expect(text).not.toContain("care leavers"); // a colleague's item in the same review
      expect(text).not.toContain("Customer Service Peer Review");
    });

    it("what new inspections have come in since the last report", async () => {
      const [reply] = await ask(personalMessage("what new inspections have come in since the last report?"), {
        LAST_REPORT_DATE: "2023-07-27",
      });
      const text = cardText(reply!);
      expect(text).toContain("7 new reviews since 27 Jul 2023");
      expect(text).toContain("Safeguarding Peer Review");
    });

    it("how many were implemented since the last report, by directorate", async () => {
      const [reply] = await ask(
        personalMessage("how many recommendations were implemented since the last report, by directorate?"),
        { LAST_REPORT_DATE: "2023-07-27" },
      );
      const text = cardText(reply!);
      expect(text).toContain("14 implemented since 27 Jul 2023");
      expect(text).toContain("Children and Young People's Services: 6 implemented since");
    });

    it("help lists what to ask", async () => {
      const [reply] = await ask(personalMessage("help"));
      expect(cardText(reply!)).toContain("what's delayed in CYPS?");
    });

    it("a question it does not understand gets suggestions, never silence", async () => {
      const [reply] = await ask(personalMessage("bananas and custard"));
      const card = cardOf(reply!);
      expect(JSON.stringify(card)).toContain("I did not understand that");
      expect(card.actions!.length).toBeGreaterThanOrEqual(3);
      expect(card.actions![0]).toMatchObject({ type: "Action.Submit", data: { msteams: { type: "imBack" } } });
    });

    it("in a personal chat, confidential items are shown to the asker", async () => {
      const [reply] = await ask(personalMessage("what's delayed in CYPS?"));
      expect(cardText(reply!)).toContain("Front Door");
    });
  });

  describe("channels and group chats", () => {
    it("answers an @mention in a channel, with the mention removed before parsing", async () => {
      const [reply] = await ask(channelMention("what's delayed in CYPS?"));
      const text = cardText(reply!);
      expect(text).toContain("Children and Young People");
      expect(text).not.toContain("I did not understand");
    });

    it("never shows confidential items in a channel, only counts them", async () => {
      const [reply] = await ask(channelMention("what's delayed in CYPS?"));
      const text = cardText(reply!);
      expect(text).not.toContain("Front Door");
      expect(text).toContain("1 confidential item is counted but not shown here");
    });

    it("stays quiet in a group chat when not mentioned", async () => {
      expect(await ask(teamsActivity("group-chat-no-mention"))).toEqual([]);
    });

    it("remembers the channel's conversation reference in the database", async () => {
      await ask(channelMention("help"));
      const saved = await world.prisma.conversation.findUniqueOrThrow({
        where: { conversationId: "19:cyps-dlt-sanitised@thread.tacv2" },
      });
      expect(saved).toMatchObject({
        kind: "channel",
        teamId: "19:cyps-team-sanitised@thread.tacv2",
        tenantId: TENANT_ID,
        name: "DLT",
      });
      expect(JSON.parse(saved.reference) as unknown).toMatchObject({
        conversation: { id: "19:cyps-dlt-sanitised@thread.tacv2" },
        serviceUrl: expect.any(String),
      });
    });
  });

  describe("installation and tenants", () => {
    it("welcomes on install and stores the personal conversation linked to the person", async () => {
      const replies = await ask(teamsActivity("personal-install"));
      expect(cardText(replies[0]!)).toContain("I track the recommendations");
      const saved = await world.prisma.conversation.findUniqueOrThrow({
        where: { conversationId: "a:1QxU0-sanitised-personal-conversation" },
        include: { person: true },
      });
      expect(saved.kind).toBe("personal");
      expect(saved.person?.aadObjectId).toBe(OWNER_AAD_ID);
    });

    it("ignores activities from a tenant that is not allowed", async () => {
      expect(
        await ask(personalMessage("what's delayed?"), { ALLOWED_TENANT_IDS: "99999999-0000-4000-8000-000000000000" }),
      ).toEqual([]);
    });

    it("answers the allowed tenant", async () => {
      expect(
        await ask(personalMessage("what's delayed?"), {
          ALLOWED_TENANT_IDS: `99999999-0000-4000-8000-000000000000,${TENANT_ID}`,
        }),
      ).toHaveLength(1);
    });
  });
});
