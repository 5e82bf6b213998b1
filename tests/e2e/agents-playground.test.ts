/**
 * The real client: Microsoft 365 Agents Playground (Microsoft's offline Teams simulator) in headless
 * Chromium, talking to the bot as a child process on a fresh SQLite file with the demo register.
 * How the playground is started and driven: tests/support/agents-playground.ts.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  BOT_NAME,
  botErrors,
  cardTitled,
  screenshot,
  sendInChat,
  showTitle,
  startPlaygroundSession,
  suiteTitle,
  type PlaygroundSession,
} from "../support/agents-playground.js";

describe(suiteTitle("Agents Playground (real client)"), () => {
  let session: PlaygroundSession | undefined;
  let page: Page;

  beforeAll(async () => {
    session = await startPlaygroundSession();
    page = session.page;
  }, 75_000);

  afterAll(async () => {
    await session?.close();
  }, 30_000);

  it('answers "what\'s delayed?" in the personal chat with the delayed-items card', async () => {
    try {
      await page.getByRole("treeitem", { name: "Personal Chat" }).click();
      // The installation's welcome card comes first; wait for it so the answer is not raced by it.
      await page.locator(".ac-adaptiveCard").first().waitFor({ timeout: 15_000 });

      await sendInChat(page, "what's delayed?");

      const card = cardTitled(page, /^Delayed items/);
      await card.waitFor({ timeout: 20_000 });
      await showTitle(card);
      const text = await card.innerText();
      expect(text).toContain("Delayed items");
      expect(text).toMatch(/partly delayed|significant delay/i);
    } finally {
      await screenshot(page, "personal-chat.png");
    }
  }, 40_000);

  it("answers an @mention in a team channel with the directorate's delayed items", async () => {
    try {
      await page.getByRole("treeitem", { name: "My Team - General" }).click();
      const newPost = page.getByRole("group").filter({ has: page.getByRole("button", { name: "Post", exact: true }) });
      await newPost.getByRole("textbox").click();
      await page.keyboard.type("@Test");
      await page.getByRole("listbox", { name: "Typeahead menu" }).getByRole("menuitem", { name: BOT_NAME }).click();
      await page.keyboard.type(" what's delayed in CYPS?");
      await newPost.getByRole("button", { name: "Post", exact: true }).click();

      const card = cardTitled(page, /^Delayed items in Children and Young People['’]s Services/);
      await card.waitFor({ timeout: 20_000 });
      await showTitle(card);
      const text = await card.innerText();
      expect(text).toMatch(/Children and Young People['’]s Services/);
      expect(text).toMatch(/partly delayed|significant delay/i);
    } finally {
      await screenshot(page, "channel.png");
    }
  }, 40_000);

  it("logged no error while the playground talked to it", async () => {
    await expect(page.getByText(/something went wrong/i).count()).resolves.toBe(0);
    expect(botErrors(session!.bot)).toEqual([]);
  });
});
