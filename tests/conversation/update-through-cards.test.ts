/**
 * Progress updates through cards, driven through the real teams-ai Application with TestAdapter on
 * a real register (D0's, on SQLite and on PostgreSQL): the update card, its submission (bad date, stale card, double
 * submission, refused permission), verification (approve, return), roles, data entry and history.
 */
import type { Activity, TestAdapter } from "botbuilder";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { loadRegister } from "../../src/data/register/register-store.js";
import { itemStatus } from "../../src/domain/register/register.js";
import { cardAction, OWNER_AAD_ID, personalMessage } from "../support/bot-fixtures.js";
import { createBotWorld, type BotWorld } from "../support/bot-world.js";
import { STORES } from "../support/stores.js";

const ADMIN = { id: "29:admin", name: "Improvement Team", aadObjectId: "aad-admin" };
const OWNER = { id: "29:1a2b3c4d5e6f-sanitised-user-id", name: "Sam Owner", aadObjectId: OWNER_AAD_ID };
const COLLEAGUE = { id: "29:colleague", name: "Someone Else", aadObjectId: "aad-colleague" };
let world: BotWorld;
let itemId: number;
let adapter: TestAdapter;

describe.each(STORES)("on %s", (store) => {
  beforeAll(async () => {
    world = await createBotWorld({
      store,
      // Revised targets take effect at once here, as for councils that do not approve extensions: this suite is
      // about the update card itself; tests/http/extension-requests.test.ts covers requests and their approval.
      register: "d0",
      snapshotCheckMs: 0,
      env: { IMPROVEMENT_TEAM_ADMINS: "improvement@example.org", EXTENSIONS_NEED_APPROVAL: "false" },
      users: [
        { ...ADMIN, email: "improvement@example.org" },
        { ...COLLEAGUE, email: "someone.else@example.org" },
      ],
    });
    const item = await world.linkOwnerOf("'Front Door'", OWNER);
    itemId = item.id;
    const admin = await world.prisma.person.findUniqueOrThrow({ where: { email: "improvement@example.org" } });
    // Personal chats, so notifications can be queued to them.
    for (const [personId, conversationId] of [
      [admin.id, "a:admin-chat"],
      [item.ownerId, "a:owner-chat"],
    ] as const) {
      await world.prisma.conversation.create({
        data: {
          conversationId,
          kind: "personal",
          reference: JSON.stringify({ conversation: { id: conversationId } }),
          personId,
        },
      });
    }
    adapter = world.adapter();
  });
  afterAll(async () => {
    await world?.close();
  });
  beforeEach(() => {
    adapter.activeQueue.splice(0);
  });

  type Action = { verb?: string; data?: Record<string, string> };
  type Card = { body: { items?: { id?: string }[] }[]; actions?: Action[]; refresh?: unknown };
  /** A message waiting in the outbox, as its payload holds it. */
  type QueuedActivity = { attachments: { content: Card }[] };

  async function say(text: string, from = OWNER): Promise<Partial<Activity>[]> {
    await adapter.send(personalMessage(text, { from }) as Partial<Activity>).startTest();
    return adapter.activeQueue.splice(0);
  }

  /** Sends an Action.Execute invoke as Teams does, and returns the card in its invoke response. */
  async function execute(verb: string, data: Record<string, unknown>, from = OWNER): Promise<Card> {
    await adapter.send(cardAction(verb, data, { from, id: `i-${Math.random()}` }) as Partial<Activity>).startTest();
    const response = adapter.activeQueue.splice(0).find((a) => a.type === "invokeResponse");
    const body = (response?.value as { body?: { statusCode: number; value: Card } })?.body;
    expect(body?.statusCode).toBe(200);
    return body!.value;
  }

  function cardOf(reply: Partial<Activity> | undefined): Card {
    return reply!.attachments![0]!.content as Card;
  }
  const text = (card: Card) => JSON.stringify(card);
  function submitData(card: Card): Record<string, string> {
    const action = card.actions!.find((a) => a.verb === "item.update");
    expect(action, "the card offers Save update").toBeDefined();
    return action!.data!;
  }
  async function currentCard(from = OWNER): Promise<Card> {
    return execute("item.open", { itemId: String(itemId) }, from);
  }
  const updatesCount = () => world.prisma.progressUpdate.count({ where: { itemId } });

  describe("the update card", () => {
    it('"update <ref>" opens the item with its status, targets and history, editable by its owner', async () => {
      const [reply] = await say("update Area for improvement 3 of ILACS");
      const card = cardOf(reply);
      expect(text(card)).toContain("Significant delay");
      expect(text(card)).toContain("revised target 29 Feb 2024 is 15 months after the original 30 Nov 2022");
      expect(card.body.flatMap((b) => b.items ?? []).map((i) => i.id)).toEqual(
        expect.arrayContaining([
          "progress",
          "narrative",
          "revisedTarget",
          "revisionReason",
          "evidenceUrl",
          "delegateEmail",
        ]),
      );
      expect(submitData(card)).toMatchObject({
        itemId: String(itemId),
        version: expect.any(String),
        submissionId: expect.any(String),
      });
    });

    it("is read-only, with a clear word, for someone who may not edit it", async () => {
      const card = await currentCard(COLLEAGUE);
      expect(card.actions ?? []).toEqual([]);
      expect(text(card)).toContain("You can see this item but not change it");
    });

    it("refresh shows each viewer the current state: editable for the owner, read-only for others", async () => {
      const forOwner = await execute("item.refresh", { itemId: String(itemId) });
      const forOther = await execute("item.refresh", { itemId: String(itemId) }, COLLEAGUE);
      expect(forOwner.actions?.map((a) => a.verb)).toEqual(["item.update"]);
      expect(forOther.actions ?? []).toEqual([]);
      expect(forOwner.refresh).toMatchObject({ action: { verb: "item.refresh" } });
    });

    it("a label on several reviews asks which one", async () => {
      const [reply] = await say("update Area for improvement 1");
      expect(text(cardOf(reply))).toContain("is on");
    });
  });

  describe("submitting the update card", () => {
    it("a bad date re-shows the card with the error by the field and saves nothing", async () => {
      const card = await currentCard();
      const before = await updatesCount();
      const answer = await execute("item.update", {
        ...submitData(card),
        progress: "in_progress",
        narrative: "Audits under way",
        revisedTarget: "the 32nd of Smarch",
        revisionReason: "Audits",
      });
      expect(text(answer)).toContain("Not saved yet: fix the fields marked below.");
      expect(text(answer)).toContain(`\\"the 32nd of Smarch\\" is not a date I can read`);
      expect(text(answer)).toContain("Audits under way"); // what they typed is kept
      expect(await updatesCount()).toBe(before);
    });

    it("a moved target needs a reason", async () => {
      const answer = await execute("item.update", {
        ...submitData(await currentCard()),
        progress: "in_progress",
        revisedTarget: "June 2024",
      });
      expect(text(answer)).toContain("Say why the target date is moving.");
    });

    it("a good update is saved once, with its history, and the card shows the new state", async () => {
      const card = await currentCard();
      const data = {
        ...submitData(card),
        progress: "in_progress",
        narrative: "Dip sampling complete; audit in March",
        revisedTarget: "March 2024",
        revisionReason: "Audit cycle moved",
      };
      const versionBefore = (await world.prisma.item.findUniqueOrThrow({ where: { id: itemId } })).version;
      const saved = await execute("item.update", data);
      expect(text(saved)).toContain("Saved.");
      expect(text(saved)).toContain("31 Mar 2024 (revised)");
      const item = await world.prisma.item.findUniqueOrThrow({
        where: { id: itemId },
        include: { targetRevisions: { orderBy: { id: "desc" }, take: 1 } },
      });
      expect(item).toMatchObject({
        version: versionBefore + 1,
        revisedTargetRaw: "March 2024",
        latestUpdate: "Dip sampling complete; audit in March",
      });
      expect(item.targetRevisions[0]).toMatchObject({
        fromRaw: "February 2024",
        toRaw: "March 2024",
        reason: "Audit cycle moved",
        actor: "ilacs.frontdoor@example.org",
      });
      // Reminders follow the new target: the next one is planned before 31 March 2024.
      expect(item.nextReminderAt).not.toBeNull();
      expect(item.nextReminderAt!.toISOString() < "2024-03-31T23:59:59Z").toBe(true);
      expect(item.nextReminderKind).toMatch(/^before_/);
      const audit = await world.prisma.auditEntry.findFirstOrThrow({
        where: { entityType: "item", entityId: itemId, action: "progress_update" },
        orderBy: { id: "desc" },
      });
      expect(JSON.parse(audit.before!)).toMatchObject({ revised_target: "February 2024" });
      expect(JSON.parse(audit.after!)).toMatchObject({
        revised_target: "March 2024",
        latest_update: "Dip sampling complete; audit in March",
      });

      // Teams may deliver the same submission twice: one update is recorded.
      const count = await updatesCount();
      const again = await execute("item.update", data);
      expect(text(again)).toContain("Already saved");
      expect(await updatesCount()).toBe(count);
    });

    it("a stale card is refused with a fresh card and a clear word, never a silent overwrite", async () => {
      const stale = await currentCard();
      await execute("item.update", { ...submitData(await currentCard()), progress: "in_progress", narrative: "First" });
      const count = await updatesCount();
      const answer = await execute("item.update", {
        ...submitData(stale),
        progress: "in_progress",
        narrative: "Second, from an old card",
      });
      expect(text(answer)).toContain("this card was out of date");
      expect(await updatesCount()).toBe(count);
      const item = await world.prisma.item.findUniqueOrThrow({ where: { id: itemId } });
      expect(item.latestUpdate).toBe("First");
      expect(submitData(answer).version).toBe(String(item.version)); // the fresh card can be used
    });

    it("someone who may not edit is refused and nothing is saved", async () => {
      const card = await currentCard(); // the owner's card, forwarded
      const count = await updatesCount();
      const answer = await execute(
        "item.update",
        { ...submitData(card), progress: "complete", evidenceUrl: "https://example.org/e" },
        COLLEAGUE,
      );
      expect(text(answer)).toContain("Not saved: only the owner");
      expect(await updatesCount()).toBe(count);
    });
  });

  describe("completion and verification", () => {
    it("completion needs evidence", async () => {
      const answer = await execute("item.update", {
        ...submitData(await currentCard()),
        progress: "complete",
        narrative: "Done",
      });
      expect(text(answer)).toContain("Completion needs a link to the evidence");
    });

    it("a completion waits for verification, the improvement team is asked, and a return goes back with the comment", async () => {
      const saved = await execute("item.update", {
        ...submitData(await currentCard()),
        progress: "complete",
        narrative: "Audit shows practice embedded",
        evidenceUrl: "https://council.example.org/audit.pdf",
        completedOn: "2024-01-08",
      });
      expect(text(saved)).toContain("The improvement team will verify the completion");
      // Not complete until verified: status, queries and summaries see it as in progress.
      const register = await loadRegister(world.prisma);
      const item = register.flatMap((r) => r.items).find((i) => i.id === itemId)!;
      expect(item.progress).toBe("in_progress");
      expect(itemStatus(item, "2024-01-09").status).not.toBe("complete");
      expect(item.verification).toBe("awaiting");

      const queued = await world.prisma.outboundMessage.findFirstOrThrow({
        where: { conversationId: "a:admin-chat", purpose: "verification" },
        orderBy: { id: "desc" },
      });
      const verifyCard = (JSON.parse(queued.payload) as QueuedActivity).attachments[0]!.content;
      expect(text(verifyCard)).toContain("https://council.example.org/audit.pdf");
      const returnAction = verifyCard.actions!.find((a) => a.verb === "item.return");

      // Only the improvement team decides.
      expect(text(await execute("item.return", { ...returnAction!.data, comment: "nope" }, COLLEAGUE))).toContain(
        "Only the improvement team can verify",
      );
      // A return needs a comment.
      expect(text(await execute("item.return", { ...returnAction!.data }, ADMIN))).toContain("Say what is missing");
      const returned = await execute(
        "item.return",
        { ...returnAction!.data, comment: "The audit covers one team only" },
        ADMIN,
      );
      expect(text(returned)).toContain("Returned to the owner");
      const toOwner = await world.prisma.outboundMessage.findFirstOrThrow({
        where: { conversationId: "a:owner-chat" },
        orderBy: { id: "desc" },
      });
      expect(toOwner.payload).toContain("Returned by the improvement team: The audit covers one team only");
      expect((await world.prisma.item.findUniqueOrThrow({ where: { id: itemId } })).verification).toBe("returned");
    });

    it("approval makes it count as complete, on the day the owner gave", async () => {
      await execute("item.update", {
        ...submitData(await currentCard()),
        progress: "complete",
        narrative: "All teams audited",
        evidenceUrl: "https://council.example.org/audit-all.pdf",
        completedOn: "2024-01-08",
      });
      const queued = await world.prisma.outboundMessage.findFirstOrThrow({
        where: { conversationId: "a:admin-chat", purpose: "verification" },
        orderBy: { id: "desc" },
      });
      const approve = (JSON.parse(queued.payload) as QueuedActivity).attachments[0]!.content.actions!.find(
        (a) => a.verb === "item.verify",
      );
      const answer = await execute("item.verify", approve!.data!, ADMIN);
      expect(text(answer)).toContain("Approved by improvement@example.org");
      const item = await world.prisma.item.findUniqueOrThrow({ where: { id: itemId } });
      expect(item).toMatchObject({ progress: "complete", completedOn: "2024-01-08", verification: "none" });
      expect(
        await world.prisma.auditEntry.count({
          where: { entityType: "item", entityId: itemId, action: "verified", actor: "improvement@example.org" },
        }),
      ).toBe(1);
      // Deciding again on the old card changes nothing.
      expect(text(await execute("item.verify", approve!.data!, ADMIN))).toContain("Nothing to decide");
    });

    it("history <ref> shows every change with who, when, before and after", async () => {
      const [reply] = await say("history Area for improvement 3 of ILACS");
      const card = text(cardOf(reply));
      // Who made each change is named as Teams named them, not by email.
      expect(card).toContain("Improvement Team verified the completion");
      expect(card).toContain("revised target: 29 Feb 2024 → 31 Mar 2024");
      expect(card).toContain("Sam Owner updated it");
      expect(card).not.toContain("ilacs.frontdoor@example.org");
    });
  });

  describe("roles and data entry", () => {
    it("the improvement team makes someone a directorate lead; others cannot", async () => {
      const [refused] = await say("make sam@example.org lead for CYPS", COLLEAGUE);
      expect(refused!.text).toBe("Only the improvement team can give people roles.");
      const [done] = await say("make sam@example.org lead for CYPS", ADMIN);
      expect(done!.text).toBe("Done: sam@example.org is now lead for CYPS.");
      const lead = await world.prisma.role.findFirstOrThrow({ where: { person: { email: "sam@example.org" } } });
      expect(lead).toMatchObject({
        role: "directorate_lead",
        directorateId: "CYPS",
        grantedBy: "improvement@example.org",
      });
      expect((await world.prisma.directorate.findUniqueOrThrow({ where: { id: "CYPS" } })).leadEmail).toBe(
        "sam@example.org",
      );
    });

    it("adds a review and an item through the forms, refusing bad input without saving", async () => {
      const [formReply] = await say("add review", ADMIN);
      expect(text(cardOf(formReply))).toContain("review.create");
      const bad = await execute(
        "review.create",
        {
          directorate: "CYPS",
          review_title: "Youth Justice Inspection (HMIP)",
          review_date: "sometime",
          confidential: "false",
        },
        ADMIN,
      );
      expect(text(bad)).toContain("Nothing was saved");
      expect(text(bad)).toContain(`review_date \\"sometime\\" is not a date I can read`);
      expect(await world.prisma.review.count({ where: { title: "Youth Justice Inspection (HMIP)" } })).toBe(0);
      const good = await execute(
        "review.create",
        {
          directorate: "CYPS",
          review_title: "Youth Justice Inspection (HMIP)",
          review_body: "HMIP",
          review_date: "March 2024",
          outcome: "Good",
          confidential: "false",
        },
        ADMIN,
      );
      expect(text(good)).toContain('Added \\"Youth Justice Inspection (HMIP)\\"');

      const [itemForm] = await say("add items to Youth Justice Inspection", ADMIN);
      const reviewId = cardOf(itemForm).actions![0]!.data!.reviewId;
      const added = await execute(
        "item.create",
        {
          reviewId,
          item_ref: "Recommendation 1",
          item_text: "Improve the quality of assessments",
          original_target: "Sep-24",
          owner_email: "yj.owner@example.org",
        },
        ADMIN,
      );
      expect(text(added)).toContain("Added Recommendation 1");
      const item = await world.prisma.item.findFirstOrThrow({
        where: { reviewId: Number(reviewId) },
        include: { owner: true },
      });
      expect(item).toMatchObject({
        ref: "Recommendation 1",
        originalTarget: "2024-09-30",
        owner: { email: "yj.owner@example.org" },
      });
    });

    it("assigns one owner to several items", async () => {
      const [reply] = await say(
        "assign Suggestion 1, Suggestion 2 of Equality Framework to new.owner@example.org",
        ADMIN,
      );
      expect(reply!.text).toBe("Done: new.owner@example.org owns 2 items (2 changed).");
      const owned = await world.prisma.item.count({ where: { owner: { email: "new.owner@example.org" } } });
      expect(owned).toBe(2);
    });

    it("my actions offers an Update button on each of the asker's items", async () => {
      // Reopened as every change to the register is made: with its audit entry, which is how the bot sees it changed.
      await world.prisma.$transaction([
        world.prisma.item.update({ where: { id: itemId }, data: { progress: "in_progress" } }),
        world.prisma.auditEntry.create({
          data: {
            entityType: "item",
            entityId: itemId,
            action: "updated",
            actor: "test",
            after: JSON.stringify({ progress: "in_progress" }),
          },
        }),
      ]);
      const [reply] = await say("my actions");
      const buttons = JSON.stringify(cardOf(reply)).match(/"verb":"item.open.beside"/g) ?? [];
      expect(buttons.length).toBeGreaterThanOrEqual(1);
    });
  });
});
