/**
 * Milestones through the import and the export: a row with item_kind "milestone" and parent_ref naming its
 * item is stored as a step of that item (parentId set, not counted), takes its item's owner when it has
 * none of its own, is checked with every other row (one bad milestone imports nothing and is listed with
 * its line), and comes back unchanged from an export in either format.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadRegister } from "../../src/data/register/register-store.js";
import { buildExportRows, writeCsvExport, writeXlsxExport } from "../../src/services/reports/export-register.js";
import { importRegister } from "../../src/services/imports/import-register.js";
import { STORES, storeDatabases } from "../support/stores.js";
import type { TestDatabase } from "../support/test-database.js";

const TODAY = "2025-05-15";
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
    "directorate,review_title,review_body,item_ref,item_kind,item_text,parent_ref,owner_email,original_target,progress";
  const SEND = "CYPS,SEND inspection,Ofsted and CQC";
  const ITEM = `${SEND},Area for improvement 1,area_for_improvement,EHCPs are compliant with statutory guidance,,send.lead@example.org,Sep-26,in_progress`;
  const MILESTONE_50 = `${SEND},AfI 1 milestone 1,milestone,EHCP compliance 50%,Area for improvement 1,,Dec-25,in_progress`;
  const MILESTONE_60 = `${SEND},AfI 1 milestone 2,milestone,EHCP compliance 60%,Area for improvement 1,ehcp.team@example.org,Sep-26,not_started`;

  function writeCsv(name: string, rows: string[]): string {
    const file = path.join(db.dir, name);
    writeFileSync(file, [HEADER, ...rows].join("\n"));
    return file;
  }

  const importInto = (target: TestDatabase, file: string, dryRun = false) =>
    importRegister(target.prisma, { file, dryRun, actor: "test", today: TODAY, now: new Date() });

  describe("importing milestones", () => {
    it("stores each as a step of its item, not counted, with its item's owner unless it names its own", async () => {
      const report = await importInto(db, writeCsv("m.csv", [ITEM, MILESTONE_50, MILESTONE_60]));
      // The report counts items as the register does: the milestones apart.
      expect(report).toMatchObject({ ok: true, errors: [], items: { created: 1 }, milestones: { created: 2 } });

      const parent = await db.prisma.item.findFirstOrThrow({ where: { ref: "Area for improvement 1" } });
      const stored = await db.prisma.item.findMany({
        where: { kind: "milestone" },
        orderBy: { ref: "asc" },
        include: { owner: true },
      });
      expect(stored.map((m) => [m.ref, m.parentId, m.counted, m.owner?.email, m.originalTarget])).toEqual([
        ["AfI 1 milestone 1", parent.id, false, "send.lead@example.org", "2025-12-31"],
        ["AfI 1 milestone 2", parent.id, false, "ehcp.team@example.org", "2026-09-30"],
      ]);
      expect(parent.counted).toBe(true);
    });

    it("changes nothing when the same file is imported again", async () => {
      const file = writeCsv("m.csv", [ITEM, MILESTONE_50, MILESTONE_60]);
      await importInto(db, file);
      const before = await loadRegister(db.prisma);
      const again = await importInto(db, file);
      expect(again).toMatchObject({
        ok: true,
        changes: [],
        items: { created: 0, updated: 0, unchanged: 1 },
        milestones: { created: 0, updated: 0, unchanged: 2 },
      });
      expect(await loadRegister(db.prisma)).toEqual(before);
    });

    it("refuses a later file that moves an item's target before milestones already in the register, naming them", async () => {
      await importInto(db, writeCsv("m.csv", [ITEM, MILESTONE_50, MILESTONE_60]));
      const before = await loadRegister(db.prisma);
      const earlier = ITEM.replace(",Sep-26,", ",Mar-26,");
      const report = await importInto(db, writeCsv("earlier.csv", [earlier]));
      expect(report.ok).toBe(false);
      expect(report.errors).toEqual([
        {
          line: 2,
          message: expect.stringContaining(
            'Area for improvement 1 of "SEND inspection": Milestone "AfI 1 milestone 2" (30 Sep 2026) would be after the item\'s target 31 Mar 2026',
          ),
        },
      ]);
      expect(await loadRegister(db.prisma)).toEqual(before);
      // The same earlier date is fine once the file moves the milestone too.
      const both = await importInto(db, writeCsv("both.csv", [earlier, MILESTONE_60.replace(",Sep-26,", ",Mar-26,")]));
      expect(both).toMatchObject({ ok: true, errors: [] });
    });

    it("counts a milestone as an item once a later file gives it another kind, and stops when it is a milestone again", async () => {
      const asAction = MILESTONE_50.replace(",milestone,", ",action,");
      const counted = async () =>
        (await db.prisma.item.findFirstOrThrow({ where: { ref: "AfI 1 milestone 1" } })).counted;
      await importInto(db, writeCsv("1.csv", [ITEM, MILESTONE_50]));
      expect(await counted()).toBe(false);
      const changed = await importInto(db, writeCsv("2.csv", [ITEM, asAction]));
      // Without an owner of its own, only a milestone takes its item's: an action in the same row has none.
      expect(changed.changes).toEqual([
        expect.objectContaining({
          item_ref: "AfI 1 milestone 1",
          before: { kind: "milestone", owner_email: "send.lead@example.org" },
          after: { kind: "action", owner_email: null },
        }),
      ]);
      expect(await counted()).toBe(true);
      await importInto(db, writeCsv("3.csv", [ITEM, MILESTONE_50]));
      expect(await counted()).toBe(false);
    });

    it("refuses the whole file when any milestone row is wrong, listing each with its line and what to fix", async () => {
      const report = await importInto(
        db,
        writeCsv("bad.csv", [
          ITEM,
          `${SEND},AfI 1 milestone 1,milestone,EHCP compliance 50%,,,Dec-25,in_progress`,
          `${SEND},AfI 1 milestone 2,milestone,EHCP compliance 60%,Area for improvement 1,,TBC,not_started`,
          `${SEND},AfI 1 milestone 3,milestone,EHCP compliance 70%,Area for improvement 1,,Mar-27,not_started`,
          `${SEND},AfI 1 milestone 4,milestone,Half of the 70%,AfI 1 milestone 3,,Jan-27,not_started`,
          `${SEND},AfI 1 milestone 5,milestone,EHCP compliance 55%,Rec 9,,Mar-26,not_started`,
          `${SEND},Area for improvement 2,area_for_improvement,A good row,,,Mar-26,not_started`,
        ]),
      );
      expect(report.ok).toBe(false);
      expect(report.errors).toEqual([
        {
          line: 3,
          message: expect.stringContaining('milestone "AfI 1 milestone 1" of "SEND inspection" has no parent_ref'),
        },
        { line: 4, message: expect.stringContaining('has no target date ("TBC"): a milestone needs one') },
        { line: 5, message: expect.stringContaining('is due 31 Mar 2027, after its item "Area for improvement 1"') },
        { line: 6, message: expect.stringContaining('belongs to "AfI 1 milestone 3", which is itself a milestone') },
        { line: 7, message: 'parent_ref "Rec 9" is not an item of "SEND inspection" in this file' },
      ]);
      expect(await db.prisma.item.count()).toBe(0);
      expect(await db.prisma.review.count()).toBe(0);
    });
  });

  describe("exporting milestones", () => {
    it.each(["csv", "xlsx"] as const)("writes them so that the %s export imports back unchanged", async (format) => {
      await importInto(db, writeCsv("m.csv", [ITEM, MILESTONE_50, MILESTONE_60]));
      const before = await loadRegister(db.prisma);
      const file = path.join(db.dir, `export.${format}`);
      const rows = buildExportRows(before, TODAY, "2024");
      if (format === "csv") await writeCsvExport(file, rows);
      else await writeXlsxExport(file, rows, "Register");

      // Where the committee reads the register, a milestone says whose step it is.
      expect(rows.filter((r) => r.kind === "item").map((r) => r.cells[2])).toEqual([
        "Area for improvement 1: EHCPs are compliant with statutory guidance",
        "Milestone of Area for improvement 1: EHCP compliance 50% by 31 Dec 2025",
        "Milestone of Area for improvement 1: EHCP compliance 60% by 30 Sep 2026",
      ]);
      const into = await importInto(db, file, true);
      expect(into).toMatchObject({ ok: true, changes: [], items: { unchanged: 1 }, milestones: { unchanged: 2 } });

      const other = await databaseOn(store);
      try {
        expect(await importInto(other, file)).toMatchObject({
          ok: true,
          items: { created: 1 },
          milestones: { created: 2 },
        });
        const strip = (register: typeof before) =>
          register.map(({ id: _id, items, ...review }) => ({
            ...review,
            items: items.map(({ id: _itemId, ...item }) => item),
          }));
        const after = await loadRegister(other.prisma);
        expect(strip(after)).toEqual(strip(before));
        expect(after[0]!.items.filter((i) => !i.counted).map((i) => [i.ref, i.parentRef, i.ownerEmail])).toEqual([
          ["AfI 1 milestone 1", "Area for improvement 1", "send.lead@example.org"],
          ["AfI 1 milestone 2", "Area for improvement 1", "ehcp.team@example.org"],
        ]);
      } finally {
        await other.close();
      }
    });
  });
});
