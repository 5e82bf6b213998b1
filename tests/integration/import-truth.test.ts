/**
 * `npm run tracker -- import` tells the truth: a CSV saved by Excel as Windows-1252 keeps its £, accents
 * and curly quotes (and the report says how it was read), a file in no encoding it knows is refused,
 * and a review whose rows disagree on `confidential` is refused with the lines; nothing is half-imported.
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCliCaptured } from "../support/cli-run.js";
import { STORES, storeDatabases } from "../support/stores.js";
import type { TestDatabase } from "../support/test-database.js";

let db: TestDatabase;

const databaseOn = storeDatabases();

describe.each(STORES)("on %s", (store) => {
  beforeEach(async () => {
    db = await databaseOn(store);
    await db.prisma.$disconnect(); // the CLI opens its own client: one per process on a SQLite file
  });
  afterEach(async () => {
    await db.close();
  });

  const cli = (...args: string[]) => runCliCaptured(args, { DATABASE_URL: db.url }, new Date("2025-05-15T10:00:00Z"));

  const HEADER =
    "directorate,review_title,review_body,review_type,review_date,findings_received,outcome,item_ref,item_kind,item_text,parent_ref,responsible_unit,owner_email,original_target,revised_target,revision_reason,progress,recorded_status,progress_update,confidential,completed_on";
  const TITLE = "Café and respite charges – Adults review";
  const ITEM_TEXT = "Publish the £25 weekly charge and explain ‘respite’ in plain English…";
  const ROWS = [
    HEADER,
    `ASC,${TITLE},Internal Audit,audit,March 2024,,Reasonable assurance,Rec 1,recommendation,"${ITEM_TEXT}",,,,Mar-25,,,in_progress,,,false,`,
  ];

  function write(name: string, bytes: Buffer): string {
    const file = path.join(db.dir, name);
    writeFileSync(file, bytes);
    return file;
  }

  /** Text as Excel's plain "CSV" saves it in the UK: Windows-1252, where ‘ ’ – … are bytes 0x91 0x92 0x96 0x85. */
  function windows1252(text: string): Buffer {
    const beyondLatin1: Record<string, string> = { "‘": "\u0091", "’": "\u0092", "–": "\u0096", "…": "\u0085" };
    return Buffer.from(
      text.replace(/[‘’–…]/g, (c) => beyondLatin1[c]!),
      "latin1",
    );
  }

  async function reviewTitles(): Promise<string[]> {
    const { stdout } = await cli("status", "--json");
    return (JSON.parse(stdout) as { review_title: string }[]).map((s) => s.review_title);
  }

  describe("import reads the file's encoding", () => {
    it("reads a Windows-1252 CSV (Excel's plain CSV) with every character as written, and says so", async () => {
      const bytes = windows1252(ROWS.join("\r\n"));
      expect(bytes.includes(0x96) && bytes.includes(0xa3)).toBe(true);
      const file = write("excel.csv", bytes);

      const text = await cli("import", file);
      expect(text.code).toBe(0);
      expect(text.stdout).toContain("read as WINDOWS-1252, not UTF-8");

      expect(await reviewTitles()).toEqual([TITLE]);
      const { stdout } = await cli("export", "--format", "csv", "--out", path.join(db.dir, "out.csv"), "--json");
      expect(JSON.parse(stdout)).toMatchObject({ items: 1 });
      const exported = readFileSync(path.join(db.dir, "out.csv"), "utf8");
      expect(exported).toContain(ITEM_TEXT);
      expect(exported).not.toContain("\uFFFD");
    });

    it("reports utf-8 for a UTF-8 file in --json, and reads UTF-16 with its byte-order mark", async () => {
      const utf8 = await cli("import", write("utf8.csv", Buffer.from(ROWS.join("\n"), "utf8")), "--json", "--dry-run");
      expect(JSON.parse(utf8.stdout)).toMatchObject({ ok: true, encoding: "utf-8" });
      const utf16 = await cli(
        "import",
        write("utf16.csv", Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(ROWS.join("\n"), "utf16le")])),
        "--json",
      );
      expect(JSON.parse(utf16.stdout)).toMatchObject({ ok: true, encoding: "utf-16le", reviews: { created: 1 } });
      expect(await reviewTitles()).toEqual([TITLE]);
    });

    it("refuses a file in neither UTF-8 nor Windows-1252, saying how to save it, and writes nothing", async () => {
      // 0x81 and 0x8D are Shift-JIS lead bytes and no character in Windows-1252.
      const bytes = Buffer.concat([
        Buffer.from(`${ROWS[0]}\n`, "latin1"),
        Buffer.from([0x41, 0x53, 0x43, 0x2c, 0x81, 0x8d, 0x0a]),
      ]);
      const result = await cli("import", write("shift-jis.csv", bytes));
      expect(result.code).toBe(1);
      expect(result.stdout).toContain("Nothing imported");
      expect(result.stdout).toContain("neither UTF-8 nor Windows-1252");
      expect(result.stdout).toContain("line 2");
      expect(result.stdout).toContain("CSV UTF-8 (Comma delimited)");
      expect(await reviewTitles()).toEqual([]);
    });
  });

  describe("import refuses a file that mixes encodings", () => {
    it("names a UTF-8 line and a Windows-1252 line rather than garbling either, and writes nothing", async () => {
      const utf8Row = `ASC,${TITLE},Internal Audit,audit,March 2024,,Reasonable assurance,Rec 2,recommendation,Review the café contract,,,,Mar-25,,,in_progress,,,false,`;
      const bytes = Buffer.concat([windows1252(`${ROWS.join("\n")}\n`), Buffer.from(`${utf8Row}\n`, "utf8")]);
      const result = await cli("import", write("pasted.csv", bytes));
      expect(result.code).toBe(1);
      expect(result.stdout).toContain("mixes UTF-8 (line 3) and Windows-1252 (line 2)");
      expect(await reviewTitles()).toEqual([]);
    });
  });

  describe("import refuses a review whose rows disagree on confidential", () => {
    it("lists the lines on each side and imports nothing, not even the other reviews", async () => {
      const home = "Oak House Children's Residential Home";
      const file = write(
        "mixed.csv",
        Buffer.from(
          [
            HEADER,
            `ASC,${TITLE},Internal Audit,audit,March 2024,,Reasonable assurance,Rec 1,recommendation,Publish the charge,,,,Mar-25,,,in_progress,,,false,`,
            `CYPS,${home},Ofsted,inspection,May 2024,,Good,,,,,,,,,,,,,true,`,
            `CYPS,${home},Ofsted,inspection,May 2024,,Good,Rec 1,recommendation,Repair the garden fence,,,,Mar-25,,,in_progress,,,true,`,
            `CYPS,${home},Ofsted,inspection,May 2024,,Good,Rec 2,recommendation,Review night staffing,,,,Mar-25,,,in_progress,,,false,`,
            `CYPS,${home},Ofsted,inspection,May 2024,,Good,Rec 3,recommendation,Update the fire plan,,,,Mar-25,,,in_progress,,,,`,
          ].join("\n"),
          "utf8",
        ),
      );
      const result = await cli("import", file, "--json");
      expect(result.code).toBe(1);
      const report = JSON.parse(result.stdout) as { ok: boolean; errors: { line: number; message: string }[] };
      expect(report.ok).toBe(false);
      expect(report.errors).toEqual([
        {
          line: 3,
          message: expect.stringMatching(
            /^review "Oak House Children's Residential Home" is marked confidential on lines 3, 4 but not on lines 5, 6: give every row/,
          ),
        },
      ]);
      expect(await reviewTitles()).toEqual([]);
    });
  });
});
