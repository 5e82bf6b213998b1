/**
 * Text that people typed or imported is shown as text. An item's imported wording, an owner's narrative
 * and revision reason, and names in messages carry markdown and HTML; every card that shows them is
 * rendered by Microsoft's renderer with a host's markdown in headless Chromium: no link, element or
 * formatting comes out of them, each reads as typed, and the database keeps it as typed.
 */
import path from "node:path";
import { DEFAULT_EXTENSION_SETTINGS } from "../../src/domain/extensions/extension-request.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importRegister } from "../../src/services/imports/import-register.js";
import { loadRegister } from "../../src/data/register/register-store.js";
import { recordProgressUpdate } from "../../src/services/updates/record-progress-update.js";
import { loadItemView, type ItemView } from "../../src/services/register/item-view.js";
import { answerQuestion } from "../../src/services/questions/answer-question.js";
import { parseQuestion } from "../../src/domain/questions/question.js";
import {
  renderItemCard,
  renderItemForm,
  renderReviewForm,
  renderVerificationCard,
} from "../../src/cards/item-cards.js";
import { renderExtensionRequestCard } from "../../src/cards/extension-cards.js";
import { renderReminderCard } from "../../src/cards/reminder-card.js";
import { CardEmphasis, renderMessageCard } from "../../src/cards/card-text.js";
import type { AdaptiveCard } from "../../src/cards/render-card.js";
import { CardRenderer } from "../support/card-renderer.js";
import { extensionRequestView } from "../support/extension-fixtures.js";
import { createTestDatabase, FIXTURES, type TestDatabase } from "../support/test-database.js";

const TODAY = "2024-01-09";
/** An imported cell: a link, HTML and a binding. */
const ITEM_TEXT = "Read [click me](https://evil.example) <script>alert(1)</script> <b>now</b> ${item.text} &amp; done";
/** An owner's narrative: emphasis, a heading, lists, a quote, an image, code. */
const NARRATIVE_LINES = [
  "**bold** and _italic_ ~~struck~~ `code`",
  "# heading",
  "- a bullet",
  "1. numbered",
  "> quoted",
  "![img](https://evil.example/x.png) <https://evil.example/auto>",
  "    indented code",
  "===",
];
/** Lines end in "\n", one in "\r" alone (an old export), which markdown also takes as a line break. */
const NARRATIVE = NARRATIVE_LINES.slice(0, 2).join("\r") + "\n" + NARRATIVE_LINES.slice(2).join("\n");
const REASON = "[see](javascript:alert(1)) __why__";
const NAME = "<i>Eve</i> *Mallory*";

let db: TestDatabase;
let renderer: CardRenderer;
let view: ItemView;

const squash = (text: string) => text.replace(/\s+/g, " ").trim();

beforeAll(async () => {
  db = await createTestDatabase();
  await importRegister(db.prisma, {
    file: path.join(FIXTURES, "d0-register.csv"),
    dryRun: false,
    actor: "test",
    today: TODAY,
    now: new Date(),
  });
  const item = await db.prisma.item.findFirstOrThrow({ where: { text: { contains: "care leavers" } } });
  await db.prisma.item.update({ where: { id: item.id }, data: { text: ITEM_TEXT } });
  const owner = { personId: item.ownerId, email: "owner@example.org", isImprovementTeam: false, leads: [] };
  const outcome = await recordProgressUpdate(
    db.prisma,
    {
      itemId: item.id,
      version: item.version,
      submissionId: "hostile-1",
      inputs: { progress: "in_progress", narrative: NARRATIVE, revisedTarget: "Dec-26", revisionReason: REASON },
    },
    owner,
    new Date("2024-01-09T10:00:00Z"),
    TODAY,
    { requireSecondVerifier: false, extensions: { ...DEFAULT_EXTENSION_SETTINGS, needApproval: false } },
  );
  expect(outcome).toMatchObject({ ok: true, duplicate: false });
  view = (await loadItemView(db.prisma, item.id, TODAY))!;
  renderer = await CardRenderer.start();
}, 60_000);
afterAll(async () => {
  await renderer?.close();
  await db?.close();
});

async function expectShownAsText(card: AdaptiveCard, name: string, typed: string[], allowed: string[] = []) {
  const rendered = await renderer.render(card, `hostile-${name}`);
  expect(rendered.problems).toEqual([]);
  expect(rendered.formatting.filter((tag) => !allowed.includes(tag))).toEqual([]);
  for (const text of typed) expect(squash(rendered.text)).toContain(squash(text));
}

