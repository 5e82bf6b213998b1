/**
 * `remind --dry-run` in words under a per-priority reminder policy (REMINDER_PRIORITY_POLICY): an overdue item
 * not yet escalated says when its own priority's policy escalates it (high: 5 working days), not the default's
 * 10, and `--json` carries the item's priority beside it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCliCaptured } from "../support/cli-run.js";
import { addItem, addPerson } from "../support/reminder-fixtures.js";
import { startStandInConnector, type StandInConnector } from "../support/stand-in-connector.js";
import { STORES, storeDatabases } from "../support/stores.js";
import type { TestDatabase } from "../support/test-database.js";

/** A database on the store under test and the stand-in connector the owners' chats are on. */
let world: { db: TestDatabase; connector: StandInConnector };
const databaseOn = storeDatabases();
describe.each(STORES)("on %s", (store) => {
  beforeAll(async () => {
    world = { db: await databaseOn(store), connector: await startStandInConnector() };
    const { db, connector } = world;
    const sam = await addPerson(db.prisma, connector.url, "sam.owner@example.org", { name: "Sam Owner" });
    for (const [ref, priority] of [
      ["Recommendation 1", "high"],
      ["Recommendation 2", null],
    ] as const) {
      const id = await addItem(db.prisma, {
        ownerId: sam.personId,
        originalTarget: "2025-06-20",
        reviewTitle: "Joint Area SEND Inspection",
        ref,
      });
      await db.prisma.item.update({ where: { id }, data: { priority } });
    }
    await db.prisma.$disconnect(); // the CLI opens its own client
  });
  afterAll(async () => {
    await world?.db.close();
    await world?.connector.close();
  });

  async function remind(...extra: string[]): Promise<string> {
    const run = await runCliCaptured(
      ["remind", "--dry-run", "--as-of", "2025-06-25", ...extra],
      { DATABASE_URL: world.db.url, REMINDER_PRIORITY_POLICY: '{"high":{"escalateAfterWorkingDays":5}}' },
      new Date("2025-06-25T12:00:00Z"),
    );
    return run.stdout;
  }

  describe("remind --dry-run under a per-priority policy", () => {
    it("says a high item goes to the lead 5 working days after its target, and an item with no priority after 10", async () => {
      const text = await remind();
      expect(text).toContain(
        "not escalated yet: it goes to the directorate's lead 5 working days after its target (high priority), on 27 Jun 2025, if there is still no update",
      );
      expect(text).toContain(
        "not escalated yet: it goes to the directorate's lead 10 working days after its target, on 4 Jul 2025, if there is still no update",
      );
    });

    it("--json names the priority of an item that has one", async () => {
      const report = JSON.parse(await remind("--json")) as {
        owners: { items: { item_ref: string; priority?: string }[] }[];
      };
      const items = report.owners.flatMap((o) => o.items);
      expect(items.map((i) => [i.item_ref, i.priority])).toEqual([
        ["Recommendation 1", "high"],
        ["Recommendation 2", undefined],
      ]);
    });
  });
});
