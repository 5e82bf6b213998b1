/**
 * Live cards in a channel over HTTP (real server, stand-in connector, D0's register on SQLite and PostgreSQL):
 * the item card everyone sees is read-only and names who may act, owner first; Teams' refresh gives the owner
 * their form, a decider their Approve and Decline, anyone else no buttons, each answered to that viewer alone,
 * never by replacing the message (PUT); an answer says when it was worked out and is worked out again on
 * refresh; an older client's Action.Submit reaches the same handler and the same permission check.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OWNER_AAD_ID, personalMessage, teamsActivity, type TeamsActivity } from "../support/bot-fixtures.js";
import { createBotWorld, type BotWorld } from "../support/bot-world.js";
import { STORES } from "../support/stores.js";

type Action = { type?: string; verb?: string; title?: string; data?: Record<string, string> };
type Card = {
  body: unknown[];
  actions?: Action[];
  refresh?: { action: Action; userIds?: string[] };
  fallbackText?: string;
};

const TEAM_EMAIL = "improvement@example.org";
const OWNER = { id: "29:owner", name: "Sam Owner", aadObjectId: OWNER_AAD_ID };
const LEAD = { id: "29:cyps-lead", name: "Lee Lead", aadObjectId: "aad-cyps-lead", email: "cyps.lead@example.org" };
const ADMIN = { id: "29:admin", name: "Ada Admin", aadObjectId: "aad-admin", email: TEAM_EMAIL };
const OTHER = { id: "29:other", name: "Olly Other", aadObjectId: "aad-other", email: "other@example.org" };
type From = { id: string; name: string; aadObjectId: string };

const ITEM_ASKED = "update Area for improvement 4 of Inspection of Local Authority Children's Services";
const CHANNEL = teamsActivity("channel-mention");
/** The id of the channel message holding the card, as Teams names it in an invoke's replyToId. */
const BASE_MESSAGE_ID = "1763633999777";

let world: BotWorld;
let itemId: number;

/** Every Action.Execute verb a person can press on the card (body and actions; not the refresh). */
function verbsOf(card: Card): string[] {
  const found: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== "object") return;
    const element = node as Record<string, unknown>;
    if (element.type === "Action.Execute" && typeof element.verb === "string") found.push(element.verb);
    for (const [key, value] of Object.entries(element)) if (key !== "fallback") walk(value);
  };
  walk(card.body);
  walk(card.actions ?? []);
  return found;
}

function inputsOf(card: Card): string[] {
  return [...JSON.stringify(card.body).matchAll(/"type":"Input\.\w+","id":"(\w+)"/g)].map((m) => m[1]!);
}

/** An Action.Execute invoke from the channel card: Teams' automatic refresh, or a press. */
function channelInvoke(verb: string, data: Record<string, unknown>, from: From, trigger = "automatic"): TeamsActivity {
  return teamsActivity("card-action-more", {
    from,
    conversation: CHANNEL.conversation,
    channelData: CHANNEL.channelData,
    replyToId: BASE_MESSAGE_ID,
    id: `i-${Math.random().toString(36).slice(2)}`,
    value: { action: { type: "Action.Execute", verb, data }, trigger },
  });
}

async function invoke(activity: TeamsActivity): Promise<Card> {
  const response = await world.post(activity);
  const raw = await response.text();
  expect(response.status, raw).toBe(200);
  const body = JSON.parse(raw) as { type: string; value: Card };
  expect(body.type).toBe("application/vnd.microsoft.card.adaptive");
  return body.value;
}

/** What the bot posted to the stand-in connector while `act` ran. */
async function postedDuring(act: () => Promise<unknown>): Promise<Card[]> {
  const before = world.connector.sent.length;
  await act();
  return world.connector.sent
    .slice(before)
    .flatMap((s) => s.activity.attachments ?? [])
    .map((a) => a.content as unknown as Card);
}

async function sayInChannel(text: string, from: From): Promise<Card> {
  const [card] = await postedDuring(async () => {
    const response = await world.post({
      ...CHANNEL,
      text: `<at>Recommendation tracker</at> ${text}`,
      id: `c-${Math.random().toString(36).slice(2)}`,
      from,
    });
    expect(response.status).toBeLessThan(300);
  });
  expect(card).toBeDefined();
  return card!;
}

