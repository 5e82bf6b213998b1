/**
 * Card data is bounded and typed, through the real teams-ai Application with TestAdapter on a real
 * register (SQLite and PostgreSQL): wrong types and over-long text come back on the card with a message by the field
 * (never a crash), an update that changes nothing records nothing, and a submission id counts only for
 * its own item and person, after the permission check.
 */
import type { Activity, TestAdapter } from "botbuilder";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { CardVerb } from "../../src/cards/verbs.js";
import { cardAction, OWNER_AAD_ID } from "../support/bot-fixtures.js";
import { createBotWorld, type BotWorld } from "../support/bot-world.js";
import { STORES } from "../support/stores.js";

const ADMIN = { id: "29:admin", name: "Improvement Team", aadObjectId: "aad-admin" };
const OWNER = { id: "29:owner", name: "Sam Owner", aadObjectId: OWNER_AAD_ID };
const COLLEAGUE = { id: "29:colleague", name: "Someone Else", aadObjectId: "aad-colleague" };
type Card = { body: unknown[]; actions?: { verb?: string; data?: Record<string, string> }[] };
let world: BotWorld;
let itemId: number;
let reviewId: number;
let adapter: TestAdapter;

describe.each(STORES)("on %s", (store) => {
  beforeAll(async () => {
    world = await createBotWorld({
      store,
      register: "d0",
      snapshotCheckMs: 0,
      env: { IMPROVEMENT_TEAM_ADMINS: "improvement@example.org" },
      users: [
        { ...ADMIN, email: "improvement@example.org" },
        { ...COLLEAGUE, email: "someone.else@example.org" },
      ],
    });
    ({ id: itemId, reviewId } = await world.linkOwnerOf("'Front Door'", OWNER));
    adapter = world.adapter();
  });
  afterAll(async () => {
    await world?.close();
  });
  beforeEach(() => {
    adapter.activeQueue.splice(0);
  });

  /** Sends an Action.Execute invoke as Teams does; the card must come back in a 200 invoke response. */
  async function execute(verb: string, data: unknown, from = OWNER): Promise<string> {
    await adapter.send(cardAction(verb, data, { from, id: `i-${Math.random()}` }) as Partial<Activity>).startTest();
    const replies = adapter.activeQueue.splice(0);
    const body = (
      replies.find((a) => a.type === "invokeResponse")?.value as { body?: { statusCode: number; value: Card } }
    )?.body;
    expect(body?.statusCode, JSON.stringify(replies.filter((r) => r.type === "message").map((r) => r.text))).toBe(200);
    expect(replies.filter((r) => r.type === "message")).toEqual([]); // no "Sorry" beside the card
    return JSON.stringify(body!.value);
  }

  async function saveData(from = OWNER): Promise<Record<string, string>> {
    const card = JSON.parse(await execute(CardVerb.itemOpen, { itemId: String(itemId) }, from)) as Card;
    return card.actions!.find((a) => a.verb === CardVerb.itemUpdate)!.data!;
  }

  async function itemState() {
    const item = await world.prisma.item.findUniqueOrThrow({ where: { id: itemId } });
    return {
      version: item.version,
      updates: await world.prisma.progressUpdate.count({ where: { itemId } }),
      history: await world.prisma.auditEntry.count({ where: { entityType: "item", entityId: itemId } }),
    };
  }

  describe("wrong types come back on the card, never a crash", () => {
    it.each([
      ["a number for the narrative", { narrative: 123 }, "The progress update must be text."],
      [
        "an array for the reason",
        { revisedTarget: "Dec-26", revisionReason: ["moved"] },
        "The reason for the new date must be text.",
      ],
      [
        "an object for the evidence link",
        { progress: "complete", evidenceUrl: { href: "https://x.example" } },
        "The evidence link must be text.",
      ],
      ["a number for progress", { progress: 2 }, "Progress must be text."],
      ["an array for the delegate", { delegateEmail: ["a@example.org"] }, "The delegate's email must be text."],
    ])("the update card: %s", async (_name, fields, expected) => {
      const before = await itemState();
      const card = await execute(CardVerb.itemUpdate, { ...(await saveData()), ...fields });
      expect(card).toContain("Not saved yet: fix the fields marked below.");
      expect(card).toContain(expected);
      expect(await itemState()).toEqual(before);
    });

    it("card ids that are not ids get a clear word", async () => {
      expect(await execute(CardVerb.itemOpen, { itemId: { id: 1 } })).toContain("That card is missing its item");
      expect(await execute(CardVerb.itemRefresh, { itemId: [itemId] })).toContain("That card is missing its item");
      expect(await execute(CardVerb.itemUpdate, { ...(await saveData()), version: [1] })).toContain(
        "That card is incomplete",
      );
      expect(await execute(CardVerb.itemVerify, { itemId: String(itemId), version: { v: 1 } }, ADMIN)).toContain(
        "That card is incomplete",
      );
      expect(await execute(CardVerb.answerMore, { question: ["what's delayed?"], offset: "5" })).toContain(
        "That card is incomplete",
      );
    });

    it("a returned completion's comment must be text", async () => {
      expect(
        await execute(CardVerb.itemReturn, { itemId: String(itemId), version: "1", comment: { text: "no" } }, ADMIN),
      ).toContain("The comment must be text.");
    });

    it("the data-entry forms come back with the message", async () => {
      const reviews = await world.prisma.review.count();
      const reviewForm = await execute(
        CardVerb.reviewCreate,
        { directorate: "CYPS", review_title: 42, confidential: "false" },
        ADMIN,
      );
      expect(reviewForm).toContain("The title must be text.");
      expect(reviewForm).toContain(CardVerb.reviewCreate);
      expect(await world.prisma.review.count()).toBe(reviews);
      const items = await world.prisma.item.count();
      const itemForm = await execute(
        CardVerb.itemCreate,
        { reviewId: String(reviewId), item_ref: "Rec 99", item_text: ["x"] },
        ADMIN,
      );
      expect(itemForm).toContain("The wording must be text.");
      expect(itemForm).toContain(CardVerb.itemCreate);
      expect(await world.prisma.item.count()).toBe(items);
    });
  });

  describe("text is bounded", () => {
    it.each([
      ["narrative", { narrative: "n".repeat(4001) }, "under 4,000 characters (it is 4,001)"],
      ["reason", { revisedTarget: "Dec-26", revisionReason: "r".repeat(1001) }, "under 1,000 characters (it is 1,001)"],
      [
        "evidence link",
        { progress: "complete", evidenceUrl: `https://example.org/${"u".repeat(2030)}` },
        "under 2,048 characters (it is 2,050)",
      ],
      ["delegate", { delegateEmail: `${"d".repeat(310)}@example.org` }, "under 320 characters (it is 322)"],
    ])("an over-long %s is refused by its field and nothing is saved", async (_name, fields, expected) => {
      const before = await itemState();
      const card = await execute(CardVerb.itemUpdate, { ...(await saveData()), ...fields });
      expect(card).toContain(expected);
      expect(await itemState()).toEqual(before);
    });

    it("text at the limit is accepted", async () => {
      const card = await execute(CardVerb.itemUpdate, {
        ...(await saveData()),
        narrative: "n".repeat(4000),
        revisedTarget: "Dec-26",
        revisionReason: "r".repeat(1000),
      });
      expect(card).toContain("Saved.");
    });
  });

  describe("control characters and look-alike identities come back on the card, and nothing is saved", () => {
    it.each([
      [
        "a NUL in the narrative",
        { narrative: "Done\u0000 and hidden" },
        "The progress update has a control character U+0000 (NUL) in it",
      ],
      [
        "an escape in the reason",
        { revisedTarget: "Dec-26", revisionReason: "moved\u001B[2J" },
        "The reason for the new date has a control character U+001B",
      ],
      [
        "markdown around the delegate",
        { delegateEmail: "[sam@example.org](mailto:sam@example.org)" },
        "give the bare address",
      ],
      [
        "a Cyrillic letter in the delegate",
        { delegateEmail: "s\u0430m@example.org" },
        "mixes Latin letters with a Cyrillic",
      ],
      [
        "a zero-width space in the delegate",
        { delegateEmail: "sam@example.org\u200B" },
        "invisible character U+200B (zero-width space)",
      ],
    ])("the update card: %s", async (_name, fields, expected) => {
      const before = await itemState();
      const card = await execute(CardVerb.itemUpdate, { ...(await saveData()), ...fields });
      expect(card).toContain("Not saved yet: fix the fields marked below.");
      expect(card).toContain(expected);
      expect(await itemState()).toEqual(before);
    });

    it("the delegate is kept as one identity: lower-cased and normalised", async () => {
      const card = await execute(CardVerb.itemUpdate, {
        ...(await saveData()),
        delegateEmail: "  Dee.Legate@Example.ORG ",
      });
      expect(card).toContain("Saved.");
      const item = await world.prisma.item.findUniqueOrThrow({ where: { id: itemId }, include: { delegate: true } });
      expect(item.delegate?.email).toBe("dee.legate@example.org");
    });

    it("the data-entry forms refuse an invisible title and a look-alike owner", async () => {
      const reviews = await world.prisma.review.count();
      const reviewForm = await execute(
        CardVerb.reviewCreate,
        { directorate: "CYPS", review_title: "Ofsted\u200B ILACS", review_date: "March 2024", confidential: "false" },
        ADMIN,
      );
      expect(reviewForm).toContain("review_title has an invisible character U+200B (zero-width space)");
      expect(await world.prisma.review.count()).toBe(reviews);
      const items = await world.prisma.item.count();
      const itemForm = await execute(
        CardVerb.itemCreate,
        {
          reviewId: String(reviewId),
          item_ref: "Rec 99",
          item_text: "Do it",
          original_target: "Dec-26",
          owner_email: "s\u043Em@example.org",
        },
        ADMIN,
      );
      expect(itemForm).toContain("mixes Latin letters with a Cyrillic");
      const nulForm = await execute(
        CardVerb.itemCreate,
        { reviewId: String(reviewId), item_ref: "Rec 99", item_text: "Do\u0000 it", original_target: "Dec-26" },
        ADMIN,
      );
      expect(nulForm).toContain("The wording has a control character U+0000 (NUL) in it");
      expect(await world.prisma.item.count()).toBe(items);
    });
  });

  describe("an update that changes nothing records nothing", () => {
    it("says so, with no version bump and no history entry", async () => {
      const item = await world.prisma.item.findUniqueOrThrow({ where: { id: itemId } });
      const before = await itemState();
      const card = await execute(CardVerb.itemUpdate, {
        ...(await saveData()),
        progress: item.progress,
        narrative: item.latestUpdate ?? "",
        revisedTarget: item.revisedTargetRaw ?? "",
      });
      expect(card).toContain("Nothing changed");
      expect(await itemState()).toEqual(before);
    });
  });

  describe("submission ids count per item and per person, after permission", () => {
    it("someone who may not edit, replaying the owner's submission id, is refused, not told it is saved", async () => {
      const data = await saveData();
      expect(await execute(CardVerb.itemUpdate, { ...data, narrative: "Owner's own update" })).toContain("Saved.");
      const card = await execute(CardVerb.itemUpdate, { ...data, narrative: "Replayed" }, COLLEAGUE);
      expect(card).toContain(
        "only the owner, their delegate, the directorate's lead or the improvement team can update this item",
      );
      expect(card).not.toContain("Already saved");
    });

    it("the same id from another person is their own submission; from the same person it is saved once", async () => {
      const data = await saveData();
      expect(await execute(CardVerb.itemUpdate, { ...data, narrative: "First from the owner" })).toContain("Saved.");
      expect(await execute(CardVerb.itemUpdate, { ...data, narrative: "First from the owner" })).toContain(
        "Already saved",
      );
      const fresh = await saveData(ADMIN);
      const before = await itemState();
      expect(
        await execute(
          CardVerb.itemUpdate,
          { ...fresh, submissionId: data.submissionId, narrative: "Checked by the team" },
          ADMIN,
        ),
      ).toContain("Saved.");
      expect((await itemState()).updates).toBe(before.updates + 1);
      const latest = await world.prisma.progressUpdate.findFirstOrThrow({ where: { itemId }, orderBy: { id: "desc" } });
      expect(latest).toMatchObject({
        actor: "improvement@example.org",
        narrative: "Checked by the team",
        submissionId: data.submissionId,
      });
    });
  });

  describe("an evidence link the committee may not be able to open", () => {
    it("is accepted, and the saved card says why it may not open", async () => {
      const card = await execute(CardVerb.itemUpdate, {
        ...(await saveData()),
        progress: "complete",
        evidenceUrl: "http://intranet/audits/front-door.docx",
      });
      expect(card).toContain("Saved.");
      expect(card).toContain(
        "The evidence link is not HTTPS and names an intranet host (intranet): the committee may not be able to open it.",
      );
      const item = await world.prisma.item.findUniqueOrThrow({ where: { id: itemId } });
      expect(item.evidenceUrl).toBe("http://intranet/audits/front-door.docx");
    });
  });
});
