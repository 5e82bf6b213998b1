/**
 * No decision is stranded, over HTTP against the real server and D0's register: an extension request made
 * when nobody who may approve it can be reached reaches the first approver who joins (given the role and
 * then opening a chat, or the other way round), exactly once however often offers run; a completion made
 * before there is any improvement team reaches the team named later; when nobody can decide, the improvement
 * team hears so the same day, or the owner is told who to ask; and waiting decisions are chased after
 * DECISION_CHASE_DAYS working days, then put before the improvement team, with the bot's clock set. On SQLite
 * and on PostgreSQL, where the outbox's unique key is what keeps each offer to one.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAdapter } from "../../src/bot/create-bot.js";
import { decisionOfferSettingsOf, loadConfig } from "../../src/config.js";
import { createLogger } from "../../src/logger.js";
import { offerWaitingDecisions } from "../../src/services/decisions/offer-decisions.js";
import { cardAction, personalMessage } from "../support/bot-fixtures.js";
import { createBotWorld, type BotWorld, type TeamsUser } from "../support/bot-world.js";
import { outboxDispatcher } from "../support/outbox-dispatcher.js";
import type { RunningBot } from "../support/running-bot.js";
import { STORES } from "../support/stores.js";

type Action = { verb?: string; title?: string; data?: Record<string, string> };
type Card = { body: unknown[]; actions?: Action[] };

const user = (key: string): TeamsUser => ({ id: `29:${key}`, name: key, aadObjectId: `aad-${key}` });
/** The owner of the SAB's items (ACHPH), and the only member of the improvement team on `teamBot`. */
const RSAB = user("rsab");
const ACHPH_LEAD = user("achph-lead");
const CPC = user("cpc");
const ACEX_LEAD = user("acex-lead");
const EDI = user("edi");
const ADMIN = user("admin");
const EMAILS = new Map([
  [RSAB, "rsab.manager@example.org"],
  [ACHPH_LEAD, "achph.lead@example.org"],
  [CPC, "cpc.plan@example.org"],
  [ACEX_LEAD, "acex.lead@example.org"],
  [EDI, "edi.lead@example.org"],
  [ADMIN, "improvement@example.org"],
]);

let world: BotWorld;
/** IMPROVEMENT_TEAM_ADMINS names rsab alone. */
let teamBot: RunningBot;
/** Only directorate leads approve extensions. */
let leadsOnlyBot: RunningBot;
/** No improvement team at all. */
let noTeamBot: RunningBot;

async function execute(bot: RunningBot, verb: string, data: Record<string, unknown>, from: TeamsUser) {
  const response = await world.post(cardAction(verb, data, { from }), { to: bot });
  expect(response.status).toBe(200);
  const body = JSON.parse(await response.text()) as { value: Card };
  return { card: body.value, text: JSON.stringify(body.value) };
}

/** A message in the person's own personal chat with the bot: opening a chat, or a command. */
async function say(bot: RunningBot, from: TeamsUser, text: string): Promise<string> {
  const before = world.connector.sent.length;
  const base = personalMessage(text);
  const response = await world.post(
    { ...base, from, conversation: { ...base.conversation, id: `a:chat-${from.name}` } },
    { to: bot },
  );
  expect(response.status).toBeLessThan(300);
  return JSON.stringify((await world.connector.waitForSends(before + 1)).slice(before).map((s) => s.activity));
}

async function itemWith(text: string) {
  return world.prisma.item.findFirstOrThrow({ where: { text: { contains: text } } });
}

async function askForExtension(bot: RunningBot, text: string, owner: TeamsUser, revisedTarget: string) {
  const item = await itemWith(text);
  const opened = await execute(bot, "item.open", { itemId: String(item.id) }, owner);
  const save = opened.card.actions!.find((a) => a.verb === "item.update")!.data!;
  const saved = await execute(
    bot,
    "item.update",
    { ...save, progress: item.progress, revisedTarget, revisionReason: "The partners' plan is late" },
    owner,
  );
  expect(saved.text).toContain("is waiting for approval");
  return item.id;
}

/** What the outbox holds for this person (queued or sent), oldest first: the record of every offer. */
async function queuedFor(who: TeamsUser): Promise<{ text: string; card: Card }[]> {
  const person = await world.prisma.person.findUniqueOrThrow({ where: { email: EMAILS.get(who)! } });
  const rows = await world.prisma.outboundMessage.findMany({ where: { personId: person.id }, orderBy: { id: "asc" } });
  return rows.map((row) => {
    const card = (JSON.parse(row.payload) as { attachments: { content: Card }[] }).attachments[0]!.content;
    return { card, text: JSON.stringify(card) };
  });
}

const requestCards = async (who: TeamsUser, itemRef?: string) =>
  (await queuedFor(who)).filter((m) => m.text.includes("Extension request:") && (!itemRef || m.text.includes(itemRef)));

/** What every sweep does for waiting decisions, with the settings `env` gives. */
function sweep(now: Date, env: Record<string, string>) {
  const settings = decisionOfferSettingsOf(loadConfig({ DATABASE_URL: world.db.url, ...env }));
  return offerWaitingDecisions(world.prisma, settings, now);
}

