/**
 * A right-to-left override typed in a narrative never reorders a card that others read: an answer
 * posted in a channel, rendered by Microsoft's renderer in headless Chromium, shows the narrative in
 * the order it was typed with every direction control gone, while the history keeps the text as typed.
 */
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_EXTENSION_SETTINGS } from "../../src/domain/extensions/extension-request.js";
import { parseQuestion } from "../../src/domain/questions/question.js";
import { ConversationScope } from "../../src/domain/visibility.js";
import { loadRegister } from "../../src/data/register/register-store.js";
import { answerQuestion } from "../../src/services/questions/answer-question.js";
import { importRegister } from "../../src/services/imports/import-register.js";
import { recordProgressUpdate } from "../../src/services/updates/record-progress-update.js";
import { CardRenderer } from "../support/card-renderer.js";
import { createTestDatabase, FIXTURES, type TestDatabase } from "../support/test-database.js";

const TODAY = "2024-01-09";
/** Shown as typed this reads "Invoice paid: see exe.pdf"; with the override live it would read "Invoice paid: see fdp.exe". */
const NARRATIVE = "Invoice paid: see \u202Eexe.pdf\u202C and \u2067the report\u2069 \u200Fnow\u200E";
const SHOWN = "Invoice paid: see exe.pdf and the report now";

let db: TestDatabase;
let renderer: CardRenderer;
let reviewTitle = "";

beforeAll(async () => {
  db = await createTestDatabase();
  await importRegister(db.prisma, {
    file: path.join(FIXTURES, "d0-register.csv"),
    dryRun: false,
    actor: "test",
    today: TODAY,
    now: new Date(),
  });
  const item = await db.prisma.item.findFirstOrThrow({
    where: { confidential: false, ownerId: { not: null }, progress: "in_progress" },
    include: { review: true },
  });
  reviewTitle = item.review.title;
  const owner = { personId: item.ownerId, email: "owner@example.org", isImprovementTeam: false, leads: [] };
  const outcome = await recordProgressUpdate(
    db.prisma,
    {
      itemId: item.id,
      version: item.version,
      submissionId: "bidi-1",
      inputs: { progress: "in_progress", narrative: NARRATIVE },
    },
    owner,
    new Date("2024-01-09T10:00:00Z"),
    TODAY,
    { requireSecondVerifier: false, extensions: { ...DEFAULT_EXTENSION_SETTINGS, needApproval: false } },
  );
  expect(outcome).toMatchObject({ ok: true });
  renderer = await CardRenderer.start();
}, 60_000);
afterAll(async () => {
  await renderer?.close();
  await db?.close();
});

describe("direction controls in a narrative", () => {
  it("are neutralised on an answer card posted in a channel", async () => {
    const register = await loadRegister(db.prisma);
    const text = `show progress on the ${reviewTitle}`;
    const question = parseQuestion(text, {
      today: TODAY,
      reviewTitles: register.map((r) => r.title),
      bodies: register.map((r) => r.body ?? ""),
    });
    const { card } = answerQuestion({
      question,
      text,
      reviews: register,
      viewer: { email: null, scope: ConversationScope.channel },
      context: { today: TODAY, lastReportDate: "2023-07-27", statusKey: "2024" },
    });
    const rendered = await renderer.render(card, "direction-controls-channel");
    expect(rendered.problems).toEqual([]);
    expect(rendered.text.replace(/\s+/g, " ")).toContain(`Latest: ${SHOWN}`);
    expect(rendered.text).not.toMatch(/[\u200E\u200F\u202A-\u202E\u2066-\u2069]/);
  });

  it("are kept in the history as typed", async () => {
    const update = await db.prisma.progressUpdate.findFirstOrThrow({ where: { submissionId: "bidi-1" } });
    expect(update.narrative).toBe(NARRATIVE);
  });
});
