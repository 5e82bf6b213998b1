// An imported item's kind comes from the one vocabulary: words for a kind are read as that kind, and a
// kind the register does not know is refused with a message naming the kinds, changing nothing.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { importRegister } from "../../src/services/imports/import-register.js";
import { loadRegister } from "../../src/data/register/register-store.js";
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

  const HEADER = "directorate,review_title,review_body,item_ref,item_kind,item_text,original_target,progress";

  function importRows(rows: string[]) {
    const file = path.join(db.dir, "kinds.csv");
    writeFileSync(file, [HEADER, ...rows].join("\n"));
    return importRegister(db.prisma, { file, dryRun: false, actor: "test", today: "2025-05-15", now: new Date() });
  }

  describe("item kinds on import", () => {
    it("reads a kind written in words as the kind it names", async () => {
      const report = await importRows([
        "CYPS,Ofsted Focused Visit,Ofsted,Area for improvement 1,Area for improvement,Improve supervision,Oct-25,in_progress",
        "CYPS,Ofsted Focused Visit,Ofsted,Rec 4,Follow-up recommendation,Audit case files,Dec-25,not_started",
        "CYPS,Ofsted Focused Visit,Ofsted,Rec 5,,Train the panel,Dec-25,not_started",
      ]);
      expect(report).toMatchObject({ ok: true, items: { created: 3 } });
      const items = (await loadRegister(db.prisma)).flatMap((r) => r.items);
      expect(items.map((i) => [i.ref, i.kind])).toEqual([
        ["Area for improvement 1", "area_for_improvement"],
        ["Rec 4", "follow_up_recommendation"],
        ["Rec 5", "recommendation"],
      ]);
    });

    it("refuses a kind it does not know, saying which kinds there are, and imports nothing", async () => {
      const report = await importRows([
        "CYPS,Ofsted Focused Visit,Ofsted,Rec 1,recommendation,Improve supervision,Oct-25,in_progress",
        "CYPS,Ofsted Focused Visit,Ofsted,Rec 2,key_recommendation,Audit case files,Dec-25,not_started",
      ]);
      expect(report.ok).toBe(false);
      expect(report.errors).toEqual([
        {
          line: 3,
          message: expect.stringMatching(
            /^item_kind "key_recommendation" is not a kind of item: use one of recommendation, key_improvement_recommendation, .*follow_up_recommendation.*, or leave it blank/,
          ),
        },
      ]);
      expect(await loadRegister(db.prisma)).toEqual([]);
    });
  });
});
