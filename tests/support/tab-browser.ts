/**
 * The register's Teams tab in a real browser, for the tab's browser tests, its benchmark and the README's
 * screenshots: the bot as a child process in local mode (no MicrosoftAppId, no SSO_AUDIENCE, so the page acts
 * as LOCAL_TAB_USER, the first improvement-team administrator) on a fresh SQLite file holding the demo register
 * (or a register the caller prepares), the tab's bundle built first when it is missing, and headless Debian
 * Chromium that can reach only this machine. Without Chromium it fails, saying what to install; it never skips.
 */
import { execFileSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { openDatabase, type Store } from "../../src/data/database.js";
import { ensureDirectorates } from "../../src/data/register/register-store.js";
import { londonDate } from "../../src/domain/dates/calendar-date.js";
import { importRegister } from "../../src/services/imports/import-register.js";
import { loadDemoRegister } from "../../src/services/imports/load-demo-register.js";
import { CHROMIUM_PATH, chromiumAvailable, launchChromium, localOnlyContext } from "./chromium.js";
import { freePort, startProcess, stopAll, waitForUrl, type RunningProcess } from "./processes.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const BIN = path.join(ROOT, "node_modules/.bin");
export const TAB_ARTIFACTS = path.join(ROOT, "test-artifacts/tab");

/** The improvement-team administrator the page acts as in local mode (LOCAL_TAB_USER's default). */
export const TAB_ADMIN_EMAIL = "improvement.lead@example.org";
export const THEMES = ["default", "dark", "contrast"] as const;
export type TabTheme = (typeof THEMES)[number];

/** The suite's title; these tests need Chromium and fail (never skip) without it, saying how to install it. */
export function tabSuiteTitle(name: string): string {
  return chromiumAvailable()
    ? name
    : `${name} (FAILS: no Chromium at ${CHROMIUM_PATH}; apt-get install chromium, or set CHROMIUM_PATH)`;
}

/**
 * The bundle the server serves under /tab/assets/: `npm run build:tab` writes it at install and build. A fresh
 * checkout without it, or one whose page source changed since, builds it again here.
 */
const TAB_BUNDLE = path.join(ROOT, "build/tab/assets/tab.js");
const TAB_SOURCE = path.join(ROOT, "tab");
const TAB_BUILD_SCRIPT = "build:tab";

/** The newest modification time of any file under `dir`. */
function newestChange(dir: string): number {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .reduce((newest, entry) => Math.max(newest, statSync(path.join(entry.parentPath, entry.name)).mtimeMs), 0);
}

function bundleCurrent(): boolean {
  return (
    existsSync(TAB_BUNDLE) && (!existsSync(TAB_SOURCE) || statSync(TAB_BUNDLE).mtimeMs >= newestChange(TAB_SOURCE))
  );
}

/**
 * Builds the bundle when it is missing or older than the page's source. Test files start together: one builds
 * (holding a lock folder beside the bundle) while the others wait for it, so none serves a half-written bundle.
 */
export async function ensureTabBundle(): Promise<void> {
  const lock = path.join(ROOT, "build/tab-building.lock");
  const deadline = Date.now() + 180_000;
  while (!bundleCurrent()) {
    mkdirSync(path.dirname(lock), { recursive: true });
    try {
      mkdirSync(lock);
    } catch {
      if (Date.now() > deadline)
        throw new Error(`another process has been building the tab's bundle for 3 minutes (${lock})`);
      await new Promise((resolve) => setTimeout(resolve, 250));
      continue;
    }
    try {
      const scripts = (JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { scripts: object })
        .scripts;
      if (!(TAB_BUILD_SCRIPT in scripts))
        throw new Error(
          `the tab's bundle ${TAB_BUNDLE} is missing and package.json has no "${TAB_BUILD_SCRIPT}" script`,
        );
      execFileSync("npm", ["run", "--silent", TAB_BUILD_SCRIPT], { cwd: ROOT, stdio: "inherit", timeout: 120_000 });
    } finally {
      rmSync(lock, { recursive: true, force: true });
    }
    if (!bundleCurrent()) throw new Error(`npm run ${TAB_BUILD_SCRIPT} wrote no bundle at ${TAB_BUNDLE}`);
  }
}

export interface TabSessionOptions {
  /**
   * Fills the fresh register before the bot starts (the bot then finds it non-empty and loads no demo).
   * Absent, the demo register as `npm start` loads it.
   */
  prepare?: (store: Store, now: Date, dir: string) => Promise<void>;
  /** More settings for the bot. */
  env?: Record<string, string | undefined>;
  viewport?: { width: number; height: number };
}

export interface TabSession {
  /** Temporary folder holding the database and downloads. */
  dir: string;
  databaseUrl: string;
  /** The bot's address, e.g. http://127.0.0.1:41234. */
  url: string;
  bot: RunningProcess;
  browser: Browser;
  context: BrowserContext;
  /** A new page on `pathAndQuery` (e.g. "/tab/register?theme=dark"), once its document has loaded. */
  open(pathAndQuery: string): Promise<Page>;
  /** Stops the browser and the bot, and removes `dir`. */
  close(): Promise<void>;
}

/** The demo register, as `npm start` loads it into an empty database. */
export async function loadDemo(store: Store, now: Date): Promise<void> {
  await loadDemoRegister(store, now);
}

/** Imports a register file in the tracker's layout (CSV text) into `store`, as the command line's import does. */
export async function importCsv(store: Store, dir: string, csv: string, now: Date): Promise<void> {
  const file = path.join(dir, `import-${Date.now()}.csv`);
  writeFileSync(file, csv);
  const report = await importRegister(store, { file, dryRun: false, actor: "test", today: londonDate(now), now });
  if (!report.ok)
    throw new Error(`the test register did not import: ${report.file_problem ?? JSON.stringify(report.errors)}`);
}

/**
 * Prepares a fresh SQLite register (the demo unless `prepare` says otherwise), then starts the bot on it in
 * local mode and Chromium meanwhile. Whatever has started is stopped again when start-up fails.
 */
export async function startTabSession(options: TabSessionOptions = {}): Promise<TabSession> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "tracker-tab-"));
  mkdirSync(TAB_ARTIFACTS, { recursive: true });
  const databaseUrl = `file:${path.join(dir, "tab.db")}`;
  let bot: RunningProcess | undefined;
  const launching = launchChromium();
  launching.catch(() => undefined); // awaited below; an early start-up failure must not leave it unhandled

  const close = async () => {
    await launching.then((browser) => browser.close()).catch(() => undefined);
    try {
      await stopAll([bot]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };

  try {
    await ensureTabBundle();
    const now = new Date();
    const store = await openDatabase(databaseUrl, async (db) => {
      await ensureDirectorates(db);
      await (options.prepare ?? loadDemo)(db, now, dir);
    });
    await store.$disconnect();

    const port = await freePort();
    bot = startProcess("bot", path.join(BIN, "tsx"), ["src/index.ts"], {
      cwd: ROOT,
      env: {
        PORT: String(port),
        HOST: "127.0.0.1",
        DATABASE_URL: databaseUrl,
        DEMO_DATA: "false",
        LOG_LEVEL: "warn",
        // Whatever .env says: local mode without sign-on, any tenant, the page acting as the administrator.
        MicrosoftAppId: "",
        MicrosoftAppPassword: "",
        SSO_AUDIENCE: "",
        ALLOWED_TENANT_IDS: "",
        IMPROVEMENT_TEAM_ADMINS: TAB_ADMIN_EMAIL,
        LOCAL_TAB_USER: undefined,
        PUBLIC_BASE_URL: undefined,
        ...options.env,
      },
    });
    const url = `http://127.0.0.1:${port}`;
    const [, browser] = await Promise.all([
      waitForUrl(`${url}/healthz`, { process: bot, timeoutMs: 45_000 }),
      launching,
    ]);
    const context = await localOnlyContext(browser, options.viewport ?? { width: 1400, height: 1000 });
    context.setDefaultTimeout(15_000);
    const open = async (pathAndQuery: string) => {
      const page = await context.newPage();
      await page.goto(`${url}${pathAndQuery}`);
      return page;
    };
    return { dir, databaseUrl, url, bot: bot, browser, context, open, close };
  } catch (error) {
    await close().catch(() => undefined);
    throw error;
  }
}

/** Clicks the download button named `name` and reads the file it downloads: its suggested name and bytes. */
export async function download(page: Page, name: string): Promise<{ filename: string; bytes: Buffer }> {
  const [file] = await Promise.all([
    page.waitForEvent("download", { timeout: 20_000 }),
    page.getByRole("button", { name, exact: true }).click(),
  ]);
  const saved = await file.path();
  return { filename: file.suggestedFilename(), bytes: readFileSync(saved) };
}

/** A screenshot of the whole page into test-artifacts/tab/; never fails the test. */
export async function tabScreenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(TAB_ARTIFACTS, name), fullPage: true }).catch(() => undefined);
}

/** The bot's error and fatal log lines (pino levels 50 and 60). */
export function botErrors(bot: RunningProcess): string[] {
  return bot
    .output()
    .split("\n")
    .filter((line) => /"level":(50|60)/.test(line));
}
