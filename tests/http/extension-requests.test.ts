/**
 * Extension requests end to end over HTTP against the real server and a real register (D0's, on SQLite
 * and on PostgreSQL), today 9 January 2024: a revised target from the update card waits for its approver,
 * whose card arrives through the outbox; approving moves the target and recomputes the status, declining
 * needs a comment, people who may not decide are refused with nothing changed, the immediate-effect
 * setting keeps the old behaviour, and a repeat goes to the improvement team, flagged.
 */
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAdapter } from "../../src/bot/create-bot.js";
import { loadConfig } from "../../src/config.js";
import { createLogger } from "../../src/logger.js";
import { importRegister } from "../../src/services/imports/import-register.js";
import { outboxDispatcher } from "../support/outbox-dispatcher.js";
import { personWithChat, type ChatPerson } from "../support/chat-person.js";
import { FIXTURES, type TestDatabase } from "../support/test-database.js";
import { STORES, storeDatabases } from "../support/stores.js";
import { startStandInConnector, type StandInConnector } from "../support/stand-in-connector.js";
import { startBotServer, type RunningBot } from "../support/running-bot.js";
import { teamsActivity } from "../support/bot-fixtures.js";

type Action = { verb?: string; title?: string; data?: Record<string, string> };
type Card = { body: unknown[]; actions?: Action[] };
type Person = ChatPerson;

const TEAM = "improvement@example.org";
let db: TestDatabase;
let connector: StandInConnector;
let approvalBot: RunningBot;
let immediateBot: RunningBot;
let strictRepeatBot: RunningBot;
const people: Record<string, Person> = {};

const databaseOn = storeDatabases();

