/**
 * A milestone with an owner and a target is reminded of before its target like an item: imported from a
 * file, planned by the reminder policy, sent by the real sweep through the outbox and botbuilder adapter to
 * the stand-in connector, and named on the card as a milestone of its item.
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

  describe("reminders of a milestone", () => {
    it("are planned before its target and sent to its item's owner, naming it as a milestone of the item", async () => {
      const sam = await addPerson(db.prisma, connector.url, "sam.owner@example.org", { name: "Sam Owner" });
      const file = path.join(db.dir, "register.csv");
      writeFileSync(
        file,
        [
          "directorate,review_title,review_body,item_ref,item_kind,item_text,parent_ref,owner_email,original_target,progress",
          "CYPS,SEND inspection,Ofsted and CQC,Rec 3,recommendation,EHCPs are compliant with statutory guidance,,sam.owner@example.org,Sep-26,in_progress",
          "CYPS,SEND inspection,Ofsted and CQC,Rec 3 milestone 1,milestone,EHCP compliance 50%,Rec 3,,Dec-25,in_progress",
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
      const item = await db.prisma.item.findFirstOrThrow({ where: { ref: "Rec 3" } });
      expect(milestone.ownerId).toBe(sam.personId);
      expect(milestone.nextReminderKind).toBe("before_20");
      // The item's own first reminder is months later: only the milestone is due when its reminder comes.
      expect(item.nextReminderAt!.getTime()).toBeGreaterThan(milestone.nextReminderAt!.getTime());

      const report = await sendDueReminders(
        { prisma: db.prisma, policy, logger, improvementTeamAdmins: [], ...realSweepClocks },
        milestone.nextReminderAt!,
      );
      expect(report.owners.map((o) => [o.owner_email, o.items.map((i) => [i.item_ref, i.reminder])])).toEqual([
        ["sam.owner@example.org", [["Rec 3 milestone 1", "before_20"]]],
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
      expect(card).toContain("SEND inspection: Milestone of Rec 3: EHCP compliance 50% by 31 Dec 2025");
      expect(card).toContain("Due in 20 working days");
    });
  });
});
