/**
 * What an import refuses, and how it says so: a CSV in an encoding it cannot read (Shift-JIS) is refused
 * with the lines that show it, while Latin-1 text reads as the Windows-1252 it is; a control character
 * (NUL) and an over-long cell are their rows' problems, every bad row listed; and a missing file, a damaged
 * workbook and an unknown format each get one sentence saying what to do, as text and as --json's error.
 * Nothing is written by any refusal. SQLite only: each is refused before the register is read.
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CANONICAL_COLUMNS } from "../../src/domain/register/register-row.js";
import { runCliCaptured } from "../support/cli-run.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";

let db: TestDatabase;

beforeEach(async () => {
  db = await createTestDatabase();
  await db.prisma.$disconnect(); // the command line opens its own client
});
afterEach(async () => {
  await db.close();
});

const cli = (...args: string[]) => runCliCaptured(args, { DATABASE_URL: db.url }, new Date("2025-05-15T10:00:00Z"));

function write(name: string, bytes: Buffer | string): string {
  const file = path.join(db.dir, name);
  writeFileSync(file, bytes);
  return file;
}

async function reviewTitles(): Promise<string[]> {
  const { stdout } = await cli("status", "--json");
  return (JSON.parse(stdout) as { review_title: string }[]).map((s) => s.review_title);
}

/** A register row in the canonical columns, with `cells` over a good item's. */
function row(cells: Partial<Record<(typeof CANONICAL_COLUMNS)[number], string>>): string {
  const good: Record<string, string> = {
    directorate: "ASC",
    review_title: "Respite charges review",
    review_body: "Internal Audit",
    item_ref: "Rec 1",
    item_kind: "recommendation",
    item_text: "Publish the charging policy",
    original_target: "Mar-26",
    progress: "in_progress",
    confidential: "false",
    ...cells,
  };
  return CANONICAL_COLUMNS.map((c) => {
    const cell = good[c] ?? "";
    return /[",\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
  }).join(",");
}

const HEADER = CANONICAL_COLUMNS.join(",");

/** Shift-JIS bytes for `text` (ASCII and the double-byte characters), from Shift-JIS's own decoder. */
function shiftJis(text: string): Buffer {
  const decoder = new TextDecoder("shift_jis");
  const bytesOf = new Map<string, number[]>();
  for (let lead = 0x81; lead <= 0xef; lead += 1) {
    if (lead > 0x9f && lead < 0xe0) continue;
    for (let trail = 0x40; trail <= 0xfc; trail += 1) {
      const character = decoder.decode(Uint8Array.of(lead, trail));
      if (character.length === 1 && !bytesOf.has(character)) bytesOf.set(character, [lead, trail]);
    }
  }
  return Buffer.from([...text].flatMap((c) => (c.charCodeAt(0) < 0x80 ? [c.charCodeAt(0)] : bytesOf.get(c)!)));
}

describe("an import refuses an encoding it cannot read, and reads Latin-1 as Windows-1252", () => {
  it("refuses a Shift-JIS CSV, naming the lines whose text would come out garbled, and writes nothing", async () => {
    const text = [
      HEADER,
      row({}),
      row({ review_title: "年次計画", item_ref: "Rec 2" }),
      row({ item_ref: "Rec 3", item_text: "改善計画を公表する" }),
    ].join("\r\n");
    // Chosen as the garbling case: every byte is a Windows-1252 character and none forms UTF-8 by chance.
    const bytes = shiftJis(text);
    expect(new TextDecoder("shift_jis").decode(bytes)).toBe(text);

    const result = await cli("import", write("shift-jis.csv", bytes));
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      "the file is neither UTF-8 nor Windows-1252 text (lines 3, 4 hold characters that read as garbled in both, as another encoding such as Shift-JIS does)",
    );
    expect(result.stdout).toContain('save it from Excel as "CSV UTF-8 (Comma delimited)"');
    expect(await reviewTitles()).toEqual([]);
  });

  it("reads a Latin-1 CSV (accents, £, ½) as Windows-1252, every character as written", async () => {
    const title = "Zoë's café: Größe and £25 charges, ½ done";
    const file = write("latin-1.csv", Buffer.from([HEADER, row({ review_title: title })].join("\n"), "latin1"));
    const result = await cli("import", file, "--json");
    expect(JSON.parse(result.stdout)).toMatchObject({ ok: true, encoding: "windows-1252", items: { created: 1 } });
    expect(await reviewTitles()).toEqual([title]);
  });
});

