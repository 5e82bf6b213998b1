/**
 * Every card template expanded with real register data, checked for leftover bindings, then rendered
 * by Microsoft's adaptivecards renderer in headless Chromium: no parse or validation messages, and a
 * screenshot kept in test-artifacts/cards/ to look at.
 */
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readTableFile } from "../../src/services/imports/read-table-file.js";
import { importTable } from "../../src/services/imports/import-register.js";
import { loadRegister } from "../../src/data/register/register-store.js";
import {
  answerQuestion,
  helpAnswer,
  welcomeAnswer,
  type AnswerContext,
} from "../../src/services/questions/answer-question.js";
import { parseQuestion } from "../../src/domain/questions/question.js";
import type { RegisterReview } from "../../src/domain/register/register.js";
import { CardRenderer } from "../support/card-renderer.js";
import { loadItemView } from "../../src/services/register/item-view.js";
import {
  renderItemCard,
  renderItemForm,
  renderReviewForm,
  renderVerificationCard,
  BannerTone,
} from "../../src/cards/item-cards.js";
import { renderExtensionRequestCard } from "../../src/cards/extension-cards.js";
import { extensionRequestView } from "../support/extension-fixtures.js";
import { createTestDatabase, FIXTURES, type TestDatabase } from "../support/test-database.js";

const CONTEXT: AnswerContext = { today: "2024-01-09", lastReportDate: "2023-07-27", statusKey: "2024" };
let db: TestDatabase;
let register: RegisterReview[];
let renderer: CardRenderer;

beforeAll(async () => {
  db = await createTestDatabase();
  const table = await readTableFile(path.join(FIXTURES, "d0-register.csv"));
  await importTable(db.prisma, table, {
    file: "d0",
    dryRun: false,
    actor: "test",
    today: CONTEXT.today,
    now: new Date(),
  });
  register = await loadRegister(db.prisma);
  renderer = await CardRenderer.start();
}, 60_000);
afterAll(async () => {
  await renderer?.close();
  await db?.close();
});

function ask(text: string, scope: "personal" | "channel" = "personal", offset = 0) {
  const question = parseQuestion(text, {
    today: CONTEXT.today,
    reviewTitles: register.map((r) => r.title),
    bodies: register.map((r) => r.body ?? ""),
  });
  return answerQuestion({
    question,
    text,
    reviews: register,
    viewer: { email: "cyps.owner1@example.org", scope },
    context: CONTEXT,
    offset,
  });
}

