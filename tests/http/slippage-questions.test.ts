/**
 * The committee's slippage questions over the real server with the stand-in connector: "which items have been
 * extended more than once?", "what extensions are waiting for approval?" and "what milestones are due this month?",
 * in a personal chat and a channel. A children's home's item is counted in a channel, never named; in a personal
 * chat it is shown. The answer cards the channel receives render in Microsoft's renderer, a typed reason as typed.
 * The same tests on SQLite and on PostgreSQL.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addExtensionRequest, settleExtensionRequest } from "../../src/data/decisions/extension-request-store.js";
import { parseDateText } from "../../src/domain/dates/date-text.js";
import {
  approveExtension,
  DEFAULT_EXTENSION_SETTINGS,
  requestExtension,
  type ExtensionRequest,
} from "../../src/domain/extensions/extension-request.js";
import { importRegister } from "../../src/services/imports/import-register.js";
import type { AdaptiveCard } from "../../src/cards/render-card.js";
import { teamsActivity } from "../support/bot-fixtures.js";
import { CardRenderer } from "../support/card-renderer.js";
import { startBotServer, type RunningBot } from "../support/running-bot.js";
import { startStandInConnector, type StandInConnector } from "../support/stand-in-connector.js";
import { type TestDatabase } from "../support/test-database.js";
import { STORES, storeDatabases } from "../support/stores.js";

/** Tuesday 1 December 2026, 10:00 in London. */
const NOW = new Date("2026-12-01T10:00:00Z");
const ALICE = { id: "29:alice", name: "Alice", aadObjectId: "aad-alice" };
const HOME = "Oakfield Grange Children's Residential Home";
const TEXT = {
  thrice: "Publish the SEND sufficiency plan",
  once: "Train every SENCO in the new EHCP process",
  twice: "Resurface the A631 junction",
  closed: "Retender the winter gritting",
  hostile: "Replace the gully cleansing contract",
  home: "Fit locks on the bedroom doors",
  treasury: "Refresh the treasury management strategy",
};
/** Typed by an owner: markdown and HTML that must reach others as text. */
const HOSTILE_REASON = "**Contractor** went <b>bust</b> [see](https://evil.example)";
const HOME_REASON = "Refurbishment of the bedrooms at the home delayed";
const MILESTONES = {
  send: "EHCP compliance 50%",
  sendLater: "EHCP compliance 60%",
  survey: "Junction survey complete",
  home: "Locks fitted on two doors",
};

let db: TestDatabase;
let connector: StandInConnector;
let bot: RunningBot;
let renderer: CardRenderer;

const itemIdOf = async (text: string) => (await db.prisma.item.findFirstOrThrow({ where: { text } })).id;

/**
 * Moves an item's target through the extension rules as owners and approvers would: each target in
 * `approved` is asked for and approved, `waiting` is asked for and left for a decision.
 */
async function extend(
  text: string,
  approved: { target: string; askedOn: string }[],
  waiting?: { target: string; reason: string; by: string },
): Promise<void> {
  const row = await db.prisma.item.findFirstOrThrow({ where: { text } });
  const requests: ExtensionRequest[] = [];
  let revisedTarget = parseDateText(row.revisedTargetRaw);
  const item = () => ({
    progress: "in_progress" as const,
    originalTarget: parseDateText(row.originalTargetRaw),
    revisedTarget,
    requests,
  });
  const decider = { email: "improvement@example.org", isImprovementTeam: true, leadsItemsDirectorate: false };
  for (const { target, askedOn } of approved) {
    const at = new Date(`${askedOn}T10:00:00Z`);
    const asked = requestExtension(
      item(),
      { requestedTarget: target, reason: "Earlier slippage", requestedBy: "owner@example.org" },
      DEFAULT_EXTENSION_SETTINGS,
      at,
    );
    if (!asked.ok) throw new Error(asked.reason);
    const decided = approveExtension(asked.value.request, decider, null, at);
    if (!decided.ok) throw new Error(decided.reason);
    const id = await addExtensionRequest(db.prisma, row.id, asked.value.request);
    expect(await settleExtensionRequest(db.prisma, id, decided.value.request)).toBe(true);
    requests.push(decided.value.request);
    revisedTarget = decided.value.newRevisedTarget!;
  }
  if (approved.length)
    await db.prisma.item.update({
      where: { id: row.id },
      data: {
        revisedTargetRaw: revisedTarget.raw,
        revisedTarget: revisedTarget.end,
        revisedTargetKind: revisedTarget.kind,
      },
    });
  if (waiting) {
    const asked = requestExtension(
      item(),
      { requestedTarget: waiting.target, reason: waiting.reason, requestedBy: waiting.by },
      DEFAULT_EXTENSION_SETTINGS,
      NOW,
    );
    if (!asked.ok) throw new Error(asked.reason);
    await addExtensionRequest(db.prisma, row.id, asked.value.request);
  }
}

