/**
 * Identities through the real server, stand-in connector and a real register (SQLite and PostgreSQL):
 * the roles command normalises an address and refuses a look-alike or marked-up one; a command holding
 * NUL is refused whole; and a second Teams account whose email differs from a linked person's only in
 * case does not take over that person's items or chat.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { personalMessage, teamsActivity, type TeamsActivity } from "../support/bot-fixtures.js";
import { createBotWorld, type BotWorld } from "../support/bot-world.js";
import { captureLog, type CapturedLog } from "../support/captured-log.js";
import { STORES } from "../support/stores.js";

const ADMIN = { id: "29:admin", name: "Improvement Team", aadObjectId: "aad-admin", email: "improvement@example.org" };
const FIRST = { id: "29:front-door", name: "Front Door Lead", aadObjectId: "aad-front-door" };
const SECOND = { id: "29:look-alike", name: "Pat Other", aadObjectId: "aad-look-alike" };
const FRONT_DOOR_EMAIL = "ilacs.frontdoor@example.org";

let world: BotWorld;
let log: CapturedLog;

/** Posts `activity` and returns what the bot sent back, as text. */
async function replyTo(activity: TeamsActivity): Promise<string> {
  const before = world.connector.sent.length;
  expect((await world.post(activity)).status).toBeLessThan(300);
  const sent = await world.connector.waitForSends(before + 1);
  return JSON.stringify(sent.slice(before).map((s) => s.activity));
}

function say(text: string, from: { id: string; name: string; aadObjectId: string } = ADMIN, conversation?: string) {
  const base = personalMessage(text, { from });
  return replyTo(conversation ? { ...base, conversation: { ...base.conversation, id: conversation } } : base);
}

async function leadsOfCyps(): Promise<string[]> {
  const roles = await world.prisma.role.findMany({
    where: { role: "directorate_lead", directorateId: "CYPS" },
    include: { person: true },
  });
  return roles.map((r) => r.person.email).sort();
}

describe.each(STORES)("on %s", (store) => {
  beforeAll(async () => {
    log = captureLog("warn");
    world = await createBotWorld({
      store,
      register: "d0",
      server: true,
      users: [ADMIN],
      logger: log.logger,
      env: { IMPROVEMENT_TEAM_ADMINS: ADMIN.email },
    });
  });
  afterAll(async () => {
    await world?.close();
  });

  describe('the roles command ("make x lead for CYPS")', () => {
    it.each([
      [
        "a Cyrillic letter",
        "make s\u043Em.lead@example.org lead for CYPS",
        'mixes Latin letters with a Cyrillic \\"\u043E\\"',
      ],
      ["a zero-width space", "make sam.lead@example.org\u200B lead for CYPS", "invisible character U+200B"],
      ["angle brackets", "make <sam.lead@example.org> lead for CYPS", "give the bare address"],
    ])("refuses an address with %s, saying what to fix, and grants nothing", async (_case, text, expected) => {
      const before = await leadsOfCyps();
      expect(await say(text)).toContain(expected);
      expect(await leadsOfCyps()).toEqual(before);
    });

    it("keeps the address lower-cased, so a later grant in other case is the same person", async () => {
      expect(await say("make Sam.Lead@Example.ORG lead for CYPS")).toContain(
        "Done: sam.lead@example.org is now lead for CYPS",
      );
      expect(await say("make SAM.LEAD@example.org lead for CYPS")).toContain(
        "sam.lead@example.org is already lead for CYPS",
      );
      const people = await world.prisma.person.findMany({ select: { email: true } });
      expect(people.filter((p) => p.email.toLowerCase() === "sam.lead@example.org")).toEqual([
        { email: "sam.lead@example.org" },
      ]);
    });

    it("refuses a command holding NUL whole, naming the character, rather than reading it cut short", async () => {
      const before = await leadsOfCyps();
      const reply = await say("make nul.lead@example.org\u0000 lead for CYPS");
      expect(reply).toContain("Your message has a control character U+0000 (NUL) in it");
      expect(reply).toContain("Nothing was changed.");
      expect(await leadsOfCyps()).toEqual(before);
    });
  });

  describe('the assign command ("assign <refs> of <review> to <email>")', () => {
    const ownerOf = async (ref: string) =>
      (
        await world.prisma.item.findFirstOrThrow({
          where: { ref, review: { title: "Joint Area SEND Inspection" } },
          include: { owner: true },
        })
      ).owner?.email;

    it("refuses a look-alike address and assigns nothing; takes another in any case as one owner", async () => {
      const before = await ownerOf("Recommendation 1");
      expect(
        await say("assign Recommendation 1 of Joint Area SEND Inspection to n\u0435w.owner@example.org"),
      ).toContain("mixes Latin letters with a Cyrillic");
      expect(await ownerOf("Recommendation 1")).toBe(before);
      expect(await say("assign Recommendation 1 of Joint Area SEND Inspection to New.Owner@Example.ORG")).toContain(
        "Done: new.owner@example.org owns 1 item (1 changed).",
      );
      expect(await ownerOf("Recommendation 1")).toBe("new.owner@example.org");
    });
  });

  describe("two Teams accounts whose emails differ only in case", () => {
    it("the second does not take over the first person's items, chat or Azure AD link, and is logged", async () => {
      world.connector.members.set(FIRST.id, { ...FIRST, email: FRONT_DOOR_EMAIL, userPrincipalName: FRONT_DOOR_EMAIL });
      expect(await say("my actions", FIRST, "a:personal-first")).toContain("'Front Door' contacts");

      const claimed = "ILACS.FrontDoor@Example.org";
      world.connector.members.set(SECOND.id, { ...SECOND, email: claimed, userPrincipalName: claimed });
      const installed = teamsActivity("personal-message");
      await world.post({
        ...installed,
        type: "installationUpdate",
        action: "add",
        text: undefined,
        id: "install-second",
        from: SECOND,
        conversation: { ...installed.conversation, id: "a:personal-second" },
      });
      const answer = await say("my actions", SECOND, "a:personal-second");
      expect(answer).not.toContain("'Front Door' contacts");
      expect(answer).toContain("I don't know who you are yet");

      const person = await world.prisma.person.findUniqueOrThrow({ where: { email: FRONT_DOOR_EMAIL } });
      expect(person).toMatchObject({ aadObjectId: FIRST.aadObjectId, teamsUserId: FIRST.id });
      const second = await world.prisma.conversation.findUnique({ where: { conversationId: "a:personal-second" } });
      expect(second?.personId ?? null).toBeNull();
      expect(
        (await world.prisma.conversation.findUniqueOrThrow({ where: { conversationId: "a:personal-first" } })).personId,
      ).toBe(person.id);
      expect(log.entries).toContainEqual(
        expect.objectContaining({
          msg: "Teams user not linked by email",
          aadObjectId: SECOND.aadObjectId,
          reason: expect.stringContaining(`${FRONT_DOOR_EMAIL} is already linked to Azure AD account aad-front-door`),
        }),
      );
    });
  });
});
