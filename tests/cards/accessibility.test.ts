/**
 * Cards must be usable by everyone in Teams' own themes (WCAG 2.2 AA, as the Public Sector Bodies
 * Accessibility Regulations require). Every card template, bound with register data in each state it
 * can show, is rendered by Microsoft's adaptivecards renderer under Teams' light, dark and
 * high-contrast host configs in headless Chromium and audited with axe-core; any serious or critical
 * violation fails, and so does a text contrast axe could not measure. Screenshots are kept in test-artifacts/cards/a11y-*.png.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  renderItemCard,
  renderItemForm,
  renderReviewForm,
  renderVerificationCard,
  BannerTone,
} from "../../src/cards/item-cards.js";
import { renderExtensionRequestCard } from "../../src/cards/extension-cards.js";
import { renderLeaverCard } from "../../src/cards/leaver-card.js";
import { liveAnswerCard } from "../../src/cards/live-cards.js";
import { renderImportPreviewCard } from "../../src/cards/import-preview-card.js";
import { renderReminderCard } from "../../src/cards/reminder-card.js";
import { CardTemplate, type AdaptiveCard } from "../../src/cards/render-card.js";
import { renderSummaryCard } from "../../src/cards/render-summary-card.js";
import { CardEmphasis, STATUS_EMPHASIS } from "../../src/cards/card-text.js";
import { buildCommitteeReport } from "../../src/domain/reports/committee-report.js";
import { parseDateText } from "../../src/domain/dates/date-text.js";
import { milestonesForViewer } from "../../src/domain/register/item-milestones.js";
import { parseQuestion } from "../../src/domain/questions/question.js";
import type { RegisterReview } from "../../src/domain/register/register.js";
import { Progress, STATUS_LABELS, STATUS_VALUES, type Status } from "../../src/domain/status/status.js";
import { loadRegister } from "../../src/data/register/register-store.js";
import {
  answerQuestion,
  helpAnswer,
  welcomeAnswer,
  type AnswerContext,
} from "../../src/services/questions/answer-question.js";
import { importRegister } from "../../src/services/imports/import-register.js";
import { loadItemView, type ItemView } from "../../src/services/register/item-view.js";
import { CardRenderer, type AxeViolation } from "../support/card-renderer.js";
import { extensionRequestView } from "../support/extension-fixtures.js";
import { createTestDatabase, FIXTURES, type TestDatabase } from "../support/test-database.js";

const WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"];
const BLOCKING = new Set(["serious", "critical"]);
const THEMES = [
  { name: "light", file: "microsoft-teams-light.json", canvas: "#f5f5f5" },
  { name: "dark", file: "microsoft-teams-dark.json", canvas: "#1f1f1f" },
  { name: "high-contrast", file: "microsoft-teams-high-contrast.json", canvas: "#000000" },
] as const;
const CONTEXT: AnswerContext = { today: "2024-01-09", lastReportDate: "2023-07-27", statusKey: "2024" };

type Element = Record<string, unknown>;
interface CardCase {
  name: string;
  template: CardTemplate;
  card: AdaptiveCard;
}

let db: TestDatabase;
const cases: CardCase[] = [];

function hostConfig(file: string): object {
  return JSON.parse(readFileSync(path.join(FIXTURES, "host-configs", file), "utf8")) as object;
}

function ask(register: RegisterReview[], text: string, email = "cyps.owner1@example.org", offset = 0) {
  const question = parseQuestion(text, {
    today: CONTEXT.today,
    reviewTitles: register.map((r) => r.title),
    bodies: register.map((r) => r.body ?? ""),
  });
  return answerQuestion({
    question,
    text,
    reviews: register,
    viewer: { email, scope: "personal" },
    context: CONTEXT,
    offset,
  }).card;
}

/** Every element of a card, however deeply nested (bodies, columns, cells, fallbacks, inline actions). */
function elements(node: unknown): Element[] {
  if (Array.isArray(node)) return node.flatMap(elements);
  if (!node || typeof node !== "object") return [];
  const element = node as Element;
  return [element, ...Object.values(element).flatMap(elements)];
}

