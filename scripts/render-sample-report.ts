/**
 * Regenerates the sample committee report's pictures in docs/: the report for the reporting point
 * "Audit Committee 9 January 2024" (D0's meeting; cut-off the same day, since 27 July 2023) from the D0
 * fixture, with slippage added the way people add it (tests/support/slippage-scenario.ts: extension
 * requests approved, declined and waiting, a repeat extension, items at risk, an overdue high-priority
 * item), converted by LibreOffice to PDF. docs/report-first-page.png is its first page and
 * docs/report-slippage-page-1.png, -2.png ... the pages of its section on extensions, early warnings and priorities,
 * rendered by pdftoppm at 80 dpi. The .docx and .pdf are left in build/ to look at.
 *
 *   npx tsx scripts/render-sample-report.ts
 *
 * Needs LibreOffice (soffice) and poppler-utils (pdftoppm, pdftotext).
 */
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { openDatabase } from "../src/data/database.js";
import { ensureDirectorates } from "../src/data/register/register-store.js";
import { createLogger } from "../src/logger.js";
import { exportWordReport } from "../src/services/reports/export-word-report.js";
import { importRegister } from "../src/services/imports/import-register.js";
import { createReportingPoint } from "../src/services/reports/reporting-points.js";
import { addSlippage } from "../tests/support/slippage-scenario.js";

const ROOT = path.resolve(import.meta.dirname, "..");
const BUILD = path.join(ROOT, "build");
const PNG = path.join(ROOT, "docs", "report-first-page.png");
const SLIPPAGE_PNG = (page: number) => path.join(ROOT, "docs", `report-slippage-page-${page}.png`);
const SLIPPAGE_HEADING = "Extensions, early warnings and priorities";
const logger = createLogger(process.env.LOG_LEVEL ?? "warn");

function need(tool: string, hint: string): void {
  try {
    execFileSync("which", [tool], { stdio: "ignore" });
  } catch {
    throw new Error(`${tool} is not installed: ${hint}`);
  }
}

need("soffice", "apt-get install libreoffice-writer-nogui");
need("pdftoppm", "apt-get install poppler-utils");
need("pdftotext", "apt-get install poppler-utils");
const work = mkdtempSync(path.join(os.tmpdir(), "sample-report-"));
try {
  const prisma = await openDatabase(`file:${path.join(work, "tracker.db")}`);
  await ensureDirectorates(prisma);
  const imported = await importRegister(prisma, {
    file: path.join(ROOT, "tests/fixtures/d0-register.csv"),
    dryRun: false,
    actor: "sample report",
    today: "2024-01-09",
    // Before the owners' updates and decisions below, as it happened.
    now: new Date("2023-07-01T10:00:00Z"),
  });
  if (!imported.ok) throw new Error(`the D0 fixture did not import: ${JSON.stringify(imported.errors)}`);
  await addSlippage(prisma);
  for (const [name, cutOff] of [
    ["Audit Committee 27 July 2023", "2023-07-27"],
    ["Audit Committee 9 January 2024", "2024-01-09"],
  ] as const) {
    const created = await createReportingPoint(prisma, { name, cutOff, actor: "sample report" });
    if (!created.ok) throw new Error(created.reason);
  }
  mkdirSync(BUILD, { recursive: true });
  const docx = path.join(BUILD, "sample-report.docx");
  // The report for the named point: its cover names the meeting and its date, its figures are as at the cut-off.
  const exported = await exportWordReport(prisma, {
    file: docx,
    point: "Audit Committee 9 January 2024",
    today: "2024-01-10",
    statusKey: "2024",
    logger,
  });
  await prisma.$disconnect();
  if (!exported.ok) throw new Error(exported.reason);

  // Its own LibreOffice profile, so a LibreOffice already open on this machine cannot swallow the job.
  execFileSync(
    "soffice",
    [
      `-env:UserInstallation=file://${path.join(work, "lo-profile")}`,
      "--headless",
      "--convert-to",
      "pdf",
      "--outdir",
      BUILD,
      docx,
    ],
    { stdio: "ignore" },
  );
  const pdf = path.join(BUILD, "sample-report.pdf");
  execFileSync("pdftoppm", ["-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", pdf, path.join(work, "page")]);
  mkdirSync(path.dirname(PNG), { recursive: true });
  copyFileSync(path.join(work, "page.png"), PNG);

  // The section's pages (it starts a page): from its heading to the page "Lessons learnt" starts on, three at most.
  const pages = execFileSync("pdftotext", ["-layout", pdf, "-"], { encoding: "utf8" }).split("\f");
  const first = pages.findIndex((p) => new RegExp(`^\\s*\\d+\\.\\s+${SLIPPAGE_HEADING}`, "m").test(p)) + 1;
  const lessons = pages.findIndex((p, i) => i + 1 > first && /^\s*\d+\.\s+Lessons learnt/m.test(p)) + 1;
  if (first === 0) throw new Error(`no page starts the section "${SLIPPAGE_HEADING}"`);
  const last = Math.min(Math.max(lessons, first), first + 2);
  execFileSync("pdftoppm", ["-png", "-r", "80", "-f", String(first), "-l", String(last), pdf, path.join(work, "slip")]);
  const shots = readdirSync(work)
    .filter((f) => f.startsWith("slip") && f.endsWith(".png"))
    .sort();
  const written = shots.map((shot, i) => {
    const target = SLIPPAGE_PNG(i + 1);
    copyFileSync(path.join(work, shot), target);
    return path.relative(ROOT, target);
  });
  process.stdout.write(
    `Wrote ${[path.relative(ROOT, PNG), ...written].join(", ")} (the section is on pages ${first}-${last}; from ${path.relative(ROOT, docx)} and ${path.relative(ROOT, pdf)})\n`,
  );
} finally {
  rmSync(work, { recursive: true, force: true });
}