/** A milestone of an item, written as the import stores one: kind "milestone", under its item, not counted. */
async function addMilestone(itemText: string, ref: string, text: string, target: string, progress = "in_progress") {
  const item = await db.prisma.item.findFirstOrThrow({ where: { text: itemText } });
  const date = parseDateText(target);
  await db.prisma.item.create({
    data: {
      reviewId: item.reviewId,
      parentId: item.id,
      ref,
      kind: "milestone",
      text,
      counted: false,
      ownerId: item.ownerId,
      originalTargetRaw: date.raw,
      originalTarget: date.end,
      originalTargetKind: date.kind,
      progress,
      // Not marked itself: a milestone is as confidential as its item, which the answer must work out.
      confidential: false,
    },
  });
}

async function post(body: Record<string, unknown>): Promise<AdaptiveCard[]> {
  const before = connector.sent.length;
  const response = await fetch(`${bot.url}/api/messages`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ ...body, id: `q-${Math.random().toString(36).slice(2)}`, serviceUrl: connector.url }),
  });
  expect(response.status).toBeLessThan(300);
  return connector.sent
    .slice(before)
    .flatMap((s) => s.activity.attachments ?? [])
    .map((a) => a.content as AdaptiveCard);
}

function askPersonally(text: string): Promise<AdaptiveCard[]> {
  const base = teamsActivity("personal-message");
  return post({ ...base, text, from: ALICE, conversation: { ...base.conversation, id: "a:personal-alice" } });
}

function askInChannel(question: string): Promise<AdaptiveCard[]> {
  return post({ ...teamsActivity("channel-mention"), text: `<at>Recommendation tracker</at> ${question}` });
}

/** A group chat @mentioning the bot: shown like a channel, to everyone in it. */
function askInGroupChat(question: string): Promise<AdaptiveCard[]> {
  return post({
    ...teamsActivity("channel-mention"),
    conversation: teamsActivity("group-chat-no-mention").conversation,
    text: `<at>Recommendation tracker</at> ${question}`,
  });
}

const json = (cards: AdaptiveCard[]) => JSON.stringify(cards);

const databaseOn = storeDatabases();

// One browser for both stores' runs: the cards are the same, and starting Chromium is the slow part.
beforeAll(async () => {
  renderer = await CardRenderer.start();
}, 60_000);
afterAll(async () => {
  await renderer?.close();
});

