/**
 * `remind --dry-run` in words says why an overdue item is not escalated, so "0 escalations" beside an
 * item weeks late reads as the policy working rather than as a fault.
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
    const updatedLate = await addItem(db.prisma, {
      ownerId: sam.personId,
      originalTarget: "2025-03-31",
      reviewTitle: "Joint Area SEND Inspection",
      ref: "Recommendation 1",
      latestUpdate: "Imported note",
    });
    await db.prisma.item.update({
      where: { id: updatedLate },
      data: { lastUpdateAt: new Date("2025-05-12T09:00:00Z") },
    });
    await addItem(db.prisma, {
      ownerId: sam.personId,
      originalTarget: "2025-06-20",
      reviewTitle: "Joint Area SEND Inspection",
      ref: "Recommendation 2",
    });
    await db.prisma.$disconnect(); // the CLI opens its own client
  });
  afterAll(async () => {
    await world?.db.close();
    await world?.connector.close();
  });

  async function remindInWords(): Promise<string> {
    const run = await runCliCaptured(
      ["remind", "--dry-run", "--as-of", "2025-06-25"],
      { DATABASE_URL: world.db.url },
      new Date("2025-06-25T12:00:00Z"),
    );
    return run.stdout;
  }

  describe("remind --dry-run explains a missing escalation", () => {
    it("an item updated since its target is not escalated, and the text says so", async () => {
      const text = await remindInWords();
      expect(text).toContain("Recommendation 1: Overdue: the target was 31 Mar 2025 (12 weeks ago)");
      expect(text).toContain(
        "not escalated: updated on 12 May 2025, after its target (an update since the target stops the escalation",
      );
      expect(text).toContain("0 escalations");
    });

    it("an item just past its target says when it will be escalated", async () => {
      const text = await remindInWords();
      expect(text).toContain(
        "not escalated yet: it goes to the directorate's lead 10 working days after its target, on 4 Jul 2025, if there is still no update",
      );
    });
  });
});
