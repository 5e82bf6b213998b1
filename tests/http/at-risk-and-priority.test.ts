/**
 * The early warning end to end over the real server: the owner says in the update card that the target will
 * be missed, the item is flagged at risk beside its (unchanged) status, and "what's at risk?", "what's at risk
 * in CYPS?" and "which high-priority actions are overdue?" answer in a channel through the visibility rule.
 * The same tests on SQLite and on PostgreSQL.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CardVerb } from "../../src/cards/verbs.js";
import { importRegister } from "../../src/services/imports/import-register.js";
import { teamsActivity } from "../support/bot-fixtures.js";
import { startBotServer, type RunningBot } from "../support/running-bot.js";
import { startStandInConnector, type StandInConnector } from "../support/stand-in-connector.js";
import { type TestDatabase } from "../support/test-database.js";
import { STORES, storeDatabases } from "../support/stores.js";

/** Tuesday 1 December 2026, 10:00 in London. */
const NOW = new Date("2026-12-01T10:00:00Z");
const ALICE = { id: "29:alice", name: "Alice", aadObjectId: "aad-alice" };
const ADMIN = { id: "29:admin", name: "Admin", aadObjectId: "aad-admin" };
const HOME = "Oakfield Grange Children's Residential Home";
const TEXT = {
  willMiss: "Publish the SEND sufficiency plan",
  steady: "Train every SENCO in the new EHCP process",
  quiet: "Resurface the A631 junction",
  overdueHigh: "Replace the gully cleansing contract",
  home: "Fit locks on the bedroom doors",
};

let db: TestDatabase;
let connector: StandInConnector;
let bot: RunningBot;
let itemId: number;

type Card = { actions?: { verb?: string; data?: Record<string, string> }[] };

async function execute(verb: string, data: Record<string, unknown>): Promise<string> {
  const invoke = {
    ...teamsActivity("card-action-more"),
    from: ALICE,
    serviceUrl: connector.url,
    value: { action: { type: "Action.Execute", verb, data }, trigger: "manual" },
  };
  const response = await fetch(`${bot.url}/api/messages`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(invoke),
  });
  return JSON.stringify((JSON.parse(await response.text()) as { value: Card }).value);
}
const openCard = async () => JSON.parse(await execute(CardVerb.itemOpen, { itemId: String(itemId) })) as Card;
const saveData = (card: Card) => card.actions!.find((a) => a.verb === CardVerb.itemUpdate)!.data!;

async function sayPersonally(from: typeof ALICE, text: string): Promise<string> {
  const before = connector.sent.length;
  const base = teamsActivity("personal-message");
  const response = await fetch(`${bot.url}/api/messages`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      ...base,
      text,
      from,
      id: `p-${Math.random().toString(36).slice(2)}`,
      serviceUrl: connector.url,
      conversation: { ...base.conversation, id: `a:personal-${from.name}` },
    }),
  });
  expect(response.status).toBeLessThan(300);
  return JSON.stringify(connector.sent.slice(before));
}

async function askInChannel(question: string): Promise<string> {
  const before = connector.sent.length;
  const activity = teamsActivity("channel-mention");
  const response = await fetch(`${bot.url}/api/messages`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      ...activity,
      text: `<at>Recommendation tracker</at> ${question}`,
      id: `c-${Math.random().toString(36).slice(2)}`,
      serviceUrl: connector.url,
    }),
  });
  expect(response.status).toBeLessThan(300);
  return JSON.stringify(connector.sent.slice(before));
}

const databaseOn = storeDatabases();

