/**
 * The Council Plan answers on the demo register, read through the one visibility rule: an exception's
 * improvement item that a channel may not see (made confidential) is never described there, while the
 * measure's own public figures are; in a personal chat the item's progress is shown.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadMeasures } from "../../src/data/measures/measure-store.js";
import { loadRegister } from "../../src/data/register/register-store.js";
import { readMeasureQuestion } from "../../src/domain/measures/measure-questions.js";
import { ConversationScope } from "../../src/domain/visibility.js";
import { loadDemoRegister } from "../../src/services/imports/load-demo-register.js";
import { measuresAnswer } from "../../src/services/measures/answer-measures.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";

const NOW = new Date("2026-12-07T10:00:00Z");
let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
  await loadDemoRegister(db.prisma, NOW);
  const item = await db.prisma.item.findFirstOrThrow({ where: { ref: "1.A5", review: { source: "council_plan" } } });
  await db.prisma.item.update({
    where: { id: item.id },
    data: { confidential: true, latestUpdate: "Dip sampling under way" },
  });
}, 60_000);
afterAll(async () => {
  await db.close();
});

describe("an exception whose improvement item is confidential", () => {
  const answerIn = async (scope: ConversationScope) =>
    measuresAnswer(
      readMeasureQuestion("which council plan measures are off track and getting worse?")!,
      await loadMeasures(db.prisma),
      await loadRegister(db.prisma),
      { scope, email: "someone@example.org" },
      "2026-12-07",
    ).text;
  const a5 = (text: string) => text.slice(text.indexOf("(1.A5)"), text.indexOf("(1.A8)"));

  it("is listed in a channel with its figures but without its item", async () => {
    const text = await answerIn(ConversationScope.channel);
    expect(a5(text)).toContain("10.1% against a target of 7% (lower is better)");
    expect(a5(text)).not.toContain("Improvement action");
    expect(text).not.toContain("Dip sampling");
    // The others' items are not confidential and are described.
    expect(text.slice(text.indexOf("(1.A8)"))).toContain("Improvement action: not started");
  });

  it("shows the item's progress in a personal chat", async () => {
    expect(a5(await answerIn(ConversationScope.personal))).toContain("Latest update: Dip sampling under way");
  });
});
