/**
 * The real client for end-to-end tests: Microsoft 365 Agents Playground (Microsoft's offline Teams
 * simulator) in headless Chromium, talking to the bot as a child process (local mode) on a fresh SQLite
 * file with the demo register. `startPlaygroundSession` starts all three (and, for a second person, a second
 * playground with its own page), `close` stops them.
 *
 * How the playground is driven (v0.2.28; no data-tid attributes, so roles and aria-labels):
 * - ready: its process prints "Listening on <port>" (the port may differ from -p when that one is taken),
 *   and its web UI's log panel shows "Connected." once it has reached the bot's endpoint;
 * - its user: `GET /_internal/v1/testConfig` answers with the configuration the UI uses (the default one,
 *   as no .m365agentsplayground.yml is in its working directory): `config.currentUser` is Alex Wilber,
 *   alexw@example.com, id user-id-0, and the mocked connector's member look-up (TeamsInfo.getMember)
 *   returns that email; the activities themselves carry no email;
 * - one signed-in user per playground, and no way to switch in its UI: a second person is a second
 *   playground on the same bot, whose .m365agentsplayground.yml makes another of the tenant's users
 *   (Megan Bowen, Adele Vance ...) its `currentUser`; each playground is its own connector, so the bot's
 *   proactive messages reach each person in their own playground;
 * - conversations: tree items "Personal Chat", "Group Chat", "My Team - General", "My Team - Announcements";
 * - composer: a Lexical editable div (role textbox, data-lexical-editor); Enter sends in a chat; a channel's "Start a new post"
 *   box is the group holding the "Post" button;
 * - mention: type "@Test" in the composer, then choose menu item "Test Bot" in the listbox "Typeahead menu";
 *   the playground sends "<at>Test Bot</at> …" with a mention entity for the bot;
 * - messages: a bot's text reply is a paragraph (the chat list's preview of it is not);
 * - cards: rendered by the adaptivecards renderer (`.ac-adaptiveCard`); a card's title TextBlock with
 *   style heading is an ARIA heading; an input's label is its accessible name; Action.Execute buttons are
 *   buttons named by their title; an Action.Execute sends an `adaptiveCard/action` invoke with `replyToId`
 *   set to the card's message and replaces that card in place with the card in the invoke response.
 */
import { randomUUID } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser, Locator, Page } from "playwright-core";
import { CHROMIUM_PATH, chromiumAvailable, launchChromium, localOnlyContext } from "./chromium.js";
import { freePort, startProcess, stopAll, waitForUrl, type RunningProcess } from "./processes.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const BIN = path.join(ROOT, "node_modules/.bin");
export const ARTIFACTS = path.join(ROOT, "test-artifacts/e2e");
export const BOT_NAME = "Test Bot"; // the playground's default name for the bot under test

/** The suite's title; these tests need Chromium and fail (never skip) without it, saying how to install it. */
export function suiteTitle(name: string): string {
  return chromiumAvailable()
    ? name
    : `${name} (FAILS: no Chromium at ${CHROMIUM_PATH}; apt-get install chromium, or set CHROMIUM_PATH)`;
}

/** The playground's signed-in user (its `currentUser`). */
export interface PlaygroundUser {
  id: string;
  name: string;
  email: string;
  aadObjectId: string;
}

/** A second person in the real client: their own playground on the same bot, and its page. */
export interface PlaygroundColleague {
  user: PlaygroundUser;
  playground: RunningProcess;
  page: Page;
}

export interface PlaygroundSession {
  /** Temporary folder: the database, the playground's working directory and log. */
  dir: string;
  /** The bot's SQLite file. */
  databaseFile: string;
  bot: RunningProcess;
  playground: RunningProcess;
  browser: Browser;
  page: Page;
  user: PlaygroundUser;
  /** Present when `colleagueEmail` was given. */
  colleague?: PlaygroundColleague;
  /** Stops the browser, the playgrounds and the bot, and removes `dir`. */
  close(): Promise<void>;
}

export interface PlaygroundOptions {
  /** More environment for the bot, from the playground's user and colleague (e.g. IMPROVEMENT_TEAM_ADMINS). */
  botEnv?: (user: PlaygroundUser, colleague?: PlaygroundUser) => Record<string, string | undefined>;
  viewport?: { width: number; height: number };
  /** Another of the playground tenant's users (e.g. "meganb@example.com"), signed in to a second playground. */
  colleagueEmail?: string;
}

/** What `GET /_internal/v1/testConfig` answers with, as far as the tests read it. */
interface PlaygroundConfig {
  tenantId: string;
  bot: Record<string, unknown>;
  currentUser: PlaygroundUser & Record<string, unknown>;
  users: (PlaygroundUser & Record<string, unknown>)[];
  teams: { id: string; name: string; aadGroupId: string; channels: { id: string; name: string }[] }[];
}

