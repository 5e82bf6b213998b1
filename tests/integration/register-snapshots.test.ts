/** The register held between questions: a change shows at once, and only the reviews it touched are read again. */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { importRegister } from "../../src/services/imports/import-register.js";
import { memoiseShape, RegisterSnapshots } from "../../src/services/register/register-snapshots.js";
import { selectItems } from "../../src/domain/questions/select-items.js";
import { STORES, storeDatabases } from "../support/stores.js";
import { FIXTURES, type TestDatabase } from "../support/test-database.js";

let db: TestDatabase;

const databaseOn = storeDatabases();

describe.each(STORES)("on %s", (store) => {
  beforeEach(async () => {
    db = await databaseOn(store);
    await importRegister(db.prisma, {
      file: path.join(FIXTURES, "d0-register.csv"),
      dryRun: false,
      actor: "test",
      today: "2024-01-09",
      now: new Date(),
    });
  });
  afterEach(async () => {
    await db.close();
  });

  async function changeItem(itemId: number, latestUpdate: string): Promise<void> {
    await db.prisma.$transaction([
      db.prisma.item.update({ where: { id: itemId }, data: { latestUpdate, version: { increment: 1 } } }),
      db.prisma.auditEntry.create({
        data: {
          entityType: "item",
          entityId: itemId,
          action: "updated",
          actor: "test",
          after: JSON.stringify({ progress_update: latestUpdate }),
        },
      }),
    ]);
  }

  describe("register snapshots after a change", () => {
    it("show a changed item at once and keep every review the change did not touch", async () => {
      const snapshots = new RegisterSnapshots(db.prisma);
      const before = await snapshots.get();
      const review = before.find((r) => r.items.length > 0)!;
      const item = review.items[0]!;
      await changeItem(item.id, "Audits under way");
      snapshots.invalidate();
      const after = await snapshots.get();
      expect(after.map((r) => r.id)).toEqual(before.map((r) => r.id));
      const changed = after.find((r) => r.id === review.id)!;
      expect(changed.items.find((i) => i.id === item.id)).toMatchObject({
        latestUpdate: "Audits under way",
        version: item.version + 1,
      });
      expect(changed).not.toBe(review);
      const untouched = after.filter((r) => r.id !== review.id);
      expect(untouched.every((r) => before.includes(r))).toBe(true);
    });

    it("read the whole register again after an import, so new reviews appear", async () => {
      const snapshots = new RegisterSnapshots(db.prisma);
      const before = await snapshots.get();
      const file = path.join(db.dir, "more.csv");
      writeFileSync(
        file,
        [
          "directorate,review_title,item_ref,item_text,original_target,progress",
          "CYPS,A new review,Rec 1,Something to do,Mar-25,in_progress",
        ].join("\n"),
      );
      expect(
        (await importRegister(db.prisma, { file, dryRun: false, actor: "test", today: "2024-01-09", now: new Date() }))
          .ok,
      ).toBe(true);
      snapshots.invalidate();
      const after = await snapshots.get();
      expect(after).toHaveLength(before.length + 1);
      expect(after.find((r) => r.title === "A new review")?.items.map((i) => i.text)).toEqual(["Something to do"]);
    });

    it("keep what depends only on titles across an item change, and work it out again when a review is renamed", async () => {
      const snapshots = new RegisterSnapshots(db.prisma);
      const first = await snapshots.snapshot();
      const titles = () => first.reviews.map((r) => r.title);
      expect(memoiseShape(first, "titles", titles)).toHaveLength(first.reviews.length);
      const review = first.reviews.find((r) => r.items.length > 0)!;
      await changeItem(review.items[0]!.id, "Audits under way");
      snapshots.invalidate();
      const second = await snapshots.snapshot();
      expect(memoiseShape(second, "titles", () => ["worked out again"])).toHaveLength(first.reviews.length);

      await db.prisma.$transaction([
        db.prisma.review.update({ where: { id: review.id }, data: { title: "AAA renamed review" } }),
        db.prisma.auditEntry.create({
          data: { entityType: "review", entityId: review.id, action: "updated", actor: "test", after: "{}" },
        }),
      ]);
      snapshots.invalidate();
      const third = await snapshots.snapshot();
      expect(memoiseShape(third, "titles", () => ["worked out again"])).toEqual(["worked out again"]);
      // The renamed review takes its new place in the answers' order: first of its directorate.
      const inItsDirectorate = selectItems(third.reviews, {}, "2024-01-09").filter(
        (s) => s.review.directorateId === review.directorateId,
      );
      expect(inItsDirectorate[0]?.review.title).toBe("AAA renamed review");
    });

    it("answer a question afresh for the review a change touched, and as before for the others", async () => {
      const snapshots = new RegisterSnapshots(db.prisma);
      const today = "2024-01-09";
      const before = selectItems(await snapshots.get(), { delayed: true }, today);
      const done = before[0]!;
      await db.prisma.$transaction([
        db.prisma.item.update({
          where: { id: done.item.id },
          data: { progress: "complete", completedOn: "2024-01-08", version: { increment: 1 } },
        }),
        db.prisma.auditEntry.create({
          data: { entityType: "item", entityId: done.item.id, action: "updated", actor: "test", after: "{}" },
        }),
      ]);
      snapshots.invalidate();
      const after = selectItems(await snapshots.get(), { delayed: true }, today);
      expect(after.map((s) => s.item.id)).toEqual(before.map((s) => s.item.id).filter((id) => id !== done.item.id));
    });
  });
});
