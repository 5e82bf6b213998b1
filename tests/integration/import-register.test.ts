import { writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { importRegister } from "../../src/services/imports/import-register.js";
import { loadRegister } from "../../src/data/register/register-store.js";
import { listItemStatuses } from "../../src/domain/register/register.js";
import { buildExportRows, writeCsvExport, writeXlsxExport } from "../../src/services/reports/export-register.js";
import { readTableFile } from "../../src/services/imports/read-table-file.js";
import { STORES, storeDatabases } from "../support/stores.js";
import { FIXTURES, type TestDatabase } from "../support/test-database.js";

const MAY_2025 = "2025-05-15";
let db: TestDatabase;

const databaseOn = storeDatabases();

describe.each(STORES)("on %s", (store) => {
  beforeEach(async () => {
    db = await databaseOn(store);
  });
  afterEach(async () => {
    await db.close();
  });

  const importFile = (file: string, dryRun = false, today = MAY_2025) =>
    importRegister(db.prisma, { file, dryRun, actor: "test", today, now: new Date() });

  function writeCsv(name: string, lines: string[]): string {
    const file = path.join(db.dir, name);
    writeFileSync(file, lines.join("\n"));
    return file;
  }

  const HEADER =
    "directorate,review_title,review_body,review_type,review_date,findings_received,outcome,item_ref,item_kind,item_text,parent_ref,responsible_unit,owner_email,original_target,revised_target,revision_reason,progress,recorded_status,progress_update,confidential,completed_on";

  describe("importing D1 under its own headings", () => {
    it("imports the clean tracker: 12 reviews, 34 items, and lists the one status the key disagrees with", async () => {
      const report = await importFile(path.join(FIXTURES, "d1-tracker-clean.csv"));
      expect(report).toMatchObject({ ok: true, layout: "d1", reviews: { created: 12 }, items: { created: 34 } });
      expect(report.disagreements).toEqual([
        expect.objectContaining({
          review_title: "2022/23 VFM arrangements (Grant Thornton)",
          item_ref: "Improving economy, efficiency and effectiveness: Rec 2",
          recorded_status: "on_track",
          status: "partly_delayed",
          reason: expect.stringContaining("revised target 30 Sep 2025 is 6 months after the original 31 Mar 2025"),
        }),
      ]);
      const register = await loadRegister(db.prisma);
      const kr1 = register.flatMap((r) => r.items).find((i) => i.ref === "REC KR1");
      expect(kr1).toMatchObject({
        responsibleUnit: "Housing services",
        originalTarget: { kind: "tbc" },
        recordedStatus: "In progress and on track",
      });
      const combined = register.flatMap((r) => r.items).find((i) => i.ref === "Area for improvement 1 and 4");
      expect(combined?.revisedTarget).toMatchObject({ raw: "Sep-25", end: "2025-09-30" });
      expect(register.find((r) => r.title === "Ofsted Focused Visit")).toMatchObject({
        purpose: expect.stringMatching(/^To review the arrangements for children in need/),
        narrative: expect.stringMatching(/^An action plan is in place/),
      });
      const cpc = register.find((r) => r.title === "LGA Corporate Peer Challenge");
      expect(cpc).toMatchObject({
        directorateId: "ACEX",
        reviewDate: { raw: "5-8 June 2023" },
        findingsReceived: { raw: "August 2023" },
      });
    });

    it("refuses the tracker with its unlabelled fragment, names the line, and writes nothing", async () => {
      const report = await importFile(path.join(FIXTURES, "d1-tracker.csv"));
      expect(report.ok).toBe(false);
      expect(report.errors).toEqual([
        { line: 41, message: expect.stringContaining("no label, no target date and no status") },
      ]);
      expect(await db.prisma.review.count()).toBe(0);
      expect(await db.prisma.auditEntry.count()).toBe(0);
    });
  });

  describe("directorate names", () => {
    it("accepts the names chat understands (Adult Care, Children's Social Care) as the same directorates", async () => {
      const file = writeCsv("names.csv", [
        HEADER,
        "Adult Care,CQC Local Authority Assessment,CQC,assessment,June 2026,July 2026,Good,Action 1,action,Publish the plan,,,,Q3 2027,,,in_progress,,,false,",
        "Children's Social Care,Ofsted Focused Visit,Ofsted,focused visit,May 2026,June 2026,Good,AFI 1,area_for_improvement,Sharpen plans,,,,Mar-27,,,in_progress,,,false,",
      ]);
      const report = await importFile(file);
      expect(report).toMatchObject({ ok: true, reviews: { created: 2 }, items: { created: 2 } });
      const register = await loadRegister(db.prisma);
      expect(register.find((r) => r.title === "CQC Local Authority Assessment")?.directorateId).toBe("ACHPH");
      expect(register.find((r) => r.title === "Ofsted Focused Visit")?.directorateId).toBe("CYPS");
      // "Q3 2027" is the council's financial-year quarter: October to December 2027.
      const action = register.flatMap((r) => r.items).find((i) => i.ref === "Action 1");
      expect(action?.originalTarget).toMatchObject({ raw: "Q3 2027", end: "2027-12-31" });
    });
  });

  describe("all or nothing", () => {
    it("lists every bad row with its line and what to fix, and imports none of the good ones", async () => {
      const file = writeCsv("bad.csv", [
        HEADER,
        "CYPS,Good review,Ofsted,inspection,March 2024,,Good,Rec 1,recommendation,Do the thing,,,a@example.org,Mar-25,,,in_progress,,,false,",
        "Parks and Leisure,Bad directorate,Ofsted,inspection,March 2024,,Good,Rec 1,recommendation,Text,,,,Mar-25,,,in_progress,,,false,",
        "CYPS,Good review,Ofsted,inspection,March 2024,,Good,Rec 2,recommendation,Text,,,not-an-email,soon,,,halfway,,,false,",
        "CYPS,Good review,Ofsted,inspection,March 2024,,Good,Rec 1,recommendation,Again,,,,Mar-25,,,in_progress,,,false,",
        "CYPS,Good review,Ofsted,inspection,March 2024,,Good,,recommendation,No label,,,,Mar-25,,,complete,,,false,2025-02-01",
      ]);
      const report = await importFile(file);
      expect(report.ok).toBe(false);
      const byLine = (line: number) => report.errors.filter((e) => e.line === line).map((e) => e.message);
      expect(byLine(2)).toEqual([]);
      expect(byLine(3)).toEqual([expect.stringContaining('directorate "Parks and Leisure" is not one I know')]);
      expect(byLine(4)).toEqual(
        expect.arrayContaining([
          expect.stringContaining('original_target "soon" is not a date I can read'),
          expect.stringContaining('progress "halfway" must be one of'),
          expect.stringContaining('owner_email: "not-an-email" is not an email address'),
        ]),
      );
      expect(byLine(5)).toEqual([expect.stringContaining("already on line 2")]);
      expect(byLine(6)).toEqual([expect.stringContaining("item_ref is empty")]);
      expect(await db.prisma.review.count()).toBe(0);
      expect(await db.prisma.item.count()).toBe(0);
    });

    it("says clearly when the headings are neither layout", async () => {
      const report = await importFile(writeCsv("odd.csv", ["name,date", "x,y"]));
      expect(report.errors[0]).toMatchObject({ line: 1, message: expect.stringContaining("headings are neither") });
    });

    it("says clearly when the file is not CSV, XLSX or Word", async () => {
      const report = await importFile(writeCsv("register.txt", ["x"]));
      expect(report.file_problem).toMatch(/not a \.csv, \.xlsx or \.docx file/);
    });
  });

  describe("idempotent re-import with history", () => {
    it("importing the same file twice changes nothing the second time", async () => {
      const file = path.join(FIXTURES, "d0-register.csv");
      const first = await importFile(file, false, "2024-01-09");
      expect(first).toMatchObject({ ok: true, reviews: { created: 17 }, items: { created: 107 } });
      const auditAfterFirst = await db.prisma.auditEntry.count();
      const second = await importFile(file, false, "2024-01-09");
      expect(second).toMatchObject({
        ok: true,
        reviews: { created: 0, updated: 0, unchanged: 17 },
        items: { created: 0, updated: 0, unchanged: 107 },
      });
      expect(await db.prisma.item.count()).toBe(107);
      expect(await db.prisma.auditEntry.count()).toBe(auditAfterFirst);
    });

    it("a changed row updates the item, bumps its version and records before and after, the revision and the update", async () => {
      const row = (revised: string, progress: string, update: string) =>
        `CYPS,ILACS,Ofsted,inspection,June 2022,August 2022,Good,AFI 3,area_for_improvement,Front door contacts,,,owner@example.org,Nov-22,${revised},Audits first,${progress},,${update},false,`;
      await importFile(writeCsv("v1.csv", [HEADER, row("", "in_progress", "Started")]));
      const report = await importFile(writeCsv("v2.csv", [HEADER, row("Feb-24", "in_progress", "Audits under way")]));
      expect(report.items).toMatchObject({ updated: 1, created: 0 });
      expect(report.changes[0]).toMatchObject({
        action: "updated",
        before: { revised_target: null, progress_update: "Started" },
        after: { revised_target: "Feb-24", progress_update: "Audits under way" },
      });
      const item = await db.prisma.item.findFirstOrThrow({ include: { targetRevisions: true, progressUpdates: true } });
      expect(item).toMatchObject({ version: 2, revisedTarget: "2024-02-29", revisedTargetRaw: "Feb-24" });
      expect(item.targetRevisions).toEqual([
        expect.objectContaining({ fromRaw: "Nov-22", toRaw: "Feb-24", reason: "Audits first", actor: "test" }),
      ]);
      expect(item.progressUpdates.map((u) => u.narrative)).toEqual(["Started", "Audits under way"]);
      const audit = await db.prisma.auditEntry.findMany({
        where: { entityType: "item", entityId: item.id },
        orderBy: { id: "asc" },
      });
      expect(audit.map((a) => a.action)).toEqual(["created", "updated"]);
      expect(JSON.parse(audit[1]!.before!)).toMatchObject({ revised_target: null });
      expect(JSON.parse(audit[1]!.after!)).toMatchObject({ revised_target: "Feb-24" });
      // When, as the history shows it: written by the bulk path, read back by Prisma as the moment of the import.
      expect(Math.abs(audit[1]!.at.getTime() - Date.now())).toBeLessThan(60_000);
      expect(item.updatedAt.getTime()).toBeGreaterThanOrEqual(audit[0]!.at.getTime());
    });

    it("a failure while writing leaves nothing behind: no people, reviews, items or audit entries", async () => {
      const row = (ref: string, parent: string) =>
        `CYPS,Cyclic review,Ofsted,inspection,June 2022,,Good,${ref},recommendation,Text,${parent},,new.owner@example.org,Nov-22,,,in_progress,,,false,`;
      const file = writeCsv("cycle.csv", [HEADER, row("Rec 1", "Rec 2"), row("Rec 2", "Rec 1")]);
      await expect(importFile(file)).rejects.toThrow(/name each other as parents in a cycle/);
      expect(await db.prisma.person.count()).toBe(0);
      expect(await db.prisma.review.count()).toBe(0);
      expect(await db.prisma.item.count()).toBe(0);
      expect(await db.prisma.auditEntry.count()).toBe(0);
    });

    it("a register larger than one write batch gets every audit entry and history row, and a late failure still leaves nothing", async () => {
      // The writer builds audit and history rows a few thousand at a time inside the one transaction.
      const ITEMS = 4_500;
      const rows = (update: string) =>
        Array.from(
          { length: ITEMS },
          (_, n) =>
            `CYPS,Review ${Math.floor(n / 25)},Ofsted,inspection,June 2022,,Good,Rec ${n % 25},recommendation,Text ${n},,,owner${n % 7}@example.org,Nov-22,Feb-24,Audits first,in_progress,,${update} ${n},false,`,
        );
      const cycle = [
        "CYPS,Cyclic review,Ofsted,inspection,June 2022,,Good,Rec A,recommendation,Text,Rec B,,,Nov-22,,,in_progress,,,false,",
        "CYPS,Cyclic review,Ofsted,inspection,June 2022,,Good,Rec B,recommendation,Text,Rec A,,,Nov-22,,,in_progress,,,false,",
      ];
      await expect(importFile(writeCsv("large-cycle.csv", [HEADER, ...rows("Started"), ...cycle]))).rejects.toThrow(
        /cycle/,
      );
      expect(await db.prisma.item.count()).toBe(0);
      expect(await db.prisma.auditEntry.count()).toBe(0);
      expect(await db.prisma.progressUpdate.count()).toBe(0);
      expect(await db.prisma.targetRevision.count()).toBe(0);

      const first = await importFile(writeCsv("large.csv", [HEADER, ...rows("Started")]));
      expect(first.items.created).toBe(ITEMS);
      // One for the import, one per person, review and item.
      expect(await db.prisma.auditEntry.count()).toBe(1 + 7 + ITEMS / 25 + ITEMS);
      expect(await db.prisma.targetRevision.count()).toBe(ITEMS);
      expect(await db.prisma.progressUpdate.count()).toBe(ITEMS);

      const second = await importFile(writeCsv("large-2.csv", [HEADER, ...rows("Under way")]));
      expect(second.items).toMatchObject({ updated: ITEMS, created: 0 });
      expect(await db.prisma.progressUpdate.count()).toBe(2 * ITEMS);
      expect(await db.prisma.auditEntry.count({ where: { entityType: "item", action: "updated" } })).toBe(ITEMS);
      const last = await db.prisma.item.findFirstOrThrow({
        where: { text: `Text ${ITEMS - 1}` },
        include: { progressUpdates: { orderBy: { id: "asc" } } },
      });
      expect(last.progressUpdates.map((u) => u.narrative)).toEqual([`Started ${ITEMS - 1}`, `Under way ${ITEMS - 1}`]);
    });

    it("a file without an owner column leaves owners alone", async () => {
      await importFile(path.join(FIXTURES, "d1-tracker-clean.csv"));
      await db.prisma.person.create({ data: { email: "owner@example.org" } });
      const person = await db.prisma.person.findUniqueOrThrow({ where: { email: "owner@example.org" } });
      await db.prisma.item.updateMany({ data: { ownerId: person.id } });
      const again = await importFile(path.join(FIXTURES, "d1-tracker-clean.csv"));
      expect(again.items).toMatchObject({ updated: 0, unchanged: 34 });
      expect(await db.prisma.item.count({ where: { ownerId: person.id } })).toBe(34);
    });

    it("--dry-run reports what would change and writes nothing", async () => {
      const report = await importFile(path.join(FIXTURES, "d0-register.csv"), true, "2024-01-09");
      expect(report).toMatchObject({ ok: true, dry_run: true, reviews: { created: 17 }, items: { created: 107 } });
      expect(await db.prisma.review.count()).toBe(0);
    });
  });

  describe("export then import gives back the same register", () => {
    it.each(["csv", "xlsx"] as const)("through %s in D1's layout", async (format) => {
      await importFile(path.join(FIXTURES, "d0-register.csv"), false, "2024-01-09");
      const before = await loadRegister(db.prisma);
      const file = path.join(db.dir, `export.${format}`);
      const rows = buildExportRows(before, "2024-01-09", "2024");
      if (format === "csv") await writeCsvExport(file, rows);
      else await writeXlsxExport(file, rows, "Register");

      const table = await readTableFile(file);
      expect(table.headers.slice(0, 7)).toEqual([
        "Title and purpose",
        "Date",
        "Outstanding recommendations",
        "Original target date for completion",
        "Revised target date for completion",
        "Status",
        "Progress update",
      ]);

      const other = await databaseOn(store);
      try {
        const report = await importRegister(other.prisma, {
          file,
          dryRun: false,
          actor: "test",
          today: "2024-01-09",
          now: new Date(),
        });
        expect(report).toMatchObject({ ok: true, layout: "d1", reviews: { created: 17 }, items: { created: 107 } });
        const after = await loadRegister(other.prisma);
        const strip = (register: typeof before) =>
          register
            .map(({ id: _id, items, ...review }) => ({
              ...review,
              items: items.map(({ id: _itemId, ...item }) => item),
            }))
            .sort((a, b) => a.title.localeCompare(b.title));
        expect(strip(after)).toEqual(strip(before));
        expect(listItemStatuses(after, "2024-01-09")).toEqual(listItemStatuses(before, "2024-01-09"));
      } finally {
        await other.close();
      }
    });

    it("makes cells that start with = + - @ safe for spreadsheets, and reads them back as written", async () => {
      const file = writeCsv("formula.csv", [
        HEADER,
        `FCS,"=HYPERLINK(""http://evil"")",GT,audit,March 2024,,Good,Rec 1,recommendation,-1 budget line,,,,Mar-25,,,in_progress,,@risk,false,`,
      ]);
      expect((await importFile(file)).ok).toBe(true);
      const out = path.join(db.dir, "out.csv");
      await writeCsvExport(out, buildExportRows(await loadRegister(db.prisma), MAY_2025, "2024"));
      const exported = await readTableFile(out);
      const { readFile } = await import("node:fs/promises");
      const raw = await readFile(out, "utf8");
      expect(raw).toContain(`'=HYPERLINK`);
      expect(raw).toContain(`'@risk`);
      expect(raw).not.toMatch(/(^|,)=HYPERLINK/m);
      expect(exported.records.some((r) => r.cells.review_title === '=HYPERLINK("http://evil")')).toBe(true);
    });
  });
});
