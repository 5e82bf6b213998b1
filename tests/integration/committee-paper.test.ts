/**
 * The Word report reads as a committee paper: each review's inspecting body named once even where the
 * tracker's title already names it, dates in prose as "7 September 2026" whatever form they were imported in,
 * and no email broken mid-word in a table (printed by LibreOffice and read back from the PDF).
 * SQLite only: the wording does not depend on the store; reading the register is tested on both.
 */
import { execFile } from "node:child_process";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import AdmZip from "adm-zip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildWordReport } from "../../src/services/reports/build-word-report.js";
import { importRegister } from "../../src/services/imports/import-register.js";
import { committeeReportForPeriod } from "../../src/services/reports/load-committee-report.js";
import { convertToPdf } from "../support/libreoffice.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";

const run = promisify(execFile);
const TODAY = "2026-12-07";
const OWNERS = ["customer.experience@example.org", "sports.grounds.safety@example.org"];

const HEADER =
  "directorate,review_title,review_body,review_type,review_date,findings_received,outcome,item_ref,item_kind,item_text,owner_email,original_target,progress,priority";
const ROWS = [
  `FCS,2023/24 VFM arrangements (Grant Thornton),Grant Thornton,external_audit,2026-09-07,2026-10-01,Positive outcome,Rec IR4,improvement_recommendation,Strengthen the counter-fraud arrangements.,${OWNERS[0]},2026-10-31,in_progress,high`,
  `RE,Sports Ground Safety Authority – Local Authority Audit (Sports Ground Safety Authority (SGSA)),SGSA,audit,29 August 2024,,Low risk,Recommendation 2,recommendation,Hold a tabletop exercise with stadium staff and emergency services.,${OWNERS[1]},2026-11-30,in_progress,high`,
  `ACEX,Customer Service Peer Review,LGA,peer_review,March 2026,,Positive,Rec 1,recommendation,Publish the customer standards.,${OWNERS[0]},Oct-26,in_progress,high`,
];

let db: TestDatabase;
let docx: Buffer;
let words: string;

beforeAll(async () => {
  db = await createTestDatabase();
  const file = path.join(db.dir, "register.csv");
  await writeFile(file, [HEADER, ...ROWS].join("\n"));
  const imported = await importRegister(db.prisma, {
    file,
    dryRun: false,
    actor: "test",
    today: TODAY,
    now: new Date(),
  });
  expect(imported.errors).toEqual([]);
  const report = await committeeReportForPeriod(db.prisma, { today: TODAY, since: "2026-06-01", statusKey: "2024" });
  if (!report.ok) throw new Error(report.reason);
  docx = await buildWordReport(report.model);
  words = new AdmZip(docx)
    .readAsText("word/document.xml")
    .replace(/<[^>]+>/g, "")
    .replace(/&amp;/g, "&")
    .replace(/\u200b/g, "");
});
afterAll(async () => {
  await db.close();
});

describe("the committee's Word report", () => {
  it("names each review's inspecting body once, also where the title already names it", () => {
    expect(words).toContain("2023/24 VFM arrangements (Grant Thornton)");
    expect(words).not.toContain("(Grant Thornton) (Grant Thornton)");
    expect(words).toContain("(Sports Ground Safety Authority (SGSA))");
    expect(words).not.toContain("(SGSA)) (SGSA)");
    // A title that does not name its body still gets it, as D0 writes titles.
    expect(words).toContain("Customer Service Peer Review (LGA)");
  });

  it("writes dates in prose as a committee paper does, including dates imported in ISO form", () => {
    expect(words).toContain("Grant Thornton conducted the audit on 7 September 2026");
    expect(words).toContain("The findings were received on 1 October 2026");
    expect(words).not.toMatch(/\b\d{4}-\d{2}-\d{2}\b/);
  });

  it("printed, breaks no email mid-word in its tables", async () => {
    const file = path.join(db.dir, "report.docx");
    await writeFile(file, docx);
    const { pdf, bytes, log } = await convertToPdf(file, path.join(db.dir, "pdf"));
    expect(bytes, log).toBeGreaterThan(1000);
    const lines = (await run("pdftotext", ["-layout", pdf, "-"])).stdout.replace(/\u200b/g, "").split("\n");
    const shown: string[] = [];
    const brokenMidWord: string[] = [];
    for (const line of lines)
      for (const token of line.split(/\s+/).filter((t) => /[@.]/.test(t)))
        for (const email of OWNERS) {
          const at = email.indexOf(token);
          if (at < 0 || token.length < 3) continue;
          shown.push(token);
          const end = at + token.length;
          // A piece of an email starts at its start or after a dot, and ends at its end, a dot or before the "@".
          const startsAtPart = at === 0 || email[at - 1] === "." || email[at] === "@";
          const endsAtPart = end === email.length || email[end - 1] === "." || email[end] === "@";
          if (!startsAtPart || !endsAtPart) brokenMidWord.push(`${token} (of ${email})`);
        }
    expect(shown.length).toBeGreaterThan(0);
    expect(brokenMidWord).toEqual([]);
  }, 120_000);
});
