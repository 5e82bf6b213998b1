/**
 * Progress updates through cards in the real client: the Microsoft 365 Agents Playground's personal chat
 * (headless Chromium), the bot as a child process on a fresh SQLite file with the demo register (D1's).
 *
 * The playground's user (Alex Wilber, alexw@example.com: its default configuration, read from the
 * playground before the bot starts) is the improvement team through IMPROVEMENT_TEAM_ADMINS. They assign
 * themselves an open item, ask "my actions", open the item's update card from the answer card (it comes
 * as a new message and the list stays), save a bad revised date (the card comes back with the
 * error by the field and what they typed), then save the narrative alone ("Saved."). The database must
 * then hold exactly one new progress update with that narrative, and the item's version one higher.
 * How the playground is started and driven: tests/support/agents-playground.ts.
 */
import Database from "better-sqlite3";
import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  botErrors,
  cardTitled,
  screenshot,
  sendInChat,
  showTitle,
  showTop,
  startPlaygroundSession,
  suiteTitle,
  type PlaygroundSession,
} from "../support/agents-playground.js";

const REVIEW = "Ofsted Focused Visit";
const REF = "Area for improvement 2"; // open (in progress, on track) in the demo register; owned by cyps.owner2@example.org
// Under 80 characters: the card's history shows longer values shortened with "…".
const NARRATIVE = "CAMHS waiting list down from 32 to 14 weeks; new triage service started.";
const BAD_DATE = "31/02/2027";
const REASON = "The new provider's contract starts later than planned";

interface ItemRow {
  id: number;
  version: number;
  latestUpdate: string | null;
  ownerEmail: string | null;
  revisedTargetRaw: string | null;
}
interface UpdateRow {
  progress: string;
  narrative: string | null;
  actor: string;
}

