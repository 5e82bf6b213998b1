/**
 * Waiting decisions asked about and decided where they are listed, over HTTP against the real server and D0's
 * register: "what's waiting for me to decide?", "what completions are waiting to be verified?" and "what
 * extensions are waiting for approval?" list them, with Approve/Decline and Verify/Return buttons (rendered by
 * the official renderer) only for people allowed to press them, and only in a personal chat; pressing one
 * decides beside the list, through the same rule and history; "approve/decline the extension for <ref> of
 * <review>" works in chat.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cardAction, channelMention, personalMessage } from "../support/bot-fixtures.js";
import { createBotWorld, type BotWorld, type TeamsUser } from "../support/bot-world.js";
import { CardRenderer } from "../support/card-renderer.js";

type Action = { type?: string; verb?: string; title?: string; data?: Record<string, string> };
type Card = { body: unknown[]; actions?: Action[] };

const user = (key: string): TeamsUser => ({ id: `29:${key}`, name: key, aadObjectId: `aad-${key}` });
const ADMIN = user("admin");
const OWNER = user("rsab");
const LEAD = user("achph-lead");
const OTHER = user("cpc");
const REVIEW = "Safeguarding Peer Review";

let world: BotWorld;
let renderer: CardRenderer;
let extensionItemId: number;
let completionItemId: number;

function actionsIn(node: unknown): Action[] {
  if (Array.isArray(node)) return node.flatMap(actionsIn);
  if (!node || typeof node !== "object") return [];
  const record = node as Record<string, unknown>;
  const own = record.type === "Action.Execute" ? [record as Action] : [];
  return [...own, ...Object.values(record).flatMap(actionsIn)];
}

async function execute(verb: string, data: Record<string, unknown>, from: TeamsUser) {
  const response = await world.post(cardAction(verb, data, { from }));
  expect(response.status).toBe(200);
  return (await response.json()) as { type: string; value: unknown };
}

/** Asks in the person's personal chat; the answer's card. */
async function ask(from: TeamsUser, text: string): Promise<Card> {
  const before = world.connector.sent.length;
  const base = personalMessage(text);
  await world.post({ ...base, from, conversation: { ...base.conversation, id: `a:chat-${from.name}` } });
  const [reply] = (await world.connector.waitForSends(before + 1)).slice(before);
  return reply!.activity.attachments![0]!.content as Card;
}

/**
 * The answer as the official renderer shows it: no problems, and the titles of its decision buttons, which
 * the renderer shows exactly as the card carries them (the renderer lists an ActionSet's actions twice).
 */
async function rendered(card: Card, name: string): Promise<{ text: string; buttons: string[] }> {
  const result = await renderer.render(card, name);
  expect(result.problems).toEqual([]);
  const carried = actionsIn(card)
    .filter((a) => a.verb === "decision.beside")
    .map((a) => a.title!);
  const shown = result.actions.filter((a) => /^(Approve|Decline|Verify|Return) /.test(a));
  expect([...new Set(shown)].sort()).toEqual([...new Set(carried)].sort());
  return { text: result.text, buttons: carried };
}

beforeAll(async () => {
  world = await createBotWorld({
    register: "d0",
    server: true,
    users: [
      { ...ADMIN, email: "improvement@example.org" },
      { ...OWNER, email: "rsab.manager@example.org" },
      { ...LEAD, email: "achph.lead@example.org" },
      { ...OTHER, email: "cpc.plan@example.org" },
    ],
    env: { IMPROVEMENT_TEAM_ADMINS: "improvement@example.org", LOG_LEVEL: "error" },
  });
  renderer = await CardRenderer.start();
  const lead = await world.prisma.person.findUniqueOrThrow({ where: { email: "achph.lead@example.org" } });
  await world.prisma.role.create({
    data: { personId: lead.id, role: "directorate_lead", directorateId: "ACHPH", grantedBy: "test" },
  });
  // The owner asks to move one target, and says another item is complete.
  const asked = await world.prisma.item.findFirstOrThrow({ where: { text: { contains: "sets its agendas" } } });
  const done = await world.prisma.item.findFirstOrThrow({ where: { text: { contains: "robust SMART plans" } } });
  extensionItemId = asked.id;
  completionItemId = done.id;
  for (const [item, changes] of [
    [asked, { revisedTarget: "December 2024", revisionReason: "The partners' plan is late" }],
    [
      done,
      { progress: "complete", narrative: "Done", evidenceUrl: "https://example.org/e", completedOn: "2024-01-08" },
    ],
  ] as const) {
    const opened = await execute("item.open", { itemId: String(item.id) }, OWNER);
    const save = actionsIn(opened.value).find((a) => a.verb === "item.update")!.data!;
    await execute("item.update", { progress: item.progress, ...save, ...changes }, OWNER);
  }
  expect(await world.prisma.extensionRequest.count({ where: { state: "waiting" } })).toBe(1);
  expect((await world.prisma.item.findUniqueOrThrow({ where: { id: done.id } })).verification).toBe("awaiting");
}, 120_000);
afterAll(async () => {
  await renderer?.close();
  await world?.close();
});