describe("cards render cleanly in the official renderer", () => {
  it.each([
    ["whats-delayed", () => ask("what's delayed?")],
    ["delayed-in-cyps-channel", () => ask("what's delayed in CYPS?", "channel")],
    ["everything-page-2", () => ask("show me everything", "personal", 20)],
    ["new-since-last-report", () => ask("what new inspections have come in since the last report?")],
    [
      "implemented-by-directorate",
      () => ask("how many recommendations were implemented since the last report, by directorate?"),
    ],
    ["not-understood", () => ask("bananas")],
    ["help", () => helpAnswer()],
    ["welcome", () => welcomeAnswer()],
  ])("%s", async (name, build) => {
    const { card } = build();
    expect(JSON.stringify(card)).not.toContain("${");
    expect(card).toMatchObject({ type: "AdaptiveCard", version: "1.5" });
    const rendered = await renderer.render(card, name);
    expect(rendered.problems).toEqual([]);
    expect(rendered.text.length).toBeGreaterThan(20);
  });

  it.each([
    ["item-update-editable", { editable: true }],
    ["item-update-read-only", { editable: false }],
    [
      "item-update-with-errors",
      {
        editable: true,
        banner: "Not saved yet: fix the fields marked below.",
        bannerTone: BannerTone.attention,
        errors: {
          revisedTarget: '"31/02/2024" is not a date I can read',
          evidenceUrl: "Completion needs a link to the evidence",
        },
      },
    ],
  ] as const)("%s", async (name, options) => {
    const item = register.flatMap((r) => r.items).find((i) => i.text.includes("'Front Door'"))!;
    const view = (await loadItemView(db.prisma, item.id, CONTEXT.today))!;
    const card = renderItemCard(view, options);
    const rendered = await renderer.render(card, name);
    expect(rendered.problems).toEqual([]);
    expect(rendered.text).toContain("Significant delay");
    if ("errors" in options) expect(rendered.text).toContain("is not a date I can read");
    expect(rendered.actions).toEqual(options.editable ? ["Save update"] : []);
  });

  it("the verification card and the data-entry forms render cleanly", async () => {
    const item = register.flatMap((r) => r.items).find((i) => i.text.includes("'Front Door'"))!;
    const view = {
      ...(await loadItemView(db.prisma, item.id, CONTEXT.today))!,
      verification: "awaiting",
      pendingProgress: "complete",
      evidenceUrl: "https://example.org/evidence",
      completionClaimedOn: "2024-01-08",
    };
    for (const [name, card] of [
      ["verification", renderVerificationCard(view, { decidable: true })],
      ["review-form", renderReviewForm({ errors: ['review_date "sometime" is not a date I can read'] })],
      ["item-form", renderItemForm({ id: 1, title: "Youth Justice Inspection (HMIP)" }, {})],
    ] as const) {
      expect(JSON.stringify(card)).not.toContain("${");
      expect((await renderer.render(card, name)).problems).toEqual([]);
    }
  });

  it("the verification card says when the evidence link may not open for the committee, and not otherwise", async () => {
    const item = register.flatMap((r) => r.items).find((i) => i.text.includes("'Front Door'"))!;
    const awaiting = {
      ...(await loadItemView(db.prisma, item.id, CONTEXT.today))!,
      verification: "awaiting" as const,
      pendingProgress: "complete" as const,
      completionClaimedOn: "2024-01-08",
    };
    const internal = await renderer.render(
      renderVerificationCard(
        { ...awaiting, evidenceUrl: "http://intranet/audits/front-door.docx" },
        { decidable: true },
      ),
      "verification-internal-evidence",
    );
    expect(internal.problems).toEqual([]);
    expect(internal.text.replace(/\s+/g, " ")).toContain(
      "The evidence link is not HTTPS and names an intranet host (intranet): the committee may not be able to open it.",
    );
    const shared = await renderer.render(
      renderVerificationCard(
        { ...awaiting, evidenceUrl: "https://council.sharepoint.com/audit.docx" },
        { decidable: true },
      ),
      "verification-shared-evidence",
    );
    expect(shared.text).not.toContain("may not be able to open it");
  });

  it("the approver's card shows the item, its targets so far, the reason, and Approve and Decline", async () => {
    const rendered = await renderer.render(
      renderExtensionRequestCard(extensionRequestView({ extendedBefore: 2 }), { decidable: true }),
      "extension-request-repeat",
    );
    expect(rendered.problems).toEqual([]);
    expect(rendered.text).toContain("Extension request: Recommendation 2");
    expect(rendered.text).toContain("extended twice: 31 Mar 2025 → 30 Sep 2025 → 31 Mar 2026");
    expect(rendered.text).toContain("A repeat extension: the item had already been extended twice");
    expect(rendered.text).toContain("The new case management system goes live in August.");
    expect(rendered.text).toContain("Comment (needed to decline)");
    expect(rendered.actions).toEqual(["Approve", "Decline"]);
  });

  it("a decided request shows the decision and no buttons; a missing comment is flagged by its field", async () => {
    const declined = await renderer.render(
      renderExtensionRequestCard(extensionRequestView({ decided: "declined" }), {
        decidable: false,
        banner: "Declined.",
      }),
      "extension-request-declined",
    );
    expect(declined.problems).toEqual([]);
    expect(declined.text).toContain("Declined by improvement@example.org: Bring a recovery plan first.");
    expect(declined.actions).toEqual([]);
    const error = await renderer.render(
      renderExtensionRequestCard(extensionRequestView(), {
        decidable: true,
        commentError: "Say why the extension is declined: the owner reads your comment.",
      }),
      "extension-request-comment-error",
    );
    expect(error.problems).toEqual([]);
    expect(error.text).toContain("Say why the extension is declined");
  });

  it("an approved request's card shows the new target as the current one, and the target it replaced", async () => {
    const approved = await renderer.render(
      renderExtensionRequestCard(extensionRequestView({ decided: "approved", comment: "Agreed" }), {
        decidable: false,
      }),
      "extension-request-approved",
    );
    expect(approved.problems).toEqual([]);
    expect(approved.text).toMatch(/Current target\s*30 Sep 2026 \(was 31 Mar 2025\)/);
    expect(approved.text).toContain("Approved by improvement@example.org: Agreed");
    const waiting = await renderer.render(
      renderExtensionRequestCard(extensionRequestView(), { decidable: true }),
      "extension-request-waiting",
    );
    expect(waiting.text).toMatch(/Current target\s*31 Mar 2025/);
    expect(waiting.text).not.toContain("(was ");
  });

  it("the delayed answer shows counts first, then the items with status, target and reason", async () => {
    const rendered = await renderer.render(ask("what's delayed?").card, "whats-delayed-content");
    expect(rendered.text).toMatch(/5\s+items/);
    expect(rendered.text).toContain("Significant delay");
    expect(rendered.text).toContain("29 Feb 2024 (revised from 30 Nov 2022)");
    expect(rendered.text).toContain("15 months after the original");
  });

  it("a long answer offers the next page", async () => {
    const rendered = await renderer.render(ask("show me everything").card, "everything");
    expect(rendered.actions).toEqual([expect.stringMatching(/^Show \d+ more$/)]);
  });

  it("a question it does not understand gets suggestions, never silence", async () => {
    const rendered = await renderer.render(ask("bananas").card, "unknown");
    expect(rendered.actions.length).toBeGreaterThanOrEqual(3);
  });
});
