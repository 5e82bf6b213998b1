/**
 * Regenerates docs/report-first-page.png: the committee report for the reporting point "Audit
 * Committee 9 January 2024" (D0's meeting; cut-off the same day, since 27 July 2023) from the D0 fixture, converted by LibreOffice to PDF, its first page
 * rendered by pdftoppm at 80 dpi. The .docx and .pdf are left in build/ to look at.
 *
 *   npx tsx scripts/render-sample-report.ts
 *
 * Needs LibreOffice (soffice) and poppler-utils (pdftoppm).
 */
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { openDatabase } from "../src/data/database.js";
import { ensureDirectorates } from "../src/data/register-store.js";
import { createLogger } from "../src/logger.js";
import { exportWordReport } from "../src/services/export-word-report.js";
import { importRegister } from "../src/services/import-register.js";
import { createReportingPoint } from "../src/services/reporting-points.js";

const ROOT = path.resolve(import.meta.dirname, "..");
const BUILD = path.join(ROOT, "build");
const PNG = path.join(ROOT, "docs", "report-first-page.png");
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
const work = mkdtempSync(path.join(os.tmpdir(), "sample-report-"));
try {
  const prisma = await openDatabase(`file:${path.join(work, "tracker.db")}`);
  await ensureDirectorates(prisma);
  const imported = await importRegister(prisma, {
    file: path.join(ROOT, "tests/fixtures/d0-register.csv"),
    dryRun: false,
    actor: "sample report",
    today: "2024-01-09",
    now: new Date(),
  });
  if (!imported.ok) throw new Error(`the D0 fixture did not import: ${JSON.stringify(imported.errors)}`);
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
  const written = await exportWordReport(prisma, {
    file: docx,
    point: "Audit Committee 9 January 2024",
    today: "2024-01-10",
    statusKey: "2024",
    logger,
  });
  await prisma.$disconnect();
  if (!written.ok) throw new Error(written.reason);

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
  process.stdout.write(
    `Wrote ${path.relative(ROOT, PNG)} (from ${path.relative(ROOT, docx)} and ${path.relative(ROOT, pdf)})\n`,
  );
} finally {
  rmSync(work, { recursive: true, force: true });
}
