/**
 * A target of 31 Dec 9999 by every route, against the real server and D0's register on SQLite and on
 * PostgreSQL (today 9 January 2024): an owner's revised date on the update card (in effect at once, and
 * waiting for approval), approving a request stored before dates had a window, "start update round ... by
 * 31 December 9999" and an import are each refused with what to fix, nothing changes, and the bot keeps
 * answering. A far date already in the database (year 9000, written directly) does not slow answers and
 * is listed by /readyz.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findDatesOutsideWindow } from "../../src/data/register/dates-outside-window.js";
import { importRegister } from "../../src/services/imports/import-register.js";
import { teamsActivity } from "../support/bot-fixtures.js";
import { personWithChat, type ChatPerson } from "../support/chat-person.js";
import { startBotServer, type RunningBot } from "../support/running-bot.js";
import { startStandInConnector, type StandInConnector } from "../support/stand-in-connector.js";
import { STORES, storeDatabases } from "../support/stores.js";
import { FIXTURES, type TestDatabase } from "../support/test-database.js";

type Action = { verb?: string; title?: string; data?: Record<string, string> };
type Card = { body: unknown[]; actions?: Action[] };
type Person = ChatPerson;

const TEAM = "improvement@example.org";
const OUTSIDE_9999 =
  "31 Dec 9999 is outside the dates this tracker accepts (1 Jan 2000 to 31 Dec 2100): check the year";
let db: TestDatabase;
let connector: StandInConnector;
let approvalBot: RunningBot;
let immediateBot: RunningBot;
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
    people.rsab = await personWithChat(db.prisma, connector.url, "rsab.manager@example.org", "rsab");
    approvalBot = await startBotServer({
      prisma: db.prisma,
      env: { IMPROVEMENT_TEAM_ADMINS: TEAM, LOG_LEVEL: "error" },
    });
    immediateBot = await startBotServer({
      prisma: db.prisma,
      env: { IMPROVEMENT_TEAM_ADMINS: TEAM, EXTENSIONS_NEED_APPROVAL: "false", LOG_LEVEL: "error" },
    });
  });
  afterAll(async () => {
    await approvalBot?.close();
    await immediateBot?.close();
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
      signal: AbortSignal.timeout(20_000),
    });
    expect(response.status).toBe(200);
    const body = JSON.parse(await response.text()) as { value: Card };
    return { card: body.value, text: JSON.stringify(body.value) };
  }

  /** A message in the person's personal chat; the replies the stand-in connector recorded. */
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
      signal: AbortSignal.timeout(20_000),
    });
    expect(response.status).toBeLessThan(300);
    return JSON.stringify(connector.sent.slice(before));
  }

  async function itemWith(text: string) {
    return db.prisma.item.findFirstOrThrow({ where: { text: { contains: text } } });
  }

  const snapshot = (itemId: number) =>
    db.prisma.item.findUniqueOrThrow({
      where: { id: itemId },
      select: { revisedTargetRaw: true, revisedTarget: true, revisionReason: true, version: true },
    });

  /** The owner opens the item's card and asks for a new target with a reason. */
  async function askForExtension(bot: RunningBot, itemId: number, owner: Person, revisedTarget: string) {
    const opened = await execute(bot, "item.open", { itemId: String(itemId) }, owner);
    const save = opened.card.actions!.find((a) => a.verb === "item.update")!.data!;
    const progress = (await db.prisma.item.findUniqueOrThrow({ where: { id: itemId } })).progress;
    return execute(bot, "item.update", { ...save, progress, revisedTarget, revisionReason: "Far off" }, owner);
  }

  async function stillAnswers(bot: RunningBot): Promise<void> {
    const started = Date.now();
    expect(await ask(bot, people.rsab!, "my items")).toContain("Recommendation 1");
    expect(Date.now() - started).toBeLessThan(5_000);
  }

  it("an owner's revised target in 9999 that would take effect at once is refused by its field, and nothing changes", async () => {
    const item = await itemWith("Use the groups and mechanisms");
    const before = await snapshot(item.id);
    for (const typed of ["31 December 9999", "December 9999", "9999-12-31"]) {
      const reply = await askForExtension(immediateBot, item.id, people.rsab!, typed);
      expect(reply.text, typed).toContain(`${OUTSIDE_9999}.`);
    }
    const impossible = await askForExtension(immediateBot, item.id, people.rsab!, "31/02/2027");
    expect(impossible.text).toContain('\\"31/02/2027\\" is not a day: February 2027 has no 31st.');
    expect(await snapshot(item.id)).toEqual(before);
    expect(await db.prisma.extensionRequest.count()).toBe(0);
    await stillAnswers(immediateBot);
  });

  it("an owner's request for December 9999 is refused before any approver is asked", async () => {
    const item = await itemWith("Use the groups and mechanisms");
    const before = await snapshot(item.id);
    const reply = await askForExtension(approvalBot, item.id, people.rsab!, "December 9999");
    expect(reply.text).toContain(`${OUTSIDE_9999}.`);
    expect(await snapshot(item.id)).toEqual(before);
    expect(await db.prisma.extensionRequest.count()).toBe(0);
    expect(await db.prisma.outboundMessage.count({ where: { purpose: "extension" } })).toBe(0);
    await stillAnswers(approvalBot);
  });

  it("a waiting request for 9999 stored before the window existed cannot be approved, and /readyz lists it", async () => {
    const item = await itemWith("Use the groups and mechanisms");
    const before = await snapshot(item.id);
    const request = await db.prisma.extensionRequest.create({
      data: {
        itemId: item.id,
        requestedBy: "rsab.manager@example.org",
        requestedAt: new Date("2024-01-08T10:00:00Z"),
        fromTargetRaw: item.originalTargetRaw,
        fromTarget: item.originalTarget,
        requestedTargetRaw: "31 December 9999",
        requestedTarget: "9999-12-31",
        reason: "Far off",
        approver: "either",
      },
    });
    const approved = await execute(
      approvalBot,
      "extension.approve",
      { requestId: String(request.id), comment: "Fine" },
      people.achphLead!,
    );
    expect(approved.text).toContain(`${OUTSIDE_9999}: decline this request and ask for a date inside that range.`);
    expect(await snapshot(item.id)).toEqual(before);
    expect((await db.prisma.extensionRequest.findUniqueOrThrow({ where: { id: request.id } })).state).toBe("waiting");

    const readiness = await fetch(`${approvalBot.url}/readyz`);
    expect(readiness.status).toBe(200);
    expect(await readiness.json()).toMatchObject({
      status: "ready",
      details: {
        acceptedDates: "1 Jan 2000 to 31 Dec 2100",
        datesOutsideWindow: [
          {
            record: "extension_request",
            id: request.id,
            label: "Recommendation 1",
            field: "requested_target",
            date: "9999-12-31",
          },
        ],
      },
    });
    await db.prisma.extensionRequest.delete({ where: { id: request.id } });
  });

  it('"start update round ... by 31 December 9999" is refused, and no round starts', async () => {
    const reply = await ask(
      approvalBot,
      people.admin!,
      "start update round January Audit Committee by 31 December 9999",
    );
    expect(reply).toContain(`${OUTSIDE_9999}.`);
    const impossible = await ask(approvalBot, people.admin!, "start update round Cabinet by 31/02/2027");
    expect(impossible).toContain('\\"31/02/2027\\" is not a day: February 2027 has no 31st.');
    expect(await db.prisma.updateRound.count()).toBe(0);
    await stillAnswers(approvalBot);
  });

  it("an import with a target in 9999 and an impossible day imports nothing and lists both rows", async () => {
    const itemsBefore = await db.prisma.item.count();
    const header =
      "directorate,review_title,review_body,review_type,review_date,findings_received,outcome,item_ref,item_kind,item_text,parent_ref,responsible_unit,owner_email,original_target,revised_target,revision_reason,progress,recorded_status,progress_update,confidential,completed_on";
    const row = (ref: string, target: string) =>
      `CYPS,Far Review,Ofsted,inspection,,,,${ref},recommendation,Do the thing,,,,${target},,,not_started,,,false,`;
    const file = path.join(db.dir, "far-dates.csv");
    writeFileSync(
      file,
      [header, row("Rec 1", "2025-03-31"), row("Rec 2", "31/12/9999"), row("Rec 3", "31/02/2027")].join("\n"),
    );
    const report = await importRegister(db.prisma, {
      file,
      dryRun: false,
      actor: "test",
      today: "2024-01-09",
      now: new Date("2024-01-09T09:00:00Z"),
    });
    expect(report.ok).toBe(false);
    expect(report.errors.map((e) => [e.line, e.message])).toEqual([
      [3, expect.stringContaining(`original_target "31/12/9999": ${OUTSIDE_9999}`)],
      [4, expect.stringContaining('original_target "31/02/2027" is not a day: February 2027 has no 31st')],
    ]);
    expect(await db.prisma.item.count()).toBe(itemsBefore);
    expect(await db.prisma.review.count({ where: { title: "Far Review" } })).toBe(0);
  });

  it("a year-9000 target already in the database answers at once, and is listed by /readyz", async () => {
    const item = await itemWith("Review how the SAB sets its agendas");
    await db.prisma.item.update({
      where: { id: item.id },
      data: { originalTargetRaw: "30 June 9000", originalTarget: "9000-06-30", originalTargetKind: "day" },
    });
    try {
      for (const bot of [approvalBot, immediateBot]) {
        for (let round = 0; round < 2; round += 1) {
          const started = Date.now();
          expect(await ask(bot, people.rsab!, "my items")).toContain("Recommendation 3");
          expect(await ask(bot, people.rsab!, "what is at risk")).not.toBe("[]");
          const opened = await execute(bot, "item.open", { itemId: String(item.id) }, people.rsab!);
          expect(opened.text).toContain("30 Jun 9000");
          expect(Date.now() - started).toBeLessThan(5_000);
        }
      }
      expect(await findDatesOutsideWindow(db.prisma)).toEqual([
        { record: "item", id: item.id, label: "Recommendation 3", field: "original_target", date: "9000-06-30" },
      ]);
      const readiness = (await (await fetch(`${immediateBot.url}/readyz`)).json()) as {
        details: { datesOutsideWindow: unknown[] };
      };
      expect(readiness.details.datesOutsideWindow).toEqual([
        { record: "item", id: item.id, label: "Recommendation 3", field: "original_target", date: "9000-06-30" },
      ]);
    } finally {
      await db.prisma.item.update({
        where: { id: item.id },
        data: {
          originalTargetRaw: item.originalTargetRaw,
          originalTarget: item.originalTarget,
          originalTargetKind: item.originalTargetKind,
        },
      });
    }
  });
});
