/**
 * An exception's improvement action is reminded of like any item: imported from a measures file, planned
 * by the reminder policy, sent by the real sweep through the outbox to its lead officer, 20 working days
 * before the end of the next reporting period; and sent once, however often the sweep runs.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAdapter } from "../../src/bot/create-bot.js";
import { loadConfig } from "../../src/config.js";
import { londonDate } from "../../src/domain/dates/calendar-date.js";
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
const IMPORTED_AT = new Date("2019-07-22T10:00:00Z");
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

  it("reminds the lead officer 20 working days before the next period ends, once", async () => {
    const ailsa = await addPerson(db.prisma, connector.url, "ailsa.barr@example.org", { name: "Ailsa Barr" });
    const file = path.join(db.dir, "measures.csv");
    writeFileSync(
      file,
      [
        "measure_ref,outcome,measure,lead_officer,directorate,polarity,frequency,target,period,value,status_override",
        "1.A5,A,The proportion of children subject to repeat child protection plans,ailsa.barr@example.org,CYPS,low,Monthly,7%,2018/19 Q4,6.5%,",
        "1.A5,A,The proportion of children subject to repeat child protection plans,ailsa.barr@example.org,CYPS,low,Monthly,7%,2019/20 Q1,10.1%,",
      ].join("\n"),
    );
    const imported = await importRegister(db.prisma, {
      file,
      dryRun: false,
      actor: "test",
      today: "2019-07-22",
      now: IMPORTED_AT,
    });
    expect(imported.errors).toEqual([]);
    await planItemReminders(db.prisma, "all", IMPORTED_AT, policy);

    const action = await db.prisma.item.findFirstOrThrow({
      where: { ref: "1.A5", review: { source: "council_plan" } },
    });
    expect(action.ownerId).toBe(ailsa.personId);
    expect(action.originalTarget).toBe("2019-09-30");
    expect(action.nextReminderKind).toBe("before_20");
    // 20 working days before Monday 30 September 2019: Monday 2 September.
    expect(londonDate(action.nextReminderAt!)).toBe("2019-09-02");

    const sweep = (at: Date) =>
      sendDueReminders({ prisma: db.prisma, policy, logger, improvementTeamAdmins: [], ...realSweepClocks }, at);
    // The Friday before, nothing is due yet.
    expect((await sweep(new Date("2019-08-30T10:00:00Z"))).owners).toEqual([]);
    const report = await sweep(action.nextReminderAt!);
    expect(report.owners.map((o) => [o.owner_email, o.items.map((i) => [i.item_ref, i.reminder])])).toEqual([
      ["ailsa.barr@example.org", [["1.A5", "before_20"]]],
    ]);
    // A second sweep the same day sends nothing more.
    expect((await sweep(new Date(action.nextReminderAt!.getTime() + 600_000))).owners).toEqual([]);

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
    const sent = connector.sent.filter((s) => s.conversationId === ailsa.conversationId);
    expect(sent).toHaveLength(1);
    const card = JSON.stringify(sent[0]!.activity.attachments?.[0]?.content);
    expect(card).toContain("10.1% against a target of 7% (lower is better) in 2019/20 Q1");
    expect(card).toContain("Due in 20 working days");
  });
});
