/**
 * The register's tab in each of Teams' themes (light, dark, high contrast), in headless Chromium against the
 * real server on the demo register: the grid shows its first page, and axe-core finds no serious or critical
 * WCAG 2.2 A/AA violation with the grid, an item's dialog and its update form open. Screenshots are kept in
 * test-artifacts/tab/theme-*.png.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  botErrors,
  startTabSession,
  tabScreenshot,
  tabSuiteTitle,
  TAB_ADMIN_EMAIL,
  THEMES,
  type TabSession,
} from "../support/tab-browser.js";
import { seriousAxeFindings, type AxeFinding } from "../support/tab-accessibility.js";
import { itemRows, waitForFirstPage } from "../support/tab-grid.js";

/** axe's findings as lines a reader can act on: rule, impact, and where. */
function explain(findings: AxeFinding[]): string[] {
  return findings.map((f) => `${f.id} (${f.impact}): ${f.help} at ${f.nodes.map((n) => n.target).join(", ")}`);
}

/** The colour behind the register's main landmark (the first ancestor with one) and its relative luminance. */
async function pageBackground(page: Page): Promise<{ rgb: number[]; luminance: number }> {
  const rgb = await page.getByRole("main").evaluate((main) => {
    for (let el: Element | null = main; el; el = el.parentElement) {
      const parts =
        getComputedStyle(el)
          .backgroundColor.match(/[\d.]+/g)
          ?.map(Number) ?? [];
      if (parts.length >= 3 && (parts.length === 3 || parts[3]! > 0)) return parts.slice(0, 3);
    }
    return [255, 255, 255]; // nothing painted: the browser's white canvas
  });
  const linear = rgb.map((c) => (c / 255 <= 0.03928 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4));
  return { rgb, luminance: 0.2126 * linear[0]! + 0.7152 * linear[1]! + 0.0722 * linear[2]! };
}

describe(tabSuiteTitle("the register tab in each Teams theme"), () => {
  let session: TabSession;

  beforeAll(async () => {
    session = await startTabSession();
  }, 90_000);

  afterAll(async () => {
    await session?.close();
  }, 30_000);

  describe.each(THEMES)("theme %s", (theme) => {
    let page: Page;

    beforeAll(async () => {
      page = await session.open(`/tab/register?theme=${theme}`);
      await waitForFirstPage(page);
    }, 30_000);

    afterAll(async () => {
      await page?.close();
    });

    it("shows the register's first page, saying it acts as the local user", async () => {
      expect(await page.getByRole("main").getByRole("heading", { level: 1 }).first().innerText()).toBe("Register");
      const rows = await itemRows(page).count();
      expect(rows).toBeGreaterThan(0);
      expect(rows).toBeLessThanOrEqual(50);
      await expect(page.getByText(`Local mode: acting as ${TAB_ADMIN_EMAIL}`).first().isVisible()).resolves.toBe(true);
      expect(await page.getByRole("status").filter({ hasText: /items/i }).first().innerText()).toMatch(
        /\d+ items|Items 1 to \d+ of \d+/,
      );
    });

    it("is drawn in the theme asked for", async () => {
      const background = await pageBackground(page);
      if (theme === "default") expect(background.luminance).toBeGreaterThan(0.8);
      if (theme === "dark") expect(background.luminance).toBeLessThan(0.1);
      // Teams' high contrast theme is black with yellow and cyan accents (Fluent's teamsHighContrastTheme).
      if (theme === "contrast") expect(background.rgb).toEqual([0, 0, 0]);
    });

    it("has no serious or critical accessibility violation with the grid alone", async () => {
      const findings = await seriousAxeFindings(page);
      await tabScreenshot(page, `theme-${theme}-grid.png`);
      expect(explain(findings)).toEqual([]);
    });

    it("has none with an item's dialog open", async () => {
      await itemRows(page).first().getByRole("button").first().click();
      const dialog = page.getByRole("dialog");
      await dialog.waitFor();
      await dialog.getByRole("heading", { name: "History" }).or(dialog.getByText("History")).first().waitFor();
      const findings = await seriousAxeFindings(page);
      await tabScreenshot(page, `theme-${theme}-dialog.png`);
      expect(explain(findings)).toEqual([]);
    });

    it("has none with the item's update form open", async () => {
      const dialog = page.getByRole("dialog");
      await dialog.getByRole("button", { name: "Update", exact: true }).click();
      await page.getByLabel("What has been done").waitFor();
      const findings = await seriousAxeFindings(page);
      await tabScreenshot(page, `theme-${theme}-update.png`);
      expect(explain(findings)).toEqual([]);
    });
  });

  it("logged no error while the pages were used", () => {
    expect(botErrors(session.bot)).toEqual([]);
  });
});