/** The real dispatcher sends what is queued to the stand-in connector; what arrived, by conversation. */
async function deliver(): Promise<Map<string, string>> {
  const before = world.connector.sent.length;
  const dispatcher = outboxDispatcher({
    store: world.prisma,
    adapter: createAdapter(loadConfig({ DATABASE_URL: "file:./unused.db" })),
    botAppId: "",
    logger: createLogger("silent"),
    ratePerSecond: 100,
    ratePerConversation: 20,
  });
  await dispatcher.drainUntilIdle(2_000);
  const arrived = new Map<string, string>();
  for (const { conversationId, activity } of world.connector.sent.slice(before))
    arrived.set(conversationId, (arrived.get(conversationId) ?? "") + JSON.stringify(activity));
  return arrived;
}

describe.each(STORES)("on %s", (store) => {
  beforeAll(async () => {
    world = await createBotWorld({
      store,
      register: "d0",
      users: [...EMAILS].map(([teams, email]) => ({ ...teams, email })),
      env: { LOG_LEVEL: "error" },
    });
    teamBot = await world.startServer({ env: { IMPROVEMENT_TEAM_ADMINS: EMAILS.get(RSAB)! } });
    leadsOnlyBot = await world.startServer({
      env: { IMPROVEMENT_TEAM_ADMINS: EMAILS.get(RSAB)!, EXTENSION_APPROVER: "directorate_lead" },
    });
    noTeamBot = await world.startServer({ env: { IMPROVEMENT_TEAM_ADMINS: "" } });
  });
  afterAll(async () => {
    await world?.close();
  });

  describe("an extension request nobody can approve yet", () => {
    it("tells the improvement team at once, and reaches the first lead named and then in a chat, exactly once", async () => {
      // The only member of the improvement team asks for an extension of their own item; ACHPH has no lead.
      await say(teamBot, RSAB, "hello");
      const itemId = await askForExtension(teamBot, "Review how the SAB sets its agendas", RSAB, "December 2024");
      const toTeam = await queuedFor(RSAB);
      expect(toTeam).toHaveLength(1);
      expect(toTeam[0]!.text).toContain("Nobody can approve an extension request yet");
      expect(toTeam[0]!.text).toContain("make <email> lead for ACHPH");
      expect(toTeam[0]!.card.actions ?? []).toEqual([]);

      // A lead is named, but has no chat with the bot yet: nothing can reach them.
      expect(await say(teamBot, RSAB, "make achph.lead@example.org lead for ACHPH")).toContain("Done");
      expect(await queuedFor(ACHPH_LEAD)).toEqual([]);

      // They open a chat: the request arrives, with its buttons.
      await say(teamBot, ACHPH_LEAD, "hello");
      const [offered, ...more] = await requestCards(ACHPH_LEAD);
      expect(more).toEqual([]);
      expect(offered!.text).toContain("31 Dec 2024");
      expect(offered!.card.actions!.map((a) => a.title)).toEqual(["Approve", "Decline"]);

      // Later chats, another server's first turn and every sweep that day offer it no more.
      await say(teamBot, ACHPH_LEAD, "my actions");
      await say(leadsOnlyBot, ACHPH_LEAD, "hello");
      await sweep(world.clock.now(), { IMPROVEMENT_TEAM_ADMINS: EMAILS.get(RSAB)! });
      await sweep(world.clock.now(), { IMPROVEMENT_TEAM_ADMINS: EMAILS.get(RSAB)! });
      expect(await requestCards(ACHPH_LEAD)).toHaveLength(1);
      expect(await queuedFor(RSAB)).toHaveLength(1);
      expect((await deliver()).get("a:chat-achph-lead")).toContain("Extension request:");

      // The card works: the lead approves, through the same rule and history as ever.
      const approve = offered!.card.actions!.find((a) => a.title === "Approve")!;
      const approved = await execute(teamBot, approve.verb!, { ...approve.data, comment: "Fine" }, ACHPH_LEAD);
      expect(approved.text).toContain("Approved: the target is now 31 Dec 2024.");
      expect((await world.prisma.item.findUniqueOrThrow({ where: { id: itemId } })).revisedTargetRaw).toBe(
        "December 2024",
      );
      const history = await world.prisma.auditEntry.findMany({ where: { entityType: "item", entityId: itemId } });
      expect(history.map((h) => h.action)).toEqual(
        expect.arrayContaining(["extension_requested", "extension_approved"]),
      );
    });

    it("reaches a lead who opened a chat first the moment they are named", async () => {
      await say(leadsOnlyBot, CPC, "hello");
      await askForExtension(leadsOnlyBot, "Celebrate the Council's achievements", CPC, "September 2025");
      // Only a lead may decide, and ACEX has none: the improvement team hears so, the owner is not bothered.
      const notes = (await queuedFor(RSAB)).filter((m) =>
        m.text.includes("waits for the directorate's lead, and none"),
      );
      expect(notes).toHaveLength(1);
      expect(await queuedFor(CPC)).toEqual([]);

      await say(leadsOnlyBot, ACEX_LEAD, "hello");
      expect(await queuedFor(ACEX_LEAD)).toEqual([]);
      expect(await say(leadsOnlyBot, RSAB, "make acex.lead@example.org lead for ACEX")).toContain("Done");
      const cards = await requestCards(ACEX_LEAD);
      expect(cards).toHaveLength(1);
      expect(cards[0]!.text).toContain("Celebrate the Council");
      expect(cards[0]!.card.actions!.map((a) => a.title)).toEqual(["Approve", "Decline"]);
      await sweep(world.clock.now(), {
        IMPROVEMENT_TEAM_ADMINS: EMAILS.get(RSAB)!,
        EXTENSION_APPROVER: "directorate_lead",
      });
      expect(await requestCards(ACEX_LEAD)).toHaveLength(1);
    });
  });

  describe("a completion waiting before there is any improvement team", () => {
    it("tells its owner who to ask, and reaches the improvement team named later", async () => {
      await say(noTeamBot, EDI, "hello");
      const item = await itemWith("Suggestion 1 ");
      const opened = await execute(noTeamBot, "item.open", { itemId: String(item.id) }, EDI);
      const save = opened.card.actions!.find((a) => a.verb === "item.update")!.data!;
      const saved = await execute(
        noTeamBot,
        "item.update",
        {
          ...save,
          progress: "complete",
          narrative: "Done",
          evidenceUrl: "https://example.org/e",
          completedOn: "2024-01-08",
        },
        EDI,
      );
      expect(saved.text).toContain("will verify the completion");
      const told = (await queuedFor(EDI)).filter((m) => m.text.includes("Nobody can decide this yet"));
      expect(told).toHaveLength(1);
      expect(told[0]!.text).toContain("Ask IT to name the improvement team with IMPROVEMENT_TEAM_ADMINS");
      await sweep(world.clock.now(), {});
      expect((await queuedFor(EDI)).filter((m) => m.text.includes("Nobody can decide this yet"))).toHaveLength(1);

      // IT names the improvement team; its member opens a chat and finds the completion to verify.
      const namedBot = await world.startServer({ env: { IMPROVEMENT_TEAM_ADMINS: EMAILS.get(ADMIN)! } });
      await say(namedBot, ADMIN, "hello");
      const toVerify = (await queuedFor(ADMIN)).filter((m) => m.text.includes("Suggestion 1 "));
      expect(toVerify).toHaveLength(1);
      const verify = toVerify[0]!.card.actions!.find((a) => a.verb === "item.verify")!;
      expect((await execute(namedBot, verify.verb!, verify.data!, ADMIN)).text).toContain("Approved");
      expect(await world.prisma.item.findUniqueOrThrow({ where: { id: item.id } })).toMatchObject({
        progress: "complete",
        verification: "none",
      });
    });
  });

  describe("chasing a waiting decision", () => {
    it("asks its deciders again after DECISION_CHASE_DAYS working days, then the improvement team, each once", async () => {
      // Requested on Tuesday 9 January 2024; ACHPH's lead was named and is in a chat (above).
      await askForExtension(teamBot, "Ensure you have robust SMART plans", RSAB, "November 2024");
      const env = { IMPROVEMENT_TEAM_ADMINS: EMAILS.get(RSAB)! };
      const cards = async () => (await requestCards(ACHPH_LEAD)).filter((m) => m.text.includes("30 Nov 2024"));
      expect(await cards()).toHaveLength(1);
      // Monday 15 January is four working days on: not yet.
      await sweep(new Date("2024-01-15T10:00:00Z"), env);
      expect(await cards()).toHaveLength(1);
      // Tuesday 16 January is five: the lead is asked again, once.
      await sweep(new Date("2024-01-16T10:00:00Z"), env);
      await sweep(new Date("2024-01-16T15:00:00Z"), env);
      const chased = await cards();
      expect(chased).toHaveLength(2);
      expect(chased[1]!.text).toContain("Reminder: this has been waiting for your decision since 9 Jan 2024.");
      expect(chased[1]!.card.actions!.map((a) => a.title)).toEqual(["Approve", "Decline"]);
      // Ten working days on, the improvement team gets it too (the requester among them is left out), once.
      const teamBefore = (await queuedFor(ADMIN)).length;
      await sweep(new Date("2024-01-23T10:00:00Z"), {
        IMPROVEMENT_TEAM_ADMINS: `${EMAILS.get(RSAB)},${EMAILS.get(ADMIN)}`,
      });
      await sweep(new Date("2024-01-24T10:00:00Z"), {
        IMPROVEMENT_TEAM_ADMINS: `${EMAILS.get(RSAB)},${EMAILS.get(ADMIN)}`,
      });
      const toTeam = (await queuedFor(ADMIN)).slice(teamBefore).filter((m) => m.text.includes("30 Nov 2024"));
      expect(toTeam).toHaveLength(1);
      expect(toTeam[0]!.text).toContain("Still undecided since 9 Jan 2024");
      expect((await requestCards(RSAB)).filter((m) => m.text.includes("30 Nov 2024"))).toEqual([]);
      expect(await cards()).toHaveLength(2);
    });
  });
});
