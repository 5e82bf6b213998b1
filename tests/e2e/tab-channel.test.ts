/**
 * A channel tab for CYPS (`/tab/register?scope=channel&directorate=CYPS`) never shows a confidential item or
 * review, in headless Chromium against the real server: the demo's children's homes, one of them given an open
 * action, appear nowhere on the page (grid, summary, a search for the home or the action), the action's own
 * item route answers 404 in channel scope, and neither the downloaded CSV nor the workbook holds them (their
 * bytes read). The personal tab shows the same action to the improvement team, so the fixture is really there.
 */
import JSZip from "jszip";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/data/database.js";
import { CANONICAL_COLUMNS } from "../../src/domain/register/register-row.js";
import {
  botErrors,
  download,
  importCsv,
  loadDemo,
  startTabSession,
  tabScreenshot,
  tabSuiteTitle,
  type TabSession,
} from "../support/tab-browser.js";
import { allShownItems, shownRefs, waitForFirstPage } from "../support/tab-grid.js";

const HOME = "Residential Children's Home 2597567";
/** The demo's children's homes (confidential reviews): the number in each title identifies the home. */
const HOME_NUMBERS = ["037521", "2662265", "2597567", "2629335", "2775749", "2759142", "2812398"];
const ACTION_WORD = "Larkspur";
const ACTION_TEXT = `${ACTION_WORD} House: review the night staffing rota after the inspection`;
/** Words that would give a home away: its title, its numbers, its action's text. */
const SECRETS = [ACTION_WORD, "Residential Children", "night staffing", ...HOME_NUMBERS];

/** The demo's home rated "Requires improvement", given an open action (an item of a confidential review). */
function confidentialActionCsv(): string {
  const cells: Partial<Record<(typeof CANONICAL_COLUMNS)[number], string>> = {
    directorate: "CYPS",
    review_title: HOME,
    review_body: "Ofsted",
    review_type: "inspection",
    outcome: "Requires Improvement to be good",
    item_ref: "Action 1",
    item_kind: "action",
    item_text: ACTION_TEXT,
    owner_email: "cyps.owner1@example.org",
    original_target: "Dec-27",
    progress: "in_progress",
    confidential: "true",
  };
  const quote = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return `${CANONICAL_COLUMNS.join(",")}\n${CANONICAL_COLUMNS.map((c) => quote(cells[c] ?? "")).join(",")}\n`;
}

/** The secrets found in `text` (none, when nothing confidential leaked). */
function leaked(text: string): string[] {
  return SECRETS.filter((secret) => text.toLowerCase().includes(secret.toLowerCase()));
}

/** Every text a workbook holds: its shared strings and each sheet's inline strings and values. */
async function workbookText(bytes: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(bytes);
  const parts = Object.keys(zip.files).filter((name) => /^xl\/(sharedStrings|worksheets\/.*)\.xml$/.test(name));
  expect(parts.length).toBeGreaterThan(0);
  const xml = await Promise.all(parts.map((name) => zip.file(name)!.async("string")));
  return xml
    .join("\n")
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, "&");
}

async function searchFor(page: Page, words: string): Promise<void> {
  const search = page.getByRole("searchbox", { name: "Search the register" });
  await search.fill(words);
  await search.press("Enter");
}

describe(tabSuiteTitle("a channel tab for CYPS and the children's homes"), () => {
  let session: TabSession;
  let channel: Page;
  let actionId: number;

  beforeAll(async () => {
    session = await startTabSession({
      prepare: async (store, now, dir) => {
        await loadDemo(store, now);
        await importCsv(store, dir, confidentialActionCsv(), now);
      },
    });
    const store = await openDatabase(session.databaseUrl);
    try {
      actionId = (await store.item.findFirstOrThrow({ where: { text: ACTION_TEXT } })).id;
    } finally {
      await store.$disconnect();
    }
    channel = await session.open("/tab/register?scope=channel&directorate=CYPS&theme=default");
    await waitForFirstPage(channel);
  }, 90_000);

  afterAll(async () => {
    await session?.close();
  }, 30_000);

  it("shows the home's action to the improvement team in the personal tab (the fixture is there)", async () => {
    const personal = await session.open("/tab/register?theme=default");
    try {
      await waitForFirstPage(personal);
      await searchFor(personal, ACTION_WORD);
      await expect.poll(() => shownRefs(personal), { timeout: 10_000 }).toEqual(["Action 1"]);
    } finally {
      await personal.close();
    }
  });

  it("heads the page with the directorate and lists CYPS's items without any home, on every page", async () => {
    await channel.getByRole("heading", { level: 1, name: "Register: Children and Young People's Services" }).waitFor();
    const items = await allShownItems(channel);
    expect(items.length).toBeGreaterThan(3);
    expect(items.filter((i) => leaked(`${i.review} ${i.ref}`).length > 0)).toEqual([]);
    expect(leaked(await channel.locator("body").innerText())).toEqual([]);
  });

  it("names no home in the summary's chart or its table", async () => {
    const summary = channel.getByRole("region", { name: "Summary" });
    await summary.getByRole("table", { name: "Items by status and directorate (table)" }).waitFor();
    const chart = summary.getByRole("img", { name: "Items by status and directorate" });
    const text = `${await summary.innerText()} ${await chart.evaluate((el) => el.outerHTML)}`;
    expect(leaked(text)).toEqual([]);
    await tabScreenshot(channel, "channel-cyps.png");
  });

  it.each([HOME, HOME_NUMBERS[2]!, ACTION_WORD, "night staffing rota"])(
    "finds nothing when searched for %s",
    async (words) => {
      await searchFor(channel, words);
      await channel
        .getByRole("status")
        .filter({ hasText: /^0 items|no items/i })
        .first()
        .waitFor();
      expect(await shownRefs(channel)).toEqual([]);
      expect(leaked(await channel.locator("body").innerText())).toEqual([]);
    },
  );

  it("answers 404 for the home's action by its id in channel scope, and leaks nothing in the answer", async () => {
    const answer = await channel.evaluate(async (id) => {
      const response = await fetch(`/api/items/${id}?scope=channel&directorate=CYPS`);
      return { status: response.status, body: await response.text() };
    }, actionId);
    expect(answer.status).toBe(404);
    expect(leaked(answer.body)).toEqual([]);
  });

  it("downloads a CSV and a workbook of CYPS's register that hold no home", async () => {
    await searchFor(channel, "");
    await waitForFirstPage(channel);
    const csv = await download(channel, "Download CSV");
    const csvText = csv.bytes.toString("utf8");
    expect(csvText).toContain("CAMHS");
    expect(leaked(csvText)).toEqual([]);

    const workbook = await download(channel, "Download workbook");
    expect(workbook.bytes.subarray(0, 2).toString("latin1")).toBe("PK");
    const sheets = await workbookText(workbook.bytes);
    expect(sheets).toContain("CAMHS");
    expect(leaked(sheets)).toEqual([]);
  });

  it("logged no error while the pages were used", () => {
    expect(botErrors(session.bot)).toEqual([]);
  });
});