/** The bot has seen this person in Teams: their Teams user id is known, so a card can name them. */
async function seenInTeams(email: string, teamsUserId: string): Promise<number> {
  const person = await world.prisma.person.update({ where: { email }, data: { teamsUserId } });
  return person.id;
}

describe.each(STORES)("on %s", (store) => {
  beforeAll(async () => {
    world = await createBotWorld({
      store,
      register: "d0",
      server: true,
      users: [LEAD, ADMIN, OTHER],
      env: { IMPROVEMENT_TEAM_ADMINS: TEAM_EMAIL, LOG_LEVEL: "error" },
    });
    itemId = (await world.linkOwnerOf("care leavers, the support", OWNER)).id;
    const owner = await world.prisma.item.findUniqueOrThrow({ where: { id: itemId }, include: { owner: true } });
    await seenInTeams(owner.owner!.email, OWNER.id);
    const lead = await seenInTeams(LEAD.email, LEAD.id);
    await world.prisma.role.create({
      data: { personId: lead, role: "directorate_lead", directorateId: "CYPS", grantedBy: "test" },
    });
    const admin = await seenInTeams(ADMIN.email, ADMIN.id);
    await world.prisma.conversation.create({
      data: { conversationId: "a:chat-admin", kind: "personal", reference: "{}", personId: admin },
    });
    await seenInTeams(OTHER.email, OTHER.id);
  });
  afterAll(async () => {
    await world?.close();
  });

  describe("the item card in a channel", () => {
    it("everyone sees it read-only; it names who may act, the owner first, for Teams to refresh", async () => {
      const card = await sayInChannel(ITEM_ASKED, OTHER);
      expect(card.fallbackText).toContain("Area for improvement 4");
      expect(verbsOf(card)).toEqual([]);
      expect(inputsOf(card)).toEqual([]);
      expect(card.refresh?.action.verb).toBe("item.refresh");
      expect(card.refresh?.userIds).toEqual([OWNER.id, LEAD.id, ADMIN.id]);
      expect(JSON.stringify(card.body)).toContain("each of them sees their own buttons");
    });

    it("refreshed for the owner it has Update; for anyone else none; the message itself is never replaced", async () => {
      const replacedBefore = world.connector.updated.length;
      const owners = await invoke(channelInvoke("item.refresh", { itemId: String(itemId) }, OWNER));
      expect(verbsOf(owners)).toEqual(["item.update"]);
      expect(inputsOf(owners)).toContain("narrative");
      const others = await invoke(channelInvoke("item.refresh", { itemId: String(itemId) }, OTHER));
      expect(verbsOf(others)).toEqual([]);
      expect(inputsOf(others)).toEqual([]);
      // The view carries the refresh too: teams-ai would have replaced the message for everyone (PUT).
      expect(owners.refresh?.userIds?.[0]).toBe(OWNER.id);
      expect(world.connector.updated.slice(replacedBefore)).toEqual([]);
    });

    it("the owner's Save from the channel answers the owner alone: the card everyone sees is not replaced", async () => {
      const replacedBefore = world.connector.updated.length;
      const view = await invoke(channelInvoke("item.refresh", { itemId: String(itemId) }, OWNER));
      const save = view.actions!.find((a) => a.verb === "item.update")!.data!;
      const saved = await invoke(
        channelInvoke(
          "item.update",
          { ...save, progress: "in_progress", narrative: "Covenant drafted" },
          OWNER,
          "manual",
        ),
      );
      expect(JSON.stringify(saved.body)).toContain("Saved.");
      expect(world.connector.updated.slice(replacedBefore)).toEqual([]);
    });

    it("a decider's view has Approve and Decline for the waiting extension; the owner's and others' do not", async () => {
      const view = await invoke(channelInvoke("item.refresh", { itemId: String(itemId) }, OWNER));
      const save = view.actions!.find((a) => a.verb === "item.update")!.data!;
      const asked = await invoke(
        channelInvoke(
          "item.update",
          { ...save, progress: "in_progress", revisedTarget: "30/06/2024", revisionReason: "Covenant consultation" },
          OWNER,
          "manual",
        ),
      );
      expect(JSON.stringify(asked.body)).toContain("waiting for approval");

      const leads = await invoke(channelInvoke("item.refresh", { itemId: String(itemId) }, LEAD));
      expect(verbsOf(leads)).toEqual(expect.arrayContaining(["extension.approve", "extension.decline"]));
      expect(JSON.stringify(leads.body)).toContain("Waiting for your decision: extension");
      const owners = await invoke(channelInvoke("item.refresh", { itemId: String(itemId) }, OWNER));
      expect(verbsOf(owners)).not.toContain("extension.approve");
      const others = await invoke(channelInvoke("item.refresh", { itemId: String(itemId) }, OTHER));
      expect(verbsOf(others)).toEqual([]);

      // Whoever must decide is listed right after the owner: the limit never cuts off a decision.
      const everyone = await sayInChannel(ITEM_ASKED, OTHER);
      expect(everyone.refresh?.userIds?.[0]).toBe(OWNER.id);
      expect(new Set(everyone.refresh?.userIds?.slice(1, 3))).toEqual(new Set([LEAD.id, ADMIN.id]));
      expect(verbsOf(everyone)).toEqual([]);

      // The button reaches the decision's own handler: pressed by someone who may not decide, it is refused.
      const requestId = JSON.stringify(leads.body).match(/"requestId":"(\d+)"/)![1]!;
      const refused = await invoke(channelInvoke("extension.decline", { requestId, comment: "No" }, OTHER, "manual"));
      expect(JSON.stringify(refused)).not.toContain("Declined by");
      expect(await world.prisma.extensionRequest.findUniqueOrThrow({ where: { id: Number(requestId) } })).toMatchObject(
        { state: "waiting" },
      );
      const approved = await invoke(channelInvoke("extension.approve", { requestId }, LEAD, "manual"));
      expect(JSON.stringify(approved)).toContain("Approved");
      expect(await world.prisma.extensionRequest.findUniqueOrThrow({ where: { id: Number(requestId) } })).toMatchObject(
        { state: "approved" },
      );
    });
  });

  describe("a completion waiting in a channel", () => {
    it("the improvement team's view has Verify and Return; the lead's and the owner's do not", async () => {
      const view = await invoke(channelInvoke("item.refresh", { itemId: String(itemId) }, OWNER));
      const save = view.actions!.find((a) => a.verb === "item.update")!.data!;
      const claimed = await invoke(
        channelInvoke(
          "item.update",
          { ...save, progress: "complete", evidenceUrl: "https://example.org/covenant", narrative: "Covenant signed" },
          OWNER,
          "manual",
        ),
      );
      expect(JSON.stringify(claimed.body)).toContain("The improvement team will verify");

      const team = await invoke(channelInvoke("item.refresh", { itemId: String(itemId) }, ADMIN));
      expect(verbsOf(team)).toEqual(expect.arrayContaining(["item.verify", "item.return"]));
      const lead = await invoke(channelInvoke("item.refresh", { itemId: String(itemId) }, LEAD));
      expect(verbsOf(lead)).not.toContain("item.verify");
      expect(verbsOf(lead)).not.toContain("item.return");
      const owner = await invoke(channelInvoke("item.refresh", { itemId: String(itemId) }, OWNER));
      expect(verbsOf(owner)).not.toContain("item.verify");

      // Returned from the channel card, with the comment its own input carries: the owner's item is open again.
      const data = JSON.parse(
        JSON.stringify(team.body).match(/"verb":"item\.return","data":(\{[^}]*\})/)![1]!,
      ) as object;
      const returned = await invoke(
        channelInvoke("item.return", { ...data, comment: "The link is to a draft" }, ADMIN, "manual"),
      );
      expect(JSON.stringify(returned)).toContain("Returned to the owner");
      expect(await world.prisma.item.findUniqueOrThrow({ where: { id: itemId } })).toMatchObject({
        verification: "returned",
      });
    });
  });

  describe("answers in a channel", () => {
    it("say when they were worked out, and are worked out again for the viewer on refresh, without a PUT", async () => {
      const answer = await sayInChannel("what's delayed in CYPS?", LEAD);
      expect(JSON.stringify(answer.body)).toContain("As at 10:00 on 9 Jan 2024 (UK time)");
      expect(answer.refresh?.action).toMatchObject({
        verb: "answer.refresh",
        data: { question: "what's delayed in CYPS?" },
      });
      expect(answer.refresh?.userIds?.[0]).toBe(LEAD.id);
      expect(verbsOf(answer).filter((v) => v !== "answer.more")).toEqual([]);

      const replacedBefore = world.connector.updated.length;
      const weekLater = new Date("2024-01-16T15:30:00Z");
      world.clock.set(weekLater);
      try {
        const refreshed = await invoke(channelInvoke("answer.refresh", answer.refresh!.action.data!, LEAD));
        const text = JSON.stringify(refreshed.body);
        expect(text).toContain("As at 15:30 on 16 Jan 2024 (UK time). Worked out again when you opened it.");
        expect(text).not.toContain("9 Jan 2024 (UK time)");
        expect(world.connector.updated.slice(replacedBefore)).toEqual([]);
      } finally {
        world.clock.set(new Date("2024-01-09T10:00:00Z"));
      }
    });
  });

  describe("older clients: Action.Submit", () => {
    it("every Action.Execute falls back to an Action.Submit carrying its verb and data", async () => {
      const card = await invoke(channelInvoke("item.refresh", { itemId: String(itemId) }, OWNER));
      const save = card.actions!.find((a) => a.verb === "item.update") as Action & { fallback?: Action };
      expect(save.fallback).toMatchObject({
        type: "Action.Submit",
        title: save.title,
        data: { ...save.data, verb: "item.update" },
      });
    });

    it("the submitted message reaches the same handler and the same permission check", async () => {
      const card = await invoke(channelInvoke("item.refresh", { itemId: String(itemId) }, OWNER));
      const submitted = (card.actions!.find((a) => a.verb === "item.update") as Action & { fallback: Action }).fallback
        .data!;
      const updates = () => world.prisma.progressUpdate.count({ where: { itemId } });
      const submit = (from: From, narrative: string) =>
        postedDuring(() =>
          world.post(
            personalMessage("", {
              text: undefined,
              from,
              conversation: {
                conversationType: "personal",
                id: `a:personal-${from.name}`,
                tenantId: CHANNEL.conversation!.tenantId,
              },
              value: { ...submitted, submissionId: `s-${narrative}`, progress: "in_progress", narrative },
            }),
          ),
        );

      const before = await updates();
      const refused = await submit(OTHER, "Not mine to say");
      expect(JSON.stringify(refused)).toContain("Not saved: only the owner");
      expect(await updates()).toBe(before);

      const saved = await submit(OWNER, "Pathway plans audited");
      expect(JSON.stringify(saved)).toContain("Saved.");
      expect(await updates()).toBe(before + 1);
    });
  });

  describe("the limit", () => {
    it("61 people who may act are cut to 60, the owner first", async () => {
      const { ownerId } = await world.prisma.item.findUniqueOrThrow({ where: { id: itemId } });
      const delegate = await world.prisma.person.create({
        data: { email: "delegate@example.org", teamsUserId: "29:delegate" },
      });
      await world.prisma.item.update({ where: { id: itemId }, data: { delegateId: delegate.id } });
      // With the lead and the admin already able to act: owner, delegate, lead, admin and 57 more of the team.
      for (let n = 0; n < 57; n += 1) {
        const member = await world.prisma.person.create({
          data: { email: `team${n}@example.org`, teamsUserId: `29:team-${n}` },
        });
        await world.prisma.role.create({ data: { personId: member.id, role: "improvement_team", grantedBy: "test" } });
        await world.prisma.conversation.create({
          data: { conversationId: `a:chat-team-${n}`, kind: "personal", reference: "{}", personId: member.id },
        });
      }
      const card = await sayInChannel(ITEM_ASKED, OTHER);
      const listed = card.refresh!.userIds!;
      expect(listed).toHaveLength(60);
      expect(listed[0]).toBe(OWNER.id);
      expect(listed[1]).toBe("29:delegate");
      expect(new Set(listed).size).toBe(60);
      expect(listed).not.toContain("29:team-56");
      expect(ownerId).not.toBeNull();
    });
  });
});
