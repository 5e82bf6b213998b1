/**
 * The register's tab used with the keyboard alone (page.keyboard, no clicks), in headless Chromium against the
 * real server on the demo register: Tab to the search box, search, reach an item's ref in the grid, open it,
 * open Update, fill it in and save; the item's history then shows the update, after a reload too, and the
 * register's AuditEntry table records who made it, when, and what it changed. Every focus stop on the way
 * shows where the focus is (WCAG 2.4.7).
 */
import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/data/database.js";
import {
  botErrors,
  startTabSession,
  tabScreenshot,
  tabSuiteTitle,
  TAB_ADMIN_EMAIL,
  type TabSession,
} from "../support/tab-browser.js";
import { focusedElement, focusState, type FocusState } from "../support/tab-accessibility.js";
import { itemRows, shownRefs, waitForFirstPage } from "../support/tab-grid.js";

/** The demo's CAMHS waiting-list item: open, in CYPS, and the only item the word "CAMHS" finds. */
const SEARCH = "CAMHS";
const REF = "Area for improvement 2";
const REVIEW = "Ofsted Focused Visit";
const NARRATIVE = `Triage clinic opened (test ${Date.now() % 1_000_000})`;
const MOST_KEY_PRESSES = 60;

async function isFocused(locator: Locator): Promise<boolean> {
  return locator.evaluate((el) => el === document.activeElement || el.contains(document.activeElement));
}

/**
 * Presses `key` until `target` has the focus, at most MOST_KEY_PRESSES times. Every stop on the way must be an
 * element on the page (the focus never lost to the page itself), and the target, where the user acts, must be
 * drawn differently with the focus than without it; stops that fail either are noted in `unseen`.
 */
async function pressUntilFocused(page: Page, key: string, target: Locator, unseen: FocusState[]): Promise<void> {
  for (let presses = 0; presses < MOST_KEY_PRESSES; presses += 1) {
    await page.keyboard.press(key);
    if (await isFocused(target)) {
      const state = await focusState(page);
      if (!state.visible) unseen.push(state);
      return;
    }
    const stop = await focusedElement(page);
    if (stop === "body") unseen.push({ element: "body", visible: false });
  }
  throw new Error(
    `${MOST_KEY_PRESSES} presses of ${key} never reached ${target.toString()}; focus is on ${await focusedElement(page)}`,
  );
}

describe(tabSuiteTitle("the register tab with the keyboard alone"), () => {
  let session: TabSession;
  let page: Page;
  const startedAt = new Date();

  beforeAll(async () => {
    session = await startTabSession();
    page = await session.open("/tab/register?theme=default");
    await waitForFirstPage(page);
  }, 90_000);

  afterAll(async () => {
    await session?.close();
  }, 30_000);

  it("searches, opens an item, and saves an update without a click, the focus visible at each stop", async () => {
    const unseen: FocusState[] = [];
    try {
      const search = page.getByRole("searchbox", { name: "Search the register" });
      await pressUntilFocused(page, "Tab", search, unseen);
      await page.keyboard.type(SEARCH);
      await page.keyboard.press("Enter");
      await expect.poll(() => shownRefs(page), { timeout: 10_000 }).toEqual([REF]);

      // Into the grid, to the row's ref (Tab, then arrows where the grid moves between cells with them).
      const ref = itemRows(page).getByRole("button", { name: REF, exact: true });
      try {
        await pressUntilFocused(page, "Tab", ref, unseen);
      } catch {
        await pressUntilFocused(page, "ArrowDown", ref, unseen);
      }
      await page.keyboard.press("Enter");

      const dialog = page.getByRole("dialog", { name: `${REF}: ${REVIEW}` });
      await dialog.waitFor();
      const update = dialog.getByRole("button", { name: "Update", exact: true });
      await pressUntilFocused(page, "Tab", update, unseen);
      await page.keyboard.press("Enter");

      const narrative = page.getByLabel("What has been done");
      await narrative.waitFor();
      await pressUntilFocused(page, "Tab", narrative, unseen);
      await page.keyboard.type(NARRATIVE);
      const save = page.getByRole("button", { name: "Save update", exact: true });
      await pressUntilFocused(page, "Tab", save, unseen);
      await page.keyboard.press("Enter");

      await page
        .getByRole("status")
        .filter({ hasText: /saved|recorded|updated/i })
        .first()
        .waitFor();
      const history = dialog.getByRole("list").last();
      await expect.poll(() => history.innerText(), { timeout: 10_000 }).toContain(NARRATIVE);
    } finally {
      await tabScreenshot(page, "keyboard-update.png");
    }
    expect(unseen.map((s) => `${s.element}: no focus indicator`)).toEqual([]);
  }, 40_000);

  it("shows the update in the item's history after a reload, read back from the server", async () => {
    await page.reload();
    await waitForFirstPage(page);
    await page.getByRole("searchbox", { name: "Search the register" }).fill(SEARCH);
    await page.getByRole("searchbox", { name: "Search the register" }).press("Enter");
    await expect.poll(() => shownRefs(page), { timeout: 10_000 }).toEqual([REF]);
    await itemRows(page).getByRole("button", { name: REF, exact: true }).click();
    const history = page.getByRole("dialog", { name: `${REF}: ${REVIEW}` }).getByRole("region", { name: "History" });
    await expect.poll(() => history.innerText(), { timeout: 10_000 }).toContain(NARRATIVE);
  });

  it("records the update in the AuditEntry table: who, when, before and after", async () => {
    const store = await openDatabase(session.databaseUrl);
    try {
      const item = await store.item.findFirstOrThrow({ where: { ref: REF, review: { title: REVIEW } } });
      expect(item.latestUpdate).toBe(NARRATIVE);
      const entries = await store.auditEntry.findMany({
        where: { entityType: "item", entityId: item.id, at: { gte: new Date(startedAt.getTime() - 1_000) } },
      });
      const entry = entries.find((e) => (e.after ?? "").includes(NARRATIVE));
      expect(entry, JSON.stringify(entries)).toBeDefined();
      expect(entry!.actor.toLowerCase()).toContain(TAB_ADMIN_EMAIL);
      expect(entry!.at.getTime()).toBeLessThanOrEqual(Date.now());
      expect(entry!.before ?? "").not.toContain(NARRATIVE);
    } finally {
      await store.$disconnect();
    }
  });

  it("logged no error while the page was used", () => {
    expect(botErrors(session.bot)).toEqual([]);
  });
});