describe.each(STORES)("on %s", (store) => {
  beforeAll(async () => {
    db = await databaseOn(store);
    const file = path.join(db.dir, "register.csv");
    writeFileSync(
      file,
      [
        "directorate,review_title,review_body,item_ref,item_text,owner_email,original_target,progress,confidential,priority",
        `CYPS,SEND inspection,Ofsted,Rec 1,${TEXT.willMiss},alice@example.org,Jun-27,in_progress,false,high`,
        `CYPS,SEND inspection,Ofsted,Rec 2,${TEXT.steady},bob@example.org,Jun-27,in_progress,false,medium`,
        `RE,Highways audit,Internal Audit,Rec 1,${TEXT.quiet},carol@example.org,2026-12-15,in_progress,false,high`,
        `RE,Highways audit,Internal Audit,Rec 2,${TEXT.overdueHigh},carol@example.org,2026-06-30,in_progress,false,high`,
        `RE,Highways audit,Internal Audit,Rec 3,Retender the winter gritting,carol@example.org,2026-06-30,in_progress,false,low`,
        `CYPS,${HOME},Ofsted,Rec 1,${TEXT.home},keyworker@example.org,2026-12-10,in_progress,true,high`,
      ].join("\n"),
    );
    const report = await importRegister(db.prisma, {
      file,
      dryRun: false,
      actor: "test",
      today: "2026-12-01",
      now: NOW,
    });
    expect(report.errors).toEqual([]);
    await db.prisma.person.update({ where: { email: "alice@example.org" }, data: { aadObjectId: ALICE.aadObjectId } });
    await db.prisma.person.create({ data: { email: "improvement@example.org", aadObjectId: ADMIN.aadObjectId } });
    itemId = (await db.prisma.item.findFirstOrThrow({ where: { text: TEXT.willMiss } })).id;
    connector = await startStandInConnector();
    bot = await startBotServer({
      prisma: db.prisma,
      env: { LOG_LEVEL: "error", IMPROVEMENT_TEAM_ADMINS: "improvement@example.org" },
      now: () => NOW,
    });
  });
  afterAll(async () => {
    await bot?.close();
    await connector?.close();
    await db?.close();
  });

  describe("the owner's confidence in the update card", () => {
    it("asks whether the current target will be met, and shows the item's priority", async () => {
      const card = JSON.stringify(await openCard());
      expect(card).toContain("Will the current target be met?");
      expect(card).toContain("Will miss the date");
      expect(card).toMatch(/"title":"Priority","value":"high"/);
      expect(card).not.toContain("At risk:");
    });

    it("a confidence the card does not offer comes back with the choices; nothing is saved", async () => {
      const before = await db.prisma.progressUpdate.count();
      const text = await execute(CardVerb.itemUpdate, {
        ...saveData(await openCard()),
        progress: "in_progress",
        narrative: "Drafting",
        confidence: "maybe",
      });
      expect(text).toContain('\\"maybe\\" is not a confidence: choose on track, at risk or will miss the date');
      expect(await db.prisma.progressUpdate.count()).toBe(before);
    });

    it("'will miss the date' is kept with the update and flags the item at risk beside its status, which stays on track", async () => {
      const text = await execute(CardVerb.itemUpdate, {
        ...saveData(await openCard()),
        progress: "in_progress",
        narrative: "Consultation slipped",
        confidence: "will_miss",
      });
      expect(text).toContain("Saved.");
      expect(text).toContain("In progress and on track");
      expect(text).toContain("At risk: the owner said on 1 Dec 2026 it will miss its target 30 Jun 2027");
      expect(text).toContain("confidence: none → Will miss the date");
      const update = await db.prisma.progressUpdate.findFirstOrThrow({ where: { itemId }, orderBy: { id: "desc" } });
      expect(update).toMatchObject({ confidence: "will_miss", confidenceTarget: "2027-06-30" });
    });

    it("the card shows the answer given for the current target when it is opened again, rather than an empty box", async () => {
      const confidenceInput = (card: unknown) =>
        JSON.stringify(card).match(/"id":"confidence"[^}]*?"value":"([^"]*)"/)?.[1] ?? "(no confidence input)";
      expect(confidenceInput(await openCard())).toBe("will_miss");
    });
  });

  describe("questions in a channel", () => {
    it("what's at risk? lists the owner's warning and the quiet item near its target; the home is counted, never named", async () => {
      const answer = await askInChannel("what's at risk?");
      expect(answer).toContain("At-risk items");
      expect(answer).toContain(TEXT.willMiss);
      expect(answer).toContain(TEXT.quiet);
      expect(answer).toContain("due in 10 working days (15 Dec 2026) with no update yet");
      for (const hidden of [TEXT.steady, TEXT.overdueHigh, TEXT.home, "Oakfield"]) expect(answer).not.toContain(hidden);
      expect(answer).toContain("1 confidential item is counted but not shown here");
    });

    it("what's at risk in CYPS? keeps to the directorate", async () => {
      const answer = await askInChannel("what's at risk in CYPS?");
      expect(answer).toContain(TEXT.willMiss);
      expect(answer).not.toContain(TEXT.quiet);
      expect(answer).not.toContain("Oakfield");
    });

    it("which high-priority actions are overdue? names the open top-priority items past their targets", async () => {
      const answer = await askInChannel("which high-priority actions are overdue?");
      expect(answer).toContain("Overdue high-priority items");
      expect(answer).toContain(TEXT.overdueHigh);
      for (const other of [TEXT.willMiss, TEXT.quiet, "Retender the winter gritting"])
        expect(answer).not.toContain(other);
    });
  });

  describe("the improvement team sets priorities", () => {
    const priorityOf = async (text: string) => (await db.prisma.item.findFirstOrThrow({ where: { text } })).priority;

    it("sets an item's priority with its history, and the history shows it", async () => {
      expect(await sayPersonally(ADMIN, "set priority of Rec 2 of SEND inspection to High")).toContain(
        "Done: 1 item now high priority (1 changed).",
      );
      expect(await priorityOf(TEXT.steady)).toBe("high");
      const item = await db.prisma.item.findFirstOrThrow({ where: { text: TEXT.steady } });
      const entry = await db.prisma.auditEntry.findFirstOrThrow({
        where: { entityType: "item", entityId: item.id },
        orderBy: { id: "desc" },
      });
      expect(entry).toMatchObject({
        action: "prioritised",
        actor: "improvement@example.org",
        before: '{"priority":"medium"}',
        after: '{"priority":"high"}',
      });
      expect(await sayPersonally(ADMIN, "history Rec 2 of SEND inspection")).toContain(
        "set its priority: priority: medium → high",
      );
    });

    it("a label the council does not use is refused with the labels, and nothing changes", async () => {
      expect(await sayPersonally(ADMIN, "set priority of Rec 1 of Highways audit to urgent")).toContain(
        '\\"urgent\\" is not one of the council\'s priorities: use high, medium or low, or none to clear it.',
      );
      expect(await priorityOf(TEXT.quiet)).toBe("high");
    });

    it("an owner cannot set priorities", async () => {
      expect(await sayPersonally(ALICE, "set priority of Rec 1 of SEND inspection to low")).toContain(
        "Only the improvement team can set priorities.",
      );
      expect(await priorityOf(TEXT.willMiss)).toBe("high");
    });
  });
});