describe("an import refuses text it would store wrongly", () => {
  it("refuses a NUL or other control character with its row and column, listing every bad row, and writes nothing", async () => {
    const file = write(
      "controls.csv",
      [
        HEADER,
        row({ item_text: "Publish the charging\u0000 policy" }),
        row({ item_ref: "Rec 2" }),
        row({ item_ref: "Rec 3", progress_update: "Agreed \u001b by the board" }),
      ].join("\n"),
    );
    const result = await cli("import", file, "--json");
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toMatchObject({
      ok: false,
      errors: [
        {
          line: 2,
          message:
            "item_text holds a control character (NUL, U+0000) at character 21: remove it, as it would cut the text short",
        },
        {
          line: 4,
          message:
            "progress_update holds a control character (ESC, U+001B) at character 8: remove it, as it would cut the text short",
        },
      ],
    });
    expect(await reviewTitles()).toEqual([]);
  });

  it("refuses a cell longer than its card field takes, as its row's problem, never cut short", async () => {
    const file = write(
      "long.csv",
      [
        HEADER,
        row({ item_text: "x".repeat(4001) }),
        row({ item_ref: "Rec 2", item_text: "y".repeat(4000), owner_email: `${"o".repeat(310)}@example.org` }),
        row({ item_ref: "Rec 3", revision_reason: "r".repeat(1001) }),
      ].join("\n"),
    );
    const { code, stdout } = await cli("import", file);
    expect(code).toBe(1);
    expect(stdout).toBe(
      [
        `Nothing imported: 3 problems in ${file}. Fix these and import again:`,
        "  line 2: item_text is 4,001 characters long: at most 4,000 fit (as on the card), so shorten it",
        "  line 3: owner_email is 322 characters long: at most 320 fit (as on the card), so shorten it",
        "  line 4: revision_reason is 1,001 characters long: at most 1,000 fit (as on the card), so shorten it",
        "",
      ].join("\n"),
    );
    expect(await reviewTitles()).toEqual([]);
  });
});

describe("the command line says what to do about a file it cannot read, in one sentence", () => {
  async function refusal(file: string): Promise<{ text: string; json: unknown }> {
    const text = await cli("import", file);
    const json = await cli("import", file, "--json");
    expect([text.code, json.code]).toEqual([1, 1]);
    expect(text.stderr + json.stderr).toBe("");
    return { text: text.stdout, json: JSON.parse(json.stdout) };
  }

  it("a missing file", async () => {
    const file = path.join(db.dir, "no such register.csv");
    const { text, json } = await refusal(file);
    const problem = `there is no file ${file} that can be read: check its name and folder`;
    expect(text).toBe(`Nothing imported from ${file}: ${problem}.\n`);
    expect(json).toEqual({ ok: false, file, error: problem });
  });

  it("a damaged workbook: no zip library's message or address, and no line number", async () => {
    const good = write("register.csv", [HEADER, row({})].join("\n"));
    const exported = path.join(db.dir, "exported.xlsx");
    expect((await cli("import", good)).code).toBe(0);
    expect((await cli("export", "--format", "xlsx", "--out", exported)).code).toBe(0);
    const whole = readFileSync(exported);
    const damaged = write("damaged.xlsx", whole.subarray(0, Math.floor(whole.length / 2)));
    const { text, json } = await refusal(damaged);
    const problem =
      "the file is not an Excel workbook or is damaged: open it in Excel and save it again as an Excel workbook (.xlsx)";
    expect(text).toBe(`Nothing imported from ${damaged}: ${problem}.\n`);
    expect(json).toEqual({ ok: false, file: damaged, error: problem });
  });

  it("an unknown format", async () => {
    const file = write("register.txt", "directorate,review_title\n");
    const { text, json } = await refusal(file);
    const problem =
      'register.txt is not a .csv, .xlsx or .docx file: save the register from Excel as "CSV UTF-8 (Comma delimited)" or as an Excel workbook (.xlsx), or the tracker from Word as a Word document (.docx), and import that';
    expect(text).toBe(`Nothing imported from ${file}: ${problem}.\n`);
    expect(json).toEqual({ ok: false, file, error: problem });
  });

  it("a failed import does not go on to say as at which day statuses were compared", async () => {
    const file = write("bad.csv", [HEADER, row({ directorate: "Nowhere" })].join("\n"));
    const { code, stdout } = await cli("import", file);
    expect(code).toBe(1);
    expect(stdout).toContain("line 2: directorate");
    expect(stdout).not.toContain("Recorded statuses compared");
  });
});
