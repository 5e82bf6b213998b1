/**
 * The reminder sweep on a real SQLite file and on a real PostgreSQL database (the same tests), sending through the real dispatcher and botbuilder adapter to
 * the local stand-in connector: one card per owner, claims that survive a crash, overlapping sweeps (in
 * one process and in two), catch-up after downtime, cancelled reminders, escalations and unreachable owners.
 * Instants are UTC: 09:00 London is 08:00Z in summer.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createAdapter } from "../../src/bot/create-bot.js";
import { loadConfig } from "../../src/config.js";
import { DEFAULT_REMINDER_POLICY as policy } from "../../src/domain/reminders/reminder-policy.js";
import { createLogger } from "../../src/logger.js";
import { planItemReminders } from "../../src/services/reminders/plan-reminders.js";
import { sendDueReminders, type ReminderSweepDeps } from "../../src/services/reminders/sweep/send-due-reminders.js";
import {
  addChannel,
  addItem,
  addPerson,
  deliveriesByConversation,
  realSweepClocks,
  reviseTarget,
} from "../support/reminder-fixtures.js";
import { startStandInConnector, type StandInConnector } from "../support/stand-in-connector.js";
import { STORES, storeDatabases } from "../support/stores.js";
import type { TestDatabase } from "../support/test-database.js";
import { outboxDispatcher } from "../support/outbox-dispatcher.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const ADMIN = "improvement.team@example.org";
const logger = createLogger("silent");
const adapter = createAdapter(loadConfig({ DATABASE_URL: "file:./unused.db" }));
const at = (iso: string) => new Date(iso);
const databaseOn = storeDatabases();

let connector: StandInConnector;
let db: TestDatabase;

beforeAll(async () => {
  connector = await startStandInConnector();
});
afterAll(async () => {
  await connector.close();
});

function sweep(now: string, extra: Partial<ReminderSweepDeps> = {}) {
  return sendDueReminders(
    { prisma: db.prisma, policy, logger, improvementTeamAdmins: [ADMIN], ...realSweepClocks, ...extra },
    at(now),
  );
}

function dispatcher() {
  return outboxDispatcher({
    store: db.prisma,
    adapter,
    botAppId: "",
    logger,
    ratePerSecond: 200,
    ratePerConversation: 50,
    backoffBaseMs: 20,
  });
}

async function deliver() {
  return dispatcher().drainUntilIdle(5_000);
}

function cardOf(conversationId: string) {
  const sends = connector.sent.filter((s) => s.conversationId === conversationId);
  return sends.map((s) => s.activity.attachments?.[0]?.content as Record<string, unknown>);
}

function updateButtons(card: Record<string, unknown>): { verb: string; data: { itemId: number } }[] {
  const found: { verb: string; data: { itemId: number } }[] = [];
  JSON.stringify(card, (_key, value: unknown) => {
    const action = value as { type?: string; verb: string; data: { itemId: number } } | null;
    if (action?.type === "Action.Execute") found.push({ verb: action.verb, data: action.data });
    return value;
  });
  return found;
}

describe.each(STORES)("on %s", (store) => {
  beforeEach(async () => {
    db = await databaseOn(store);
    connector.sent.length = 0;
    connector.failNext(0);
  });
  afterEach(async () => {
    await db.close();
  });

  describe("the sweep", () => {
    it("sends one card per owner listing every item due, with an Update button per item, and never twice", async () => {
      const sam = await addPerson(db.prisma, connector.url, "sam.owner@example.org", { name: "Sam Owner" });
      const kim = await addPerson(db.prisma, connector.url, "kim.owner@example.org");
      const x = await addItem(db.prisma, {
        ownerId: sam.personId,
        originalTarget: "2025-06-30",
        ref: "Recommendation 3",
      }); // before_3 on 25 June
      const y = await addItem(db.prisma, { ownerId: sam.personId, originalTarget: "2025-06-25" }); // on the day
      const z = await addItem(db.prisma, {
        ownerId: sam.personId,
        originalTarget: "2025-06-18",
        latestUpdate: "Waiting for the new system",
      }); // a week overdue
      const w = await addItem(db.prisma, { ownerId: kim.personId, originalTarget: "2025-07-23" }); // before_20
      await addItem(db.prisma, { ownerId: kim.personId, originalTarget: "2025-12-31" }); // nothing due yet

      const report = await sweep("2025-06-25T08:05:00Z");
      expect(report.totals).toMatchObject({ owners: 2, reminders: 4, escalations: 0, cards_queued: 2 });
      expect(report.owners.map((o) => [o.owner_email, o.items.map((i) => [i.item_id, i.reminder])])).toEqual([
        ["kim.owner@example.org", [[w, "before_20"]]],
        [
          "sam.owner@example.org",
          [
            [z, "overdue_1"],
            [y, "before_0"],
            [x, "before_3"],
          ],
        ],
      ]);

      // Queued is not delivered: the claims say so until Teams accepts the cards.
      expect((await db.prisma.reminderClaim.findMany()).map((c) => [c.status, c.sentAt])).toEqual(
        Array(4).fill(["queued", null]),
      );
      const drained = await deliver();
      expect(drained).toMatchObject({ sent: 2, retried: 0, unreachable: 0, failed: 0 });
      const [samCard] = cardOf(sam.conversationId!);
      expect(updateButtons(samCard!)).toEqual(
        [z, y, x].map((itemId) => ({ verb: "item.open.beside", data: { itemId } })),
      );
      const text = JSON.stringify(samCard);
      expect(text).toContain("3 of your actions need an update");
      expect(text).toContain("Due in 3 working days (target 30 Jun 2025)");
      expect(text).toContain("Overdue: the target was 18 Jun 2025 (1 week ago)");
      expect(text).toContain("Waiting for the new system");
      expect(connector.sent.find((s) => s.conversationId === sam.conversationId)?.activity).toMatchObject({
        summary: "3 of your actions need an update",
      });

      const claims = await db.prisma.reminderClaim.findMany({ orderBy: { id: "asc" } });
      expect(claims.map((c) => c.status)).toEqual(["delivered", "delivered", "delivered", "delivered"]);
      expect(claims.every((c) => c.sentAt !== null && c.queuedAt !== null)).toBe(true);
      expect(new Set(claims.map((c) => c.messageId)).size).toBe(2);
      expect((await db.prisma.item.findUniqueOrThrow({ where: { id: x } })).nextReminderKind).toBe("before_0");

      // Later sweeps the same day find nothing more to send.
      for (const later of ["2025-06-25T08:10:00Z", "2025-06-25T14:00:00Z"]) {
        expect((await sweep(later)).totals.cards_queued).toBe(0);
      }
      await deliver();
      expect(connector.sent).toHaveLength(2);
    });

    it("after downtime sends one catch-up card per owner: the latest reminder of each item, not the backlog", async () => {
      const sam = await addPerson(db.prisma, connector.url, "sam.owner@example.org");
      const item = await addItem(db.prisma, { ownerId: sam.personId, originalTarget: "2025-06-30" });
      await planItemReminders(db.prisma, "all", at("2025-05-01T10:00:00Z"), policy);
      // Nothing ran from May until 22 July: before_20, before_10, before_3, on the day and three weekly reminders were missed.
      const report = await sweep("2025-07-22T11:00:00Z");
      expect(report.owners).toHaveLength(1);
      expect(report.owners[0]!.items.map((i) => i.reminder)).toEqual(["overdue_3"]);
      expect(report.escalations.map((e) => e.items.map((i) => i.reminder))).toEqual([["escalation"]]);
      await deliver();
      expect(deliveriesByConversation(connector.sent).get(sam.conversationId!)).toBe(1);
      const kinds = (await db.prisma.reminderClaim.findMany({ where: { itemId: item } })).map((c) => c.kind).sort();
      expect(kinds).toEqual(["escalation", "overdue_3"]);
    });

    it("a sweep killed between claim and send is picked up a minute later by the next: every reminder sent once", async () => {
      const owners = await Promise.all(
        ["a", "b", "c"].map((n) => addPerson(db.prisma, connector.url, `${n}.owner@example.org`)),
      );
      for (const owner of owners) {
        await addItem(db.prisma, { ownerId: owner.personId, originalTarget: "2025-06-30" });
        await addItem(db.prisma, { ownerId: owner.personId, originalTarget: "2025-06-25" });
      }
      await expect(
        sweep("2025-06-25T08:05:00Z", {
          afterClaim: () => {
            throw new Error("killed");
          },
        }),
      ).rejects.toThrow("killed");
      expect(await db.prisma.reminderClaim.count({ where: { status: "claimed" } })).toBe(6);
      expect(await db.prisma.outboundMessage.count()).toBe(0);

      // While the dead sweep's short lease runs, nobody else takes its reminders; the items wait for it.
      const during = await sweep("2025-06-25T08:05:30Z");
      expect(during.totals.cards_queued).toBe(0);
      const waiting = await db.prisma.item.findFirstOrThrow({ where: { ownerId: owners[0]!.personId } });
      expect(waiting.nextReminderAt!.getTime()).toBeGreaterThanOrEqual(at("2025-06-25T08:06:00Z").getTime());
      expect(waiting.nextReminderAt!.getTime()).toBeLessThan(at("2025-06-25T08:07:00Z").getTime());

      const after = await sweep("2025-06-25T08:06:05Z");
      expect(after.totals).toMatchObject({ owners: 3, reminders: 6, cards_queued: 3 });
      await sweep("2025-06-25T08:30:00Z");
      await deliver();
      const counts = deliveriesByConversation(connector.sent);
      expect(owners.map((o) => counts.get(o.conversationId!))).toEqual([1, 1, 1]);
      expect(await db.prisma.reminderClaim.count({ where: { status: "delivered" } })).toBe(6);
    });

    it("two sweeps at once through one client claim each reminder once", async () => {
      const owners = await Promise.all(
        Array.from({ length: 20 }, (_, i) => addPerson(db.prisma, connector.url, `owner${i}@example.org`)),
      );
      for (const owner of owners) {
        await addItem(db.prisma, { ownerId: owner.personId, originalTarget: "2025-06-30" });
        await addItem(db.prisma, { ownerId: owner.personId, originalTarget: "2025-06-18" });
      }
      const [first, second] = await Promise.all([sweep("2025-06-25T08:05:00Z"), sweep("2025-06-25T08:05:00Z")]);
      expect(first.totals.reminders + second.totals.reminders).toBe(40);
      expect(first.totals.cards_queued + second.totals.cards_queued).toBe(20);
      await deliver();
      const counts = deliveriesByConversation(connector.sent);
      expect(owners.every((o) => counts.get(o.conversationId!) === 1)).toBe(true);
    });

    it("two sweeps at once in two processes (two PrismaClients on one database) claim each reminder once", async () => {
      const owners: { conversationId: string | null }[] = [];
      for (let i = 0; i < 150; i += 1) {
        const owner = await addPerson(db.prisma, connector.url, `owner${i}@example.org`);
        owners.push(owner);
        await addItem(db.prisma, { ownerId: owner.personId, originalTarget: "2025-06-30" });
        await addItem(db.prisma, { ownerId: owner.personId, originalTarget: "2025-06-25" });
      }
      const now = "2025-06-25T08:05:00Z";
      const child = spawn("npx", ["tsx", "tests/support/sweep-child.ts", db.url, now], {
        cwd: ROOT,
        stdio: ["pipe", "pipe", "pipe"],
      });
      let output = "";
      child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
      child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
      const exited = new Promise<number | null>((resolve) => child.on("close", resolve));
      const deadline = Date.now() + 30_000;
      while (!output.includes("ready")) {
        if (Date.now() > deadline) throw new Error(`the second process did not start: ${output}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      child.stdin.write("go\n");
      const mine = await sweep(now);
      expect(await exited, output).toBe(0);
      const theirs = JSON.parse(
        output
          .split("\n")
          .filter((l) => l.startsWith("{"))
          .at(-1)!,
      ) as { reminders: number; cards: number };
      // Whichever process claims first may take them all; what matters is that each is claimed exactly once.
      expect(mine.totals.reminders + theirs.reminders).toBe(300);
      expect(mine.totals.cards_queued + theirs.cards).toBe(150);
      expect(await db.prisma.reminderClaim.count()).toBe(300);
      expect(await db.prisma.outboundMessage.count()).toBe(150);
      await deliver();
      const counts = deliveriesByConversation(connector.sent);
      expect(owners.filter((o) => counts.get(o.conversationId!) !== 1)).toEqual([]);
    }, 60_000);

    it("moving an item's target or completing it cancels its pending reminders", async () => {
      const sam = await addPerson(db.prisma, connector.url, "sam.owner@example.org");
      const moved = await addItem(db.prisma, { ownerId: sam.personId, originalTarget: "2025-06-30" });
      const completed = await addItem(db.prisma, { ownerId: sam.personId, originalTarget: "2025-06-25" });
      await expect(
        sweep("2025-06-25T08:05:00Z", {
          afterClaim: () => {
            throw new Error("killed");
          },
        }),
      ).rejects.toThrow();
      expect(await db.prisma.reminderClaim.count({ where: { status: "claimed" } })).toBe(2);

      await reviseTarget(db.prisma, moved, "2025-09-30");
      await db.prisma.item.update({ where: { id: completed }, data: { progress: "complete" } });
      const planned = await planItemReminders(db.prisma, [moved, completed], at("2025-06-25T08:07:00Z"), policy);
      expect(planned.cancelledClaims).toBe(2);
      expect((await db.prisma.reminderClaim.findMany()).map((c) => c.status)).toEqual(["cancelled", "cancelled"]);
      const items = await db.prisma.item.findMany({
        where: { id: { in: [moved, completed] } },
        orderBy: { id: "asc" },
      });
      expect(items.map((i) => [i.nextReminderKind, i.nextReminderAt?.toISOString() ?? null])).toEqual([
        ["before_20", "2025-09-02T08:00:00.000Z"],
        [null, null],
      ]);

      expect((await sweep("2025-06-25T08:20:00Z")).totals.reminders).toBe(0);
      await deliver();
      expect(connector.sent).toHaveLength(0);
    });

    it("leaves out of the card a reminder cancelled while the sweep was between claim and queue", async () => {
      const sam = await addPerson(db.prisma, connector.url, "sam.owner@example.org");
      const kept = await addItem(db.prisma, { ownerId: sam.personId, originalTarget: "2025-06-30" });
      const moved = await addItem(db.prisma, { ownerId: sam.personId, originalTarget: "2025-06-25" });
      const report = await sweep("2025-06-25T08:05:00Z", {
        afterClaim: async () => {
          await reviseTarget(db.prisma, moved, "2025-10-31");
          await planItemReminders(db.prisma, [moved], at("2025-06-25T08:05:00Z"), policy);
        },
      });
      expect(report.totals.cards_queued).toBe(1);
      await deliver();
      const [card] = cardOf(sam.conversationId!);
      expect(updateButtons(card!).map((b) => b.data.itemId)).toEqual([kept]);
    });

    it("escalates to the directorate's lead and leadership channel, leaving confidential items out of the channel", async () => {
      const lead = await addPerson(db.prisma, connector.url, "cyps.lead@example.org", { name: "CYPS Lead" });
      const channel = await addChannel(db.prisma, connector.url, "19:cyps-dlt@thread.tacv2");
      await db.prisma.directorate.update({
        where: { id: "CYPS" },
        data: { leadEmail: "CYPS.Lead@example.org", leadershipConversationId: channel },
      });
      const sam = await addPerson(db.prisma, connector.url, "sam.owner@example.org", { name: "Sam Owner" });
      const open = await addItem(db.prisma, {
        ownerId: sam.personId,
        originalTarget: "2025-06-30",
        reviewTitle: "Ofsted focused visit",
      });
      const home = await addItem(db.prisma, {
        ownerId: sam.personId,
        originalTarget: "2025-06-30",
        reviewTitle: "Children's home 037521",
        confidential: true,
      });
      const updated = await addItem(db.prisma, { ownerId: sam.personId, originalTarget: "2025-06-30" });
      await db.prisma.progressUpdate.create({
        data: {
          itemId: updated,
          progress: "in_progress",
          narrative: "On it",
          actor: "sam",
          at: at("2025-07-01T10:00:00Z"),
        },
      });

      const report = await sweep("2025-07-14T08:05:00Z"); // 10 working days after 30 June
      expect(report.escalations).toEqual([
        expect.objectContaining({
          directorate: "CYPS",
          lead_email: "cyps.lead@example.org",
          lead_reachable: true,
          leadership_channel: true,
          items: [
            expect.objectContaining({ item_id: open, owner_email: "sam.owner@example.org" }),
            expect.objectContaining({ item_id: home }),
          ],
        }),
      ]);
      await deliver();
      const leadCard = JSON.stringify(cardOf(lead.conversationId!)[0]);
      expect(leadCard).toContain("Escalation: 2 Children and Young People's Services items are overdue with no update");
      expect(leadCard).toContain("Sam Owner (sam.owner@example.org)");
      expect(updateButtons(JSON.parse(leadCard) as Record<string, unknown>).map((b) => b.data.itemId)).toEqual([
        open,
        home,
      ]);
      const channelCards = cardOf(channel);
      expect(channelCards).toHaveLength(1);
      expect(JSON.stringify(channelCards[0])).not.toContain("037521");
      expect(updateButtons(channelCards[0]!).map((b) => b.data.itemId)).toEqual([open]);
      // The owner still gets their weekly reminder, about all three.
      expect(updateButtons(cardOf(sam.conversationId!)[0]!)).toHaveLength(3);
    });

    it("records owners it cannot reach and lists them to the improvement team once a day", async () => {
      await addPerson(db.prisma, connector.url, ADMIN);
      const silent = await addPerson(db.prisma, connector.url, "no.chat@example.org", { chat: false, name: "No Chat" });
      const blocked = await addPerson(db.prisma, connector.url, "blocked@example.org", { unreachable: true });
      await addItem(db.prisma, { ownerId: silent.personId, originalTarget: "2025-06-30" });
      await addItem(db.prisma, { ownerId: blocked.personId, originalTarget: "2025-06-30" });
      await addItem(db.prisma, { ownerId: null, originalTarget: "2025-06-30" });

      const report = await sweep("2025-06-25T08:05:00Z");
      expect(report.owners.map((o) => [o.owner_email, o.reachable, o.unreachable_reason])).toEqual([
        ["blocked@example.org", false, "blocked or removed the bot (Teams answered 403 or 404)"],
        ["no.chat@example.org", false, "has no chat with the bot yet (the app needs installing for them)"],
      ]);
      expect(report.totals.cards_queued).toBe(0);
      expect((await db.prisma.reminderClaim.findMany()).map((c) => c.status)).toEqual(["unreachable", "unreachable"]);
      expect(report.unreachable_report).toMatchObject({ queued: 1, ownerless_open_items: 1 });

      expect((await sweep("2025-06-25T10:00:00Z")).unreachable_report).toMatchObject({
        queued: 0,
        skipped: "already sent today",
      });
      await deliver();
      expect(connector.sent).toHaveLength(1);
      const text = JSON.stringify(connector.sent[0]!.activity);
      expect(text).toContain("2 owners the bot cannot reach");
      expect(text).toContain("No Chat (no.chat@example.org): 1 open item; no chat with the bot yet");
      expect(text).toContain("blocked@example.org: 1 open item; blocked or removed the bot");
      expect(text).toContain("1 open item has no owner");
      expect((await sweep("2025-06-26T08:05:00Z")).unreachable_report).toMatchObject({ queued: 1 });
    });

    it("sends nothing outside the send window, and goes at the next opening", async () => {
      const sam = await addPerson(db.prisma, connector.url, "sam.owner@example.org");
      const item = await addItem(db.prisma, { ownerId: sam.personId, originalTarget: "2025-06-30" });
      const evening = await sweep("2025-06-27T17:30:00Z"); // Friday 18:30 BST
      expect(evening).toMatchObject({
        sending_allowed: false,
        next_send_at: "2025-06-30T08:00:00.000Z",
        totals: { reminders: 0 },
      });
      expect((await db.prisma.item.findUniqueOrThrow({ where: { id: item } })).nextReminderAt?.toISOString()).toBe(
        "2025-06-30T08:00:00.000Z",
      );
      expect((await sweep("2025-06-28T10:00:00Z")).totals.reminders).toBe(0);
      const monday = await sweep("2025-06-30T08:00:00Z");
      expect(monday.owners[0]!.items.map((i) => i.reminder)).toEqual(["before_0"]);
    });
  });

  describe("the sweep's clock", () => {
    it("holds its claims on the clock it is given: a sweep that has worked ten minutes by its clock keeps them from a sweep five minutes on", async () => {
      const owner = await addPerson(db.prisma, connector.url, "clocked.owner@example.org");
      await addItem(db.prisma, { ownerId: owner.personId, originalTarget: "2025-06-25" }); // due on the day
      let workedMs = 0;
      let tokensWhileWorking: (string | null)[] = [];
      let queuedByLaterSweep = -1;
      const first = await sweep("2025-06-25T08:05:00Z", {
        leaseMs: 300,
        monotonicClock: () => workedMs,
        newLeaseToken: () => "first-sweep",
        afterClaim: async () => {
          workedMs = 10 * 60_000;
          // The heartbeat renews every 100 ms: its lease now runs to ten minutes and 300 ms after 08:05.
          await new Promise((resolve) => setTimeout(resolve, 400));
          tokensWhileWorking = (await db.prisma.reminderClaim.findMany()).map((claim) => claim.leaseToken);
          queuedByLaterSweep = (await sweep("2025-06-25T08:10:00Z", { leaseMs: 300 })).totals.cards_queued;
        },
      });
      expect(tokensWhileWorking).toEqual(["first-sweep"]);
      expect(queuedByLaterSweep).toBe(0);
      expect(first.totals.cards_queued).toBe(1);
      await deliver();
      expect(deliveriesByConversation(connector.sent).get(owner.conversationId!)).toBe(1);
    });
  });
});
