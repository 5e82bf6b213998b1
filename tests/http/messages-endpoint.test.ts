/**
 * The real server on port 0: Bot Framework activities POSTed to /api/messages, replies recorded by a
 * local stand-in connector (the activity's serviceUrl points at it). The same tests on SQLite and on PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { storeKindOf } from "../../src/data/database.js";
import { storeKindOfClient } from "../../src/data/store-kind.js";
import { channelMention, personalMessage, teamsActivity, type TeamsActivity } from "../support/bot-fixtures.js";
import { createBotWorld, type BotWorld } from "../support/bot-world.js";
import { STORES } from "../support/stores.js";

let world: BotWorld;

function post(
  activity: TeamsActivity,
  headers: Record<string, string> = {},
  url = world.bot.url,
  serviceUrl = world.connector.url,
): Promise<Response> {
  return world.post(activity, { headers, to: url, serviceUrl });
}

describe.each(STORES)("on %s", (store) => {
  beforeAll(async () => {
    world = await createBotWorld({ store, register: "d0", server: true });
  });
  afterAll(async () => {
    await world?.close();
  });

  describe("POST /api/messages", () => {
    it("answers a personal question through the connector", async () => {
      const before = world.connector.sent.length;
      const response = await post(personalMessage("what's delayed?"));
      expect(response.status).toBe(200);
      const sent = await world.connector.waitForSends(before + 1);
      const reply = sent[before]!;
      expect(reply.conversationId).toBe("a:1QxU0-sanitised-personal-conversation");
      expect(reply.activity.attachments?.[0]?.contentType).toBe("application/vnd.microsoft.card.adaptive");
      expect(JSON.stringify(reply.activity.attachments?.[0]?.content)).toContain("Delayed items");
    });

    it("answers an @mention in a channel thread", async () => {
      const before = world.connector.sent.length;
      expect((await post(channelMention("what's delayed in CYPS?"))).status).toBe(200);
      const reply = (await world.connector.waitForSends(before + 1))[before]!;
      expect(reply.conversationId).toContain("19:cyps-dlt-sanitised@thread.tacv2");
      expect(JSON.stringify(reply.activity.attachments?.[0]?.content)).toContain("Children and Young People");
    });

    it("links the asker to the register by the email the connector gives for them", async () => {
      world.connector.members.set("29:new-person", {
        id: "29:new-person",
        name: "Front Door Lead",
        email: "ilacs.frontdoor@example.org",
        userPrincipalName: "ilacs.frontdoor@example.org",
        aadObjectId: "aad-front-door",
      });
      const before = world.connector.sent.length;
      await post(
        personalMessage("my actions", {
          from: { id: "29:new-person", name: "Front Door Lead", aadObjectId: "aad-front-door" },
        }),
      );
      const reply = (await world.connector.waitForSends(before + 1))[before]!;
      expect(JSON.stringify(reply.activity.attachments?.[0]?.content)).toContain("Front Door");
      const person = await world.prisma.person.findUniqueOrThrow({ where: { email: "ilacs.frontdoor@example.org" } });
      expect(person).toMatchObject({ aadObjectId: "aad-front-door", teamsUserId: "29:new-person" });
    });

    it("returns the next page of an answer in the invoke response, as Teams expects of Action.Execute", async () => {
      const response = await post(teamsActivity("card-action-more"));
      expect(response.status).toBe(200);
      const body = (await response.json()) as {
        statusCode: number;
        type: string;
        value: { type: string; body: unknown[] };
      };
      expect(body).toMatchObject({ statusCode: 200, type: "application/vnd.microsoft.card.adaptive" });
      expect(JSON.stringify(body.value)).toContain("Items 21 to");
    });

    it.each([
      ["not JSON", "this is not json", "text/plain"],
      ["JSON without a type", JSON.stringify({ hello: "world" }), "application/json"],
      ["a JSON array", "[1,2,3]", "application/json"],
      ["malformed JSON", '{"type": ', "application/json"],
    ])("answers %s with a 4xx and keeps running", async (_case, body, contentType) => {
      const response = await fetch(`${world.bot.url}/api/messages`, {
        method: "POST",
        headers: { "content-type": contentType },
        body,
      });
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(response.status).toBeLessThan(500);
      expect((await fetch(`${world.bot.url}/healthz`)).status).toBe(200);
    });

    it("serves the register from the store the test names", () => {
      expect(storeKindOf(world.db.url)).toEqual({ ok: true, kind: store });
      expect(storeKindOfClient(world.prisma)).toBe(store);
    });

    it("GET /healthz reports the register", async () => {
      const response = await fetch(`${world.bot.url}/healthz`);
      expect(await response.json()).toMatchObject({ status: "ok", database: "ok", reviews: 17, items: 107 });
    });
  });

  describe("with credentials set", () => {
    it("refuses an unsigned request with 401 and sends nothing", async () => {
      const secured = await world.startServer({
        env: {
          MicrosoftAppId: "00000000-0000-4000-8000-00000000b0b0",
          MicrosoftAppPassword: "not-a-real-secret",
          MicrosoftAppType: "MultiTenant",
        },
      });
      try {
        const before = world.connector.sent.length;
        // With credentials the bot sends only to Teams' own hosts, so the activity names one.
        const teams = "https://smba.trafficmanager.net/uk/";
        const response = await post(personalMessage("what's delayed?"), {}, secured.url, teams);
        expect(response.status).toBe(401);
        const forged = await post(
          personalMessage("what's delayed?"),
          { authorization: "Bearer forged.token.value" },
          secured.url,
          teams,
        );
        expect(forged.status).toBe(401);
        await new Promise((resolve) => setTimeout(resolve, 100));
        expect(world.connector.sent.length).toBe(before);
      } finally {
        await secured.close();
      }
    });
  });
});
