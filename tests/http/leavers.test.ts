/**
 * Leavers and unknowns, over HTTP against the real server and D0's register, on SQLite and PostgreSQL: an
 * owner of open items whose account the directory says is disabled, or whom it does not know (set here as
 * Graph would have found it), is reported once per state, through the outbox and the real dispatcher, to the
 * improvement team and to the directorate's lead in their personal chats, with each open item and a
 * Reassign action; a confidential item is never named outside a personal chat. Reassigning writes the new owner
 * and its history (who, when, before, after) and brings the card back saying so; a bad email comes back beside
 * its box and changes nothing; someone who may not hand items on is refused.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAdapter } from "../../src/bot/create-bot.js";
import { loadConfig } from "../../src/config.js";
import { createLogger } from "../../src/logger.js";
import { reminderPolicyFromConfig } from "../../src/services/reminders/policy-from-config.js";
import { sendDueReminders } from "../../src/services/reminders/sweep/send-due-reminders.js";
import { cardAction, personalMessage, teamsActivity } from "../support/bot-fixtures.js";
import { createBotWorld, type BotWorld, type TeamsUser } from "../support/bot-world.js";
import { outboxDispatcher } from "../support/outbox-dispatcher.js";
import { STORES } from "../support/stores.js";

type Action = { verb?: string; title?: string; data?: Record<string, string> };
type Element = { type?: string; id?: string; text?: string; items?: Element[]; actions?: Action[] };
type Card = { body: Element[] };

const user = (key: string): TeamsUser => ({ id: `29:${key}`, name: key, aadObjectId: `aad-${key}` });
const ADMIN = user("admin");
const FCS_LEAD = user("fcs-lead");
const RE_LEAD = user("re-lead");
const BYSTANDER = user("bystander");
const EMAILS = new Map([
  [ADMIN, "improvement@example.org"],
  [FCS_LEAD, "fcs.lead@example.org"],
  [RE_LEAD, "re.lead@example.org"],
  [BYSTANDER, "edi.lead@example.org"],
]);
const LEAVER = "customer.experience@example.org";
const UNKNOWN = "leisure.contract@example.org";
const SECRET = "SECRET-LEAVER-ITEM-7731";
const NEW_OWNER = "new.owner@example.org";
/** A Monday inside the send window. */
const NOW = new Date("2024-01-15T10:00:00Z");

let world: BotWorld;

async function say(from: TeamsUser, text: string): Promise<void> {
  const base = personalMessage(text);
  const response = await world.post({
    ...base,
    from,
    conversation: { ...base.conversation, id: `a:chat-${from.name}` },
  });
  expect(response.status).toBeLessThan(300);
}

async function execute(data: Record<string, unknown>, from: TeamsUser, conversation?: Record<string, unknown>) {
  const response = await world.post(
    cardAction("leaver.reassign", data, { from, ...(conversation ? { conversation } : {}) }),
  );
  expect(response.status).toBe(200);
  const body = JSON.parse(await response.text()) as { value: Card };
  return { card: body.value, text: JSON.stringify(body.value) };
}

function sweep() {
  return sendDueReminders(
    {
      prisma: world.prisma,
      policy: reminderPolicyFromConfig(loadConfig({})),
      logger: createLogger("silent"),
      improvementTeamAdmins: [EMAILS.get(ADMIN)!],
      monotonicClock: () => performance.now(),
      newLeaseToken: () => `lease-${Math.random()}`,
    },
    NOW,
  );
}

/** The leavers' cards queued for this person, oldest first. */
async function leaverCardsFor(who: TeamsUser): Promise<{ card: Card; text: string }[]> {
  const person = await world.prisma.person.findUniqueOrThrow({ where: { email: EMAILS.get(who)! } });
  const rows = await world.prisma.outboundMessage.findMany({
    where: { personId: person.id, purpose: "leaver_report" },
    orderBy: { id: "asc" },
  });
  return rows.map((row) => {
    const card = (JSON.parse(row.payload) as { attachments: { content: Card }[] }).attachments[0]!.content;
    return { card, text: JSON.stringify(card) };
  });
}

