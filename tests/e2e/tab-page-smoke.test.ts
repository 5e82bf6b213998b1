/**
 * The tab's page as built (`npm run build:tab`), served by the real server over the demo-sized register
 * in local mode (no sign-on, loopback): headless Chromium opens /tab/register and shows the grid with the
 * first page /api/register gives, says it is acting as the local user, and fetches nothing from anywhere but
 * this server; /tab/config offers the directorates for a channel tab.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBotWorld, type BotWorld } from "../support/bot-world.js";
import { launchChromium, localOnlyContext } from "../support/chromium.js";
import { ensureTabBundle } from "../support/tab-browser.js";
import type { RunningBot } from "../support/running-bot.js";

const ADMIN = "improvement.lead@example.org";

let world: BotWorld;
let bot: RunningBot;
let browser: Browser;
let page: Page;
const requested: string[] = [];

beforeAll(async () => {
  // Built once for every browser test (when missing or older than tab/), under a lock, so no test file
  // deletes the bundle while another is loading it.
  await ensureTabBundle();
  world = await createBotWorld({ register: "d0" });
  bot = await world.startServer({ env: { IMPROVEMENT_TEAM_ADMINS: ADMIN } });
  browser = await launchChromium();
  const context = await localOnlyContext(browser);
  page = await context.newPage();
  page.on("request", (request) => requested.push(request.url()));
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await world?.close();
});

describe("the tab's page, built and served", () => {
  it("shows the register's first page in the grid, as /api/register gives it, and says it acts as the local user", async () => {
    const answer = (await (await fetch(`${bot.url}/api/register?pageSize=50`)).json()) as {
      items: { item_ref: string }[];
      total: number;
    };
    expect(answer.total).toBeGreaterThan(10);

    const response = await page.goto(`${bot.url}/tab/register`);
    expect(response?.status()).toBe(200);
    expect(response?.headers()["content-security-policy"]).toContain(
      "frame-ancestors 'self' https://teams.microsoft.com",
    );
    await expect(page.getByRole("heading", { level: 1, name: "Register" }).isVisible()).resolves.toBe(true);

    const grid = page.getByRole("table", { name: "Register items" });
    const firstRef = answer.items[0]!.item_ref;
    await grid.getByRole("button", { name: firstRef, exact: true }).first().waitFor({ timeout: 30_000 });
    const shown = await grid.getByRole("row").count();
    expect(shown).toBe(answer.items.length + 1); // the header row and one per item
    const refs = await grid.locator("tbody tr td:first-child").allTextContents();
    expect(refs).toEqual(answer.items.map((item) => item.item_ref));
    const count = answer.total > 50 ? `Items 1 to 50 of ${answer.total}` : `${answer.total} items`;
    await expect(page.getByRole("status").filter({ hasText: count }).textContent()).resolves.toBe(count);
    await expect(
      page
        .getByRole("alert")
        .filter({ hasText: `Local mode: acting as ${ADMIN}` })
        .isVisible(),
    ).resolves.toBe(true);
    for (const name of ["Ref", "Review", "Directorate", "Owner", "Target", "Status", "Priority"])
      await expect(grid.getByRole("button", { name, exact: true }).count()).resolves.toBe(1);

    // Nothing from a CDN: every request went to this server.
    const origin = new URL(bot.url).origin;
    expect(requested.filter((url) => !url.startsWith(origin))).toEqual([]);
  }, 60_000);

  it("offers every directorate for a channel tab, 'All directorates' first", async () => {
    await page.goto(`${bot.url}/tab/config`);
    await page.getByRole("heading", { level: 1, name: "Choose a directorate" }).waitFor();
    const choices = page.getByRole("radiogroup", { name: "Directorate" }).getByRole("radio");
    await page.getByRole("radio", { name: /^CYPS/ }).waitFor();
    const labels = await choices.evaluateAll((inputs) =>
      inputs.map((input) => (input as HTMLInputElement).labels?.[0]?.textContent ?? ""),
    );
    expect(labels[0]).toBe("All directorates");
    expect(labels.slice(1).map((label) => label.split(":")[0])).toEqual(
      expect.arrayContaining(["CYPS", "ACHPH", "RE", "FCS", "ACEX"]),
    );
  }, 60_000);

  it("answers 404 for a file the bundle does not have, and names the file", async () => {
    const missing = await fetch(`${bot.url}/tab/assets/nothing-here.js`);
    expect(missing.status).toBe(404);
    expect(await missing.text()).toBe("No such file of the tab: nothing-here.js");
  });
});
