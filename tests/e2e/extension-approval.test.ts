/**
 * An extension request in the real client, from the owner's request to the owner being told: two people,
 * each in their own Microsoft 365 Agents Playground (headless Chromium) on one bot, a child process on a
 * fresh SQLite file with the demo register.
 *
 * Why two playgrounds: the person who asks for an extension may not decide it (the bot refuses, by design),
 * and a playground signs in exactly one user with no way to switch. So the owner is the first playground's
 * own user, Alex Wilber (alexw@example.com), who owns the demo's practice actions as an ordinary owner; the
 * approver is Megan Bowen (meganb@example.com), another user of the playground's tenant, signed in to a
 * second playground and made the improvement team with IMPROVEMENT_TEAM_ADMINS. Neither side is simulated:
 * each playground is the Teams connector for its person, so the approver's card and the owner's news travel
 * as proactive messages from the bot's outbox to the right playground, as they would to two Teams clients.
 *
 * Alex opens the update card of a practice action from "my actions" and asks for a later target with a
 * reason: the card says it waits for approval and the target stays. Megan's approver card arrives in her
 * chat; she approves it. Alex's chat then gets the item's card saying who approved it, with the new target
 * and "extended once", and the register holds the move with its history.
 * How the playgrounds are started and driven: tests/support/agents-playground.ts.
 */
import Database from "better-sqlite3";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addMonths, formatDay } from "../../src/domain/dates/calendar-date.js";
import { PRACTICE_REVIEW_TITLE } from "../../src/services/imports/load-demo-register.js";
import {
  botErrors,
  cardTitled,
  screenshot,
  sendInChat,
  showTop,
  startPlaygroundSession,
  suiteTitle,
  type PlaygroundSession,
} from "../support/agents-playground.js";

const APPROVER_EMAIL = "meganb@example.com"; // one of the playground tenant's default users
const REF = "Action 2"; // the practice action due in a week, owned by the playground's user
const REASON = "The new training platform goes live after the original date";