/** Every Reassign button on a card, with the item input beside it. */
function reassignButtons(card: Card): { data: Record<string, string>; input: string }[] {
  const found: { data: Record<string, string>; input: string }[] = [];
  for (const container of card.body) {
    const input = container.items?.find((e) => e.type === "Input.Text")?.id;
    const action = container.items?.flatMap((e) => e.actions ?? []).find((a) => a.verb === "leaver.reassign");
    if (input && action) found.push({ data: action.data!, input });
  }
  return found;
}

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
  let leaverId: number;
  let fcsItemId: number;
  let secretItemId: number;
  let acexItemId: number;

  beforeAll(async () => {
    world = await createBotWorld({
      store,
      register: "d0",
      users: [...EMAILS].map(([teams, email]) => ({ ...teams, email })),
      env: { LOG_LEVEL: "error", IMPROVEMENT_TEAM_ADMINS: EMAILS.get(ADMIN)! },
      now: NOW,
      server: true,
    });
    // What Graph found: the FCS owner has left (with a confidential FCS item and an ACEX item too), the RE owner is unknown.
    const leaver = await world.prisma.person.update({
      where: { email: LEAVER },
      data: {
        name: "Jo Bloggs",
        jobTitle: "Head of Customer Services",
        directoryState: "disabled",
        directoryCheckedAt: NOW,
      },
    });
    leaverId = leaver.id;
    await world.prisma.person.update({
      where: { email: UNKNOWN },
      data: { directoryState: "unknown", directoryCheckedAt: NOW },
    });
    fcsItemId = (await world.prisma.item.findFirstOrThrow({ where: { ownerId: leaverId, progress: "in_progress" } }))
      .id;
    const fcsReview = await world.prisma.review.findFirstOrThrow({ where: { directorateId: "FCS" } });
    const acexReview = await world.prisma.review.findFirstOrThrow({ where: { directorateId: "ACEX" } });
    const open = {
      progress: "in_progress",
      originalTargetRaw: "Mar-24",
      originalTarget: "2024-03-31",
      originalTargetKind: "month",
    };
    secretItemId = (
      await world.prisma.item.create({
        data: {
          reviewId: fcsReview.id,
          ref: "Secret 1",
          text: `${SECRET}: the safeguarding case`,
          confidential: true,
          ownerId: leaverId,
          ...open,
        },
      })
    ).id;
    acexItemId = (
      await world.prisma.item.create({
        data: { reviewId: acexReview.id, ref: "Hand-on 1", text: "Publish the plan", ownerId: leaverId, ...open },
      })
    ).id;
    // FCS's lead by role, RE's named as the directorate's lead.
    const fcsLead = await world.prisma.person.findUniqueOrThrow({ where: { email: EMAILS.get(FCS_LEAD)! } });
    await world.prisma.role.create({
      data: { personId: fcsLead.id, role: "directorate_lead", directorateId: "FCS", grantedBy: "test" },
    });
    await world.prisma.directorate.update({ where: { id: "RE" }, data: { leadEmail: EMAILS.get(RE_LEAD)! } });
    for (const who of [ADMIN, FCS_LEAD, RE_LEAD, BYSTANDER]) await say(who, "hello");
  });
  afterAll(async () => {
    await world?.close();
  });

  it("reports each once to the improvement team and the directorate's lead, with their open items, in personal chats", async () => {
    const first = await sweep();
    expect(first.leavers?.reported.map((r) => [r.email, r.state, r.open_items]).sort()).toEqual([
      [LEAVER, "disabled", 3],
      [UNKNOWN, "unknown", 1],
    ]);
    const toAdmin = await leaverCardsFor(ADMIN);
    expect(toAdmin).toHaveLength(2);
    const leaverCard = toAdmin.find((m) => m.text.includes("Jo Bloggs"))!;
    expect(leaverCard.text).toContain("Jo Bloggs, Head of Customer Services has left: their account is disabled");
    // The improvement team hands on every item, the confidential one too: this is their personal chat.
    expect(
      reassignButtons(leaverCard.card)
        .map((b) => Number(b.data.itemId))
        .sort(),
    ).toEqual([fcsItemId, secretItemId, acexItemId].sort());
    expect(leaverCard.text).toContain(SECRET);
    expect(toAdmin.find((m) => m.text.includes(UNKNOWN))!.text).toContain("is not known to the directory");

    // The FCS lead sees the FCS items only; the ACEX one is counted.
    const toFcsLead = await leaverCardsFor(FCS_LEAD);
    expect(toFcsLead).toHaveLength(1);
    expect(
      reassignButtons(toFcsLead[0]!.card)
        .map((b) => Number(b.data.itemId))
        .sort(),
    ).toEqual([fcsItemId, secretItemId].sort());
    expect(toFcsLead[0]!.text).toContain("1 more open item is not shown here");
    // RE's lead, named on the directorate, hears of the RE owner nobody knows; nobody else is told.
    expect((await leaverCardsFor(RE_LEAD)).map((m) => m.text.includes(UNKNOWN))).toEqual([true]);
    expect(await leaverCardsFor(BYSTANDER)).toEqual([]);

    // The cards arrive through the real dispatcher at the stand-in connector.
    const arrived = await deliver();
    expect(arrived.get("a:chat-admin")).toContain("Jo Bloggs, Head of Customer Services has left");
    expect(arrived.get("a:chat-fcs-lead")).toContain("Reassign");

    // Once: a second sweep reports nobody again.
    const second = await sweep();
    expect(second.leavers?.reported).toEqual([]);
    expect(await leaverCardsFor(ADMIN)).toHaveLength(2);
  });

  it("reports again when the directory's view changes", async () => {
    await world.prisma.person.update({ where: { email: UNKNOWN }, data: { directoryState: "disabled" } });
    const again = await sweep();
    expect(again.leavers?.reported.map((r) => [r.email, r.state])).toEqual([[UNKNOWN, "disabled"]]);
    expect((await leaverCardsFor(ADMIN)).at(-1)!.text).toContain("has left: their account is disabled");
  });

  it("a bad email comes back beside its box and changes nothing", async () => {
    const field = `newOwner_${fcsItemId}`;
    for (const [typed, problem] of [
      ["not an email", "is not an email address"],
      [LEAVER, "That is the person who left"],
      ["x".repeat(321), "under 320 characters"],
    ] as const) {
      const { card, text } = await execute(
        { leaverId: String(leaverId), itemId: String(fcsItemId), [field]: typed },
        FCS_LEAD,
      );
      const box = card.body.find((c) => c.items?.some((e) => e.id === field))!;
      expect(JSON.stringify(box)).toContain(problem);
      expect(text).not.toContain("Done:");
    }
    const item = await world.prisma.item.findUniqueOrThrow({ where: { id: fcsItemId } });
    expect(item.ownerId).toBe(leaverId);
  });

  it("refuses someone who may not hand items on, and a lead of another directorate", async () => {
    const field = `newOwner_${acexItemId}`;
    const data = { leaverId: String(leaverId), itemId: String(acexItemId), [field]: NEW_OWNER };
    expect((await execute(data, BYSTANDER)).text).toContain("Only the improvement team or the directorate's lead");
    expect((await execute(data, FCS_LEAD)).text).toContain("Not changed");
    expect((await world.prisma.item.findUniqueOrThrow({ where: { id: acexItemId } })).ownerId).toBe(leaverId);
  });

  it("never names a confidential item in a channel, and hands it on only in a personal chat", async () => {
    const field = `newOwner_${secretItemId}`;
    const channel = teamsActivity("channel-mention").conversation;
    const { text } = await execute(
      { leaverId: String(leaverId), itemId: String(secretItemId), [field]: NEW_OWNER },
      ADMIN,
      channel,
    );
    expect(text).not.toContain(SECRET);
    expect(text).toContain("Hand it on in a personal chat");
    expect((await world.prisma.item.findUniqueOrThrow({ where: { id: secretItemId } })).ownerId).toBe(leaverId);
  });

  it("reassigns with its history, and the card shows what was done", async () => {
    const field = `newOwner_${fcsItemId}`;
    const data = { leaverId: String(leaverId), itemId: String(fcsItemId), [field]: ` ${NEW_OWNER.toUpperCase()} ` };
    const { card, text } = await execute(data, FCS_LEAD);
    expect(text).toContain(`Done: `);
    expect(text).toContain(`now belongs to ${NEW_OWNER}, recorded in its history by ${EMAILS.get(FCS_LEAD)}`);
    expect(reassignButtons(card).map((b) => Number(b.data.itemId))).toEqual([secretItemId]);

    const item = await world.prisma.item.findUniqueOrThrow({ where: { id: fcsItemId }, include: { owner: true } });
    expect(item.owner?.email).toBe(NEW_OWNER);
    const entry = await world.prisma.auditEntry.findFirstOrThrow({
      where: { entityType: "item", entityId: fcsItemId },
      orderBy: { id: "desc" },
    });
    expect(entry).toMatchObject({
      action: "reassigned_from_leaver",
      actor: EMAILS.get(FCS_LEAD),
      before: JSON.stringify({ owner_email: LEAVER }),
      after: JSON.stringify({ owner_email: NEW_OWNER }),
    });
    expect(entry.at.toISOString()).toBe(NOW.toISOString());

    // The same card pressed again (or by the improvement team at the same time) changes nothing more.
    const stale = await execute(data, ADMIN);
    expect(stale.text).toContain(`Already handed on: ${NEW_OWNER} owns it now.`);
    expect(
      await world.prisma.auditEntry.count({ where: { entityId: fcsItemId, action: "reassigned_from_leaver" } }),
    ).toBe(1);
  });
});