beforeAll(async () => {
  db = await createTestDatabase();
  await importRegister(db.prisma, {
    file: path.join(FIXTURES, "d0-register.csv"),
    dryRun: false,
    actor: "test",
    today: CONTEXT.today,
    now: new Date(),
  });
  const register = await loadRegister(db.prisma);
  // One item awaiting verification, so answers show that note too.
  const awaiting = register.map((r) => ({
    ...r,
    items: r.items.map((i, n) => (n === 0 ? { ...i, verification: "awaiting" } : i)),
  }));
  const owner = register.flatMap((r) => r.items).find((i) => i.ownerEmail)!.ownerEmail!;

  const add = (name: string, template: CardTemplate, card: AdaptiveCard) => cases.push({ name, template, card });
  add("answer-delayed", CardTemplate.answer, ask(register, "what's delayed?"));
  add("answer-everything", CardTemplate.answer, ask(awaiting, "show me everything"));
  add("answer-everything-page-2", CardTemplate.answer, ask(awaiting, "show me everything", owner, 20));
  add("answer-my-actions", CardTemplate.answer, ask(awaiting, "my actions", owner));
  add("message-help", CardTemplate.message, helpAnswer().card);
  add("message-welcome", CardTemplate.message, welcomeAnswer().card);
  add("message-not-understood", CardTemplate.message, ask(register, "bananas"));

  const item = register.flatMap((r) => r.items).find((i) => i.text.includes("'Front Door'"))!;
  const view = (await loadItemView(db.prisma, item.id, CONTEXT.today))!;
  const claimed: ItemView = {
    ...view,
    verification: "awaiting",
    pendingProgress: Progress.complete,
    evidenceUrl: "https://example.org/evidence",
    completionClaimedOn: "2024-01-08",
  };
  for (const status of STATUS_VALUES) {
    add(
      `item-update-${status}`,
      CardTemplate.itemUpdate,
      renderItemCard({ ...view, status: { ...view.status, status } }, { editable: true }),
    );
  }
  const milestone = (id: number, progress: Progress, target: string) => ({
    id,
    ref: `M${id}`,
    text: `Step ${id} towards the item`,
    progress,
    originalTarget: parseDateText(target),
    revisedTarget: parseDateText(null),
    ownerId: null,
    ownerEmail: null,
    delegateId: null,
    confidential: false,
    latestUpdate: "Half the audits done",
    verification: "none",
  });
  const withMilestones: ItemView = {
    ...view,
    milestones: [milestone(1, Progress.complete, "Jun-23"), milestone(2, Progress.inProgress, "Nov-23")],
  };
  add(
    "item-update-milestones",
    CardTemplate.itemUpdate,
    renderItemCard(withMilestones, {
      editable: true,
      milestones: milestonesForViewer(withMilestones, { scope: "personal", email: null }, CONTEXT.today, () => true),
    }),
  );
  add(
    "item-update-read-only-awaiting",
    CardTemplate.itemUpdate,
    renderItemCard(claimed, { editable: false, banner: "Saved.", bannerTone: BannerTone.good }),
  );
  // Live cards in a channel: the read-only card everyone sees, and the views its refresh gives each person.
  const refreshUserIds = ["29:owner", "29:lead", "29:team"];
  add("item-update-live-everyone", CardTemplate.itemUpdate, renderItemCard(view, { editable: false, refreshUserIds }));
  add("item-update-live-owner", CardTemplate.itemUpdate, renderItemCard(view, { editable: true, refreshUserIds }));
  add(
    "item-update-live-decider",
    CardTemplate.itemUpdate,
    renderItemCard(
      {
        ...claimed,
        extensions: { chain: "not extended", count: 0, waiting: "to 30 Jun 2024, asked by the owner", repeat: false },
      },
      { editable: false, refreshUserIds, decisions: { extensionRequestId: 7, completion: true, mayVerify: true } },
    ),
  );
  add(
    "answer-live-refreshed",
    CardTemplate.answer,
    liveAnswerCard(ask(register, "what's delayed?"), {
      asAt: new Date("2024-01-16T10:00:00Z"),
      note: "Worked out again when you opened it.",
      refresh: { question: "what's delayed?", offset: 0, userIds: refreshUserIds },
    }),
  );
  add(
    "item-update-stale",
    CardTemplate.itemUpdate,
    renderItemCard(view, {
      editable: true,
      banner: "Not saved: this card was out of date.",
      bannerTone: BannerTone.warning,
    }),
  );
  add(
    "item-update-errors",
    CardTemplate.itemUpdate,
    renderItemCard(view, {
      editable: true,
      banner: "Not saved yet: fix the fields marked below.",
      bannerTone: BannerTone.attention,
      errors: {
        progress: "Choose a progress",
        narrative: "Say what was done",
        revisedTarget: '"31/02/2024" is not a date I can read',
        revisionReason: "Give a reason",
        evidenceUrl: "Completion needs a link to the evidence",
        completedOn: "Not in the future",
        delegateEmail: "Not an email address",
      },
    }),
  );
  add(
    "verification-decidable",
    CardTemplate.verification,
    renderVerificationCard(
      { ...claimed, completionNote: "Checked the board minutes." },
      { decidable: true, banner: "Give a comment to return it.", bannerTone: BannerTone.attention },
    ),
  );
  add(
    "verification-approved",
    CardTemplate.verification,
    renderVerificationCard(claimed, { decidable: false, banner: "Approved.", bannerTone: BannerTone.good }),
  );
  add(
    "verification-returned",
    CardTemplate.verification,
    renderVerificationCard(claimed, {
      decidable: false,
      banner: "Returned to the owner.",
      bannerTone: BannerTone.warning,
    }),
  );
  add(
    "extension-request-repeat",
    CardTemplate.extensionRequest,
    renderExtensionRequestCard(extensionRequestView({ extendedBefore: 2 }), { decidable: true }),
  );
  add(
    "extension-request-comment-error",
    CardTemplate.extensionRequest,
    renderExtensionRequestCard(extensionRequestView(), {
      decidable: true,
      banner: "Not decided yet: fix the comment below.",
      bannerTone: BannerTone.attention,
      commentError: "Say why the extension is declined: the owner reads your comment.",
    }),
  );
  add(
    "extension-request-declined",
    CardTemplate.extensionRequest,
    renderExtensionRequestCard(extensionRequestView({ decided: "declined" }), {
      decidable: false,
      banner: "Declined.",
      bannerTone: BannerTone.good,
    }),
  );
  add(
    "review-form",
    CardTemplate.reviewForm,
    renderReviewForm({
      errors: ['review_date "sometime" is not a date I can read'],
      banner: "Added Youth Justice Inspection (HMIP).",
    }),
  );
  add(
    "item-form",
    CardTemplate.itemForm,
    renderItemForm(
      { id: 1, title: "Youth Justice Inspection (HMIP)" },
      { errors: ["item_ref is missing"], banner: "Added Recommendation 1." },
    ),
  );

  add(
    "reminder",
    CardTemplate.reminder,
    renderReminderCard({
      title: "3 of your actions need an update",
      intro: "Reply with the card's Update button.",
      items: STATUS_VALUES.map((status: Status, n) => ({
        itemId: n + 1,
        heading: `Joint Area SEND Inspection: Recommendation ${n + 1}`,
        ref: `Recommendation ${n + 1}`,
        text: "Improve the quality of EHC plans.",
        statusLabel: STATUS_LABELS[status],
        statusEmphasis: STATUS_EMPHASIS[status],
        reason:
          n % 2 === 0
            ? "Overdue: the target was 11 Jun 2025 (2 weeks ago)"
            : "Due in 3 working days (target 30 Jun 2025)",
        urgent: n % 2 === 0,
        facts: [
          { title: "Target", value: "30 Jun 2025" },
          { title: "Last update", value: "None recorded" },
        ],
        latestUpdate: n === 0 ? "Written Statement of Action agreed." : "",
      })),
      note: "and 4 more in your personal chat",
    }),
  );

  // A tracker file sent in Teams, previewed against the register: changes, disagreements, then bad rows.
  const preview = await importRegister(db.prisma, {
    file: path.join(FIXTURES, "d1-tracker-clean.csv"),
    dryRun: true,
    actor: "test",
    today: "2025-05-31",
    now: new Date(),
  });
  const previewView = {
    previewId: "preview-token-0123456789",
    fileName: "Inspections tracker May 2025.csv",
    report: preview,
    asOfText: "Recorded statuses compared with the status key as at 31 May 2025 (the date in the file's name).",
    expiresText: "You can import it until 2 Jun, 10:30; the file is deleted then, or when you press Import or Cancel.",
  };
  add(
    "import-preview",
    CardTemplate.importPreview,
    renderImportPreviewCard(
      { ...previewView, asOf: "2025-05-31" },
      {
        actionable: true,
        asOfError: "Give the tracker's date as a day, e.g. 2025-05-31.",
        banner: "Not compared again: fix the date below.",
        bannerTone: CardEmphasis.attention,
      },
    ),
  );
  add(
    "import-preview-problems",
    CardTemplate.importPreview,
    renderImportPreviewCard(
      {
        ...previewView,
        report: {
          ...preview,
          ok: false,
          errors: [
            { line: 4, message: 'directorate "Nowhere" is not one I know: use one of CYPS, ACHPH, RE, FCS, ACEX' },
            { line: 9, message: "original_target is missing" },
          ],
        },
      },
      {
        actionable: true,
        banner: "Not imported: the register changed since this preview.",
        bannerTone: CardEmphasis.warning,
      },
    ),
  );

  const leaver = {
    leaverId: 7,
    label: "Jo Bloggs, Head of Customer Services",
    email: "customer.experience@example.org",
    state: "disabled" as const,
    items: [
      {
        itemId: 11,
        heading: "Customer Service Peer Review / Action 10",
        text: "Create a shared post calendar.",
        target: "Target 31 Dec 2023",
      },
      { itemId: 12, heading: "VFM 2021/22 / Rec 2", text: "Review the capital programme.", target: "Target Mar 2024" },
    ],
    hidden: 1,
  };
  add(
    "leaver-with-error",
    CardTemplate.leaver,
    renderLeaverCard(leaver, {
      banner: "Not changed yet: fix the email marked below.",
      bannerTone: BannerTone.attention,
      errors: { 11: '"jo at council" is not an email address.' },
      values: { 11: "jo at council" },
    }),
  );
  add(
    "leaver-done",
    CardTemplate.leaver,
    renderLeaverCard(
      { ...leaver, items: [], hidden: 0 },
      { banner: "Done: Action 10 now belongs to new.owner@example.org.", bannerTone: BannerTone.good },
    ),
  );

  const model = buildCommitteeReport({
    register,
    today: CONTEXT.today,
    since: CONTEXT.lastReportDate,
    statusKey: "2024",
    point: { name: "Audit Committee 9 January 2024" },
    previous: { name: "Audit Committee 27 July 2023", cutOff: "2023-07-27", snapshot: null },
  });
  add(
    "summary",
    CardTemplate.summary,
    renderSummaryCard(model, {
      word: "https://tracker.example.org/d/1.docx",
      workbook: "https://tracker.example.org/d/1.xlsx",
      expiresAt: new Date("2024-01-09T10:30:00Z"),
    }),
  );
}, 60_000);
afterAll(async () => {
  await db?.close();
});

