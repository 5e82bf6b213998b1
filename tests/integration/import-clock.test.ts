// The import is stamped with the time its caller gives, not the machine's clock: every audit entry,
// history row and new or changed row says when the import happened.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { importRegister } from "../../src/services/imports/import-register.js";
import { STORES, storeDatabases } from "../support/stores.js";
import type { TestDatabase } from "../support/test-database.js";

let db: TestDatabase;

const databaseOn = storeDatabases();

describe.each(STORES)("on %s", (store) => {
  beforeEach(async () => {
    db = await databaseOn(store);
  });
  afterEach(async () => {
    await db.close();
  });

  const HEADER =
    "directorate,review_title,item_ref,item_text,owner_email,original_target,revised_target,progress,progress_update";

  function importAt(now: Date, rows: string[]) {
    const file = path.join(db.dir, "register.csv");
    writeFileSync(file, [HEADER, ...rows].join("\n"));
    return importRegister(db.prisma, { file, dryRun: false, actor: "test", today: "2025-05-15", now });
  }

  describe("the time an import is stamped with", () => {
    it("is the caller's, on every row it writes and every history entry", async () => {
      const first = new Date("2031-02-03T04:05:06.000Z");
      await importAt(first, [
        "ACEX,LGA Peer Challenge,Rec 1,Publish the plan,a@council.example,Oct-25,,in_progress,Drafted",
      ]);
      const audit = await db.prisma.auditEntry.findMany();
      expect(audit.map((a) => a.entityType).sort()).toEqual(["import", "item", "person", "review"]);
      expect(new Set(audit.map((a) => a.at.toISOString()))).toEqual(new Set([first.toISOString()]));
      expect((await db.prisma.review.findFirstOrThrow()).createdAt).toEqual(first);
      expect((await db.prisma.person.findFirstOrThrow()).createdAt).toEqual(first);
      expect((await db.prisma.progressUpdate.findFirstOrThrow()).at).toEqual(first);

      const second = new Date("2031-03-04T05:06:07.000Z");
      await importAt(second, [
        "ACEX,LGA Peer Challenge,Rec 1,Publish the plan,a@council.example,Oct-25,Dec-25,in_progress,Drafted",
      ]);
      const item = await db.prisma.item.findFirstOrThrow();
      expect(item).toMatchObject({ createdAt: first, updatedAt: second });
      expect((await db.prisma.targetRevision.findFirstOrThrow()).at).toEqual(second);
    });
  });
});
