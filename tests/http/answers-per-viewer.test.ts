/**
 * Answers that depend on who asks: each person gets their own "my items", however they word it, and a
 * list of one's own asked in a channel or group chat goes to the asker's personal chat (through the
 * outbox) with a one-line note where it was asked. Real server, stand-in connector, real register:
 * the same tests on SQLite and on PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MessagePurpose } from "../../src/services/dispatch/outbox.js";
import { teamsActivity, type TeamsActivity } from "../support/bot-fixtures.js";
import { createBotWorld, type BotWorld } from "../support/bot-world.js";
import { STORES } from "../support/stores.js";

/** Wordings the parser reads as "my open items", several without "my", "me" or "I". */
const MINE = [
  "show mine",
  "my actions",
  "mine",
  "which are mine",
  "what's mine?",
  "Show Mine",
  "my items",
  "what do I own?",
  "items assigned to me",
  "things I own",
  "my recommendations",
  "what's on my plate",
];

const ALICE = { id: "29:alice", name: "Alice", aadObjectId: "aad-alice", email: "tenant.engagement@example.org" };
const BOB = { id: "29:bob", name: "Bob", aadObjectId: "aad-bob", email: "cpc.plan@example.org" };
const CAROL = { id: "29:carol", name: "Carol", aadObjectId: "aad-carol", email: "carol@example.org" };
type Person = typeof ALICE;

let world: BotWorld;
const ownText = new Map<string, string>();

async function post(activity: TeamsActivity): Promise<string> {
  const before = world.connector.sent.length;
  const response = await world.post(activity);
  expect(response.status).toBeLessThan(300);
  return JSON.stringify(world.connector.sent.slice(before));
}

function askPersonally(person: Person, text: string): Promise<string> {
  const base = teamsActivity("personal-message");
  return post({
    ...base,
    text,
    id: `p-${Math.random().toString(36).slice(2)}`,
    from: { id: person.id, name: person.name, aadObjectId: person.aadObjectId },
    conversation: { ...base.conversation, id: `a:personal-${person.name}` },
  });
}

function askIn(
  fixture: "channel-mention" | "group-chat-no-mention",
  person: Person,
  text: string,
  id: string,
): Promise<string> {
  const base = teamsActivity(fixture);
  return post({
    ...base,
    text: `<at>Recommendation tracker</at> ${text}`,
    id,
    from: { id: person.id, name: person.name, aadObjectId: person.aadObjectId },
    entities: teamsActivity("channel-mention").entities,
  });
}

describe.each(STORES)("on %s", (store) => {
  beforeAll(async () => {
    world = await createBotWorld({
      store,
      register: "d0",
      server: true,
      users: [ALICE, BOB, CAROL],
      env: { LOG_LEVEL: "error" },
    });
    for (const person of [ALICE, BOB]) {
      const item = await world.prisma.item.findFirstOrThrow({
        where: { owner: { email: person.email }, progress: { in: ["in_progress", "not_started"] } },
      });
      ownText.set(person.email, item.text.slice(0, 40));
    }
  });
  afterAll(async () => {
    await world?.close();
  });

  describe("answers per viewer", () => {
    it("two people asking for their own items in many wordings each get only their own", async () => {
      for (const wording of MINE) {
        for (const [asker, other] of [
          [ALICE, BOB],
          [BOB, ALICE],
        ] as const) {
          const answer = await askPersonally(asker, wording);
          // Owners are named by name on cards, so each is told apart by their items' wording and the other's email.
          expect(answer, `${asker.name}: ${wording}`).toContain(ownText.get(asker.email)!);
          expect(answer, `${asker.name}: ${wording}`).not.toContain(ownText.get(other.email)!);
          expect(answer, `${asker.name}: ${wording}`).not.toContain(other.email);
        }
      }
    });

    it('"my actions" in a channel goes to the asker\'s personal chat, with a one-line note in the channel', async () => {
      const channel = await askIn("channel-mention", ALICE, "my actions", "c-alice-1");
      expect(channel).toContain("I have sent your actions to your personal chat with me");
      expect(channel).not.toContain(ALICE.email);
      expect(channel).not.toContain(ownText.get(ALICE.email)!);
      const queued = await world.prisma.outboundMessage.findMany({ where: { purpose: MessagePurpose.answer } });
      expect(queued).toHaveLength(1);
      expect(queued[0]!.conversationId).toBe("a:personal-Alice");
      expect(queued[0]!.payload).toContain(ownText.get(ALICE.email)!);
      // Teams redelivering the same message queues one answer.
      await askIn("channel-mention", ALICE, "my actions", "c-alice-1");
      expect(await world.prisma.outboundMessage.count({ where: { purpose: MessagePurpose.answer } })).toBe(1);
    });

    it('in a group chat too, worded without "my", and never the list itself', async () => {
      const group = await askIn("group-chat-no-mention", BOB, "show mine", "g-bob-1");
      expect(group).toContain("I have sent your actions to your personal chat with me");
      expect(group).not.toContain(ownText.get(BOB.email)!);
      const queued = await world.prisma.outboundMessage.findFirstOrThrow({
        where: { purpose: MessagePurpose.answer, conversationId: "a:personal-Bob" },
      });
      expect(queued.payload).toContain(ownText.get(BOB.email)!);
      expect(queued.payload).not.toContain(ALICE.email);
    });

    it("someone with no personal chat with the bot is told how to open one", async () => {
      const channel = await askIn("channel-mention", CAROL, "my actions", "c-carol-1");
      expect(channel).toContain("You have no personal chat with me yet");
      expect(channel).toContain("Recommendation tracker");
      expect(
        await world.prisma.outboundMessage.count({
          where: { purpose: MessagePurpose.answer, personId: { not: null }, conversationId: { contains: "Carol" } },
        }),
      ).toBe(0);
    });
  });
});