/** Read-only queries on the bot's SQLite file (WAL: the bot keeps writing meanwhile). */
function query<T>(file: string, sql: string, ...params: unknown[]): T[] {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

describe(suiteTitle("Updating an item through cards in the Agents Playground (real client)"), () => {
  let session: PlaygroundSession | undefined;
  let page: Page;

  beforeAll(async () => {
    session = await startPlaygroundSession({
      // Tall enough for the whole update card.
      viewport: { width: 1400, height: 1700 },
      botEnv: (user) => ({ IMPROVEMENT_TEAM_ADMINS: user.email }),
    });
    page = session.page;
  }, 75_000);

  afterAll(async () => {
    await session?.close();
  }, 30_000);

  const item = (): ItemRow => {
    const rows = query<ItemRow>(
      session!.databaseFile,
      `SELECT i.id, i.version, i.latestUpdate, o.email AS ownerEmail, i.revisedTargetRaw
         FROM Item i JOIN Review r ON r.id = i.reviewId LEFT JOIN Person o ON o.id = i.ownerId
        WHERE r.title = ? AND i.ref = ?`,
      REVIEW,
      REF,
    );
    expect(rows, `${REF} of ${REVIEW} in the demo register`).toHaveLength(1);
    return rows[0]!;
  };
  const updates = (itemId: number): UpdateRow[] =>
    query<UpdateRow>(
      session!.databaseFile,
      `SELECT progress, narrative, actor FROM ProgressUpdate WHERE itemId = ? ORDER BY id`,
      itemId,
    );
  const targetRevisions = (itemId: number): number =>
    query<{ n: number }>(session!.databaseFile, `SELECT count(*) AS n FROM TargetRevision WHERE itemId = ?`, itemId)[0]!
      .n;

  /** The bot's text reply to an assign command, whichever way it went. */
  const assignReply = (): Locator =>
    page
      .getByRole("paragraph")
      .filter({ hasText: /^(Done:|Nothing assigned|Only the improvement team|".*" is not an email)/ });

  it("links the playground's user by the member look-up, and lets them (the improvement team) assign themselves an item", async () => {
    const { user } = session!;
    try {
      await page.getByRole("treeitem", { name: "Personal Chat" }).click();
      // The installation's welcome card comes first; wait for it so the replies are not raced by it.
      await page.locator(".ac-adaptiveCard").first().waitFor({ timeout: 15_000 });
      const before = item();
      expect(before.ownerEmail).not.toBe(user.email);

      await sendInChat(page, `assign ${REF} of ${REVIEW} to ${user.email}`);
      const reply = assignReply();
      await reply.waitFor({ timeout: 15_000 });
      expect(await reply.innerText()).toBe(`Done: ${user.email} owns 1 item (1 changed).`);

      // The bot found the same email through the connector's member look-up (the activities carry none).
      const people = query<{ email: string; teamsUserId: string | null }>(
        session!.databaseFile,
        `SELECT email, teamsUserId FROM Person WHERE aadObjectId = ?`,
        user.aadObjectId,
      );
      expect(people).toEqual([{ email: user.email, teamsUserId: user.id }]);
      const after = item();
      expect(after.ownerEmail).toBe(user.email);
      expect(after.version).toBe(before.version + 1);
    } finally {
      await screenshot(page, "assign.png");
    }
  }, 40_000);

  it('opens the update card from "my actions", refuses a bad date by its field, then saves the update once', async () => {
    const { user } = session!;
    const before = item();
    const updatesBefore = updates(before.id);
    let step = "my-actions";
    try {
      // 1. "my actions": the answer card lists the item with its "Update" button.
      await sendInChat(page, "my actions");
      const answer = cardTitled(page, /^My open actions/);
      await answer.waitFor({ timeout: 20_000 });
      const open = answer.getByRole("button", { name: `Update ${REF}`, exact: true });
      await open.waitFor({ timeout: 5_000 });
      await showTitle(answer);
      await screenshot(page, "my-actions.png");
      const answerText = await answer.innerText();
      expect(answerText).toContain(REVIEW);
      expect(answerText).toContain(user.name); // owners are named as Teams names them

      // 2. The update card comes as a new message; the answer card stays, so an owner with several items need not ask again.
      step = "update-card";
      await open.click();
      const card = cardTitled(page, new RegExp(`^${REF}$`));
      await card.waitFor({ timeout: 20_000 });
      expect(await answer.isVisible(), "the list is still in the chat").toBe(true);
      expect(await open.isVisible(), "with its Update button").toBe(true);
      const progress = card.getByRole("combobox", { name: "Progress", exact: true });
      const narrative = card.getByLabel("Progress update", { exact: true });
      const revisedDate = card.getByLabel(/^Revised target date/);
      const reason = card.getByLabel("Reason for the new date", { exact: true });
      const save = card.getByRole("button", { name: "Save update", exact: true });
      for (const input of [progress, narrative, revisedDate, reason, save]) await input.waitFor({ timeout: 5_000 });
      expect(await card.innerText()).toContain(REVIEW);
      expect(await progress.inputValue()).toBe("In progress");
      expect(await narrative.inputValue()).toBe("");
      await showTop(card);
      await screenshot(page, "update-card.png");

      // 3. A date that does not exist: the card comes back with the error under the date and what was typed.
      step = "update-error";
      await narrative.fill(NARRATIVE);
      await revisedDate.fill(BAD_DATE);
      await reason.fill(REASON);
      await save.click();
      const dateError = card.getByText(`"${BAD_DATE}" is not a day: February 2027 has no 31st.`);
      await dateError.waitFor({ timeout: 20_000 });
      await card.getByText("Not saved yet: fix the fields marked below.", { exact: true }).waitFor({ timeout: 5_000 });
      expect(await narrative.inputValue()).toBe(NARRATIVE);
      expect(await revisedDate.inputValue()).toBe(BAD_DATE);
      expect(await reason.inputValue()).toBe(REASON);
      const [dateBox, errorBox, reasonBox] = await Promise.all([
        revisedDate.boundingBox(),
        dateError.boundingBox(),
        reason.boundingBox(),
      ]);
      expect(errorBox!.y, "the error is below the revised target date").toBeGreaterThanOrEqual(
        dateBox!.y + dateBox!.height - 1,
      );
      expect(errorBox!.y + errorBox!.height, "and above the next field").toBeLessThanOrEqual(reasonBox!.y);
      expect(item().version, "nothing saved").toBe(before.version);
      expect(updates(before.id)).toEqual(updatesBefore);
      await showTop(card);
      await screenshot(page, "update-error.png");

      // 4. Leave the date blank (keeps the current target) and save again.
      step = "update-saved";
      await revisedDate.fill("");
      await reason.fill("");
      await save.click();
      await card.getByText("Saved.", { exact: true }).waitFor({ timeout: 20_000 });
      expect(await dateError.count()).toBe(0);
      const savedText = await card.innerText();
      expect(savedText).toContain(`${user.name}: updated it (progress note: none → ${NARRATIVE})`);
      expect(await narrative.inputValue(), "a fresh card for the next update").toBe("");
      await showTop(card);
      await screenshot(page, "update-saved.png");

      // 5. The register: one progress update with that narrative, the version one higher, the target unchanged.
      const after = item();
      expect(after.version).toBe(before.version + 1);
      expect(after.latestUpdate).toBe(NARRATIVE);
      expect(after.revisedTargetRaw).toBe(before.revisedTargetRaw);
      expect(targetRevisions(before.id)).toBe(0);
      const added = updates(before.id).slice(updatesBefore.length);
      expect(added).toEqual([{ progress: "in_progress", narrative: NARRATIVE, actor: user.email }]);
      expect(updates(before.id).filter((u) => u.narrative === NARRATIVE)).toHaveLength(1);
    } catch (error) {
      await screenshot(page, `${step}-failed.png`);
      throw error;
    }
  }, 45_000);

  it("logged no error while the playground talked to it", async () => {
    await expect(page.getByText(/something went wrong/i).count()).resolves.toBe(0);
    expect(botErrors(session!.bot)).toEqual([]);
  });
});
