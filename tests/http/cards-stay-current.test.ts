/**
 * Cards that stay current, over HTTP with the real server, the real dispatcher and the stand-in connector
 * (which records an edit as a PUT in `updated`), on SQLite and on PostgreSQL: a change to an item edits every
 * message of the last 30 days showing it (a channel's item card, a personal reminder card, a week-old answer,
 * and after an import), each redrawn as its audience may see it; a burst of changes edits a message once; a
 * channel message never comes to show a confidential item; an older message is left alone.
 */
import path from "node:path";
import { writeFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAdapter } from "../../src/bot/create-bot.js";
import { loadConfig } from "../../src/config.js";
import { DEFAULT_REMINDER_POLICY } from "../../src/domain/reminders/reminder-policy.js";
import { createLogger } from "../../src/logger.js";
import { importRegister } from "../../src/services/imports/import-register.js";
import { liveCardSourcesOf, queueLiveCardEdits } from "../../src/services/live-cards/redraw-live-cards.js";
import { RegisterSnapshots } from "../../src/services/register/register-snapshots.js";
import { planItemReminders } from "../../src/services/reminders/plan-reminders.js";
import { sendDueReminders } from "../../src/services/reminders/sweep/send-due-reminders.js";
import { cardAction, channelMention, OWNER_AAD_ID } from "../support/bot-fixtures.js";
import { createBotWorld, type BotWorld } from "../support/bot-world.js";
import { outboxDispatcher } from "../support/outbox-dispatcher.js";
import { addItem, conversationReference, realSweepClocks } from "../support/reminder-fixtures.js";
import { busiestSecond } from "../support/busiest-second.js";
import { STORES } from "../support/stores.js";

type Card = { body: unknown[]; actions?: { verb?: string; data?: Record<string, string> }[] };
const OWNER = { id: "29:owner", name: "Owner", aadObjectId: OWNER_AAD_ID };
const TEAM = "improvement@example.org";
const OWNER_CHAT = "a:owner-personal-chat";
const logger = createLogger("silent");
let world: BotWorld;
let item: { id: number; ref: string; reviewTitle: string; ownerEmail: string };

