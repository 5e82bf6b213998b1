/**
 * `npx tsx scripts/readme-screenshots.ts`: the README's pictures of the bot in Microsoft's Teams simulator
 * (the Agents Playground, offline), taken from a fresh demo database. The playground's user, Alex Wilber
 * (alexw@example.com), is made the improvement team, takes on four open items, asks "my actions", opens
 * one item's update card, names a reporting point and posts its summary. Writes docs/playground-*.png.
 */
import path from "node:path";
import type { Locator, Page } from "playwright-core";
import { cardTitled, sendInChat, showTop, startPlaygroundSession } from "../tests/support/agents-playground.js";

const DOCS = path.resolve(import.meta.dirname, "../docs");
const ASSIGNMENTS = [
  "Area for improvement 2, Area for improvement 3 of Ofsted Focused Visit",
  "Rec IR4, Rec IR6 of 2023/24 VFM",
];
const UPDATE_REF = "Area for improvement 2";
const WAIT = { timeout: 30_000 };

async function shoot(page: Page, card: Locator, name: string): Promise<void> {
  await showTop(card);
  await page.mouse.move(1, 1); // nothing hovered (a hovered chart fades all but one series)
  await page.screenshot({ path: path.join(DOCS, name) });
  process.stderr.write(`wrote docs/${name}\n`);
}

/** Yesterday in London: the latest cut-off a summary can be posted for today. */
function yesterday(now: Date): string {
  const day = new Date(now.getTime() - 24 * 3600 * 1000);
  return day.toLocaleDateString("en-CA", { timeZone: "Europe/London" });
}

const session = await startPlaygroundSession({
  viewport: { width: 1280, height: 1400 },
  botEnv: (user) => ({ IMPROVEMENT_TEAM_ADMINS: user.email }),
});
try {
  const { page, user } = session;
  await page.getByRole("treeitem", { name: "Personal Chat" }).click();
  await page.locator(".ac-adaptiveCard").first().waitFor(WAIT); // the welcome card

  for (const [n, items] of ASSIGNMENTS.entries()) {
    await sendInChat(page, `assign ${items} to ${user.email}`);
    await page
      .getByRole("paragraph")
      .filter({ hasText: /^Done:/ })
      .nth(n)
      .waitFor(WAIT);
  }

  await sendInChat(page, "my actions");
  const answer = cardTitled(page, /^My open actions/);
  await answer.waitFor(WAIT);
  await shoot(page, answer, "playground-my-actions.png");

  await answer
    .getByRole("button", { name: `Update ${UPDATE_REF}`, exact: true })
    .first()
    .click();
  const update = cardTitled(page, new RegExp(`^${UPDATE_REF}$`));
  await update.waitFor(WAIT);
  await shoot(page, update, "playground-update-card.png");

  await sendInChat(page, `new reporting point Audit Committee 28 January 2027 cut-off ${yesterday(new Date())}`);
  await cardTitled(page, /^Reporting point named/).waitFor(WAIT);
  await sendInChat(page, "post summary");
  const summary = cardTitled(page, /^Period summary/);
  await summary.waitFor({ timeout: 60_000 }); // queued, then sent by the dispatcher
  await page.setViewportSize({ width: 1280, height: 1900 }); // the whole card: counts, tables and chart
  await shoot(page, summary, "playground-summary-card.png");
} finally {
  await session.close();
}