describe("card accessibility, whatever the theme", () => {
  it("the audit covers every card template", () => {
    expect(new Set(cases.map((c) => c.template))).toEqual(new Set(Object.values(CardTemplate)));
  });

  it("no text is coloured: status and warnings are carried by words, and emphasis by container styles", () => {
    for (const { name, card } of cases) {
      const coloured = elements(card.body).filter(
        (e) => e.type === "TextBlock" && e.color !== undefined && JSON.stringify(e.color).toLowerCase() !== '"default"',
      );
      expect(coloured.map((e) => `${name}: ${JSON.stringify(e.text)} in ${JSON.stringify(e.color)}`)).toEqual([]);
    }
  });

  it("emphasis comes only from the container styles the cards' vocabulary names", () => {
    const styles = new Set<string>(Object.values(CardEmphasis));
    for (const { name, card } of cases) {
      const styled = elements(card.body).filter(
        (e) => ["Container", "Column", "TableCell"].includes(String(e.type)) && e.style !== undefined,
      );
      expect(
        styled.map((e) => `${name}: ${String(e.style)}`).filter((s) => !styles.has(s.slice(name.length + 2))),
      ).toEqual([]);
    }
  });

  it("every status label sits in a container (or column) styled for that status", () => {
    const labels = new Set(Object.values(STATUS_LABELS));
    for (const { name, card } of cases) {
      const containers = elements(card.body).filter(
        (e) => (e.type === "Container" || e.type === "Column") && Array.isArray(e.items),
      );
      const shown = elements(card.body).filter((e) => e.type === "TextBlock" && labels.has(String(e.text)));
      for (const label of shown) {
        const container = containers.find((c) => (c.items as Element[]).includes(label));
        const status = (Object.keys(STATUS_LABELS) as Status[]).find((s) => STATUS_LABELS[s] === label.text)!;
        expect(container?.style, `${name}: ${String(label.text)}`).toBe(STATUS_EMPHASIS[status]);
      }
    }
  });

  it("every input has a label and every title is a heading", () => {
    for (const { name, card } of cases) {
      for (const input of elements(card.body).filter((e) => String(e.type).startsWith("Input."))) {
        expect(
          typeof input.label === "string" ? input.label.trim() : "",
          `${name}: input ${JSON.stringify(input.id)}`,
        ).not.toBe("");
      }
      const first = elements(card.body).find((e) => e.type === "TextBlock" && e.size === "Large");
      expect(first?.style, `${name}: title`).toBe("heading");
    }
  });
});

