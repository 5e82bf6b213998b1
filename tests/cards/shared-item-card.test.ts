/**
 * The card the compose box inserts (an item as a channel sees it, read-only) and the preview Teams lists for
 * each search result. The card, built from a real register, is rendered by Microsoft's adaptivecards renderer
 * under Teams' light, dark and high-contrast host configs and audited with axe-core (no serious or critical
 * violation, no contrast left undecided); it offers no way to change the item. The preview shows typed text
 * as typed: HTML in a title or an email stays text.
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AdaptiveCard } from "../../src/cards/render-card.js";
import { renderSearchPreview } from "../../src/cards/search-preview.js";
import { parseDateText } from "../../src/domain/dates/date-text.js";
import type { RegisterItem, RegisterReview } from "../../src/domain/register/register.js";
import { DEFAULT_AT_RISK_SETTINGS } from "../../src/domain/status/at-risk.js";
import { computeItemStatus, Progress } from "../../src/domain/status/status.js";
import { importRegister } from "../../src/services/imports/import-register.js";
import { NotShared, sharedItemCard } from "../../src/services/search/shared-item-card.js";
import { CardRenderer } from "../support/card-renderer.js";
import { createTestDatabase, FIXTURES, type TestDatabase } from "../support/test-database.js";

const WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"];
const THEMES = [
  { name: "light", file: "microsoft-teams-light.json", canvas: "#f5f5f5" },
  { name: "dark", file: "microsoft-teams-dark.json", canvas: "#1f1f1f" },
  { name: "high-contrast", file: "microsoft-teams-high-contrast.json", canvas: "#000000" },
] as const;
const TODAY = "2024-01-09";
const HOME_ROW =
  "CYPS,Oakfield Grange Children's Residential Home,Ofsted,inspection,30 June 2023,July 2023,Good rating (overall judgement).,Rec 1,recommendation,Improve the privacy of bedrooms,,,keyworker.oakfield@example.org,Dec-23,,,in_progress,,,true,";

let db: TestDatabase;
let card: AdaptiveCard;
let homeItemId: number;

beforeAll(async () => {
  db = await createTestDatabase();
  const csv = `${readFileSync(path.join(FIXTURES, "d0-register.csv"), "utf8").trimEnd()}\r\n${HOME_ROW}\r\n`;
  const file = path.join(db.dir, "register.csv");
  writeFileSync(file, csv);
  const report = await importRegister(db.prisma, { file, dryRun: false, actor: "test", today: TODAY, now: new Date() });
  expect(report.errors).toEqual([]);
  const item = await db.prisma.item.findFirstOrThrow({ where: { ref: "Area for improvement 3" } });
  const shared = await sharedItemCard(db.prisma, item.id, TODAY, DEFAULT_AT_RISK_SETTINGS);
  if (!shared.ok) throw new Error(shared.reason);
  card = shared.card;
  homeItemId = (await db.prisma.item.findFirstOrThrow({ where: { text: "Improve the privacy of bedrooms" } })).id;
}, 60_000);
afterAll(async () => {
  await db?.close();
});

function hostConfig(file: string): object {
  return JSON.parse(readFileSync(path.join(FIXTURES, "host-configs", file), "utf8")) as object;
}

describe("the card a search inserts", () => {
  it("is refused for a confidential item and for one no longer in the register", async () => {
    expect(await sharedItemCard(db.prisma, homeItemId, TODAY, DEFAULT_AT_RISK_SETTINGS)).toEqual({
      ok: false,
      reason: NotShared.confidential,
    });
    expect(await sharedItemCard(db.prisma, 2_147_483_647, TODAY, DEFAULT_AT_RISK_SETTINGS)).toEqual({
      ok: false,
      reason: NotShared.gone,
    });
  });
});

describe.each(THEMES)("the inserted card in Teams' $name theme", (theme) => {
  let renderer: CardRenderer;
  beforeAll(async () => {
    renderer = await CardRenderer.start({ hostConfig: hostConfig(theme.file), canvas: theme.canvas });
  }, 60_000);
  afterAll(async () => {
    await renderer?.close();
  });

  it("renders with no problems, reads as the item with no way to change it, and passes axe-core", async () => {
    const rendered = await renderer.render(card, `shared-item-${theme.name}`);
    expect(rendered.problems).toEqual([]);
    expect(rendered.text).toContain("Area for improvement 3");
    expect(rendered.text).toContain("ilacs.frontdoor@example.org");
    expect(rendered.text).toContain("You can see this item but not change it");
    expect(rendered.actions.filter((title) => /save|update|submit/i.test(title))).toEqual([]);
    expect(rendered.headings[0]).toBe("Area for improvement 3");
    const { violations, undecided } = await renderer.audit(WCAG_22_AA);
    const blocking = [
      ...violations.filter((v) => v.impact === "serious" || v.impact === "critical"),
      ...undecided.filter((v) => v.id === "color-contrast"),
    ].flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}) ${n.target}: ${n.summary}`));
    expect(blocking).toEqual([]);
  }, 60_000);
});

describe("a search result's preview", () => {
  const review = {
    id: 1,
    title: "<b>Front Door</b> & [click](https://evil.example)",
    directorateId: "CYPS",
  } as RegisterReview;
  const item = {
    id: 7,
    ref: "Rec <i>4</i>",
    ownerEmail: "o'neil@example.org",
    originalTarget: parseDateText("Mar-24"),
    revisedTarget: parseDateText("Sep-24"),
    progress: Progress.inProgress,
  } as RegisterItem;

  it("shows typed text as text (HTML escaped), the status and the current target, and selects the item on tap", () => {
    const status = computeItemStatus(
      { progress: item.progress, originalTarget: item.originalTarget.end, revisedTarget: item.revisedTarget.end },
      TODAY,
    );
    expect(renderSearchPreview(review, item, status)).toEqual({
      title: "Rec &lt;i&gt;4&lt;/i&gt; · &lt;b&gt;Front Door&lt;/b&gt; &amp; [click](https://evil.example)",
      subtitle: "In progress and partly delayed · target 30 Sep 2024 (revised)",
      text: "CYPS · owner o&#39;neil@example.org",
      tap: { type: "invoke", value: { itemId: "7" } },
    });
  });
});
