/**
 * The Council Plan questions over the real server with the stand-in connector, on the demo register as
 * `npm start` loads it: "which Council Plan measures are off track and getting worse?" and "show 1.A5 over
 * the last four quarters", in a personal chat and a channel, on SQLite and PostgreSQL. The exceptions are
 * the pack's (1.A2, 1.A5, 1.A8 in 2019/20 Q1), worded as the pack words them, with the lead officer by name;
 * the improvement actions they became are described with their progress.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AdaptiveCard } from "../../src/cards/render-card.js";
import { loadDemoRegister } from "../../src/services/imports/load-demo-register.js";
import { teamsActivity } from "../support/bot-fixtures.js";
import { CardRenderer } from "../support/card-renderer.js";
import { startBotServer, type RunningBot } from "../support/running-bot.js";
import { startStandInConnector, type StandInConnector } from "../support/stand-in-connector.js";
import { STORES, storeDatabases } from "../support/stores.js";
import type { TestDatabase } from "../support/test-database.js";

/** Monday 7 December 2026, 10:00 in London: the demo's Oct 2019 pack reads as this month. */
const NOW = new Date("2026-12-07T10:00:00Z");
const ALICE = { id: "29:alice", name: "Alice", aadObjectId: "aad-alice" };
const A5 =
  "(1.A5) The proportion of children who are subject to repeat child protection plans (within 24 months) - 10.1% against a target of 7% (lower is better).";

let db: TestDatabase;
let connector: StandInConnector;
let bot: RunningBot;
let renderer: CardRenderer;

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
const json = (cards: AdaptiveCard[]) => JSON.stringify(cards);
const databaseOn = storeDatabases();

beforeAll(async () => {
  renderer = await CardRenderer.start();
}, 60_000);
afterAll(async () => {
  await renderer?.close();
});

describe.each(STORES)("on %s", (store) => {
  beforeAll(async () => {
    db = await databaseOn(store);
    expect((await loadDemoRegister(db.prisma, NOW))?.ok).toBe(true);
    connector = await startStandInConnector();
    bot = await startBotServer({ prisma: db.prisma, env: { LOG_LEVEL: "error" }, now: () => NOW });
  }, 120_000);
  afterAll(async () => {
    await bot?.close();
    await connector?.close();
    await db?.close();
  });

  describe("which Council Plan measures are off track and getting worse?", () => {
    for (const [where, ask] of [
      ["a personal chat", askPersonally],
      ["a channel", askInChannel],
    ] as const)
      it(`in ${where}: 1.A2, 1.A5 and 1.A8 for 2019/20 Q1, as the pack words them, with the lead officer`, async () => {
        const cards = await ask("Which Council Plan measures are off track and getting worse?");
        const rendered = await renderer.render(cards[0]!, `measures-exceptions-${where.replace(" ", "-")}`);
        expect(rendered.problems).toEqual([]);
        const text = rendered.text;
        expect(text).toContain("3 Council Plan measures off track and getting worse (2019/20 Q1)");
        expect(text).toContain("The latest period the register holds is 2019/20 Q1.");
        expect(text).toContain(A5);
        expect(text).toContain("(1.A2) The number of children subject to a child protection plan");
        expect(text).toContain("94.8 against a target of 90 (lower is better)");
        expect(text).toContain("81.7% against a target of 85% (higher is better)");
        expect(text).toContain("Lead officer: Ailsa Barr.");
        // The improvement action the exception became: target moved with the demo, a week overdue.
        expect(text).toContain(
          "Improvement action: not started (status: in progress and partly delayed), target 30 Nov 2026.",
        );
        // Off target but improving (1.A7, 1.A3), on target (1.A1) or without a figure (1.C1): not exceptions.
        for (const other of ["(1.A7)", "(1.A3)", "(1.A1)", "(1.C1)", "(2.B2)"]) expect(text).not.toContain(other);
        expect(text).not.toContain("I did not use");
      });

    it("names the words it did not use, and keeps to a directorate named", async () => {
      const text = json(
        await askInChannel("which council plan measures in ACHPH are off track and getting worse, urgently?"),
      );
      expect(text).toContain("0 Council Plan measures off track and getting worse in Adult Care");
      expect(text).toContain("I did not use: 'urgently'");
    });
  });

  describe("show 1.A5 over the last four quarters", () => {
    for (const [where, ask] of [
      ["a personal chat", askPersonally],
      ["a channel", askInChannel],
    ] as const)
      it(`in ${where}: the four quarters to 2019/20 Q1 with direction and status`, async () => {
        const cards = await ask("show 1.A5 over the last four quarters");
        const rendered = await renderer.render(cards[0]!, `measures-history-${where.replace(" ", "-")}`);
        expect(rendered.problems).toEqual([]);
        const text = rendered.text;
        expect(text).toContain("The latest quarter the register holds for 1.A5 is 2019/20 Q1.");
        const order = ["2018/19 Q2:", "2018/19 Q3:", "2018/19 Q4:", "2019/20 Q1:"].map((q) => text.indexOf(q));
        expect(order.every((at, i) => at >= 0 && (i === 0 || at > order[i - 1]!))).toBe(true);
        expect(text).not.toContain("2018/19 Q1:");
        expect(text).toContain("2018/19 Q2: 7.2% against a target of 7% (lower is better); improving; off target.");
        expect(text).toContain("2018/19 Q3: 4.7% against a target of 7% (lower is better); improving; on target.");
        expect(text).toContain("2018/19 Q4: 6.5% against a target of 7% (lower is better); worsening; on target.");
        expect(text).toContain(
          "2019/20 Q1: 10.1% against a target of 7% (lower is better); worsening; off target; an exception.",
        );
        expect(text).toContain("Lead officer: Ailsa Barr.");
      });

    it("says which measures it holds when asked for one it does not", async () => {
      const text = json(await askInChannel("show 9.Z9 over the last four quarters"));
      expect(text).toContain(
        "The register holds no measure 9.Z9. It holds 1.A1, 1.A2, 1.A3, 1.A4, 1.A5, 1.A7, 1.A8, 1.C1, 2.B2, 5.B1.",
      );
    });
  });
});
