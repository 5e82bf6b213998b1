/**
 * The `priority` column: read with the council's labels, refused with the allowed labels named (and the
 * import then imports nothing), kept on the item, changed by a later import with history, and carried
 * back out by the export so the file imports back unchanged.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { importRegister } from "../../src/services/imports/import-register.js";
import { loadRegister } from "../../src/data/register/register-store.js";
import { buildExportRows, writeCsvExport } from "../../src/services/reports/export-register.js";
import { STORES, storeDatabases } from "../support/stores.js";
import type { TestDatabase } from "../support/test-database.js";

const TODAY = "2026-12-01";
const NOW = new Date("2026-12-01T10:00:00Z");
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
    "directorate,review_title,review_body,item_ref,item_text,owner_email,original_target,progress,priority";
  function writeCsv(name: string, rows: string[]): string {
    const file = path.join(db.dir, name);
    writeFileSync(file, [HEADER, ...rows].join("\n"));
    return file;
  }
  const importFile = (file: string, priorityLabels?: readonly string[]) =>
    importRegister(db.prisma, {
      file,
      dryRun: false,
      actor: "test",
      today: TODAY,
      now: NOW,
      ...(priorityLabels ? { priorityLabels } : {}),
    });
  const priorities = async () =>
    Object.fromEntries((await db.prisma.item.findMany({ orderBy: { id: "asc" } })).map((i) => [i.ref, i.priority]));

  describe("importing priorities", () => {
    it("reads the labels in any case, with or without the word priority; blank is none", async () => {
      const report = await importFile(
        writeCsv("p.csv", [
          "CYPS,SEND review,Ofsted,Rec 1,Do one thing,a@example.org,Mar-27,in_progress,High",
          "CYPS,SEND review,Ofsted,Rec 2,Do another,a@example.org,Mar-27,in_progress,low priority",
          "CYPS,SEND review,Ofsted,Rec 3,Do a third,a@example.org,Mar-27,in_progress,",
        ]),
      );
      expect(report.ok).toBe(true);
      expect(await priorities()).toEqual({ "Rec 1": "high", "Rec 2": "low", "Rec 3": null });
    });

    it("a label the council does not use is a bad row naming the allowed labels, and nothing is imported", async () => {
      const report = await importFile(
        writeCsv("bad.csv", [
          "CYPS,SEND review,Ofsted,Rec 1,Do one thing,a@example.org,Mar-27,in_progress,high",
          "CYPS,SEND review,Ofsted,Rec 2,Do another,a@example.org,Mar-27,in_progress,urgent",
        ]),
      );
      expect(report.ok).toBe(false);
      expect(report.errors).toEqual([
        {
          line: 3,
          message: 'priority "urgent" is not one of the council\'s labels: use high, medium or low, or leave it blank',
        },
      ]);
      expect(await db.prisma.item.count()).toBe(0);
    });

    it("follows the council's own labels (Bromsgrove: fundamental, important, desirable)", async () => {
      const labels = ["fundamental", "important", "desirable"];
      const file = writeCsv("b.csv", [
        "CYPS,SEND review,Ofsted,Rec 1,Do one thing,a@example.org,Mar-27,in_progress,Fundamental",
      ]);
      expect((await importFile(file, labels)).ok).toBe(true);
      expect(await priorities()).toEqual({ "Rec 1": "fundamental" });
      const refused = await importFile(
        writeCsv("h.csv", ["CYPS,SEND review,Ofsted,Rec 1,Do one thing,a@example.org,Mar-27,in_progress,high"]),
        labels,
      );
      expect(refused.errors[0]?.message).toContain("use fundamental, important or desirable");
      expect(await priorities()).toEqual({ "Rec 1": "fundamental" });
    });

    it("a later import changes the priority with history; the export carries it and imports back unchanged", async () => {
      await importFile(
        writeCsv("1.csv", ["CYPS,SEND review,Ofsted,Rec 1,Do one thing,a@example.org,Mar-27,in_progress,medium"]),
      );
      const second = await importFile(
        writeCsv("2.csv", ["CYPS,SEND review,Ofsted,Rec 1,Do one thing,a@example.org,Mar-27,in_progress,high"]),
      );
      expect(second.changes).toEqual([
        expect.objectContaining({ action: "updated", before: { priority: "medium" }, after: { priority: "high" } }),
      ]);
      const item = await db.prisma.item.findFirstOrThrow();
      const history = await db.prisma.auditEntry.findMany({ where: { entityType: "item", entityId: item.id } });
      expect(history.some((e) => e.after?.includes('"priority":"high"'))).toBe(true);

      const exported = path.join(db.dir, "export.csv");
      await writeCsvExport(exported, buildExportRows(await loadRegister(db.prisma), TODAY, "2024"));
      const again = await importRegister(db.prisma, {
        file: exported,
        dryRun: true,
        actor: "test",
        today: TODAY,
        now: NOW,
      });
      expect(again.changes.map((c) => Object.keys(c.after))).toEqual([]);
      expect((await loadRegister(db.prisma))[0]?.items[0]?.priority).toBe("high");
    });
  });
});
