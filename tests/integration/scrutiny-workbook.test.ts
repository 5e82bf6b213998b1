/**
 * The report workbook's "Scrutiny" sheet and the Word report's scrutiny section, on SQLite and PostgreSQL:
 * the work programme's response table
 * (recommendation, sent to executive, response due, response, response date) for the scrutiny reviews
 * imported, an overdue response marked, a confidential review left out (the workbook's link is posted to
 * channels), and no sheet at all for a register without scrutiny.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import AdmZip from "adm-zip";
import ExcelJS from "exceljs";
import { buildCommitteeReport } from "../../src/domain/reports/committee-report.js";
import { buildWordReport } from "../../src/services/reports/build-word-report.js";
import { renderSummaryCard } from "../../src/cards/render-summary-card.js";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadRegister } from "../../src/data/register/register-store.js";
import { importRegister } from "../../src/services/imports/import-register.js";
import { buildRegisterWorkbook } from "../../src/services/reports/build-register-workbook.js";
import { STORES, storeDatabases } from "../support/stores.js";
import type { TestDatabase } from "../support/test-database.js";

const TODAY = "2019-12-02";
const NOW = new Date("2019-12-02T10:00:00Z");
const OSMB = "Overview and Scrutiny Management Board";
const HEADER =
  "source,directorate,review_title,review_body,item_ref,item_text,owner_email,confidential,sent_to_executive,executive_response,response_date,response_due";
let db: TestDatabase;
const databaseOn = storeDatabases();

async function sheetRows(buffer: Buffer, name: string): Promise<string[][] | null> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  const sheet = workbook.getWorksheet(name);
  if (!sheet) return null;
  const rows: string[][] = [];
  sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => (typeof v === "string" ? v : ""))));
  return rows;
}

describe.each(STORES)("on %s", (store) => {
  beforeEach(async () => {
    db = await databaseOn(store);
  });
  afterEach(async () => {
    await db.close();
  });

  async function importRows(rows: string[]) {
    const file = path.join(db.dir, "s.csv");
    writeFileSync(file, [HEADER, ...rows].join("\n"));
    const report = await importRegister(db.prisma, { file, dryRun: false, actor: "test", today: TODAY, now: NOW });
    expect(report.errors).toEqual([]);
  }

  it("lists each scrutiny recommendation's response, marks the overdue one and leaves a confidential review out", async () => {
    await importRows([
      `scrutiny,CYPS,Takeover Challenge review,${OSMB},Recommendation 2,Present a detailed response,a@example.org,false,2019-09-11,,,2020-01-29`,
      `scrutiny,FCS,Agency review,${OSMB},Recommendation 1,Report agency use,b@example.org,false,2019-07-31,,,`,
      `scrutiny,RE,Modern Methods of Construction review,${OSMB},Recommendation 1,Lessons learned report,c@example.org,false,2019-05-15,accepted,2019-07-09,`,
      `scrutiny,CYPS,Secret home scrutiny,${OSMB},Recommendation 1,Private matter,d@example.org,true,2019-09-11,,,`,
      `,CYPS,SEND inspection,Ofsted,Rec 1,Improve EHCPs,e@example.org,false,,,,`,
    ]);
    const rows = await sheetRows(await buildRegisterWorkbook(await loadRegister(db.prisma), TODAY, "2024"), "Scrutiny");
    expect(rows).toEqual([
      ["Scrutiny review", "Recommendation", "Sent to executive", "Response due", "Response", "Response date"],
      [
        "Takeover Challenge review",
        "Recommendation 2: Present a detailed response",
        "11 September 2019",
        "29 January 2020",
        "Awaiting response",
        "",
      ],
      [
        "Agency review",
        "Recommendation 1: Report agency use",
        "31 July 2019",
        "30 September 2019 (overdue)",
        "Awaiting response",
        "",
      ],
      [
        "Modern Methods of Construction review",
        "Recommendation 1: Lessons learned report",
        "15 May 2019",
        "15 July 2019",
        "Accepted",
        "9 July 2019",
      ],
    ]);
  });

  it("gives the Word report the same response table under its own heading, without the confidential review", async () => {
    await importRows([
      `scrutiny,FCS,Agency review,${OSMB},Recommendation 1,Report agency use,b@example.org,false,2019-07-31,,,`,
      `scrutiny,CYPS,Secret home scrutiny,${OSMB},Recommendation 1,Private matter,d@example.org,true,2019-09-11,,,`,
    ]);
    const model = buildCommitteeReport({
      register: await loadRegister(db.prisma),
      today: TODAY,
      since: "2019-06-30",
      statusKey: "2024",
      point: { name: "Audit Committee 9 January 2020" },
      previous: null,
    });
    const xml = new AdmZip(await buildWordReport(model)).readAsText("word/document.xml").replace(/&apos;/g, "'");
    expect(xml).toContain("Scrutiny recommendations and the Cabinet's response");
    expect(xml).toContain("1 response is overdue (shaded)");
    expect(xml).toContain("Recommendation 1: Report agency use");
    expect(xml).toContain("30 September 2019 (overdue)");
    expect(xml).not.toContain("Secret home");
    expect(xml).not.toContain("Private matter");
    // The period summary card (posted to channels) gives counts, never names.
    const card = JSON.stringify(
      renderSummaryCard(model, { word: "https://x.example/w", workbook: "https://x.example/x", expiresAt: NOW }),
    );
    expect(card).toContain(
      "Scrutiny recommendations: 1, 1 awaiting the Cabinet's response (1 overdue); the response table is in the Word report and workbook.",
    );
    expect(card).not.toContain("Secret home");
  });

  it("adds no Scrutiny sheet to a register without scrutiny reviews", async () => {
    await importRows([`,CYPS,SEND inspection,Ofsted,Rec 1,Improve EHCPs,e@example.org,false,,,,`]);
    const buffer = await buildRegisterWorkbook(await loadRegister(db.prisma), TODAY, "2024");
    expect(await sheetRows(buffer, "Scrutiny")).toBeNull();
    expect(await sheetRows(buffer, "Register")).not.toBeNull();
  });
});