describe.each(STORES)("on %s", (store) => {
  beforeAll(async () => {
    db = await databaseOn(store);
    const file = path.join(db.dir, "register.csv");
    writeFileSync(
      file,
      [
        "directorate,review_title,review_body,item_ref,item_text,owner_email,original_target,progress,confidential",
        `CYPS,SEND inspection,Ofsted,Rec 1,${TEXT.thrice},alice@example.org,31/03/2025,in_progress,false`,
        `CYPS,SEND inspection,Ofsted,Rec 2,${TEXT.once},bob@example.org,Jun-27,in_progress,false`,
        `RE,Highways audit,Internal Audit,Rec 1,${TEXT.twice},carol@example.org,2026-03-31,in_progress,false`,
        `RE,Highways audit,Internal Audit,Rec 2,${TEXT.closed},carol@example.org,2025-03-31,in_progress,false`,
        `RE,Highways audit,Internal Audit,Rec 3,${TEXT.hostile},carol@example.org,2027-01-31,in_progress,false`,
        `CYPS,${HOME},Ofsted,Rec 1,${TEXT.home},keyworker@example.org,2026-03-31,in_progress,true`,
        `FCS,Treasury audit,Internal Audit,Rec 1,${TEXT.treasury},dan@example.org,Sep-27,in_progress,false`,
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

    await extend(TEXT.thrice, [
      { target: "30 Sep 2025", askedOn: "2025-03-01" },
      { target: "31 Mar 2026", askedOn: "2025-09-01" },
      { target: "31 Mar 2027", askedOn: "2026-03-01" },
    ]);
    await extend(TEXT.once, [{ target: "Sep-27", askedOn: "2026-06-01" }], {
      target: "Dec-27",
      reason: "The new EHCP system goes live in the autumn",
      by: "bob@example.org",
    });
    await extend(
      TEXT.twice,
      [
        { target: "30 Jun 2026", askedOn: "2026-03-01" },
        { target: "31 Dec 2026", askedOn: "2026-06-01" },
      ],
      { target: "30 Jun 2027", reason: "Utility works first", by: "carol@example.org" },
    );
    await extend(TEXT.closed, [
      { target: "30 Sep 2025", askedOn: "2025-03-01" },
      { target: "31 Mar 2026", askedOn: "2025-09-01" },
    ]);
    await db.prisma.item.update({ where: { id: await itemIdOf(TEXT.closed) }, data: { progress: "complete" } });
    await extend(TEXT.hostile, [], { target: "Jun-27", reason: HOSTILE_REASON, by: "carol@example.org" });
    await extend(
      TEXT.home,
      [
        { target: "30 Jun 2026", askedOn: "2026-03-01" },
        { target: "31 Dec 2026", askedOn: "2026-06-01" },
      ],
      { target: "31 Mar 2027", reason: HOME_REASON, by: "keyworker@example.org" },
    );

    await addMilestone(TEXT.thrice, "Rec 1 M1", MILESTONES.send, "Dec-26");
    await addMilestone(TEXT.thrice, "Rec 1 M2", MILESTONES.sendLater, "Sep-27");
    await addMilestone(TEXT.twice, "Rec 1 M1", MILESTONES.survey, "2026-12-10", "complete");
    await addMilestone(TEXT.home, "Rec 1 M1", MILESTONES.home, "2026-12-15");
    await addMilestone(TEXT.treasury, "Rec 1 M1", "Draft strategy to the Audit Committee", "Mar-27");

    await db.prisma.person.update({ where: { email: "alice@example.org" }, data: { aadObjectId: ALICE.aadObjectId } });
    connector = await startStandInConnector();
    bot = await startBotServer({ prisma: db.prisma, env: { LOG_LEVEL: "error" }, now: () => NOW });
  }, 60_000);
  afterAll(async () => {
    await bot?.close();
    await connector?.close();
    await db?.close();
  });

  describe("which items have been extended more than once?", () => {
    it("in a channel: the open items with their chains, the repeat flagged; the home counted, never named", async () => {
      const answer = json(await askInChannel("which items have been extended more than once?"));
      expect(answer).toContain("Open items extended more than once");
      expect(answer).toContain(TEXT.thrice);
      expect(answer).toContain(
        "Extended 3 times: 31 Mar 2025 → 30 Sep 2025 → 31 Mar 2026 → 31 Mar 2027 (a repeat extension)",
      );
      expect(answer).toContain(TEXT.twice);
      expect(answer).toContain("Extended twice: 31 Mar 2026 → 30 Jun 2026 → 31 Dec 2026");
      // Extended once, and closed: neither is a repeat extension still to watch.
      for (const other of [TEXT.once, TEXT.closed, TEXT.hostile]) expect(answer).not.toContain(other);
      for (const hidden of [TEXT.home, "Oakfield", "keyworker"]) expect(answer).not.toContain(hidden);
      expect(answer).toContain("1 confidential item is counted but not shown here");
      expect(answer).toMatch(/"text":"3","size":"ExtraLarge"/);
    });

    it("in CYPS keeps to the directorate", async () => {
      const answer = json(await askInChannel("which items have been extended more than once in CYPS?"));
      expect(answer).toContain(TEXT.thrice);
      expect(answer).not.toContain(TEXT.twice);
      expect(answer).not.toContain("Oakfield");
      expect(answer).toContain("1 confidential item is counted but not shown here");
    });

    it("in a personal chat the home's item is shown with its chain", async () => {
      const answer = json(await askPersonally("repeat extensions"));
      expect(answer).toContain(TEXT.home);
      expect(answer).toContain("Extended twice: 31 Mar 2026 → 30 Jun 2026 → 31 Dec 2026");
      expect(answer).not.toContain("confidential item");
    });
  });

  describe("what extensions are waiting for approval?", () => {
    it("in a channel: each request with its targets, who asked and when, who decides, the reason and the repeat flag", async () => {
      const cards = await askInChannel("what extensions are waiting for approval?");
      const answer = json(cards);
      expect(answer).toContain("Items with an extension request waiting for approval");
      expect(answer).toContain(
        "Extension asked by bob@example.org on 1 Dec 2026 to move the target from 30 Sep 2027 to 31 Dec 2027: waiting for the directorate's lead or the improvement team. Reason: The new EHCP system goes live in the autumn",
      );
      expect(answer).toContain(
        "Extension asked by carol@example.org on 1 Dec 2026 to move the target from 31 Dec 2026 to 30 Jun 2027: waiting for the improvement team (a repeat: extended twice before). Reason: Utility works first",
      );
      expect(answer).toContain(TEXT.hostile);
      for (const hidden of [TEXT.home, HOME_REASON, "Oakfield", "keyworker"]) expect(answer).not.toContain(hidden);
      expect(answer).toContain("1 confidential item is counted but not shown here");
      expect(answer).not.toContain(TEXT.thrice);

      // The typed reason reaches the channel as text: no bold, link or HTML comes out of it.
      const rendered = await renderer.render(cards[0]!, "answer-extensions-waiting");
      expect(rendered.problems).toEqual([]);
      expect(rendered.text).toContain(`Reason: ${HOSTILE_REASON}`);
      expect(rendered.formatting).toEqual([]);
    });

    it("in CYPS keeps to the directorate, the home still counted", async () => {
      const answer = json(await askInChannel("pending extensions in CYPS"));
      expect(answer).toContain(TEXT.once);
      expect(answer).not.toContain(TEXT.twice);
      expect(answer).not.toContain(HOME_REASON);
      expect(answer).toContain("1 confidential item is counted but not shown here");
    });

    it("in a personal chat the home's request is shown, flagged as a repeat", async () => {
      const answer = json(await askPersonally("what extensions are waiting for approval?"));
      expect(answer).toContain(TEXT.home);
      expect(answer).toContain(
        `Extension asked by keyworker@example.org on 1 Dec 2026 to move the target from 31 Dec 2026 to 31 Mar 2027: waiting for the improvement team (a repeat: extended twice before). Reason: ${HOME_REASON}`,
      );
    });
  });

  describe("what milestones are due this month?", () => {
    it("in a channel: this month's milestones with their status and their item; the home's counted, never named", async () => {
      const cards = await askInChannel("what milestones are due this month?");
      const answer = json(cards);
      expect(answer).toContain("Milestones due this month (December 2026)");
      expect(answer).toContain(MILESTONES.send);
      expect(answer).toContain(`Milestone of Rec 1: ${TEXT.thrice}`);
      expect(answer).toContain(MILESTONES.survey);
      expect(answer).toContain(`Milestone of Rec 1: ${TEXT.twice}`);
      expect(answer).not.toContain(MILESTONES.sendLater);
      for (const hidden of [MILESTONES.home, TEXT.home, "Oakfield"]) expect(answer).not.toContain(hidden);
      expect(answer).toContain("1 confidential milestone is counted but not shown here");

      const rendered = await renderer.render(cards[0]!, "answer-milestones-due");
      expect(rendered.problems).toEqual([]);
      // Three due (the home's included), one of them met: the survey shows as complete.
      expect(rendered.text).toMatch(/3\s*milestones/);
      expect(rendered.text).toMatch(/Junction survey complete[\s\S]*Complete/);
      expect(rendered.text).toMatch(/Target\s*31 Dec 2026/);
    });

    it("in CYPS keeps to the directorate", async () => {
      const answer = json(await askInChannel("what milestones are due this month in CYPS?"));
      expect(answer).toContain(MILESTONES.send);
      expect(answer).not.toContain(MILESTONES.survey);
      expect(answer).toContain("1 confidential milestone is counted but not shown here");
    });

    it("in a personal chat the home's milestone is shown with its item", async () => {
      const answer = json(await askPersonally("what milestones are due this month?"));
      expect(answer).toContain(MILESTONES.home);
      expect(answer).toContain(`Milestone of Rec 1: ${TEXT.home}`);
      expect(answer).not.toContain("confidential milestone");
    });
  });

  describe("an empty answer says why and what to ask instead", () => {
    it.each([
      ["which items have been extended at least 4 times?", "No open item has been extended at least 4 times."],
      ["pending extensions in FCS", "No extension request is waiting for a decision."],
      [
        "what milestones are due this month in FCS?",
        "No milestone in Finance and Customer Services has its target in December 2026. 1 open milestone falls due later.",
      ],
    ])("%s", async (question, note) => {
      const answer = json(await askInChannel(question));
      expect(answer).toContain(note);
      expect(answer).not.toContain("Nothing in the register matches");
    });
  });

  describe("in a group chat, as in a channel", () => {
    it.each([
      ["which items have been extended more than once?", TEXT.thrice, "1 confidential item is counted"],
      ["what extensions are waiting for approval?", TEXT.once, "1 confidential item is counted"],
      ["what milestones are due this month?", MILESTONES.send, "1 confidential milestone is counted"],
    ])("%s names the others and only counts the home's", async (question, shown, counted) => {
      const answer = json(await askInGroupChat(question));
      expect(answer).toContain(shown);
      expect(answer).toContain(counted);
      for (const hidden of [TEXT.home, HOME_REASON, MILESTONES.home, "Oakfield", "keyworker"])
        expect(answer).not.toContain(hidden);
    });
  });

  describe("a council whose extensions take effect at once", () => {
    it("is told that nothing waits for approval there, rather than that none happens to be waiting", async () => {
      const noApprovals = await startBotServer({
        prisma: db.prisma,
        env: { LOG_LEVEL: "error", EXTENSIONS_NEED_APPROVAL: "false" },
        now: () => NOW,
      });
      try {
        const before = connector.sent.length;
        const response = await fetch(`${noApprovals.url}/api/messages`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({
            ...teamsActivity("channel-mention"),
            text: "<at>Recommendation tracker</at> pending extensions in FCS",
            id: "q-no-approvals",
            serviceUrl: connector.url,
          }),
        });
        expect(response.status).toBeLessThan(300);
        const answer = JSON.stringify(connector.sent.slice(before));
        expect(answer).toContain("Extensions here take effect when the owner makes them, with nobody approving them");
        expect(answer).not.toContain("No extension request is waiting");
      } finally {
        await noApprovals.close();
      }
    });
  });

  describe("help", () => {
    it("lists the new questions", async () => {
      const answer = json(await askPersonally("help"));
      for (const question of [
        "which items have been extended more than once?",
        "what extensions are waiting for approval?",
        "what milestones are due this month?",
      ])
        expect(answer).toContain(question);
    });
  });
});
