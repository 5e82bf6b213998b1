/**
 * The at-risk flag and priority on the item card and in an answer, from a real register, rendered by
 * Microsoft's adaptivecards renderer: the flag sits beside the status (which stays the council's), never in its place.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderItemCard } from "../../src/cards/item-cards.js";
import { loadRegister } from "../../src/data/register/register-store.js";
import { parseQuestion } from "../../src/domain/questions/question.js";
import { answerQuestion } from "../../src/services/questions/answer-question.js";
import { importRegister } from "../../src/services/imports/import-register.js";
import { loadItemView } from "../../src/services/register/item-view.js";
import { CardRenderer } from "../support/card-renderer.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";

const TODAY = "2026-12-01";
let db: TestDatabase;
let renderer: CardRenderer;
let itemId: number;

beforeAll(async () => {
  db = await createTestDatabase();
  const file = path.join(db.dir, "register.csv");
  writeFileSync(
    file,
    [
      "directorate,review_title,review_body,item_ref,item_text,owner_email,original_target,progress,priority",
      "RE,Highways audit,Internal Audit,Rec 1,Resurface the A631 junction,carol@example.org,2026-12-15,in_progress,high",
      "RE,Highways audit,Internal Audit,Rec 2,Retender the winter gritting,carol@example.org,Sep-27,in_progress,",
    ].join("\n"),
  );
  expect(
    (
      await importRegister(db.prisma, {
        file,
        dryRun: false,
        actor: "test",
        today: TODAY,
        now: new Date("2026-12-01T10:00:00Z"),
      })
    ).errors,
  ).toEqual([]);
  itemId = (await db.prisma.item.findFirstOrThrow({ where: { ref: "Rec 1" } })).id;
  renderer = await CardRenderer.start();
}, 60_000);
afterAll(async () => {
  await renderer?.close();
  await db?.close();
});

describe("at risk beside the status", () => {
  it("the item card shows the council's status, the flag with its reason, and the priority", async () => {
    const view = (await loadItemView(db.prisma, itemId, TODAY))!;
    const rendered = await renderer.render(renderItemCard(view, { editable: true }), "item-at-risk");
    expect(rendered.problems).toEqual([]);
    expect(rendered.text).toContain("In progress and on track");
    expect(rendered.text).toContain("At risk: due in 10 working days (15 Dec 2026) with no update yet");
    expect(rendered.text).toMatch(/Priority\s*high/);
    expect(rendered.text).toContain("Will the current target be met?");
  });

  it("an answer marks the at-risk item and lists its reason; the other item carries no flag", async () => {
    const register = await loadRegister(db.prisma);
    const question = parseQuestion("show me everything", {
      today: TODAY,
      reviewTitles: register.map((r) => r.title),
      bodies: [],
    });
    const { card, text } = answerQuestion({
      question,
      text: "show me everything",
      reviews: register,
      viewer: { email: null, scope: "channel" },
      context: { today: TODAY, lastReportDate: "2026-07-01", statusKey: "2024" },
    });
    const rendered = await renderer.render(card, "answer-at-risk");
    expect(rendered.problems).toEqual([]);
    expect(rendered.text.split("At risk: ").length - 1).toBe(1);
    expect(text).toContain("Rec 1: In progress and on track; at risk");
    expect(text).toContain("Rec 2: In progress and on track (");
  });
});
