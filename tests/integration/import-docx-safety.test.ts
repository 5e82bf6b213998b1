/**
 * A Word document is read for its text alone: one whose part unpacks to hundreds of megabytes, or that
 * holds thousands of parts, is refused from its zip directory in a process that stays small; a macro
 * part, embedded object, linked file and external hyperlink inside a tracker are never opened or
 * fetched, and add nothing to the register. The command line previews (dry run) and imports a .docx,
 * also one saved again by LibreOffice Writer, which writes its own XML.
 * SQLite only: what is tested is the reading of the file, before the register's store is touched.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import JSZip from "jszip";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { runCliCaptured } from "../support/cli-run.js";
import { SOFFICE } from "../support/libreoffice.js";
import { createTestDatabase, FIXTURES, type TestDatabase } from "../support/test-database.js";
import { mayTrackerTable, wordDocument } from "../support/tracker-docx.js";
import { inflatedCopy } from "../support/zip-bombs.js";
import { writeZip } from "../support/zip-writer.js";

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, "../..");
const MB = 1024 * 1024;
/** The most a refused file may cost the process that refuses it (as for a workbook). */
const PEAK_LIMIT_MB = 600;
const NOW = new Date("2025-05-15T10:00:00Z");
const CLEAN_TRACKER = path.join(FIXTURES, "d1-tracker-clean.csv");

let db: TestDatabase;
let dir: string;

beforeEach(async () => {
  db = await createTestDatabase();
  await db.prisma.$disconnect(); // the command line opens its own client
  dir = mkdtempSync(path.join(os.tmpdir(), "tracker-docx-"));
});
afterEach(async () => {
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

const cli = (...args: string[]) => runCliCaptured(args, { DATABASE_URL: db.url }, NOW);

async function statusLines(): Promise<unknown[]> {
  const { stdout } = await cli("status", "--json", "--as-of", "2025-05-15");
  return JSON.parse(stdout) as unknown[];
}

/** `tracker import FILE --json` in a process of its own, with its peak resident memory. */
async function importInProcess(
  file: string,
): Promise<{ code: number; output: Record<string, unknown>; peakMb: number }> {
  let stdout: string;
  let code = 0;
  try {
    ({ stdout } = await run("npx", ["tsx", "tests/support/cli-peak-child.ts", "import", file, "--json"], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: db.url, LOG_LEVEL: "warn" },
      maxBuffer: 16 * MB,
    }));
  } catch (error) {
    const failed = error as { code: number; stdout: string };
    code = failed.code;
    stdout = failed.stdout;
  }
  const peak = /PEAK_RSS_MB (\d+)/.exec(stdout);
  if (!peak) throw new Error(`the import process printed no peak memory: ${stdout}`);
  return { code, output: JSON.parse(stdout.slice(0, peak.index)) as Record<string, unknown>, peakMb: Number(peak[1]) };
}

/** The tracker as a .docx's parts, each part's bytes. */
async function trackerParts(): Promise<Map<string, Buffer>> {
  const zip = await JSZip.loadAsync(await wordDocument([mayTrackerTable(CLEAN_TRACKER)]));
  const parts = new Map<string, Buffer>();
  for (const name of Object.keys(zip.files)) parts.set(name, await zip.file(name)!.async("nodebuffer"));
  return parts;
}

