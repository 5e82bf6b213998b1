/**
 * No source file over 400 lines (DESIGN.md 3): a bigger one is doing several jobs and belongs split into a
 * folder, where each part's name says what it does.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../../..");
const SRC = path.join(ROOT, "src");
const MOST_LINES_IN_A_FILE = 400;

/** Every source file under src/ as "src/a/b.ts", generated code aside. */
function sourceFiles(dir = SRC): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return dir === SRC && entry.name === "generated" ? [] : sourceFiles(full);
    return /\.ts$/.test(entry.name) ? [path.relative(ROOT, full).split(path.sep).join("/")] : [];
  });
}

function linesOf(file: string): number {
  return readFileSync(path.join(ROOT, file), "utf8").split("\n").length - 1;
}

describe("source file length", () => {
  const files = sourceFiles();

  it("finds the source files it checks", () => {
    expect(files.length).toBeGreaterThan(100);
    expect(files).toContain("src/config.ts");
  });

  it(`holds every source file to ${MOST_LINES_IN_A_FILE} lines`, () => {
    const long = files
      .map((file) => [file, linesOf(file)] as const)
      .filter(([, lines]) => lines > MOST_LINES_IN_A_FILE)
      .map(([file, lines]) => `${file}: ${lines} lines`);
    expect(long).toEqual([]);
  });
});
