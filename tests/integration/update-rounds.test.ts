/** Update rounds on real SQLite and PostgreSQL: one card per owner, replies, status, and chases sent once. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAdapter } from "../../src/bot/create-bot.js";
import { loadConfig } from "../../src/config.js";
import { DEFAULT_REMINDER_POLICY as policy } from "../../src/domain/reminders/reminder-policy.js";
import { createLogger } from "../../src/logger.js";
import { chaseUpdateRounds, roundStatus, startUpdateRound } from "../../src/services/updates/update-rounds.js";
import { addItem, addPerson, type OwnerFixture } from "../support/reminder-fixtures.js";
import { startStandInConnector, type StandInConnector } from "../support/stand-in-connector.js";
import { STORES, storeDatabases } from "../support/stores.js";
import type { TestDatabase } from "../support/test-database.js";
import { outboxDispatcher } from "../support/outbox-dispatcher.js";

const logger = createLogger("silent");
const at = (iso: string) => new Date(iso);
let connector: StandInConnector;
let db: TestDatabase;
let ana: OwnerFixture;
let ben: OwnerFixture;
let cat: OwnerFixture;
let anaItems: number[];
let benItem: number;

const databaseOn = storeDatabases();

describe.each(STORES)("on %s", (store) => {
  beforeAll(async () => {
    connector = await startStandInConnector();
    db = await databaseOn(store);
    ana = await addPerson(db.prisma, connector.url, "ana.owner@example.org", { name: "Ana Owner" });
    ben = await addPerson(db.prisma, connector.url, "ben.owner@example.org");
    cat = await addPerson(db.prisma, connector.url, "cat.owner@example.org", { chat: false });
    const done = await addPerson(db.prisma, connector.url, "done.owner@example.org");
    anaItems = [
      await addItem(db.prisma, { ownerId: ana.personId, originalTarget: "2025-11-30" }),
      await addItem(db.prisma, { ownerId: ana.personId, originalTarget: null }),
    ];
    benItem = await addItem(db.prisma, { ownerId: ben.personId, originalTarget: "2026-03-31" });
    await addItem(db.prisma, { ownerId: ben.personId, originalTarget: "2025-06-30", progress: "complete" });
    await addItem(db.prisma, { ownerId: cat.personId, originalTarget: "2026-01-31" });
    await addItem(db.prisma, { ownerId: done.personId, originalTarget: "2025-06-30", progress: "complete" });
    // An update before the round started does not count as a reply.
    await db.prisma.progressUpdate.create({
      data: { itemId: anaItems[0]!, progress: "in_progress", actor: "ana", at: at("2025-11-20T10:00:00Z") },
    });
  });
  afterAll(async () => {
    await db.close();
    await connector.close();
  });

  const deps = () => ({ prisma: db.prisma, logger, policy });
  const deliver = () =>
    outboxDispatcher({
      store: db.prisma,
      adapter: createAdapter(loadConfig({ DATABASE_URL: "file:./unused.db" })),
      botAppId: "",
      logger,
      ratePerSecond: 100,
      ratePerConversation: 20,
    }).drainUntilIdle(2_000);

  describe("update rounds", () => {
    it("asks every owner of an open item once, with one card listing their open items", async () => {
      const result = await startUpdateRound(deps(), {
        name: "January Audit Committee",
        deadline: "2025-12-15",
        startedBy: "improvement.team@example.org",
        now: at("2025-12-01T10:00:00Z"),
      });
      expect(result).toMatchObject({
        ok: true,
        owners: 3,
        cards_queued: 2,
        unreachable: [{ email: "cat.owner@example.org", reason: "no chat with the bot yet" }],
      });
      // Queued is not reached: until Teams accepts the cards (the first answers 429), the status says they wait.
      expect((await roundStatus(db.prisma))!.outstanding.map((o) => [o.email, o.reached, o.card])).toEqual([
        ["ana.owner@example.org", false, "waiting"],
        ["ben.owner@example.org", false, "waiting"],
        ["cat.owner@example.org", false, "not_sent"],
      ]);
      connector.failNext(1, 429);
      await deliver();
      expect(connector.sent.map((s) => s.conversationId).sort()).toEqual(
        [ana.conversationId, ben.conversationId].sort(),
      );
      const anaCard = JSON.stringify(connector.sent.find((s) => s.conversationId === ana.conversationId)!.activity);
      expect(anaCard).toContain("Updates needed by 15 Dec 2025");
      expect(anaCard).toContain("collecting updates for January Audit Committee");
      expect(anaCard).toContain("No target date yet (TBC)");
      expect(anaItems.every((id) => anaCard.includes(`"itemId":${id}`))).toBe(true);
    });

    it("refuses a second start of the same round, and a deadline that has passed, changing nothing", async () => {
      const before = await db.prisma.outboundMessage.count();
      expect(
        await startUpdateRound(deps(), {
          name: "January Audit Committee",
          deadline: "2025-12-15",
          startedBy: "x",
          now: at("2025-12-01T11:00:00Z"),
        }),
      ).toMatchObject({ ok: false, reason: expect.stringContaining("already running") });
      expect(
        await startUpdateRound(deps(), {
          name: "Old round",
          deadline: "2025-11-15",
          startedBy: "x",
          now: at("2025-12-01T11:00:00Z"),
        }),
      ).toMatchObject({ ok: false, reason: "The deadline 15 Nov 2025 has already passed." });
      expect(await db.prisma.outboundMessage.count()).toBe(before);
      expect(await db.prisma.updateRound.count()).toBe(1);
    });

    it("counts an owner as replied once any of their items gets a progress update after the start", async () => {
      expect(await roundStatus(db.prisma)).toMatchObject({
        owners: 3,
        replied: 0,
        summary: "0 of 3 owners have replied",
      });
      await db.prisma.progressUpdate.create({
        data: {
          itemId: benItem,
          progress: "in_progress",
          narrative: "Recruiting",
          actor: "ben",
          at: at("2025-12-03T10:00:00Z"),
        },
      });
      const status = await roundStatus(db.prisma);
      expect(status).toMatchObject({ owners: 3, replied: 1, summary: "1 of 3 owners have replied" });
      expect(status!.outstanding).toEqual([
        {
          email: "ana.owner@example.org",
          name: "Ana Owner",
          open_items: 2,
          open_milestones: 0,
          reached: true,
          card: "delivered",
        },
        {
          email: "cat.owner@example.org",
          name: null,
          open_items: 1,
          open_milestones: 0,
          reached: false,
          card: "not_sent",
        },
      ]);
    });

    it("counts an outstanding owner's open milestones apart from their items", async () => {
      const catItem = await db.prisma.item.findFirstOrThrow({ where: { ownerId: cat.personId } });
      const milestone = await db.prisma.item.create({
        data: {
          reviewId: catItem.reviewId,
          ref: "Milestone 1",
          kind: "milestone",
          counted: false,
          parentId: catItem.id,
          text: "Half of it done",
          ownerId: cat.personId,
          originalTargetRaw: "2026-01-15",
          originalTarget: "2026-01-15",
          originalTargetKind: "day",
          progress: "in_progress",
        },
      });
      const status = await roundStatus(db.prisma);
      expect(status!.outstanding.find((o) => o.email === "cat.owner@example.org")).toMatchObject({
        open_items: 1,
        open_milestones: 1,
      });
      await db.prisma.item.delete({ where: { id: milestone.id } });
    });

    it("chases those who have not replied 5 and then 2 working days before the deadline, once each, even with two sweeps at once", async () => {
      connector.sent.length = 0;
      expect(await chaseUpdateRounds(deps(), at("2025-12-05T10:00:00Z"))).toEqual([]);
      expect(await chaseUpdateRounds(deps(), at("2025-12-08T09:00:00Z"), { dryRun: true })).toEqual([
        { round: "January Audit Committee", chase: "chase_5", owner_email: "ana.owner@example.org", reachable: true },
        { round: "January Audit Committee", chase: "chase_5", owner_email: "cat.owner@example.org", reachable: false },
      ]);
      expect(await db.prisma.outboundMessage.count({ where: { dedupeKey: { contains: "chase" } } })).toBe(0);
      await Promise.all([
        chaseUpdateRounds(deps(), at("2025-12-08T09:00:00Z")),
        chaseUpdateRounds(deps(), at("2025-12-08T09:00:00Z")),
      ]);
      await chaseUpdateRounds(deps(), at("2025-12-08T14:00:00Z"));
      await deliver();
      expect(connector.sent.map((s) => s.conversationId)).toEqual([ana.conversationId]);
      expect(JSON.stringify(connector.sent[0]!.activity)).toContain(
        "Reminder: updates needed by 15 Dec 2025 (5 working days left)",
      );

      await chaseUpdateRounds(deps(), at("2025-12-11T09:30:00Z"));
      await deliver();
      expect(connector.sent).toHaveLength(2);
      expect(JSON.stringify(connector.sent[1]!.activity)).toContain("(2 working days left)");
      const recipient = await db.prisma.roundRecipient.findFirstOrThrow({ where: { personId: ana.personId } });
      expect(JSON.parse(recipient.chasedAt)).toEqual(["chase_5", "chase_2"]);
    });
  });
});
