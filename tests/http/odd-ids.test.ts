/**
 * Ids no record could have (past the database's 32-bit id columns, negative, fractional, not digits) get
 * the same "no longer in the register" as a removed record, over the real server in a personal chat, a
 * group chat and a channel, on SQLite and PostgreSQL: never a 5xx, and never a "Sorry" posted anywhere.
 * A turn that fails for another reason tells only the asker, with a reference the log carries too.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CardVerb } from "../../src/cards/verbs.js";
import { cardAction, teamsActivity, type TeamsActivity } from "../support/bot-fixtures.js";
import { createBotWorld, type BotWorld } from "../support/bot-world.js";
import { captureLog } from "../support/captured-log.js";
import { STORES } from "../support/stores.js";

const ADMIN = { id: "29:admin", name: "Admin", aadObjectId: "aad-admin" };
const SCOPES = {
  personal: teamsActivity("card-action-more").conversation,
  groupChat: teamsActivity("group-chat-no-mention").conversation,
  channel: teamsActivity("channel-mention").conversation,
};
type Scope = keyof typeof SCOPES;

/** Each as a card could send it: numbers as numbers, text as text. */
const ODD_IDS: readonly unknown[] = [
  1e20,
  "99999999999999999999",
  -1,
  "-1",
  0,
  "0",
  1.5,
  "1.5",
  "abc",
  2 ** 31,
  String(2 ** 31),
  2 ** 53,
  String(2 ** 53),
  "1e3",
];

/** Every verb whose data carries a record id, the field, and the rest of a well-formed card's data. */
const ID_VERBS: readonly { verb: string; field: string; rest: Record<string, unknown> }[] = [
  { verb: CardVerb.itemOpen, field: "itemId", rest: {} },
  { verb: CardVerb.itemOpenBesideList, field: "itemId", rest: {} },
  { verb: CardVerb.itemRefresh, field: "itemId", rest: {} },
  { verb: CardVerb.itemUpdate, field: "itemId", rest: { version: "1", submissionId: "s-1", narrative: "On track." } },
  { verb: CardVerb.itemVerify, field: "itemId", rest: { version: "1" } },
  { verb: CardVerb.itemReturn, field: "itemId", rest: { version: "1", comment: "Missing the photos" } },
  { verb: CardVerb.extensionApprove, field: "requestId", rest: {} },
  { verb: CardVerb.extensionDecline, field: "requestId", rest: { comment: "No" } },
  { verb: CardVerb.itemCreate, field: "reviewId", rest: { submissionId: "s-2", item_ref: "Rec 99", item_text: "x" } },
];

const log = captureLog("error");
const logged = (reference: string | undefined) => log.entries.some((entry) => entry.reference === reference);
let world: BotWorld;