interface ItemRow {
  id: number;
  version: number;
  originalTargetRaw: string;
  revisedTargetRaw: string | null;
  revisionReason: string | null;
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

/** Opens the personal chat and waits for the bot's welcome card: the bot now knows this person and their chat. */
async function openPersonalChat(page: Page): Promise<void> {
  await page.getByRole("treeitem", { name: "Personal Chat" }).click();
  await page.locator(".ac-adaptiveCard").first().waitFor({ timeout: 15_000 });
}

describe(suiteTitle("An extension request approved in the Agents Playground (real client)"), () => {
  let session: PlaygroundSession | undefined;
  let owner: Page;
  let approver: Page;

  beforeAll(async () => {
    session = await startPlaygroundSession({
      viewport: { width: 1400, height: 1700 }, // tall enough for the whole update card
      colleagueEmail: APPROVER_EMAIL,
      botEnv: (_user, colleague) => ({ IMPROVEMENT_TEAM_ADMINS: colleague!.email }),
    });
    owner = session.page;
    approver = session.colleague!.page;
  }, 75_000);

  afterAll(async () => {
    await session?.close();
  }, 30_000);

  const item = (): ItemRow => {
    const rows = query<ItemRow>(
      session!.databaseFile,
      `SELECT i.id, i.version, i.originalTargetRaw, i.revisedTargetRaw, i.revisionReason
         FROM Item i JOIN Review r ON r.id = i.reviewId WHERE r.title = ? AND i.ref = ?`,
      PRACTICE_REVIEW_TITLE,
      REF,
    );
    expect(rows, `${REF} of the practice review in the demo register`).toHaveLength(1);
    return rows[0]!;
  };
  const requests = (itemId: number) =>
    query<{ state: string; requestedBy: string; requestedTargetRaw: string }>(
      session!.databaseFile,
      `SELECT state, requestedBy, requestedTargetRaw FROM ExtensionRequest WHERE itemId = ? ORDER BY id`,
      itemId,
    );
  const history = (itemId: number) =>
    query<{ action: string; actor: string }>(
      session!.databaseFile,
      `SELECT action, actor FROM AuditEntry WHERE entityType = 'item' AND entityId = ? AND action LIKE 'extension%' ORDER BY id`,
      itemId,
    ).map((a) => `${a.action} by ${a.actor}`);

  it("owner asks for a later target → the approver's card arrives → approved → the owner is told, with the new target and the chain", async () => {
    const { user, colleague } = session!;
    let step = "chats";
    let failedPage = owner;
    try {
      // Both people open their personal chat first: proactive messages show in a page that is open.
      await Promise.all([openPersonalChat(owner), openPersonalChat(approver)]);
      const before = item();
      expect(before.revisedTargetRaw).toBeNull();
      const original = before.originalTargetRaw;
      const asked = addMonths(original, 3);

      // 1. The owner opens the item's update card from "my actions" and asks for a later target with a reason.
      step = "request";
      await sendInChat(owner, "my actions");
      const answer = cardTitled(owner, /^My open actions/);
      await answer.waitFor({ timeout: 20_000 });
      await answer.getByRole("button", { name: `Update ${REF}`, exact: true }).click();
      const card = cardTitled(owner, new RegExp(`^${REF}$`)).first();
      await card.waitFor({ timeout: 20_000 });
      await card.getByLabel(/^Revised target date/).fill(asked);
      await card.getByLabel("Reason for the new date", { exact: true }).fill(REASON);
      await card.getByRole("button", { name: "Save update", exact: true }).click();
      await card
        .getByText(
          `Saved. Your request to move the target to ${formatDay(asked)} is waiting for approval by the directorate's lead or the improvement team; the current target stands until it is decided.`,
          { exact: true },
        )
        .waitFor({ timeout: 20_000 });
      await showTop(card);
      await screenshot(owner, "extension-requested.png");
      expect(item().revisedTargetRaw, "the target stays until it is decided").toBeNull();
      expect(requests(before.id)).toEqual([{ state: "waiting", requestedBy: user.email, requestedTargetRaw: asked }]);

      // 2. The approver's card arrives in the other person's playground, through the bot's outbox.
      step = "approver-card";
      failedPage = approver;
      const request = cardTitled(approver, `Extension request: ${REF}`);
      await request.waitFor({ timeout: 20_000 });
      const shown = await request.innerText();
      expect(shown).toContain(PRACTICE_REVIEW_TITLE);
      expect(shown).toContain(REASON);
      expect(shown).toContain(user.name); // asked by, and owner: named as Teams names them
      expect(shown).toContain(formatDay(original));
      expect(shown).toContain(formatDay(asked));
      expect(shown).toContain("not extended");
      await showTop(request);
      await screenshot(approver, "extension-approver-card.png");

      // 3. The approver approves it; their card says so and offers no more buttons.
      step = "approve";
      await request.getByRole("button", { name: "Approve", exact: true }).click();
      await request
        .getByText(`Approved: the target is now ${formatDay(asked)}. The owner is told.`, { exact: true })
        .waitFor({ timeout: 20_000 });
      expect(await request.getByRole("button", { name: "Approve", exact: true }).count()).toBe(0);
      await showTop(request);
      await screenshot(approver, "extension-approved.png");

      // 4. The owner is told in their own chat: the item's card with who approved it, the new target and the chain.
      step = "owner-told";
      failedPage = owner;
      const told = cardTitled(owner, new RegExp(`^${REF}$`)).filter({
        hasText: `Extension approved by ${colleague!.user.email}: the target is now ${formatDay(asked)}.`,
      });
      await told.waitFor({ timeout: 20_000 });
      const toldText = await told.innerText();
      expect(toldText).toContain(`extended once: ${formatDay(original)} → ${formatDay(asked)}`);
      await showTop(told);
      await screenshot(owner, "extension-owner-told.png");

      // 5. The register: the target moved with its reason, once, and the request and decision are in the history.
      const after = item();
      expect(after).toMatchObject({ revisedTargetRaw: asked, revisionReason: REASON });
      expect(after.version).toBeGreaterThan(before.version);
      expect(requests(before.id)).toEqual([{ state: "approved", requestedBy: user.email, requestedTargetRaw: asked }]);
      expect(history(before.id)).toEqual([
        `extension_requested by ${user.email}`,
        `extension_approved by ${colleague!.user.email}`,
      ]);
    } catch (error) {
      await screenshot(failedPage, `extension-${step}-failed.png`);
      throw error;
    }
  }, 60_000);

  it("logged no error while the playgrounds talked to it", async () => {
    for (const page of [owner, approver])
      await expect(page.getByText(/something went wrong/i).count()).resolves.toBe(0);
    expect(botErrors(session!.bot)).toEqual([]);
  });
});
