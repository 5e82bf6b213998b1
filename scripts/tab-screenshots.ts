/**
 * `npx tsx scripts/tab-screenshots.ts`: the README's pictures of the register as a Teams tab, taken in headless
 * Chromium from the real server on a fresh demo database (local mode, acting as the improvement team): the
 * personal tab in Teams' light theme and the CYPS channel tab in its dark theme. Writes docs/images/tab-*.png.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { startTabSession } from "../tests/support/tab-browser.js";
import { waitForFirstPage } from "../tests/support/tab-grid.js";

const IMAGES = path.resolve(import.meta.dirname, "../docs/images");
/** Wide enough for the grid's columns beside the filters, short enough to keep the file modest. */
const VIEWPORT = { width: 1280, height: 1300 };

async function shoot(page: Page, name: string): Promise<void> {
  await waitForFirstPage(page);
  await page.getByRole("region", { name: "Summary" }).getByRole("img").first().waitFor();
  await page.mouse.move(1, 1); // nothing hovered
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.screenshot({ path: path.join(IMAGES, name) });
  process.stderr.write(`wrote docs/images/${name}\n`);
}

mkdirSync(IMAGES, { recursive: true });
const session = await startTabSession({ viewport: VIEWPORT });
try {
  await shoot(await session.open("/tab/register?theme=default"), "tab-personal-light.png");
  await shoot(
    await session.open("/tab/register?scope=channel&directorate=CYPS&theme=dark"),
    "tab-channel-cyps-dark.png",
  );
} finally {
  await session.close();
}