describe.each(STORES)("on %s", (store) => {
  beforeAll(async () => {
    world = await createBotWorld({
      store,
      register: "d0",
      server: true,
      users: [{ ...ADMIN, email: "improvement@example.org" }],
      env: { IMPROVEMENT_TEAM_ADMINS: "improvement@example.org" },
      logger: log.logger,
      // Every question reads the register's version first, so a broken table fails the turn at once.
      snapshotCheckMs: 0,
    });
  });
  afterAll(async () => {
    await world?.close();
  });

  async function press(scope: Scope, verb: string, data: Record<string, unknown>) {
    const before = world.connector.sent.length;
    const response = await world.post(cardAction(verb, data, { from: ADMIN, conversation: SCOPES[scope] }));
    const body = await response.text();
    return { status: response.status, body, posted: JSON.stringify(world.connector.sent.slice(before)) };
  }

  for (const scope of Object.keys(SCOPES) as Scope[]) {
    it(`every id-carrying verb in a ${scope} answers an odd id as not found, never a 5xx or "Sorry"`, async () => {
      const outbox = await world.prisma.outboundMessage.count();
      for (const { verb, field, rest } of ID_VERBS) {
        for (const odd of ODD_IDS) {
          const { status, body, posted } = await press(scope, verb, { ...rest, [field]: odd });
          const label = `${scope} / ${verb} / ${field}: ${JSON.stringify(odd)}`;
          expect(status, `${label}: ${body}`).toBe(200);
          expect(body, label).toMatch(/no longer in the register/);
          expect(body + posted, label).not.toContain("Sorry");
        }
      }
      expect(await world.prisma.outboundMessage.count()).toBe(outbox);
    });

    it(`an odd version or page in a ${scope} is an incomplete card, never a 5xx`, async () => {
      const item = await world.prisma.item.findFirstOrThrow();
      for (const odd of ODD_IDS.filter((value) => value !== 0 && value !== "0")) {
        for (const [verb, data] of [
          [CardVerb.itemVerify, { itemId: String(item.id), version: odd }],
          [CardVerb.itemUpdate, { itemId: String(item.id), version: odd, submissionId: "s-3" }],
          [CardVerb.answerMore, { question: "what's delayed?", offset: odd }],
        ] as const) {
          const { status, body, posted } = await press(scope, verb, data);
          const label = `${scope} / ${verb}: ${JSON.stringify(odd)}`;
          expect(status, `${label}: ${body}`).toBe(200);
          expect(body, label).toMatch(/incomplete/);
          expect(body + posted, label).not.toContain("Sorry");
        }
      }
    });
  }

  describe("a turn that fails", () => {
    const ask = (conversation: Record<string, unknown> | undefined, text: string): TeamsActivity => ({
      ...teamsActivity("channel-mention"),
      from: ADMIN,
      conversation,
      text: `<at>Recommendation tracker</at> ${text}`,
      id: `f-${Math.random().toString(36).slice(2)}`,
    });
    const references = (text: string) => [...text.matchAll(/reference ([0-9a-f-]{36})/g)].map((m) => m[1]!);

    it("tells the asker alone, with a reference the log has beside the error", async () => {
      // The asker's personal chat is known to the bot before anything fails.
      const personal = await world.post(ask(SCOPES.personal, "help"));
      expect(personal.status).toBeLessThan(300);
      // Answers read the register's version from the history; with that table gone every answer fails.
      await world.prisma.$executeRawUnsafe(`ALTER TABLE "AuditEntry" RENAME TO "AuditEntryAway"`);
      try {
        for (const scope of ["channel", "groupChat"] as const) {
          const before = world.connector.sent.length;
          const queued = await world.prisma.outboundMessage.count();
          const response = await world.post(ask(SCOPES[scope], "what's delayed?"));
          expect(response.status, scope).toBeLessThan(500);
          expect(JSON.stringify(world.connector.sent.slice(before)), scope).not.toContain("Sorry");
          const apologies = await world.prisma.outboundMessage.findMany({ skip: queued });
          expect(
            apologies.map((m) => m.conversationId),
            scope,
          ).toEqual([SCOPES.personal!.id]);
          const [reference] = references(apologies[0]!.payload);
          expect(reference, scope).toBeDefined();
          expect(logged(reference), scope).toBe(true);

          // A card pressed there is answered in its invoke response, which only the presser sees.
          const pressed = await press(scope, CardVerb.answerMore, { question: "what's delayed?", offset: "0" });
          expect(pressed.status, scope).toBe(200);
          expect(pressed.body, scope).toContain("Sorry");
          expect(logged(references(pressed.body)[0]), scope).toBe(true);
          expect(pressed.posted, scope).not.toContain("Sorry");
        }
        // In the personal chat itself the apology comes straight back.
        const before = world.connector.sent.length;
        await world.post(ask(SCOPES.personal, "what's delayed?"));
        const said = JSON.stringify(world.connector.sent.slice(before));
        expect(said).toContain("Sorry");
        expect(logged(references(said)[0])).toBe(true);
      } finally {
        await world.prisma.$executeRawUnsafe(`ALTER TABLE "AuditEntryAway" RENAME TO "AuditEntry"`);
      }
    });
  });
});