describe.each(STORES)("on %s", (store) => {
  beforeAll(async () => {
    db = await databaseOn(store);
    await importRegister(db.prisma, {
      file: path.join(FIXTURES, "d0-register.csv"),
      dryRun: false,
      actor: "test",
      today: "2024-01-09",
      now: new Date("2024-01-09T09:00:00Z"),
    });
    connector = await startStandInConnector();
    people.admin = await personWithChat(db.prisma, connector.url, TEAM, "admin");
    people.achphLead = await personWithChat(db.prisma, connector.url, "achph.lead@example.org", "achph-lead", "ACHPH");
    people.cypsLead = await personWithChat(db.prisma, connector.url, "cyps.lead@example.org", "cyps-lead", "CYPS");
    people.acexLead = await personWithChat(db.prisma, connector.url, "acex.lead@example.org", "acex-lead", "ACEX");
    people.colleague = await personWithChat(db.prisma, connector.url, "someone.else@example.org", "colleague");
    people.rsab = await personWithChat(db.prisma, connector.url, "rsab.manager@example.org", "rsab");
    people.cpc = await personWithChat(db.prisma, connector.url, "cpc.plan@example.org", "cpc");
    people.rscp = await personWithChat(db.prisma, connector.url, "rscp.manager@example.org", "rscp");
    approvalBot = await startBotServer({
      prisma: db.prisma,
      env: { IMPROVEMENT_TEAM_ADMINS: TEAM, LOG_LEVEL: "error" },
    });
    immediateBot = await startBotServer({
      prisma: db.prisma,
      env: { IMPROVEMENT_TEAM_ADMINS: TEAM, EXTENSIONS_NEED_APPROVAL: "false", LOG_LEVEL: "error" },
    });
    strictRepeatBot = await startBotServer({
      prisma: db.prisma,
      env: {
        IMPROVEMENT_TEAM_ADMINS: TEAM,
        EXTENSION_APPROVER: "directorate_lead",
        REPEAT_EXTENSION_THRESHOLD: "1",
        LOG_LEVEL: "error",
      },
    });
  });
  afterAll(async () => {
    await approvalBot?.close();
    await immediateBot?.close();
    await strictRepeatBot?.close();
    await connector?.close();
    await db?.close();
  });

  async function execute(
    bot: RunningBot,
    verb: string,
    data: Record<string, unknown>,
    who: Person,
  ): Promise<{ card: Card; text: string }> {
    const invoke = {
      ...teamsActivity("card-action-more"),
      from: who.from,
      serviceUrl: connector.url,
      value: { action: { type: "Action.Execute", verb, data }, trigger: "manual" },
    };
    const response = await fetch(`${bot.url}/api/messages`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(invoke),
    });
    expect(response.status).toBe(200);
    const body = JSON.parse(await response.text()) as { value: Card };
    return { card: body.value, text: JSON.stringify(body.value) };
  }

  /** A question in the person's personal chat; the replies the stand-in connector recorded. */
  async function ask(bot: RunningBot, who: Person, text: string): Promise<string> {
    const before = connector.sent.length;
    const base = teamsActivity("personal-message");
    const message = {
      ...base,
      text,
      id: `m-${Math.random()}`,
      serviceUrl: connector.url,
      from: who.from,
      conversation: { ...base.conversation, id: `a:chat-${who.from.name}` },
    };
    const response = await fetch(`${bot.url}/api/messages`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(message),
    });
    expect(response.status).toBeLessThan(300);
    return JSON.stringify(connector.sent.slice(before));
  }

  async function itemWith(text: string) {
    return db.prisma.item.findFirstOrThrow({ where: { text: { contains: text } } });
  }

  /** The real dispatcher sends what is queued to the stand-in connector; what arrived, by conversation. */
  async function deliver(): Promise<Map<string, string>> {
    const before = connector.sent.length;
    const adapter = createAdapter(loadConfig({ DATABASE_URL: "file:./unused.db" }));
    const dispatcher = outboxDispatcher({
      store: db.prisma,
      adapter,
      botAppId: "",
      logger: createLogger("silent"),
      ratePerSecond: 100,
      ratePerConversation: 20,
    });
    await dispatcher.drainUntilIdle(2_000);
    const arrived = new Map<string, string>();
    for (const { conversationId, activity } of connector.sent.slice(before))
      arrived.set(conversationId, (arrived.get(conversationId) ?? "") + JSON.stringify(activity));
    return arrived;
  }

  /** The owner opens the item's card and asks for a new target with a reason. */
  async function askForExtension(
    bot: RunningBot,
    itemId: number,
    owner: Person,
    revisedTarget: string,
    revisionReason: string,
  ) {
    const opened = await execute(bot, "item.open", { itemId: String(itemId) }, owner);
    const save = opened.card.actions!.find((a) => a.verb === "item.update")!.data!;
    const progress = (await db.prisma.item.findUniqueOrThrow({ where: { id: itemId } })).progress;
    return execute(bot, "item.update", { ...save, progress, revisedTarget, revisionReason }, owner);
  }

  /** Cards queued for this person about extensions, newest first. */
  async function extensionCardsFor(who: Person): Promise<{ text: string; card: Card }[]> {
    const queued = await db.prisma.outboundMessage.findMany({
      where: { personId: who.id, purpose: "extension" },
      orderBy: { id: "desc" },
    });
    return queued.map((m) => {
      const card = (JSON.parse(m.payload) as { attachments: { content: Card }[] }).attachments[0]!.content;
      return { card, text: JSON.stringify(card) };
    });
  }

  const requestIdOf = (card: Card, title: string) => card.actions!.find((a) => a.title === title)!.data!.requestId!;
  const snapshot = (itemId: number) =>
    db.prisma.item.findUniqueOrThrow({
      where: { id: itemId },
      select: { revisedTargetRaw: true, revisedTarget: true, revisionReason: true, version: true },
    });

  describe("a revised target waits for approval (the default)", () => {
    it("request → the approver's card arrives → approve → target moved, status recomputed, owner told, all in the history", async () => {
      const item = await itemWith("Use the groups and mechanisms");
      const before = await snapshot(item.id);
      const shownBefore = await execute(approvalBot, "item.open", { itemId: String(item.id) }, people.rsab!);
      expect(shownBefore.text).not.toContain("In progress and partly delayed");

      const asked = await askForExtension(
        approvalBot,
        item.id,
        people.rsab!,
        "September 2024",
        "The SAB's new sub-group first meets in July",
      );
      expect(asked.text).toContain(
        "Your request to move the target to 30 Sep 2024 is waiting for approval by the directorate's lead or the improvement team",
      );
      // The item's target, and so its status, stay as they were.
      expect(await snapshot(item.id)).toMatchObject({
        revisedTargetRaw: before.revisedTargetRaw,
        revisedTarget: before.revisedTarget,
      });
      expect(asked.text).not.toContain("In progress and partly delayed");
      expect(asked.text).toContain("waiting for the directorate's lead or the improvement team");

      // Both kinds of approver get the card, the owner does not; it carries the item, its targets, the reason and the two buttons.
      const [toLead] = await extensionCardsFor(people.achphLead!);
      const [toTeam] = await extensionCardsFor(people.admin!);
      expect(await extensionCardsFor(people.rsab!)).toEqual([]);
      expect(await extensionCardsFor(people.cypsLead!)).toEqual([]);
      for (const queued of [toLead!, toTeam!]) {
        expect(queued.text).toContain("Extension request: Recommendation 1");
        expect(queued.text).toContain("The SAB's new sub-group first meets in July");
        expect(queued.text).toContain("30 Sep 2024");
        expect(queued.text).toContain("not extended");
        expect(queued.card.actions!.map((a) => a.title)).toEqual(["Approve", "Decline"]);
      }

      // The dispatcher delivers it to both approvers' personal chats, and to nobody else.
      const arrived = await deliver();
      expect([...arrived.keys()].sort()).toEqual(["a:chat-achph-lead", "a:chat-admin"]);
      expect(arrived.get("a:chat-achph-lead")).toContain("Extension request: Recommendation 1");

      const approved = await execute(
        approvalBot,
        "extension.approve",
        { requestId: requestIdOf(toLead!.card, "Approve"), comment: "Agreed at DLT" },
        people.achphLead!,
      );
      expect(approved.text).toContain("Approved: the target is now 30 Sep 2024. The owner is told.");
      expect(approved.card.actions ?? []).toEqual([]);
      expect(await snapshot(item.id)).toMatchObject({
        revisedTargetRaw: "September 2024",
        revisedTarget: "2024-09-30",
        revisionReason: "The SAB's new sub-group first meets in July",
      });
      const shownAfter = await execute(approvalBot, "item.open", { itemId: String(item.id) }, people.rsab!);
      expect(shownAfter.text).toContain("In progress and partly delayed");
      expect(shownAfter.text).toContain("extended once: 30 Jun 2024 → 30 Sep 2024");

      const [toOwner] = await extensionCardsFor(people.rsab!);
      expect((await deliver()).get("a:chat-rsab")).toContain("Extension approved by achph.lead@example.org");
      expect(toOwner!.text).toContain(
        "Extension approved by achph.lead@example.org: the target is now 30 Sep 2024. Comment: Agreed at DLT",
      );
      const actions = (
        await db.prisma.auditEntry.findMany({
          where: { entityType: "item", entityId: item.id },
          orderBy: { id: "asc" },
        })
      ).map((a) => a.action);
      expect(actions).toEqual(expect.arrayContaining(["extension_requested", "extension_approved"]));
      expect(await db.prisma.targetRevision.count({ where: { itemId: item.id } })).toBe(1);

      // The other approver's card is now out of date: pressing it decides nothing more.
      const late = await execute(
        approvalBot,
        "extension.approve",
        { requestId: requestIdOf(toTeam!.card, "Approve") },
        people.admin!,
      );
      expect(late.text).toContain("This request was already approved by achph.lead@example.org on 9 Jan 2024.");
      expect(await db.prisma.targetRevision.count({ where: { itemId: item.id } })).toBe(1);
    });

    it("declining without a comment shows the error by the comment field and changes nothing; with one, the owner is told why", async () => {
      const item = await itemWith("Review how the SAB sets its agendas");
      await askForExtension(
        approvalBot,
        item.id,
        people.rsab!,
        "December 2024",
        "Agenda review waits for the new chair",
      );
      const [card] = await extensionCardsFor(people.admin!);
      const requestId = requestIdOf(card!.card, "Decline");
      const before = await snapshot(item.id);
      const toOwnerBefore = (await extensionCardsFor(people.rsab!)).length;

      const bare = await execute(approvalBot, "extension.decline", { requestId, comment: "   " }, people.admin!);
      expect(bare.text).toContain("Not decided yet: fix the comment below.");
      const body = JSON.stringify(bare.card.body);
      // The message sits right after the comment box.
      expect(body.indexOf("Say why the extension is declined: the owner reads your comment.")).toBeGreaterThan(
        body.indexOf('"id":"comment"'),
      );
      expect(bare.card.actions!.map((a) => a.title)).toEqual(["Approve", "Decline"]);
      expect(await snapshot(item.id)).toEqual(before);
      expect(await db.prisma.extensionRequest.findUniqueOrThrow({ where: { id: Number(requestId) } })).toMatchObject({
        state: "waiting",
        decidedBy: null,
      });
      expect(await extensionCardsFor(people.rsab!)).toHaveLength(toOwnerBefore);
      // A comment past its limit comes back the same way, and nothing changes.
      const long = await execute(
        approvalBot,
        "extension.approve",
        { requestId, comment: "c".repeat(1001) },
        people.admin!,
      );
      expect(long.text).toContain("Keep the comment under 1,000 characters (it is 1,001).");
      expect(long.card.actions!.map((a) => a.title)).toEqual(["Approve", "Decline"]);
      expect(await snapshot(item.id)).toEqual(before);
      expect(await db.prisma.extensionRequest.findUniqueOrThrow({ where: { id: Number(requestId) } })).toMatchObject({
        state: "waiting",
      });

      const declined = await execute(
        approvalBot,
        "extension.decline",
        { requestId, comment: "Bring a recovery plan to DLT first" },
        people.admin!,
      );
      expect(declined.text).toContain("Declined: the target stays as it was. The owner is told, with your comment.");
      const after = await snapshot(item.id);
      expect(after).toMatchObject({ revisedTargetRaw: before.revisedTargetRaw, revisedTarget: before.revisedTarget });
      expect(await db.prisma.extensionRequest.findUniqueOrThrow({ where: { id: Number(requestId) } })).toMatchObject({
        state: "declined",
        decidedBy: TEAM,
        comment: "Bring a recovery plan to DLT first",
      });
      const [toOwner] = await extensionCardsFor(people.rsab!);
      expect(toOwner!.text).toContain(
        "Extension to 31 Dec 2024 declined by improvement@example.org; the target stays 30 Jun 2024. Comment: Bring a recovery plan to DLT first",
      );
      expect(
        await db.prisma.auditEntry.count({
          where: { entityType: "item", entityId: item.id, action: "extension_declined" },
        }),
      ).toBe(1);
    });

    it("someone who is not an approver cannot decide: refused, nothing changed", async () => {
      const item = await itemWith("Use the investments underway");
      await askForExtension(
        approvalBot,
        item.id,
        people.cpc!,
        "September 2026",
        "Funding decision moved to the spring",
      );
      const [card] = await extensionCardsFor(people.admin!);
      const requestId = requestIdOf(card!.card, "Approve");
      const before = await snapshot(item.id);
      const refusals: [Person, string][] = [
        [people.colleague!, "Only the directorate's lead or the improvement team can decide this request."],
        [people.cypsLead!, "Only the directorate's lead or the improvement team can decide this request."],
        [people.cpc!, "You asked for this extension, so the directorate's lead or the improvement team decides it."],
      ];
      for (const [who, refusal] of refusals) {
        const answer = await execute(approvalBot, "extension.approve", { requestId, comment: "fine" }, who);
        expect(answer.text).toContain(`Not decided: ${refusal}`);
        expect(answer.card.actions ?? []).toEqual([]);
      }
      expect(await snapshot(item.id)).toEqual(before);
      expect(await db.prisma.extensionRequest.findUniqueOrThrow({ where: { id: Number(requestId) } })).toMatchObject({
        state: "waiting",
      });
      // A second request waits behind the first.
      const second = await askForExtension(approvalBot, item.id, people.cpc!, "December 2026", "Again");
      expect(second.text).toContain("Not saved yet");
      expect(second.text).toContain("is already waiting for the directorate's lead or the improvement team");
      expect(await db.prisma.extensionRequest.count({ where: { itemId: item.id } })).toBe(1);
    });
  });

  describe("a request the rules refuse", () => {
    it("an earlier date comes back by the date field, and nothing is requested or changed", async () => {
      const item = await itemWith("Ensure you have robust SMART plans");
      const before = await snapshot(item.id);
      const answer = await askForExtension(approvalBot, item.id, people.rsab!, "May 2024", "Ahead of plan");
      expect(answer.text).toContain("Not saved yet: fix the fields marked below.");
      const body = JSON.stringify(answer.card.body);
      expect(
        body.indexOf("31 May 2024 is not after the current target 30 Jun 2024: an extension moves the target later."),
      ).toBeGreaterThan(body.indexOf('"id":"revisedTarget"'));
      expect(await snapshot(item.id)).toEqual(before);
      expect(await db.prisma.extensionRequest.count({ where: { itemId: item.id } })).toBe(0);
    });
  });

  describe("an item whose target is TBC", () => {
    it("its owner cannot request a first date; the improvement team sets it at once, with no request", async () => {
      const item = await itemWith("Explore how best you can use the data");
      await db.prisma.item.update({
        where: { id: item.id },
        data: { originalTargetRaw: "TBC", originalTarget: null, originalTargetKind: "tbc" },
      });
      const byOwner = await askForExtension(approvalBot, item.id, people.rsab!, "September 2024", "Plan agreed");
      expect(byOwner.text).toContain(
        "This item's target is TBC: a first target date is set by the improvement team, not requested as an extension.",
      );
      expect(await snapshot(item.id)).toMatchObject({ revisedTargetRaw: null });

      const byTeam = await askForExtension(approvalBot, item.id, people.admin!, "September 2024", "Plan agreed at DLT");
      expect(byTeam.text).toContain("Saved.");
      expect(await snapshot(item.id)).toMatchObject({
        revisedTargetRaw: "September 2024",
        revisedTarget: "2024-09-30",
      });
      expect(await db.prisma.extensionRequest.count({ where: { itemId: item.id } })).toBe(0);
    });
  });

  describe("with EXTENSIONS_NEED_APPROVAL=false", () => {
    it("a revised target takes effect at once, as before, and nobody is asked", async () => {
      const item = await itemWith("Celebrate the Council's achievements");
      const queuedBefore = await db.prisma.outboundMessage.count({ where: { purpose: "extension" } });
      const saved = await askForExtension(
        immediateBot,
        item.id,
        people.cpc!,
        "September 2025",
        "Comms plan re-sequenced",
      );
      expect(saved.text).toContain("Saved.");
      expect(saved.text).toContain("30 Sep 2025 (revised)");
      expect(await snapshot(item.id)).toMatchObject({
        revisedTargetRaw: "September 2025",
        revisedTarget: "2025-09-30",
      });
      expect(await db.prisma.extensionRequest.findFirstOrThrow({ where: { itemId: item.id } })).toMatchObject({
        state: "took_effect",
        approver: null,
      });
      expect(await db.prisma.outboundMessage.count({ where: { purpose: "extension" } })).toBe(queuedBefore);
    });
  });

  describe("a repeat extension", () => {
    it("goes to the improvement team whoever the usual approver is, flagged on the cards", async () => {
      // Imported with a revised target: extended once already; the threshold here is 1 and the usual approver the lead.
      const item = await itemWith("Keeping children and young people safe");
      const cypsLeadBefore = (await extensionCardsFor(people.cypsLead!)).length;
      const asked = await askForExtension(
        strictRepeatBot,
        item.id,
        people.rscp!,
        "June 2024",
        "Partnership audit delayed",
      );
      expect(asked.text).toContain(
        "waiting for approval by the improvement team (a repeat extension, flagged for the committee)",
      );
      expect(await extensionCardsFor(people.cypsLead!)).toHaveLength(cypsLeadBefore);
      const [card] = await extensionCardsFor(people.admin!);
      expect(card!.text).toContain(
        "A repeat extension: the item had already been extended once, so the improvement team decides it",
      );
      expect(card!.text).toContain("extended once: 31 Mar 2023 → 31 Mar 2024");
      const requestId = requestIdOf(card!.card, "Approve");

      // Answers say it is waiting, and flag the repeat.
      const waitingAnswer = await ask(strictRepeatBot, people.rscp!, "my actions");
      expect(waitingAnswer).toContain(
        "31 Mar 2024 (revised from 31 Mar 2023); extended once: 31 Mar 2023 → 31 Mar 2024; a repeat extension; extension to 30 Jun 2024 waiting for approval",
      );

      const byLead = await execute(strictRepeatBot, "extension.approve", { requestId }, people.cypsLead!);
      expect(byLead.text).toContain(
        "Only the improvement team can decide this request because the item had already been extended once.",
      );
      expect(await snapshot(item.id)).toMatchObject({ revisedTargetRaw: "March 2024" });

      await execute(strictRepeatBot, "extension.approve", { requestId }, people.admin!);
      const shown = await execute(strictRepeatBot, "item.open", { itemId: String(item.id) }, people.rscp!);
      expect(shown.text).toContain("Repeat extension: extended twice: 31 Mar 2023 → 31 Mar 2024 → 30 Jun 2024");
      const answer = await ask(strictRepeatBot, people.rscp!, "my actions");
      expect(answer).toContain(
        "30 Jun 2024 (revised from 31 Mar 2023); extended twice: 31 Mar 2023 → 31 Mar 2024 → 30 Jun 2024; a repeat extension",
      );
      expect(answer).not.toContain("waiting for approval");
    });
  });
});