describe("a screen reader can move through a card by its headings", () => {
  let renderer: CardRenderer;
  beforeAll(async () => {
    renderer = await CardRenderer.start({ hostConfig: hostConfig(THEMES[0].file) });
  }, 60_000);
  afterAll(async () => {
    await renderer?.close();
  });
  const headings = async (name: string) =>
    (await renderer.render(cases.find((c) => c.name === name)!.card, `a11y-headings-${name}`)).headings;

  it("an answer: its title, then each review the items belong to", async () => {
    expect(await headings("answer-delayed")).toEqual([
      "Delayed items",
      "Child Sexual Exploitation review",
      "Inspection of Local Authority Children's Services (ILACS) Short Inspection",
      "Quest Foundation Review",
      "Customer Service Peer Review",
    ]);
  });

  it("the update card: the item, then its history", async () => {
    expect(await headings("item-update-errors")).toEqual(["Area for improvement 3", "History"]);
  });

  it("the summary: its title, then the table and the chart", async () => {
    expect(await headings("summary")).toEqual([
      "Period summary: Audit Committee 9 January 2024",
      "By directorate",
      "Status of the items reported on, by directorate",
    ]);
  });

  it("a reminder: its title, then each item", async () => {
    const found = await headings("reminder");
    expect(found[0]).toBe("3 of your actions need an update");
    expect(found.slice(1)).toEqual(STATUS_VALUES.map((_, n) => `Joint Area SEND Inspection: Recommendation ${n + 1}`));
  });

  it("help: its title, then the list of questions", async () => {
    expect(await headings("message-help")).toEqual(["What I can tell you", "You can ask:"]);
  });
});

