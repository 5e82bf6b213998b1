/**
 * Holding items for a change, on both stores: a second change to a held item waits until the first has
 * committed and then sees it, whichever of the held items it touches (on SQLite through the write lock,
 * on PostgreSQL through the rows' FOR UPDATE locks); items nobody holds are not held up on PostgreSQL.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { updateItem, withItemLocked, withItemsLocked } from "../../src/data/register/item-store.js";
import { addItem } from "../support/reminder-fixtures.js";
import { STORES, storeDatabases } from "../support/stores.js";
import type { TestDatabase } from "../support/test-database.js";

const databaseOn = storeDatabases();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
let db: TestDatabase;

describe.each(STORES)("items held for a change on %s", (store) => {
  beforeEach(async () => {
    db = await databaseOn(store);
  });
  afterEach(async () => {
    await db.close();
  });

  it("a change to any of several held items waits for the holder and then sees its change", async () => {
    const first = await addItem(db.prisma, { originalTarget: "2026-06-30" });
    const second = await addItem(db.prisma, { originalTarget: "2026-06-30" });
    const events: string[] = [];
    const holder = withItemsLocked(db.prisma, [first, second], async (tx) => {
      events.push("held");
      await sleep(400);
      await updateItem(tx, second, { latestUpdate: "by the holder" });
      events.push("holder done");
    });
    await sleep(100);
    const waiter = withItemLocked(db.prisma, second, async (tx) => {
      events.push("waiter in");
      return (await tx.item.findUniqueOrThrow({ where: { id: second } })).latestUpdate;
    });
    expect(await waiter).toBe("by the holder");
    await holder;
    expect(events).toEqual(["held", "holder done", "waiter in"]);
  });
});

describe("items held for a change on postgresql only", () => {
  it("leave other items free: a change to an item nobody holds goes ahead at once", async () => {
    db = await databaseOn("postgresql");
    try {
      const held = await addItem(db.prisma, { originalTarget: "2026-06-30" });
      const free = await addItem(db.prisma, { originalTarget: "2026-06-30" });
      let release!: () => void;
      const holder = withItemLocked(db.prisma, held, () => new Promise<void>((resolve) => (release = resolve)));
      await sleep(100);
      // The holder keeps its lock until the end: were the free item held up by it, this change could not finish
      // before the release, and the race would be won by the (generous) wait instead.
      const change = withItemLocked(db.prisma, free, (tx) => updateItem(tx, free, { latestUpdate: "not held up" }));
      const first = await Promise.race([change.then(() => "changed"), sleep(15_000).then(() => "still waiting")]);
      expect(first).toBe("changed");
      release();
      await holder;
    } finally {
      await db.close();
    }
  });
});
