/**
 * The house's layout (docs/architecture.md): no folder of src/ holds more than 15 source files directly, so
 * a folder says what its files are about; and the architecture's code map names every folder of src/, and
 * only folders that exist, so the map stays the place to look for where something lives.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../../..");
const SRC = path.join(ROOT, "src");
const MAP = readFileSync(path.join(ROOT, "docs/architecture.md"), "utf8");
const MOST_FILES_IN_A_FOLDER = 15;
const SOURCE = /\.(ts|mts|cts|js|mjs|cjs)$/;

/** Every folder under src/ as "src/a/b/", generated code aside. */
function foldersOf(dir = SRC): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !(dir === SRC && entry.name === "generated"))
    .flatMap((entry) => {
      const full = path.join(dir, entry.name);
      return [`${path.relative(ROOT, full).split(path.sep).join("/")}/`, ...foldersOf(full)];
    });
}

/** The folders holding more than the limit of source files directly, as "folder: count". */
function crowdedFolders(filesByFolder: Record<string, string[]>): string[] {
  return Object.entries(filesByFolder)
    .map(([folder, files]) => [folder, files.filter((file) => SOURCE.test(file)).length] as const)
    .filter(([, count]) => count > MOST_FILES_IN_A_FOLDER)
    .map(([folder, count]) => `${folder}: ${count} source files`);
}

/** The src/ folders a markdown text names, written as `src/a/b/`. */
function foldersNamedIn(markdown: string): string[] {
  return [...new Set([...markdown.matchAll(/`(src\/(?:[\w.-]+\/)*)`/g)].map(([, folder]) => folder!))];
}

const FOLDERS = ["src/", ...foldersOf()].sort();

describe("folders of src/", () => {
  it("finds the folders, nested ones included, and leaves generated code out", () => {
    expect(FOLDERS).toEqual(
      expect.arrayContaining(["src/", "src/domain/", "src/domain/questions/words/", "src/services/reminders/sweep/"]),
    );
    expect(FOLDERS.filter((folder) => folder.startsWith("src/generated/"))).toEqual([]);
  });

  it("finds a folder with more than 15 source files, counting only source files", () => {
    const sixteen = Array.from({ length: 16 }, (_, index) => `file-${index}.ts`);
    expect(
      crowdedFolders({
        "src/crowded/": sixteen,
        "src/fine/": [...sixteen.slice(0, 15), "notes.json", "template.json"],
      }),
    ).toEqual(["src/crowded/: 16 source files"]);
  });

  it.each(FOLDERS)("%s holds at most 15 source files directly", (folder) => {
    const files = readdirSync(path.join(ROOT, folder), { withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => entry.name);
    expect(crowdedFolders({ [folder]: files })).toEqual([]);
  });
});

describe("the code map in docs/architecture.md", () => {
  const named = foldersNamedIn(MAP);

  it("reads the folders a map names", () => {
    expect(foldersNamedIn("- `src/domain/dates/`: days. See `src/bot/` and `domain/visibility.ts`.")).toEqual([
      "src/domain/dates/",
      "src/bot/",
    ]);
  });

  it.each(FOLDERS)("names %s", (folder) => {
    expect(named).toContain(folder);
  });

  it("names only folders that exist", () => {
    expect(named.filter((folder) => folder !== "src/generated/" && !FOLDERS.includes(folder))).toEqual([]);
  });
});