describe.each(THEMES)("cards in Teams' $name theme pass axe-core's WCAG 2.2 A/AA rules", (theme) => {
  let renderer: CardRenderer;
  beforeAll(async () => {
    renderer = await CardRenderer.start({ hostConfig: hostConfig(theme.file), canvas: theme.canvas });
  }, 60_000);
  afterAll(async () => {
    await renderer?.close();
  });

  it("has no serious or critical violation in any card", async () => {
    const failures: string[] = [];
    for (const { name, card } of cases) {
      const rendered = await renderer.render(card, `a11y-${theme.name}-${name}`);
      expect(
        rendered.problems.filter((p) => !p.includes("Chart.VerticalBar.Grouped")),
        name,
      ).toEqual([]);
      const { violations, undecided } = await renderer.audit(WCAG_22_AA);
      const blocking: AxeViolation[] = [
        ...violations.filter((v) => BLOCKING.has(v.impact ?? "")),
        ...undecided.filter((v) => v.id === "color-contrast"),
      ];
      for (const v of blocking) {
        for (const node of v.nodes)
          failures.push(`${name}: ${v.id} (${v.impact}) ${node.target}: ${node.summary.replace(/\s+/g, " ")}`);
      }
    }
    expect(failures).toEqual([]);
  }, 120_000);
});
