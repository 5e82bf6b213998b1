/**
 * Imported names that would look like another on a card are refused: a Cyrillic "о" in an owner's
 * address, a zero-width space in a review's title, a direction control in an item's label, markdown
 * around an address. Addresses that differ only in case or width are one owner. Real import, both stores.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { importRegister } from "../../src/services/imports/import-register.js";
import { STORES, storeDatabases } from "../support/stores.js";
import type { TestDatabase } from "../support/test-database.js";

const HEADER =
  "directorate,review_title,review_type,review_date,item_ref,item_text,owner_email,original_target,progress";
let db: TestDatabase;
const databaseOn = storeDatabases();

describe.each(STORES)("on %s", (store) => {
  beforeEach(async () => {
    db = await databaseOn(store);
  });
  afterEach(async () => {
    await db.close();
  });

  function importRows(rows: string[]) {
    const file = path.join(db.dir, "register.csv");
    writeFileSync(file, [HEADER, ...rows].join("\n"));
    return importRegister(db.prisma, { file, dryRun: false, actor: "test", today: "2025-05-15", now: new Date() });
  }

  it("refuses every look-alike or invisible name with its line and what to fix, and imports nothing", async () => {
    const report = await importRows([
      "CYPS,Ofsted ILACS,inspection,March 2024,Rec 1,Do the thing,sam@council.gov.uk,Mar-25,in_progress",
      "CYPS,Ofsted ILACS,inspection,March 2024,Rec 2,Do more,s\u043Em@council.gov.uk,Mar-25,in_progress",
      "CYPS,Ofsted\u200B ILACS,inspection,March 2024,Rec 3,Again,sam@council.gov.uk,Mar-25,in_progress",
      "CYPS,Ofsted ILACS,inspection,March 2024,Rec\u202E 4,Reversed,sam@council.gov.uk,Mar-25,in_progress",
      `CYPS,Ofsted ILACS,inspection,March 2024,Rec 5,Linked,"[sam@council.gov.uk](mailto:sam@council.gov.uk)",Mar-25,in_progress`,
    ]);
    expect(report.ok).toBe(false);
    const byLine = (line: number) => report.errors.filter((e) => e.line === line).map((e) => e.message);
    expect(byLine(2)).toEqual([]);
    expect(byLine(3)).toEqual([
      expect.stringMatching(/^owner_email: .*mixes Latin letters with a Cyrillic "\u043E" \(U\+043E\)/),
    ]);
    expect(byLine(4)).toEqual([expect.stringMatching(/^review_title has an invisible character U\+200B/)]);
    expect(byLine(5)).toEqual([expect.stringMatching(/^item_ref has an invisible character U\+202E/)]);
    expect(byLine(6)).toEqual([expect.stringMatching(/^owner_email: .*give the bare address/)]);
    expect(await db.prisma.review.count()).toBe(0);
    expect(await db.prisma.person.count()).toBe(0);
  });

  it("addresses that differ only in case or character width are one owner", async () => {
    const report = await importRows([
      "CYPS,Ofsted ILACS,inspection,March 2024,Rec 1,Do the thing,Sam.Jones@Council.gov.uk,Mar-25,in_progress",
      "CYPS,Ofsted ILACS,inspection,March 2024,Rec 2,Do more,SAM.JONES@council.gov.uk,Mar-25,in_progress",
      "CYPS,Ofsted ILACS,inspection,March 2024,Rec 3,Again,ｓａｍ.ｊｏｎｅｓ＠council.gov.uk,Mar-25,in_progress",
    ]);
    expect(report).toMatchObject({ ok: true, items: { created: 3 } });
    const people = await db.prisma.person.findMany({ select: { email: true } });
    expect(people).toEqual([{ email: "sam.jones@council.gov.uk" }]);
  });
});
