/**
 * A scrutiny recommendation's follow-up report, given as the row's follow_up day, is reminded like any
 * milestone: imported from a file (after the recommendation's own target), planned by the reminder policy,
 * sent by the real sweep through the outbox and botbuilder adapter to the stand-in connector, to the
 * recommendation's owner, and named on the card as a milestone of its recommendation.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAdapter } from "../../src/bot/create-bot.js";
import { loadConfig } from "../../src/config.js";
import { DEFAULT_REMINDER_POLICY as policy } from "../../src/domain/reminders/reminder-policy.js";
import { createLogger } from "../../src/logger.js";
import { importRegister } from "../../src/services/imports/import-register.js";
import { planItemReminders } from "../../src/services/reminders/plan-reminders.js";
import { sendDueReminders } from "../../src/services/reminders/sweep/send-due-reminders.js";
import { outboxDispatcher } from "../support/outbox-dispatcher.js";
import { addPerson, realSweepClocks } from "../support/reminder-fixtures.js";
import { startStandInConnector, type StandInConnector } from "../support/stand-in-connector.js";
import { STORES, storeDatabases } from "../support/stores.js";
import type { TestDatabase } from "../support/test-database.js";

const logger = createLogger("silent");
const IMPORTED_AT = new Date("2025-11-03T10:00:00Z");
let connector: StandInConnector;
let db: TestDatabase;

const databaseOn = storeDatabases();

describe.each(STORES)("on %s", (store) => {
  beforeAll(async () => {
    connector = await startStandInConnector();
    db = await databaseOn(store);
  });
  afterAll(async () => {
    await db?.close();
    await connector?.close();
  });

  it("reminds the recommendation's owner of the follow-up report before its day", async () => {
    const sam = await addPerson(db.prisma, connector.url, "sam.owner@example.org", { name: "Sam Owner" });
    const file = path.join(db.dir, "scrutiny.csv");
    writeFileSync(
      file,
      [
        "source,directorate,review_title,review_body,item_ref,item_text,owner_email,original_target,progress,sent_to_executive,executive_response,response_date,follow_up",
        "scrutiny,RE,Modern Methods of Construction scrutiny review,Overview and Scrutiny Management Board,Rec 1,Pilot modular homes,sam.owner@example.org,Sep-25,complete,2025-01-15,accepted,2025-03-10,2025-12-31",
      ].join("\n"),
    );
    const imported = await importRegister(db.prisma, {
      file,
      dryRun: false,
      actor: "test",
      today: "2025-11-03",
      now: IMPORTED_AT,
    });
    expect(imported.errors).toEqual([]);
    await planItemReminders(db.prisma, "all", IMPORTED_AT, policy);

    const milestone = await db.prisma.item.findFirstOrThrow({ where: { kind: "milestone" } });
    expect(milestone.ref).toBe("Rec 1 follow-up report");
    expect(milestone.ownerId).toBe(sam.personId);
    expect(milestone.nextReminderKind).toBe("before_20");

    const report = await sendDueReminders(
      { prisma: db.prisma, policy, logger, improvementTeamAdmins: [], ...realSweepClocks },
      milestone.nextReminderAt!,
    );
    expect(report.owners.map((o) => [o.owner_email, o.items.map((i) => [i.item_ref, i.reminder])])).toEqual([
      ["sam.owner@example.org", [["Rec 1 follow-up report", "before_20"]]],
    ]);

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
    const sent = connector.sent.filter((s) => s.conversationId === sam.conversationId);
    expect(sent).toHaveLength(1);
    const card = JSON.stringify(sent[0]!.activity.attachments?.[0]?.content);
    expect(card).toContain(
      "Milestone of Rec 1: Report back to Overview and Scrutiny Management Board on implementation by 31 Dec 2025",
    );
    expect(card).toContain("Due in 20 working days");
  });
});