describe.each(STORES)("on %s", (store) => {
  beforeAll(async () => {
    world = await createBotWorld({
      store,
      register: "d0",
      server: true,
      env: { IMPROVEMENT_TEAM_ADMINS: TEAM, LOG_LEVEL: "error" },
      // The tests import behind the bot's back: it looks at the register afresh on every turn.
      snapshotCheckMs: 0,
    });
    const linked = await world.linkOwnerOf("care leavers", OWNER);
    const row = await world.prisma.item.findUniqueOrThrow({
      where: { id: linked.id },
      include: { review: true, owner: true },
    });
    item = { id: row.id, ref: row.ref, reviewTitle: row.review.title, ownerEmail: row.owner!.email };
    // The owner's personal chat, where reminders go.
    await world.prisma.conversation.create({
      data: {
        conversationId: OWNER_CHAT,
        kind: "personal",
        reference: JSON.stringify(conversationReference(world.connector.url, OWNER_CHAT)),
        personId: linked.ownerId,
      },
    });
  });
  afterAll(async () => {
    await world?.close();
  });

  /** The real dispatcher, paced as in production, sends and edits what is queued. */
  async function deliver() {
    const adapter = createAdapter(loadConfig({ DATABASE_URL: "file:./unused.db" }));
    const dispatcher = outboxDispatcher({
      store: world.prisma,
      adapter,
      botAppId: "",
      logger,
      ratePerSecond: 50,
      ratePerConversation: 7,
    });
    return dispatcher.drainUntilIdle(2_000);
  }

  /** Posts a channel message @mentioning the bot; returns the id Teams gave the bot's reply, and the reply. */
  async function askInChannel(text: string): Promise<{ activityId: string; reply: string }> {
    const before = world.connector.sent.length;
    const response = await world.post(channelMention(text));
    expect(response.status).toBeLessThan(300);
    const index = world.connector.sent.findIndex((s, n) => n >= before && s.activity.attachments?.length);
    expect(index).toBeGreaterThanOrEqual(before);
    // The stand-in connector numbers the activities it accepts, as Teams gives each message an id.
    return { activityId: `activity-${index + 1}`, reply: JSON.stringify(world.connector.sent[index]!.activity) };
  }

  async function execute(verb: string, data: Record<string, unknown>): Promise<Card> {
    const response = await world.post(cardAction(verb, data, { from: OWNER }));
    const body = JSON.parse(await response.text()) as { value: Card };
    return body.value;
  }

  /** The owner updates the item from their personal chat's card. */
  async function ownerUpdates(narrative: string, itemId = item.id) {
    const card = await execute("item.open", { itemId: String(itemId) });
    const data = card.actions!.find((a) => a.verb === "item.update")!.data!;
    const saved = JSON.stringify(await execute("item.update", { ...data, progress: "in_progress", narrative }));
    expect(saved).toContain("Saved");
  }

  const editsOf = (activityId: string) => world.connector.updated.filter((u) => u.activityId === activityId);
  const contentOf = (edit: { activity: Record<string, unknown> }) => JSON.stringify(edit.activity);

  it("after an update through the card, the channel's item card is edited to the new status, once for a burst", async () => {
    const { activityId, reply } = await askInChannel(`update ${item.ref} of ${item.reviewTitle}`);
    expect(reply).toContain("pathway plans");
    // Two changes before the dispatcher runs: the message is edited once, with the later one.
    await ownerUpdates("Covenant drafted");
    await ownerUpdates("Covenant signed by the cabinet member");
    const report = await deliver();
    expect(report.failed).toBe(0);
    const edits = editsOf(activityId);
    expect(edits).toHaveLength(1);
    expect(edits[0]!.conversationId).toBe("19:cyps-dlt-sanitised@thread.tacv2");
    const edited = contentOf(edits[0]!);
    expect(edited).toContain("Covenant signed by the cabinet member");
    expect(edited).toContain("Latest update: Covenant signed by the cabinet member");
    // Drawn for everyone in the channel: nobody's Update form.
    expect(edited).not.toContain("item.update");
    // Nothing more to send: a later drain edits nothing again.
    await deliver();
    expect(editsOf(activityId)).toHaveLength(1);
  });

  it("edits to one channel keep Teams' per-conversation pace", async () => {
    const cards: string[] = [];
    for (let n = 0; n < 8; n += 1)
      cards.push((await askInChannel(`update ${item.ref} of ${item.reviewTitle}`)).activityId);
    await ownerUpdates("Eight cards in one channel");
    const adapter = createAdapter(loadConfig({ DATABASE_URL: "file:./unused.db" }));
    const paced = outboxDispatcher({
      store: world.prisma,
      adapter,
      botAppId: "",
      logger,
      ratePerSecond: 50,
      ratePerConversation: 3,
    });
    await paced.drainUntilIdle();
    for (const card of cards) expect(editsOf(card), card).toHaveLength(1);
    const arrivals = world.connector.updated.filter((u) => cards.includes(u.activityId)).map((u) => u.at);
    // Paced at 3 a second, sends start a third of a second apart; a request held up on a busy machine can land
    // beside the next, so one over is allowed, as the instances test allows. Unpaced, all 8 land within a second.
    expect(busiestSecond(arrivals)).toBeLessThanOrEqual(4);
    expect(Math.max(...arrivals) - Math.min(...arrivals)).toBeGreaterThanOrEqual(1_000);
  });

  it("an edit of a message Teams no longer has (404) fails once, and nobody is marked unreachable", async () => {
    await askInChannel(`update ${item.ref} of ${item.reviewTitle}`);
    await ownerUpdates("The message was deleted in Teams");
    world.connector.failNextEdits(1, 404);
    const report = await deliver();
    expect(report).toMatchObject({ unreachable: 0, retried: 0 });
    expect(report.failed).toBe(1);
    const owner = await world.prisma.person.findUniqueOrThrow({ where: { email: item.ownerEmail } });
    expect(owner.unreachable).toBe(false);
    const failed = await world.prisma.outboundMessage.findMany({ where: { purpose: "card_edit", status: "failed" } });
    expect(failed.map((m) => m.lastError)).toEqual([expect.stringContaining("404")]);
  });

  it("a week-old answer in a channel is worked out again, saying when it is as at", async () => {
    const { activityId, reply } = await askInChannel("what's delayed in CYPS?");
    expect(reply).toContain(item.ref);
    expect(reply).toContain("As at 10:00 on 9 Jan 2024");
    world.clock.set(new Date("2024-01-16T11:30:00Z"));
    try {
      await ownerUpdates("Benchmarking report shared with the DLT");
      await deliver();
    } finally {
      world.clock.set(new Date("2024-01-09T10:00:00Z"));
    }
    const edits = editsOf(activityId);
    expect(edits).toHaveLength(1);
    const edited = contentOf(edits[0]!);
    expect(edited).toContain("As at 11:30 on 16 Jan 2024");
    expect(edited).not.toContain("As at 10:00 on 9 Jan 2024");
    expect(edited).toContain("Benchmarking report shared with the DLT");
  });

  it("a personal reminder card is edited when an item on it changes", async () => {
    // An item of the owner's due in three days, never updated: the sweep reminds them in their personal chat.
    const ownerId = (await world.prisma.person.findUniqueOrThrow({ where: { email: item.ownerEmail } })).id;
    const dueSoon = await addItem(world.prisma, { ownerId, originalTarget: "2024-01-12", ref: "Rec R1" });
    await planItemReminders(world.prisma, [dueSoon], world.clock.now(), DEFAULT_REMINDER_POLICY);
    const due = (await world.prisma.item.findUniqueOrThrow({ where: { id: dueSoon } })).nextReminderAt;
    expect(due).not.toBeNull();
    const before = world.connector.sent.length;
    const deps = { prisma: world.prisma, policy: DEFAULT_REMINDER_POLICY, logger, improvementTeamAdmins: [TEAM] };
    await sendDueReminders({ ...deps, ...realSweepClocks }, due!);
    await deliver();
    const index = world.connector.sent.findIndex((s, n) => n >= before && s.conversationId === OWNER_CHAT);
    expect(index).toBeGreaterThanOrEqual(before);
    const reminderId = `activity-${index + 1}`;
    expect(JSON.stringify(world.connector.sent[index]!.activity)).toContain("Rec R1");

    await ownerUpdates("Plan for Rec R1 agreed with the service", dueSoon);
    await deliver();
    const edits = editsOf(reminderId);
    expect(edits).toHaveLength(1);
    expect(edits[0]!.conversationId).toBe(OWNER_CHAT);
    const edited = contentOf(edits[0]!);
    expect(edited).toContain("Plan for Rec R1 agreed with the service");
    // Still the owner's reminder, with its own wording.
    expect(edited).toContain("needs an update");
  });

  /** Imports `rows` (canonical columns) as the command line does, redrawing what the import changed. */
  async function importRows(rows: string) {
    const file = path.join(world.db.dir, `change-${Date.now()}.csv`);
    writeFileSync(file, rows);
    const config = loadConfig({ DATABASE_URL: world.db.url, IMPROVEMENT_TEAM_ADMINS: TEAM });
    const report = await importRegister(world.prisma, {
      file,
      dryRun: false,
      actor: "test import",
      today: "2024-01-09",
      now: world.clock.now(),
      afterWrite: async (itemIds) => {
        await queueLiveCardEdits(
          liveCardSourcesOf(config, world.prisma, new RegisterSnapshots(world.prisma)),
          itemIds,
          world.clock.now(),
        );
      },
    });
    expect(report.ok).toBe(true);
  }

  const CSV_HEAD =
    "directorate,review_title,review_body,review_type,review_date,findings_received,outcome,item_ref,item_kind,item_text,owner_email,original_target,revised_target,revision_reason,progress,progress_update,confidential\n";
  const csvRow = (reviewTitle: string, ref: string, text: string, update: string, confidential: boolean) =>
    `CYPS,"${reviewTitle}",Ofsted,inspection,June 2022,August 2022,Good,${ref},recommendation,"${text}",live.owner@example.org,June 2023,,,in_progress,"${update}",${confidential}\n`;

  it("an import that changes an item edits the messages showing it", async () => {
    await importRows(CSV_HEAD + csvRow("Live cards review", "Rec L1", "Publish the fostering offer", "Drafted", false));
    const { activityId } = await askInChannel("update Rec L1 of Live cards review");
    await importRows(
      CSV_HEAD +
        csvRow("Live cards review", "Rec L1", "Publish the fostering offer", "Published on the website", false),
    );
    await deliver();
    const edits = editsOf(activityId);
    expect(edits).toHaveLength(1);
    expect(contentOf(edits[0]!)).toContain("Published on the website");
  });

  it("a confidential item's change never edits a channel message to show it", async () => {
    const text = "Review the home's missing-from-care protocol";
    await importRows(CSV_HEAD + csvRow("Harbour View home review", "Rec H1", text, "Started", false));
    const { activityId, reply } = await askInChannel("update Rec H1 of Harbour View home review");
    expect(reply).toContain("missing-from-care");
    // The review is found to be a children's home: confidential from now on, with a new update.
    await importRows(CSV_HEAD + csvRow("Harbour View home review", "Rec H1", text, "Protocol rewritten", true));
    await deliver();
    const edits = editsOf(activityId);
    expect(edits).toHaveLength(1);
    const edited = contentOf(edits[0]!);
    expect(edited).toContain("This is confidential");
    expect(edited).not.toContain("missing-from-care");
    expect(edited).not.toContain("Protocol rewritten");
    // No channel message anywhere was edited to show it.
    const inChannels = world.connector.updated.filter((u) => !u.conversationId.startsWith("a:"));
    expect(inChannels.map(contentOf).filter((c) => c.includes("Protocol rewritten"))).toEqual([]);
  });

  it("a message older than 30 days is left alone", async () => {
    const { activityId: old } = await askInChannel(`update ${item.ref} of ${item.reviewTitle}`);
    world.clock.set(new Date("2024-02-12T10:00:00Z"));
    try {
      const { activityId: recent } = await askInChannel(`update ${item.ref} of ${item.reviewTitle}`);
      await ownerUpdates("Thirty-four days on");
      await deliver();
      // The same change edits the card posted today, and not the one posted 34 days ago.
      expect(editsOf(recent)).toHaveLength(1);
      expect(contentOf(editsOf(recent)[0]!)).toContain("Thirty-four days on");
    } finally {
      world.clock.set(new Date("2024-01-09T10:00:00Z"));
    }
    expect(editsOf(old)).toEqual([]);
    // The record keeps 30 days of messages: the older one is forgotten.
    expect(await world.prisma.liveCard.count({ where: { activityId: old } })).toBe(0);
  });
});
