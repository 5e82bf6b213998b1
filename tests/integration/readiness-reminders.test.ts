/**
 * Readiness reminders ride on the reminder sweep: the readiness owner of each regime is sent a card 6 and
 * 3 months before the next expected inspection, on the working day at or after each date and inside the send
 * window, once each however often the sweep runs; after downtime only the latest one due goes; a moved
 * expected date is a new reminder. A linked peer challenge's follow-ups are then reminded of as items are.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAdapter } from "../../src/bot/create-bot.js";
import { loadConfig } from "../../src/config.js";
import { CALENDAR_COLUMNS } from "../../src/domain/calendar/calendar-rows.js";
import { DEFAULT_REMINDER_POLICY as policy } from "../../src/domain/reminders/reminder-policy.js";
import { createLogger } from "../../src/logger.js";
import { linkReviewToRegime } from "../../src/services/calendar/link-review.js";
import { importRegister } from "../../src/services/imports/import-register.js";
import { planItemReminders } from "../../src/services/reminders/plan-reminders.js";
import { sendDueReminders } from "../../src/services/reminders/sweep/send-due-reminders.js";
import { outboxDispatcher } from "../support/outbox-dispatcher.js";
import { addPerson, realSweepClocks, type OwnerFixture } from "../support/reminder-fixtures.js";
import { startStandInConnector, type StandInConnector } from "../support/stand-in-connector.js";
import { STORES, storeDatabases } from "../support/stores.js";
import type { TestDatabase } from "../support/test-database.js";

const logger = createLogger("silent");
let connector: StandInConnector;
let db: TestDatabase;
const databaseOn = storeDatabases();

async function importFile(name: string, lines: string[], now: Date): Promise<void> {
  const file = path.join(db.dir, name);
  writeFileSync(file, lines.join("\n"));
  const report = await importRegister(db.prisma, { file, dryRun: false, actor: "test", today: "2026-11-02", now });
  expect(report.errors).toEqual([]);
}

const sweep = (at: string) =>
  sendDueReminders({ prisma: db.prisma, policy, logger, improvementTeamAdmins: [], ...realSweepClocks }, new Date(at));

async function readinessKeys(): Promise<string[]> {
  const rows = await db.prisma.outboundMessage.findMany({ where: { purpose: "readiness" }, orderBy: { id: "asc" } });
  return rows.map((r) => r.dedupeKey!);
}

describe.each(STORES)("on %s", (store) => {
  let owner: OwnerFixture;
  let ilacsId: number;
  let sendId: number;

  beforeAll(async () => {
    connector = await startStandInConnector();
    db = await databaseOn(store);
    owner = await addPerson(db.prisma, connector.url, "quality.lead@example.org", { name: "Quinn Lead" });
    await importFile(
      "calendar.csv",
      [
        CALENDAR_COLUMNS.join(","),
        // 6 months before is Saturday 26 Dec 2026; Monday 28 Dec is a bank holiday: reminded on Tuesday 29 Dec.
        "ILACS,Ofsted,CYPS,,36,2027-06-26,quality.lead@example.org",
        // 6 months before is Sunday 15 Nov 2026 (so Monday 16 Nov), 3 months before Monday 15 Feb 2027.
        "Area SEND inspection,Ofsted and CQC,CYPS,,60,2027-05-15,quality.lead@example.org",
      ],
      new Date("2026-11-02T10:00:00Z"),
    );
    const regimes = await db.prisma.inspectionRegime.findMany();
    ilacsId = regimes.find((r) => r.regime === "ILACS")!.id;
    sendId = regimes.find((r) => r.regime === "Area SEND inspection")!.id;
  });
  afterAll(async () => {
    await db?.close();
    await connector?.close();
  });

  it("sends the 6-month reminder on the working day at or after its date, once, inside the send window", async () => {
    expect((await sweep("2026-11-13T10:00:00Z")).readiness?.queued).toBe(0); // Friday before: nothing due
    expect((await sweep("2026-11-16T07:00:00Z")).readiness).toMatchObject({
      queued: 0,
      skipped: "outside the send window",
    });
    expect((await sweep("2026-11-16T10:00:00Z")).readiness?.queued).toBe(1);
    expect((await sweep("2026-11-16T15:00:00Z")).readiness?.queued).toBe(0); // the next sweep: not again
    expect(await readinessKeys()).toEqual([`calendar:${sendId}:2027-05-15:6`]);

    expect((await sweep("2026-12-28T10:00:00Z")).readiness?.queued).toBe(0); // the bank holiday
    expect((await sweep("2026-12-29T10:00:00Z")).readiness?.queued).toBe(1);
    expect(await readinessKeys()).toEqual([`calendar:${sendId}:2027-05-15:6`, `calendar:${ilacsId}:2027-06-26:6`]);

    // The card queued on 16 Nov 2026 reaches the owner's chat (the dispatcher sends on its own clock, so one
    // queued on a later day of this test waits for that day).
    const dispatcher = outboxDispatcher({
      store: db.prisma,
      adapter: createAdapter(loadConfig({ DATABASE_URL: "file:./unused.db" })),
      botAppId: "",
      logger,
      ratePerSecond: 200,
      ratePerConversation: 50,
      backoffBaseMs: 20,
    });
    await dispatcher.drainUntilIdle(5_000);
    const cards = connector.sent
      .filter((s) => s.conversationId === owner.conversationId)
      .map((s) => JSON.stringify(s.activity.attachments?.[0]?.content));
    expect(
      cards.filter((c) => c.includes("Area SEND inspection expected in May 2027: 6 months to prepare")),
    ).toHaveLength(1);
  });

  it("after downtime sends only the latest reminder due, and a moved expected date is a new reminder", async () => {
    // Down from before 15 Feb until 31 Mar 2027 (29 Mar is Easter Monday): ILACS's 3-month day (26 Mar) and SEND's (15 Feb) have both passed.
    expect((await sweep("2027-03-31T09:30:00Z")).readiness?.queued).toBe(2);
    expect((await sweep("2027-03-31T11:00:00Z")).readiness?.queued).toBe(0);
    const keys = await readinessKeys();
    expect(keys.slice(2).sort()).toEqual(
      [`calendar:${ilacsId}:2027-06-26:3`, `calendar:${sendId}:2027-05-15:3`].sort(),
    );

    await importFile(
      "calendar-moved.csv",
      [CALENDAR_COLUMNS.join(","), "ILACS,Ofsted,CYPS,,36,2027-09-20,quality.lead@example.org"],
      new Date("2027-03-31T12:00:00Z"),
    );
    expect((await sweep("2027-03-31T13:00:00Z")).readiness?.queued).toBe(1);
    expect((await readinessKeys()).at(-1)).toBe(`calendar:${ilacsId}:2027-09-20:6`);
  });

  it("reminds the readiness owner of a linked peer challenge's follow-ups as of any item", async () => {
    await importFile(
      "peer.csv",
      [CALENDAR_COLUMNS.join(","), "LGA Corporate Peer Challenge,LGA,ACEX,2021-11-30,60,,quality.lead@example.org"],
      new Date("2027-03-30T10:00:00Z"),
    );
    await importFile(
      "review.csv",
      [
        "directorate,review_title,review_body,review_date,item_ref,item_text,owner_email,original_target,progress",
        "ACEX,Corporate Peer Challenge 2027,LGA,2027-03-19,Recommendation 1,Publish a narrative of place,quality.lead@example.org,Dec-27,in_progress",
      ],
      new Date("2027-03-30T10:00:00Z"),
    );
    const now = new Date("2027-03-30T11:00:00Z");
    const linked = await linkReviewToRegime(db.prisma, {
      regime: "LGA Corporate Peer Challenge",
      reviewTitle: "Corporate Peer Challenge 2027",
      actor: "test",
      now,
      today: "2027-03-30",
    });
    expect(linked.ok && linked.value.follow_ups.map((f) => f.target)).toEqual([
      "2027-06-19",
      "2027-08-19",
      "2028-01-19",
      "2028-03-19",
    ]);
    await planItemReminders(db.prisma, "all", now, policy);
    const first = await db.prisma.item.findFirstOrThrow({ where: { ref: "Follow-up 3 months" } });
    expect(first.nextReminderAt).not.toBeNull();
    const report = await sendDueReminders(
      { prisma: db.prisma, policy, logger, improvementTeamAdmins: [], ...realSweepClocks },
      first.nextReminderAt!,
    );
    expect(report.owners.flatMap((o) => o.items.map((i) => [o.owner_email, i.item_ref]))).toContainEqual([
      "quality.lead@example.org",
      "Follow-up 3 months",
    ]);
  });
});
