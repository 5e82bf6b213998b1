/**
 * LibreOffice headless as the "opens without repair prompts" check: a file it cannot read converts to
 * nothing. Each conversion uses its own profile, so a running LibreOffice (or a parallel test) cannot
 * swallow the job.
 */
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, realpathSync, statSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

export const SOFFICE =
  ["/usr/bin/soffice", "/usr/bin/libreoffice", "/usr/lib/libreoffice/program/soffice"].find((p) => existsSync(p)) ??
  null;

/** Writer can be installed without Calc, and then every spreadsheet "could not be loaded": say which is missing. */
export function missingComponent(file: string): string | null {
  const program = SOFFICE ? path.join(path.dirname(realpathSync(SOFFICE)), "") : "";
  const needs = /\.(xlsx|xls|ods|csv)$/i.test(file)
    ? ["libsclo.so", "libreoffice-calc-nogui"]
    : ["libswlo.so", "libreoffice-writer-nogui"];
  return program && !existsSync(path.join(program, needs[0]!))
    ? `LibreOffice is installed without ${needs[1]}: install it to convert ${path.basename(file)}`
    : null;
}

/** Converts `file` to PDF in `outDir`; returns the PDF's path and size (0 when nothing was written). */
export async function convertToPdf(file: string, outDir: string): Promise<{ pdf: string; bytes: number; log: string }> {
  if (!SOFFICE)
    throw new Error(
      "LibreOffice (soffice) is not installed: .ci/run installs libreoffice-writer-nogui and libreoffice-calc-nogui",
    );
  const missing = missingComponent(file);
  if (missing) throw new Error(missing);
  mkdirSync(outDir, { recursive: true });
  const profile = `file://${path.join(outDir, "lo-profile")}`;
  const { stdout, stderr } = await run(
    SOFFICE,
    [`-env:UserInstallation=${profile}`, "--headless", "--convert-to", "pdf", "--outdir", outDir, file],
    { timeout: 60_000 },
  );
  const pdf = path.join(outDir, `${path.basename(file, path.extname(file))}.pdf`);
  return { pdf, bytes: existsSync(pdf) ? statSync(pdf).size : 0, log: `${stdout}${stderr}` };
}
