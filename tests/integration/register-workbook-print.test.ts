/**
 * The register workbook prints as the committee reads it: landscape, the tracker's columns and the
 * slippage columns beside them one page wide, the header row on every page, text wrapped. Checked by
 * reading the page setup back and by printing it with LibreOffice to PDF and reading the pages.
 * SQLite only: the page layout does not depend on the store; reading the register is tested on both.
 */
import { execFile } from "node:child_process";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadRegister } from "../../src/data/register/register-store.js";
import { SLIPPAGE_COLUMN_HEADERS } from "../../src/domain/reports/committee-report/slippage-columns.js";
import { D1_COLUMNS } from "../../src/domain/register/d1-layout.js";
import { buildRegisterWorkbook } from "../../src/services/reports/build-register-workbook.js";
import { importRegister } from "../../src/services/imports/import-register.js";
import { convertToPdf } from "../support/libreoffice.js";
import { createTestDatabase, FIXTURES, type TestDatabase } from "../support/test-database.js";

const run = promisify(execFile);
let db: TestDatabase;
let xlsx: Buffer;

beforeAll(async () => {
  db = await createTestDatabase();
  await importRegister(db.prisma, {
    file: path.join(FIXTURES, "d0-register.csv"),
    dryRun: false,
    actor: "test",
    today: "2024-01-09",
    now: new Date(),
  });
  xlsx = await buildRegisterWorkbook(await loadRegister(db.prisma), "2024-01-09", "2024");
});
afterAll(async () => {
  await db.close();
});

describe("the register workbook's print layout", () => {
  it("is landscape A4, one page wide, with the header row repeated and every cell wrapped", async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet("Register")!;
    expect(sheet.pageSetup).toMatchObject({
      orientation: "landscape",
      paperSize: 9,
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: "1:1",
    });
    // D1's seven columns and the five on slippage (priority, at risk, extensions, chain, waiting request).
    expect(sheet.pageSetup.printArea?.replace(/\$/g, "")).toBe(`A1:L${sheet.rowCount}`);
    expect(sheet.getRow(1).values).toEqual(
      expect.arrayContaining([D1_COLUMNS.title, D1_COLUMNS.progressUpdate, ...SLIPPAGE_COLUMN_HEADERS]),
    );
    const unwrapped: string[] = [];
    sheet.eachRow((row) =>
      row.eachCell((cell) => {
        if (!cell.alignment?.wrapText) unwrapped.push(cell.address);
      }),
    );
    expect(unwrapped).toEqual([]);
  });

  it("printed by LibreOffice, every landscape page carries the whole header row, from the first column to the last", async () => {
    const file = path.join(db.dir, "register.xlsx");
    await writeFile(file, xlsx);
    const { pdf, bytes, log } = await convertToPdf(file, path.join(db.dir, "pdf"));
    expect(bytes, log).toBeGreaterThan(1000);
    const info = (await run("pdfinfo", [pdf])).stdout;
    const pages = Number(/^Pages:\s+(\d+)/m.exec(info)![1]);
    const [width, height] = /^Page size:\s+([\d.]+) x ([\d.]+)/m.exec(info)!.slice(1).map(Number) as [number, number];
    expect(width).toBeGreaterThan(height);
    // Before the print layout: 21 pages, one or two columns on each.
    expect(pages).toBeLessThanOrEqual(12);
    for (let page = 1; page <= pages; page += 1) {
      const words = (await run("pdftotext", ["-f", String(page), "-l", String(page), "-layout", pdf, "-"])).stdout;
      expect(words, `page ${page}`).toContain(D1_COLUMNS.title);
      expect(words, `page ${page}`).toContain(D1_COLUMNS.progressUpdate);
      expect(words, `page ${page}`).toContain("Extension request");
      // The machine-readable columns stay in the file, out of the print.
      expect(words, `page ${page}`).not.toContain("owner_email");
    }
  }, 120_000);
});

describe("the May 2025 tracker's workbook, printed", () => {
  let tracker: TestDatabase;
  let file: string;
  beforeAll(async () => {
    tracker = await createTestDatabase();
    await importRegister(tracker.prisma, {
      file: path.join(FIXTURES, "d1-tracker-clean.csv"),
      dryRun: false,
      actor: "test",
      today: "2025-05-01",
      now: new Date(),
    });
    file = path.join(tracker.dir, "tracker.xlsx");
    await writeFile(file, await buildRegisterWorkbook(await loadRegister(tracker.prisma), "2025-05-01", "2024"));
  });
  afterAll(async () => {
    await tracker.close();
  });

  it("gives every row the height its wrapped text needs, so no row's text runs over the next", async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const sheet = workbook.getWorksheet("Register")!;
    const short: string[] = [];
    sheet.eachRow((row, number) => {
      const printed = Array.from({ length: 12 }, (_, i) => row.getCell(i + 1).text);
      const longest = Math.max(...printed.map((text) => text.length));
      const lines = Math.max(...printed.map((text) => text.split("\n").length));
      // A row whose longest cell is several column widths long, or has several lines, is several lines tall.
      if ((longest > 120 || lines > 1) && !(row.height > 15)) short.push(`row ${number}: ${row.height ?? "no height"}`);
    });
    expect(short).toEqual([]);
  });

  it("prints one page wide and as many pages tall as its rows need, every item's words readable", async () => {
    const { pdf, bytes, log } = await convertToPdf(file, path.join(tracker.dir, "pdf"));
    expect(bytes, log).toBeGreaterThan(1000);
    const pages = Number(/^Pages:\s+(\d+)/m.exec((await run("pdfinfo", [pdf])).stdout)![1]);
    // Before row heights: the whole register on one page, its wrapped rows printed over each other.
    expect(pages).toBeGreaterThan(1);
    const words = (await run("pdftotext", [pdf, "-"])).stdout.replace(/\s+/g, " ");
    for (const phrase of [
      "Reduce Child and Adolescent Mental Health Services (CAMHS) waiting lists",
      "A tabletop exercise that included stadium staff and emergency services",
    ])
      expect(words).toContain(phrase);
  }, 120_000);
});
