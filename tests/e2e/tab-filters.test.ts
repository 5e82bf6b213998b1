/**
 * The register tab's filters and search, in headless Chromium against the real server on the demo register,
 * give exactly what the command line's `status --json` gives with the same filter over the same database
 * (the same items, each with the same status); and the channel tab's configuration page offers "All
 * directorates" first, then the council's five directorates.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIRECTORATES } from "../../src/domain/register/directorates.js";
import { STATUS_LABELS, type Status } from "../../src/domain/status/status.js";
import { runCliCaptured } from "../support/cli-run.js";
import { botErrors, startTabSession, tabScreenshot, tabSuiteTitle, type TabSession } from "../support/tab-browser.js";
import { allShownItems, chooseOption, waitForFirstPage, type ShownItem } from "../support/tab-grid.js";

/** The council's five directorates today (the register also knows two older names, for old papers). */
const CURRENT_DIRECTORATES = ["CYPS", "ACHPH", "RE", "FCS", "ACEX"];

interface StatusLine {
  review_title: string;
  item_ref: string;
  item_kind: string;
  directorate: string;
  status: Status;
}

/** `status --json` with `args`, as "review / ref: status" lines, sorted. */
async function cliStatus(session: TabSession, args: string[], keep: (line: StatusLine) => boolean = () => true) {
  const run = await runCliCaptured(["status", "--json", ...args], { DATABASE_URL: session.databaseUrl }, new Date());
  expect(run.stderr).toBe("");
  expect(run.code).toBe(0);
  const lines = (JSON.parse(run.stdout) as StatusLine[]).filter(keep);
  return lines.map((l) => `${l.review_title} / ${l.item_ref}: ${STATUS_LABELS[l.status]}`).sort();
}

function asLines(items: ShownItem[]): string[] {
  return items.map((i) => `${i.review} / ${i.ref}: ${i.status}`).sort();
}

describe(tabSuiteTitle("the register tab's filters and search"), () => {
  let session: TabSession;
  let page: Page;

  beforeAll(async () => {
    session = await startTabSession();
    page = await session.open("/tab/register?theme=default");
    await waitForFirstPage(page);
  }, 90_000);

  afterAll(async () => {
    await session?.close();
  }, 30_000);

  it("shows the directorate CYPS's items as `status --json --directorate CYPS` lists them", async () => {
    await chooseOption(page, "Directorate", /CYPS|Children and Young People/);
    const expected = await cliStatus(session, ["--directorate", "CYPS"]);
    expect(expected.length).toBeGreaterThan(3);
    await expect.poll(async () => asLines(await allShownItems(page)), { timeout: 10_000 }).toEqual(expected);
  });

  it("narrows CYPS to one status as `status --json --directorate CYPS --status on_track` does", async () => {
    await chooseOption(page, "Status", STATUS_LABELS.on_track);
    const expected = await cliStatus(session, ["--directorate", "CYPS", "--status", "on_track"]);
    expect(expected.length).toBeGreaterThan(0);
    await expect.poll(async () => asLines(await allShownItems(page)), { timeout: 10_000 }).toEqual(expected);
    await tabScreenshot(page, "filters-cyps-on-track.png");
  });

  it("finds a review's items by a word of its title, as `status --json` lists that review", async () => {
    await page.getByRole("button", { name: "Clear filters" }).click();
    const search = page.getByRole("searchbox", { name: "Search the register" });
    await search.fill("VFM");
    await search.press("Enter");
    const expected = await cliStatus(session, [], (l) => l.review_title.includes("VFM"));
    expect(expected.length).toBeGreaterThan(3);
    await expect.poll(async () => asLines(await allShownItems(page)), { timeout: 10_000 }).toEqual(expected);
  });

  it("shows every delayed item across directorates as `status --json --status partly_delayed` does", async () => {
    await page.getByRole("button", { name: "Clear filters" }).click();
    await chooseOption(page, "Status", STATUS_LABELS.partly_delayed);
    const expected = await cliStatus(session, ["--status", "partly_delayed"]);
    expect(new Set(expected.map((l) => l.split(" / ")[0])).size).toBeGreaterThan(1);
    await expect.poll(async () => asLines(await allShownItems(page)), { timeout: 10_000 }).toEqual(expected);
  });

  it("offers All directorates first, then the five directorates, on the channel tab's configuration page", async () => {
    const config = await session.open("/tab/config?theme=default");
    try {
      await config.getByRole("heading", { name: "Choose a directorate" }).waitFor();
      const radios = config.getByRole("radio");
      let names: string[];
      if ((await radios.count()) > 0) {
        names = await radios.evaluateAll((els) =>
          els.map((el) =>
            (el.getAttribute("aria-label") ?? (el as HTMLInputElement).labels?.[0]?.innerText ?? "").trim(),
          ),
        );
      } else {
        const select = config.getByLabel("Directorate", { exact: true });
        if ((await select.evaluate((el) => el.tagName)) !== "SELECT") await select.click();
        names = await config.getByRole("option").allInnerTexts();
      }
      await tabScreenshot(config, "config.png");
      // Each directorate by its name (the page may put its code first: "CYPS: Children and Young People's Services").
      expect(names[0]?.trim()).toBe("All directorates");
      expect(names).toHaveLength(1 + CURRENT_DIRECTORATES.length);
      CURRENT_DIRECTORATES.forEach((id, index) =>
        expect(names[index + 1]).toContain(DIRECTORATES.find((d) => d.id === id)!.name),
      );
    } finally {
      await config.close();
    }
  });

  it("logged no error while the pages were used", () => {
    expect(botErrors(session.bot)).toEqual([]);
  });
});