describe("what waits for whom, with the buttons each may press", () => {
  it('"what\'s waiting for me to decide?": both decisions for the improvement team, the extension for the lead, nothing for others', async () => {
    const forTeam = await rendered(await ask(ADMIN, "what's waiting for me to decide?"), "waiting-for-team");
    expect(forTeam.text).toContain("waiting for your decision");
    expect(forTeam.buttons.sort()).toEqual(
      [
        "Approve Recommendation 3",
        "Decline Recommendation 3",
        "Return Recommendation 4",
        "Verify Recommendation 4",
      ].sort(),
    );
    const forLead = await rendered(await ask(LEAD, "what's waiting for me to decide?"), "waiting-for-lead");
    expect(forLead.buttons).toEqual(["Approve Recommendation 3", "Decline Recommendation 3"]);
    expect(forLead.text).not.toContain("robust SMART plans");
    const forOther = await rendered(await ask(OTHER, "what is waiting for my decision?"), "waiting-for-other");
    expect(forOther.text).toContain("waiting for your decision");
    expect(forOther.buttons).toEqual([]);
    expect(forOther.text).not.toContain("sets its agendas");
  });

  it('"what completions are waiting to be verified?": Verify and Return for the team, none for the owner', async () => {
    const forTeam = await rendered(
      await ask(ADMIN, "what completions are waiting to be verified?"),
      "completions-team",
    );
    expect(forTeam.text).toContain("robust SMART plans");
    expect(forTeam.text).not.toContain("sets its agendas");
    expect(forTeam.buttons).toEqual(["Verify Recommendation 4", "Return Recommendation 4"]);
    const forOwner = await rendered(
      await ask(OWNER, "what completions are waiting to be verified?"),
      "completions-owner",
    );
    expect(forOwner.text).toContain("robust SMART plans");
    expect(forOwner.buttons).toEqual([]);
  });

  it('"what extensions are waiting for approval?": Approve and Decline for an approver, not for the requester, nor in a channel', async () => {
    const forLead = await rendered(await ask(LEAD, "what extensions are waiting for approval?"), "extensions-lead");
    expect(forLead.buttons).toEqual(["Approve Recommendation 3", "Decline Recommendation 3"]);
    const forOwner = await rendered(await ask(OWNER, "what extensions are waiting for approval?"), "extensions-owner");
    expect(forOwner.text).toContain("sets its agendas");
    expect(forOwner.buttons).toEqual([]);
    const before = world.connector.sent.length;
    await world.post({ ...channelMention("what extensions are waiting for approval?"), from: ADMIN });
    const [inChannel] = (await world.connector.waitForSends(before + 1)).slice(before);
    expect(actionsIn(inChannel!.activity).filter((a) => a.verb === "decision.beside")).toEqual([]);
  });
});

describe("deciding from the list or by name", () => {
  it("Verify beside the list decides it, leaves the list, and records it as the verification card would", async () => {
    const list = await ask(ADMIN, "what completions are waiting to be verified?");
    const verify = actionsIn(list).find((a) => a.title === "Verify Recommendation 4")!;
    const sentBefore = world.connector.sent.length;
    const answer = await execute(verify.verb!, verify.data!, ADMIN);
    expect(answer.type).toBe("application/vnd.microsoft.activity.message");
    const [decided] = (await world.connector.waitForSends(sentBefore + 1)).slice(sentBefore);
    expect(JSON.stringify(decided!.activity)).toContain("Approved");
    expect(await world.prisma.item.findUniqueOrThrow({ where: { id: completionItemId } })).toMatchObject({
      progress: "complete",
      verification: "none",
    });
    const history = await world.prisma.auditEntry.findMany({
      where: { entityType: "item", entityId: completionItemId },
    });
    expect(history.map((h) => [h.action, h.actor])).toContainEqual(["verified", "improvement@example.org"]);
  });

  it("Decline beside the list opens the request's card for the comment, as a new message, deciding nothing yet", async () => {
    const list = await ask(LEAD, "what's waiting for me to decide?");
    const decline = actionsIn(list).find((a) => a.title === "Decline Recommendation 3")!;
    const sentBefore = world.connector.sent.length;
    const answer = await execute(decline.verb!, decline.data!, LEAD);
    expect(answer.type).toBe("application/vnd.microsoft.activity.message");
    const [opened] = (await world.connector.waitForSends(sentBefore + 1)).slice(sentBefore);
    const card = opened!.activity.attachments![0]!.content as Card;
    expect(JSON.stringify(card)).toContain("Say why you decline it in the comment");
    expect(actionsIn(card).map((a) => a.verb)).toEqual(["extension.approve", "extension.decline"]);
    expect(await world.prisma.extensionRequest.count({ where: { state: "waiting" } })).toBe(1);
    // Someone the rule does not allow presses it anyway (an old card): refused, nothing changed.
    await execute(decline.verb!, { ...decline.data!, decision: "approve" }, OTHER);
    expect(await world.prisma.extensionRequest.count({ where: { state: "waiting" } })).toBe(1);
  });

  it('"decline the extension for …" opens the card for the comment; the requester cannot "approve" it; the lead can', async () => {
    const declining = JSON.stringify(await ask(LEAD, `decline the extension for Recommendation 3 of ${REVIEW}`));
    expect(declining).toContain("Say why you decline it in the comment");
    expect(declining).toContain('"verb":"extension.decline"');
    expect(await world.prisma.extensionRequest.count({ where: { state: "waiting" } })).toBe(1);

    const refused = JSON.stringify(await ask(OWNER, `approve the extension for Recommendation 3 of ${REVIEW}`));
    expect(refused).toContain("Not decided: You asked for this extension");
    expect(await world.prisma.extensionRequest.count({ where: { state: "waiting" } })).toBe(1);

    const approved = JSON.stringify(await ask(LEAD, `approve the extension for Recommendation 3 of ${REVIEW}`));
    expect(approved).toContain("Approved: the target is now 31 Dec 2024.");
    expect((await world.prisma.item.findUniqueOrThrow({ where: { id: extensionItemId } })).revisedTargetRaw).toBe(
      "December 2024",
    );
    const history = await world.prisma.auditEntry.findMany({
      where: { entityType: "item", entityId: extensionItemId },
    });
    expect(history.map((h) => [h.action, h.actor])).toContainEqual(["extension_approved", "achph.lead@example.org"]);
  });
});