describe("the history keeps what was typed", () => {
  it("the narrative and reason are stored unchanged", async () => {
    const update = await db.prisma.progressUpdate.findFirstOrThrow({ where: { submissionId: "hostile-1" } });
    expect(update.narrative).toBe(NARRATIVE);
    const item = await db.prisma.item.findUniqueOrThrow({ where: { id: view.id } });
    expect(item.latestUpdate).toBe(NARRATIVE);
    expect(item.revisionReason).toBe(REASON);
  });
});

describe("cards show people's text as text", () => {
  it("the item card, read-only and editable", async () => {
    for (const editable of [false, true]) {
      await expectShownAsText(renderItemCard(view, { editable }), `item-${editable}`, [
        ITEM_TEXT,
        ...NARRATIVE_LINES,
        REASON,
      ]);
    }
  });

  it("the item card returned with errors keeps the typed values in its inputs", () => {
    const values = { narrative: NARRATIVE, revisionReason: REASON, revisedTarget: "**soon**" };
    const card = renderItemCard(view, {
      editable: true,
      values,
      errors: { revisedTarget: `"**soon**" is not a date I can read` },
    });
    const inputs = JSON.stringify(card);
    expect(inputs).toContain(JSON.stringify(NARRATIVE));
    expect(inputs).toContain(JSON.stringify(REASON));
  });

  it("the verification card", async () => {
    const awaiting = {
      ...view,
      verification: "awaiting" as const,
      pendingProgress: "complete" as const,
      evidenceUrl: "https://example.org/evidence",
      completionClaimedOn: TODAY,
      completionNote: NARRATIVE,
    };
    await expectShownAsText(renderVerificationCard(awaiting, { decidable: true }), "verification", [
      ITEM_TEXT,
      ...NARRATIVE_LINES,
    ]);
  });

  it("the approver's card for an extension request, and its decision", async () => {
    const waiting = { ...extensionRequestView({ reason: REASON }), text: ITEM_TEXT };
    await expectShownAsText(renderExtensionRequestCard(waiting, { decidable: true }), "extension-request", [
      ITEM_TEXT,
      REASON,
    ]);
    const declined = extensionRequestView({ reason: REASON, decided: "declined", comment: NARRATIVE_LINES[0] });
    await expectShownAsText(renderExtensionRequestCard(declined, { decidable: false }), "extension-declined", [
      REASON,
      NARRATIVE_LINES[0]!,
    ]);
  });

  it("the answer card", async () => {
    const register = await loadRegister(db.prisma);
    const review = register.find((r) => r.items.some((i) => i.id === view.id))!;
    const text = `show progress on the ${review.title}`;
    const question = parseQuestion(text, {
      today: TODAY,
      reviewTitles: register.map((r) => r.title),
      bodies: register.map((r) => r.body ?? ""),
    });
    const { card } = answerQuestion({
      question,
      text,
      reviews: register,
      viewer: { email: "someone@example.org", scope: "personal" },
      context: { today: TODAY, lastReportDate: "2023-07-27", statusKey: "2024" },
    });
    expect(JSON.stringify(card)).toContain("evil.example");
    await expectShownAsText(card, "answer", [ITEM_TEXT]);
  });

  it("the reminder card", async () => {
    const card = renderReminderCard({
      title: `Updates for ${NAME}`,
      intro: REASON,
      note: "",
      items: [
        {
          itemId: view.id,
          heading: `${view.reviewTitle}: ${view.ref}`,
          ref: view.ref,
          text: ITEM_TEXT,
          statusLabel: "On track",
          statusEmphasis: CardEmphasis.accent,
          reason: REASON,
          urgent: false,
          facts: [{ title: "Last update", value: NARRATIVE_LINES[0]! }],
          latestUpdate: NARRATIVE,
        },
      ],
    });
    await expectShownAsText(card, "reminder", [NAME, ITEM_TEXT, REASON, ...NARRATIVE_LINES]);
  });

  it("message cards (the template's own bullet list stays a list)", async () => {
    const card = renderMessageCard(`I can't find "${REASON}"`, [ITEM_TEXT, NARRATIVE], {
      examples: [NAME],
      examplesHeading: "Not replied yet:",
    });
    await expectShownAsText(card, "message", [REASON, ITEM_TEXT, ...NARRATIVE_LINES, NAME], ["ul", "li"]);
  });

  it("the data-entry forms show errors as text and keep typed values", async () => {
    const reviewForm = renderReviewForm({
      errors: [`review_date "${REASON}" is not a date I can read`],
      values: { review_title: ITEM_TEXT },
    });
    await expectShownAsText(reviewForm, "review-form", [REASON], ["ul", "li"]);
    expect(JSON.stringify(reviewForm)).toContain(JSON.stringify(ITEM_TEXT.replace("${", "$ {")));
    const itemForm = renderItemForm({ id: 1, title: NAME }, { errors: [REASON] });
    await expectShownAsText(itemForm, "item-form", [NAME, REASON], ["ul", "li"]);
  });
});
