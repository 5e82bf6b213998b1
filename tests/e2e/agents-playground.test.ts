/**
 * The real client: Microsoft 365 Agents Playground (Microsoft's offline Teams simulator) in headless
 * Chromium, talking to the bot as a child process on a fresh SQLite file with the demo register.
 *
 * How the playground is driven (v0.2.28; no data-tid attributes, so roles and aria-labels):
 * - ready: its process prints "Listening on <port>" (the port may differ from -p when that one is taken),
 *   and its web UI's log panel shows "Connected." once it has reached the bot's endpoint;
 * - conversations: tree items "Personal Chat", "Group Chat", "My Team - General", "My Team - Announcements";
 * - composer: a Lexical editable div (role textbox); Enter sends in a chat; a channel's "Start a new post"
 *   box is the group holding the "Post" button;
 * - mention: type "@Test" in the composer, then choose menu item "Test Bot" in the listbox "Typeahead menu";
 *   the playground sends "<at>Test Bot</at> …" with a mention entity for the bot;
 * - cards: rendered by the adaptivecards renderer (`.ac-adaptiveCard`); a card's title TextBlock with
 *   style heading is an ARIA heading.
 */
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHROMIUM_PATH, chromiumAvailable, launchChromium, localOnlyContext } from "../support/chromium.js";
import { freePort, startProcess, stopAll, waitForUrl, type RunningProcess } from "../support/processes.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const BIN = path.join(ROOT, "node_modules/.bin");
const ARTIFACTS = path.join(ROOT, "test-artifacts/e2e");
const BOT_NAME = "Test Bot"; // the playground's default name for the bot under test

const hasChromium = chromiumAvailable();
const title = hasChromium
  ? "Agents Playground (real client)"
  : `Agents Playground (real client): skipped, no Chromium at ${CHROMIUM_PATH} (apt-get install chromium, or set CHROMIUM_PATH)`;

describe.skipIf(!hasChromium)(title, () => {
  let dir: string;
  let bot: RunningProcess | undefined;
  let playground: RunningProcess | undefined;
  let browser: Browser | undefined;
  let page: Page;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), "tracker-e2e-"));
    mkdirSync(ARTIFACTS, { recursive: true });
    const [botPort, playgroundPort] = [await freePort(), await freePort()];

    bot = startProcess("bot", path.join(BIN, "tsx"), ["src/index.ts"], {
      cwd: ROOT,
      env: {
        PORT: String(botPort),
        DATABASE_URL: `file:${path.join(dir, "e2e.db")}`,
        DEMO_DATA: "true",
        LOG_LEVEL: "warn",
        MicrosoftAppId: "", // local mode, whatever .env says
        ALLOWED_TENANT_IDS: "",
      },
    });
    // Its own folder as working directory: no developer's .m365agentsplayground.yml, no ./devTools/ log in the repo.
    playground = startProcess(
      "agentsplayground",
      path.join(BIN, "agentsplayground"),
      ["-e", `http://127.0.0.1:${botPort}/api/messages`, "-c", "msteams", "-p", String(playgroundPort), "--disable-telemetry"],
      {
        cwd: dir,
        env: {
          APPLICATION_INSIGHTS_NO_STATSBEAT: "true",
          TEAMSAPPTESTER_BROWSER: "none",
          M365_AGENTS_PLAYGROUND_LOGFILE: path.join(dir, "playground.log"),
        },
      },
    );

    const [, listening, launched] = await Promise.all([
      waitForUrl(`http://127.0.0.1:${botPort}/healthz`, { process: bot, timeoutMs: 45_000 }),
      playground.waitForOutput(/Listening on (\d+)/, 30_000),
      launchChromium(),
    ]);
    browser = launched;
    const playgroundUrl = `http://localhost:${listening[1]}`;
    await waitForUrl(`${playgroundUrl}/`, { process: playground, timeoutMs: 15_000 });

    const context = await localOnlyContext(browser, { width: 1400, height: 1000 });
    page = await context.newPage();
    await page.goto(playgroundUrl);
    // The log panel says "Connected." once the playground has reached the bot's endpoint.
    await page.getByText("Connected.", { exact: true }).waitFor({ timeout: 20_000 });
  }, 75_000);

  afterAll(async () => {
    await browser?.close().catch(() => undefined);
    try {
      await stopAll([playground, bot]);
    } finally {
      if (dir) rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);

  /** The bot's adaptive card whose title (an ARIA heading) matches `heading`. */
  const cardTitled = (heading: RegExp): Locator =>
    page.locator(".ac-adaptiveCard").filter({ has: page.getByRole("heading", { name: heading }) });

  /** Scroll a (tall) card so that its title is in the middle of the conversation pane, for the screenshot. */
  async function showTitle(card: Locator): Promise<void> {
    await card.getByRole("heading").first().evaluate((el) => el.scrollIntoView({ block: "center" }));
  }

  async function screenshot(name: string): Promise<void> {
    await page.screenshot({ path: path.join(ARTIFACTS, name) }).catch(() => undefined);
  }

  it("answers \"what's delayed?\" in the personal chat with the delayed-items card", async () => {
    try {
      await page.getByRole("treeitem", { name: "Personal Chat" }).click();
      // The installation's welcome card comes first; wait for it so the answer is not raced by it.
      await page.locator(".ac-adaptiveCard").first().waitFor({ timeout: 15_000 });

      await page.getByRole("textbox").click();
      await page.keyboard.type("what's delayed?");
      await page.keyboard.press("Enter");

      const card = cardTitled(/^Delayed items/);
      await card.waitFor({ timeout: 20_000 });
      await showTitle(card);
      const text = await card.innerText();
      expect(text).toContain("Delayed items");
      expect(text).toMatch(/partly delayed|significant delay/i);
    } finally {
      await screenshot("personal-chat.png");
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

      const card = cardTitled(/^Delayed items in Children and Young People['’]s Services/);
      await card.waitFor({ timeout: 20_000 });
      await showTitle(card);
      const text = await card.innerText();
      expect(text).toMatch(/Children and Young People['’]s Services/);
      expect(text).toMatch(/partly delayed|significant delay/i);
    } finally {
      await screenshot("channel.png");
    }
  }, 40_000);

  it("logged no error while the playground talked to it", async () => {
    await expect(page.getByText(/something went wrong/i).count()).resolves.toBe(0);
    const errors = bot!.output().split("\n").filter((line) => /"level":(50|60)/.test(line));
    expect(errors).toEqual([]);
  });
});