async function playgroundConfig(url: string, playground: RunningProcess): Promise<PlaygroundConfig> {
  const response = await waitForUrl(`${url}/_internal/v1/testConfig`, { process: playground, timeoutMs: 10_000 });
  const body = (await response.json()) as { config?: Partial<PlaygroundConfig> };
  const config = body.config;
  if (!config?.currentUser?.email || !config.currentUser.id || !Array.isArray(config.users) || !config.teams?.[0]) {
    throw new Error(
      `the playground's ${url}/_internal/v1/testConfig has no currentUser with an email, users and a team (a new playground version?): ${JSON.stringify(body).slice(0, 500)}`,
    );
  }
  return config as PlaygroundConfig;
}

function userOf(user: PlaygroundUser): PlaygroundUser {
  return { id: user.id, name: user.name ?? "", email: user.email, aadObjectId: user.aadObjectId ?? "" };
}

/**
 * The configuration file (JSON is YAML) of a second playground signed in as `email`, one of the first
 * one's users: the same tenant, bot and team, everyone else as its other users, chats of its own.
 */
function colleagueConfig(config: PlaygroundConfig, email: string): { user: PlaygroundUser; file: string } {
  const colleague = config.users.find((u) => u.email.toLowerCase() === email.toLowerCase());
  if (!colleague)
    throw new Error(
      `${email} is not one of the playground's users: choose one of ${config.users.map((u) => u.email).join(", ")}`,
    );
  const team = config.teams[0]!;
  const file = JSON.stringify({
    version: "0.1.1",
    tenantId: config.tenantId,
    bot: config.bot,
    currentUser: colleague,
    users: [config.currentUser, ...config.users.filter((u) => u !== colleague)],
    personalChat: { id: randomUUID() },
    groupChat: { id: randomUUID(), name: "Group Chat" },
    team: {
      id: team.id,
      name: team.name,
      aadGroupId: team.aadGroupId,
      // The General channel is the team itself; the file lists only the others.
      channels: team.channels.filter((c) => c.id !== team.id).map((c) => ({ id: c.id, name: c.name })),
    },
  });
  return { user: userOf(colleague), file };
}

/** A playground process in its own folder (its working directory: its config file, if any, and its log). */
function startPlayground(name: string, dir: string, botPort: number, playgroundPort: number): RunningProcess {
  return startProcess(
    name,
    path.join(BIN, "agentsplayground"),
    [
      "-e",
      `http://127.0.0.1:${botPort}/api/messages`,
      "-c",
      "msteams",
      "-p",
      String(playgroundPort),
      "--disable-telemetry",
    ],
    {
      cwd: dir,
      env: {
        APPLICATION_INSIGHTS_NO_STATSBEAT: "true",
        TEAMSAPPTESTER_BROWSER: "none",
        M365_AGENTS_PLAYGROUND_LOGFILE: path.join(dir, "playground.log"),
        M365_AGENTS_PLAYGROUND_CONFIG_PATH: undefined,
        TEAMS_APP_TEST_TOOL_CONFIG_PATH: undefined,
      },
    },
  );
}

/** Its web UI's address, once it listens (the port may differ from the one asked for). */
async function playgroundUrl(playground: RunningProcess): Promise<string> {
  const [, listening] = await playground.waitForOutput(/Listening on (\d+)/, 30_000);
  return `http://localhost:${listening}`;
}

/** The second playground's address, once it listens as the colleague (it read its configuration file). */
async function colleagueReady(playground: RunningProcess, colleague: PlaygroundUser): Promise<string> {
  const url = await playgroundUrl(playground);
  const signedIn = (await playgroundConfig(url, playground)).currentUser;
  if (signedIn.email !== colleague.email)
    throw new Error(
      `the second playground signed in as ${signedIn.email}, not ${colleague.email}: it did not read its .m365agentsplayground.yml`,
    );
  return url;
}

/** A page on the playground's UI, once its log panel says "Connected." (it has reached the bot's endpoint). */
async function openPlayground(browser: Browser, url: string, viewport: { width: number; height: number }) {
  const context = await localOnlyContext(browser, viewport);
  const page = await context.newPage();
  await page.goto(url);
  await page.getByText("Connected.", { exact: true }).waitFor({ timeout: 20_000 });
  return page;
}

/**
 * Start the playground first (it waits for the bot's endpoint), read its user, then the bot with
 * `botEnv(user, colleague)` (and the colleague's playground), and Chromium meanwhile; open the playground's
 * page (and the colleague's) and wait until it is connected. Whatever has started is stopped again when
 * start-up fails.
 */