describe("a Word document is checked before it is unpacked", () => {
  it("refuses a small .docx whose text unpacks to 300 MB, from its zip directory, staying under 600 MB", async () => {
    const file = path.join(dir, "bomb.docx");
    writeFileSync(file, await inflatedCopy(await wordDocument([mayTrackerTable(CLEAN_TRACKER)]), "Oct-24", 300));
    const { code, output, peakMb } = await importInProcess(file);
    expect(code).toBe(1);
    expect(output.error).toMatch(/^the document's part word\/document\.xml unpacks to 300(\.\d)? MB/);
    expect(output.error).toContain("copy the tracker's tables alone into a new document");
    expect(peakMb).toBeLessThan(PEAK_LIMIT_MB);
    expect(await statusLines()).toEqual([]);
  }, 120_000);

  it("refuses a .docx of thousands of parts", async () => {
    const parts = await trackerParts();
    const file = path.join(dir, "many-parts.docx");
    await writeZip(file, [
      ...[...parts].map(([name, bytes]) => ({ name, pieces: [bytes] })),
      ...Array.from({ length: 2000 }, (_, i) => ({ name: `word/media/image${i}.png`, pieces: [Buffer.from("x")] })),
    ]);
    const { code, stdout } = await cli("import", file);
    expect(code).toBe(1);
    expect(stdout).toContain("the document holds 2,017 parts, more than a register's document has (at most 1,000)");
    expect(await statusLines()).toEqual([]);
  });
});

describe("macros, embedded objects, linked files and external links are never read", () => {
  let server: Server;
  let requests: string[];
  let origin: string;
  beforeAll(async () => {
    requests = [];
    server = createServer((request, response) => {
      requests.push(request.url ?? "");
      response.end("Rec 9: fetched from outside");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("imports the tracker's own text only, the same register as its CSV", async () => {
    const parts = await trackerParts();
    let xml = parts.get("word/document.xml")!.toString("utf8");
    // In one item's cell: an embedded object's text box, a linked-file field's instruction, deleted text
    // and a hyperlink to the stand-in server (its shown text is the cell's own).
    const hidden =
      `<w:r><w:object><v:shape xmlns:v="urn:schemas-microsoft-com:vml"><v:textbox><w:txbxContent><w:p><w:r><w:t>Rec 7: EMBEDDED</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:object></w:r>` +
      `<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>INCLUDETEXT "${origin}/included.docx"</w:instrText></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>` +
      `<w:del w:id="1" w:author="x" w:date="2025-01-01T00:00:00Z"><w:r><w:delText>Rec 8: DELETED</w:delText></w:r></w:del>`;
    xml = xml.replace(/(<w:t xml:space="preserve">Oct-24<\/w:t><\/w:r>)/, `$1${hidden}`);
    xml = xml.replace(
      "<w:body>",
      `<w:body><w:p><w:hyperlink r:id="rIdOutside"><w:r><w:t>Tracker on the intranet</w:t></w:r></w:hyperlink></w:p><w:altChunk r:id="rIdChunk"/>`,
    );
    const rels = parts
      .get("word/_rels/document.xml.rels")!
      .toString("utf8")
      .replace(
        "</Relationships>",
        `<Relationship Id="rIdOutside" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="${origin}/tracker" TargetMode="External"/>` +
          `<Relationship Id="rIdChunk" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/aFChunk" Target="${origin}/chunk.docx" TargetMode="External"/>` +
          `<Relationship Id="rIdVba" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" Target="vbaProject.bin"/></Relationships>`,
      );
    expect(xml).toContain("EMBEDDED");
    const zip = new JSZip();
    for (const [name, bytes] of parts) zip.file(name, bytes);
    zip.file("word/document.xml", xml);
    zip.file("word/_rels/document.xml.rels", rels);
    // A macro project that is not even a valid one: reading it at all would fail the import.
    zip.file("word/vbaProject.bin", Buffer.from("not a VBA project, never to be opened"));
    zip.file("word/embeddings/oleObject1.bin", Buffer.from("an embedded object"));
    const file = path.join(dir, "tracker-with-extras.docx");
    writeFileSync(file, await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }));

    const imported = await cli("import", file, "--json");
    expect(imported.code).toBe(0);
    expect(JSON.parse(imported.stdout)).toMatchObject({ ok: true, reviews: { created: 12 }, items: { created: 34 } });
    const fromWord = await statusLines();
    expect(JSON.stringify(fromWord)).not.toMatch(/EMBEDDED|DELETED|fetched from outside|INCLUDETEXT/);
    expect(requests).toEqual([]);

    await db.close();
    db = await createTestDatabase();
    await db.prisma.$disconnect();
    expect((await cli("import", CLEAN_TRACKER)).code).toBe(0);
    expect(fromWord).toEqual(await statusLines());
  });
});

describe("the command line reads a .docx", () => {
  it("previews it with --dry-run, writing nothing, then imports it", async () => {
    const file = path.join(dir, "tracker-2025-05-15.docx");
    writeFileSync(file, await wordDocument([mayTrackerTable(CLEAN_TRACKER)]));

    const preview = await cli("import", file, "--dry-run");
    expect(preview.code).toBe(0);
    expect(preview.stdout).toContain(`Would import ${file} (d1 layout,`);
    expect(preview.stdout).toContain("table 1 read as the May 2025 tracker");
    expect(preview.stdout).toContain("  reviews: 12 new, 0 changed, 0 unchanged");
    expect(preview.stdout).toMatch(/ {2}table 1, row \d+: 2022\/23 VFM arrangements \(Grant Thornton\) \/ Improving/);
    expect(await statusLines()).toEqual([]);

    const imported = await cli("import", file);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain(`Imported ${file}`);
    expect(imported.stdout).toContain("  items:   34 new, 0 changed, 0 unchanged");
    expect(await statusLines()).toHaveLength(34);
    const again = await cli("import", file, "--dry-run");
    expect(again.stdout).toContain("  items:   0 new, 0 changed, 34 unchanged");
  });

  it("imports the tracker saved again by another word processor (LibreOffice Writer) into the register its CSV makes", async () => {
    if (!SOFFICE) throw new Error("LibreOffice (soffice) is not installed: .ci/run installs libreoffice-writer-nogui");
    const built = path.join(dir, "tracker.docx");
    writeFileSync(built, await wordDocument([mayTrackerTable(CLEAN_TRACKER)]));
    const out = path.join(dir, "saved-again");
    await run(
      SOFFICE,
      [
        `-env:UserInstallation=file://${path.join(dir, "lo-profile")}`,
        "--headless",
        "--convert-to",
        "docx:MS Word 2007 XML",
        "--outdir",
        out,
        built,
      ],
      { timeout: 90_000 },
    );
    const imported = await cli("import", path.join(out, "tracker.docx"), "--json");
    expect(JSON.parse(imported.stdout)).toMatchObject({ ok: true, reviews: { created: 12 }, items: { created: 34 } });
    const fromWord = await statusLines();

    await db.close();
    db = await createTestDatabase();
    await db.prisma.$disconnect();
    expect((await cli("import", CLEAN_TRACKER)).code).toBe(0);
    expect(fromWord).toEqual(await statusLines());
  }, 120_000);
});
