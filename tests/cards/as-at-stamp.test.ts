/**
 * A redrawn answer says when its figures are from: the "As at" line sits under the heading and the card still
 * renders cleanly in Microsoft's adaptivecards renderer with Teams' light host config.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stampAsAt } from "../../src/cards/as-at-stamp.js";
import { loadConfig } from "../../src/config.js";
import { importRegister } from "../../src/services/imports/import-register.js";
import { liveCardSourcesOf } from "../../src/services/live-cards/redraw-live-cards.js";
import { answerAsked, ConversationScope } from "../../src/services/questions/answer-question.js";
import { RegisterSnapshots } from "../../src/services/register/register-snapshots.js";
import { CardRenderer } from "../support/card-renderer.js";
import { createTestDatabase, FIXTURES, type TestDatabase } from "../support/test-database.js";

let db: TestDatabase;
let renderer: CardRenderer;

beforeAll(async () => {
  db = await createTestDatabase();
  const report = await importRegister(db.prisma, {
    file: path.join(FIXTURES, "d0-register.csv"),
    dryRun: false,
    actor: "test",
    today: "2024-01-09",
    now: new Date("2024-01-09T09:00:00Z"),
  });
  expect(report.ok).toBe(true);
  const hostConfig = JSON.parse(
    readFileSync(path.join(FIXTURES, "host-configs", "microsoft-teams-light.json"), "utf8"),
  ) as object;
  renderer = await CardRenderer.start({ hostConfig });
}, 60_000);
afterAll(async () => {
  await renderer?.close();
  await db?.close();
});

describe("an answer redrawn as at a moment", () => {
  it("says the time under its heading and renders without problems", async () => {
    const config = loadConfig({ DATABASE_URL: db.url });
    const { answers } = liveCardSourcesOf(config, db.prisma, new RegisterSnapshots(db.prisma));
    const asker = { scope: ConversationScope.channel, email: null };
    const { answer } = await answerAsked(answers, {
      text: "what's delayed in CYPS?",
      offset: 0,
      asker,
      today: "2024-01-16",
    });
    const card = stampAsAt(answer.card, "As at 14:05 on 16 Jan 2024");
    const rendered = await renderer.render(card, "answer-as-at");
    expect(rendered.problems).toEqual([]);
    const lines = rendered.text
      .split("\n")
      .map((line) => line.trim())
      .filter(Boolean);
    expect(lines[0]).toBe(rendered.headings[0]);
    expect(lines[1]).toBe("As at 14:05 on 16 Jan 2024");
    expect(rendered.text).toContain("As of 16 Jan 2024");
  });

  it("shows the words given as text, never as markdown", async () => {
    const rendered = await renderer.render(
      stampAsAt(
        { type: "AdaptiveCard", version: "1.5", body: [{ type: "TextBlock", text: "Title" }] },
        "As at **noon**",
      ),
      "answer-as-at-plain",
    );
    expect(rendered.formatting).toEqual([]);
    expect(rendered.text).toContain("As at **noon**");
  });
});
