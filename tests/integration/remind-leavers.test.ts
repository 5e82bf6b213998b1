/**
 * `npm run tracker -- remind` reports an owner who has left (the directory says their account is disabled)
 * with their open items to the improvement team, says so in its text and JSON, sends the card through the
 * stand-in connector, and reports them once: the next run reports nobody.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCliCaptured, type CliRun } from "../support/cli-run.js";
import { addItem, addPerson } from "../support/reminder-fixtures.js";
import { startStandInConnector, type StandInConnector } from "../support/stand-in-connector.js";
import { STORES, storeDatabases } from "../support/stores.js";
import type { TestDatabase } from "../support/test-database.js";

let world: { db: TestDatabase; connector: StandInConnector };
const databaseOn = storeDatabases();

function cli(...args: string[]): Promise<CliRun> {
  return runCliCaptured(
    args,
    { DATABASE_URL: world.db.url, IMPROVEMENT_TEAM_ADMINS: "improvement.team@example.org" },
    // A Wednesday, inside the send window.
    new Date("2025-06-25T12:00:00Z"),
  );
}

describe.each(STORES)("on %s", (store) => {
  let teamChat: string;

  beforeAll(async () => {
    world = { db: await databaseOn(store), connector: await startStandInConnector() };
    const { db, connector } = world;
    teamChat = (await addPerson(db.prisma, connector.url, "improvement.team@example.org")).conversationId!;
    const leaver = await addPerson(db.prisma, connector.url, "gone@example.org", { chat: false, name: "Pat Gone" });
    await db.prisma.person.update({ where: { id: leaver.personId }, data: { directoryState: "disabled" } });
    await addItem(db.prisma, {
      ownerId: leaver.personId,
      originalTarget: "2025-09-30",
      reviewTitle: "Joint Area SEND Inspection",
      ref: "Recommendation 4",
    });
  });
  afterAll(async () => {
    await world?.connector.close();
    await world?.db.close();
  });

  it("reports the leaver once, in its text and JSON, and the card reaches the improvement team", async () => {
    const first = await cli("remind");
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(
      "gone@example.org has left (account disabled): 1 open item reported to 1 person to hand on.",
    );
    const card = world.connector.sent
      .filter((s) => s.conversationId === teamChat)
      .map((s) => JSON.stringify(s.activity));
    expect(
      card.some((text) => text.includes("Pat Gone has left: their account is disabled") && text.includes("Reassign")),
    ).toBe(true);

    const second = await cli("remind", "--json");
    expect(second.code).toBe(0);
    expect((JSON.parse(second.stdout) as { leavers: { reported: unknown[] } }).leavers.reported).toEqual([]);
  });
});