export async function startPlaygroundSession(options: PlaygroundOptions = {}): Promise<PlaygroundSession> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "tracker-e2e-"));
  mkdirSync(ARTIFACTS, { recursive: true });
  const databaseFile = path.join(dir, "e2e.db");
  let bot: RunningProcess | undefined;
  let playground: RunningProcess | undefined;
  let colleaguePlayground: RunningProcess | undefined;
  const launching = launchChromium();
  launching.catch(() => undefined); // awaited below; do not let an early start-up failure leave it unhandled

  const close = async () => {
    await launching.then((browser) => browser.close()).catch(() => undefined);
    try {
      await stopAll([colleaguePlayground, playground, bot]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };

  try {
    const [botPort, playgroundPort] = [await freePort(), await freePort()];
    // Its own folder as working directory: no developer's .m365agentsplayground.yml, no ./devTools/ log in the repo.
    playground = startPlayground("agentsplayground", dir, botPort, playgroundPort);
    const url = await playgroundUrl(playground);
    const config = await playgroundConfig(url, playground);
    const user = userOf(config.currentUser);

    let colleagueUser: PlaygroundUser | undefined;
    if (options.colleagueEmail) {
      const colleagueDir = path.join(dir, "colleague");
      mkdirSync(colleagueDir);
      const colleague = colleagueConfig(config, options.colleagueEmail);
      writeFileSync(path.join(colleagueDir, ".m365agentsplayground.yml"), colleague.file);
      colleagueUser = colleague.user;
      colleaguePlayground = startPlayground("colleague's agentsplayground", colleagueDir, botPort, await freePort());
    }

    bot = startProcess("bot", path.join(BIN, "tsx"), ["src/index.ts"], {
      cwd: ROOT,
      env: {
        PORT: String(botPort),
        DATABASE_URL: `file:${databaseFile}`,
        DEMO_DATA: "true",
        LOG_LEVEL: "warn",
        // Whatever .env says: local mode, any tenant, no administrators unless the test names them.
        MicrosoftAppId: "",
        ALLOWED_TENANT_IDS: "",
        IMPROVEMENT_TEAM_ADMINS: "",
        ...options.botEnv?.(user, colleagueUser),
      },
    });
    const [, browser, colleagueUrl] = await Promise.all([
      waitForUrl(`http://127.0.0.1:${botPort}/healthz`, { process: bot, timeoutMs: 45_000 }),
      launching,
      colleaguePlayground && colleagueUser ? colleagueReady(colleaguePlayground, colleagueUser) : undefined,
    ]);

    const viewport = options.viewport ?? { width: 1400, height: 1000 };
    const [page, colleaguePage] = await Promise.all([
      openPlayground(browser, url, viewport),
      colleagueUrl ? openPlayground(browser, colleagueUrl, viewport) : undefined,
    ]);
    const colleague =
      colleaguePlayground && colleagueUser && colleaguePage
        ? { user: colleagueUser, playground: colleaguePlayground, page: colleaguePage }
        : undefined;
    return { dir, databaseFile, bot, playground, browser, page, user, colleague, close };
  } catch (error) {
    await close().catch(() => undefined);
    throw error;
  }
}

/** The bot's adaptive card whose title (an ARIA heading) matches `heading`. */
export function cardTitled(page: Page, heading: RegExp | string): Locator {
  return page.locator(".ac-adaptiveCard").filter({ has: page.getByRole("heading", { name: heading }) });
}

/** Scroll a card so that its title is in the middle of the conversation pane, for the screenshot. */
export async function showTitle(card: Locator): Promise<void> {
  await card
    .getByRole("heading")
    .first()
    .evaluate((el) => el.scrollIntoView({ block: "center" }));
}

/** Scroll a (tall) card so that its top is at the top of the conversation pane, for the screenshot. */
export async function showTop(card: Locator): Promise<void> {
  await card.evaluate((el) => el.scrollIntoView({ block: "start" }));
}

/** A screenshot of the whole page into test-artifacts/e2e/; never fails the test. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(ARTIFACTS, name) }).catch(() => undefined);
}

/** The open chat's composer: the Lexical editor (cards' inputs are textboxes too). */
export function composer(page: Page): Locator {
  return page.locator('[role="textbox"][data-lexical-editor="true"]');
}

/** Type `text` into the open chat's composer and send it (in a chat Enter sends). */
export async function sendInChat(page: Page, text: string): Promise<void> {
  await composer(page).click();
  await page.keyboard.type(text);
  await page.keyboard.press("Enter");
}

/** The bot's error and fatal log lines (pino levels 50 and 60). */
export function botErrors(bot: RunningProcess): string[] {
  return bot
    .output()
    .split("\n")
    .filter((line) => /"level":(50|60)/.test(line));
}
