/**
 * Every query lives in src/data/ (DESIGN.md section 3): the files here reach the database only through
 * its store functions, so a move to PostgreSQL or a schema change touches one folder. A file that
 * imports the generated client, names Prisma's types or calls Prisma itself fails, with the line.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const SRC = path.resolve(import.meta.dirname, "../../../src");

/** Every source file outside src/data/ (and the generated client itself). */
const OUTSIDE_DATA = readdirSync(SRC, { recursive: true, encoding: "utf8" })
  .filter((file) => file.endsWith(".ts"))
  .filter((file) => !file.startsWith("data/") && !file.startsWith("generated/"))
  .sort();

const MODEL_METHODS = [
  "findMany",
  "findFirst",
  "findFirstOrThrow",
  "findUnique",
  "findUniqueOrThrow",
  "create",
  "createMany",
  "update",
  "updateMany",
  "upsert",
  "delete",
  "deleteMany",
  "count",
  "aggregate",
  "groupBy",
];
/** The schema's models as the client names them (`model ItemAudit` is `itemAudit`). */
const MODELS = [
  ...readFileSync(path.resolve(SRC, "../prisma/schema.prisma"), "utf8").matchAll(/^model (\w+) \{/gm),
].map(([, name]) => name!.charAt(0).toLowerCase() + name!.slice(1));
/** `db.item.findMany(`: a client, a model, a model method (a Map's `.delete(` is not a query). */
const PRISMA_MODEL_CALL = new RegExp(`\\b\\w+\\.(${MODELS.join("|")})\\.(${MODEL_METHODS.join("|")})\\(`);
const FORBIDDEN: { pattern: RegExp; what: string }[] = [
  { pattern: /generated\/prisma/, what: "imports the generated Prisma client" },
  {
    pattern: /\bPrismaClient\b|\bPrisma\./,
    what: "names Prisma's types (use Store or Tx from src/data/database.ts)",
  },
  {
    pattern: /\$queryRaw|\$executeRaw|\$transaction/,
    what: "runs SQL or a transaction itself (use a src/data/ function that opens it)",
  },
  { pattern: PRISMA_MODEL_CALL, what: "calls a Prisma model (move the query into a src/data/ store)" },
];

/** Each forbidden line of a source file, as "file:line: what". */
function queriesOutsideData(file: string, source: string): string[] {
  return source
    .split("\n")
    .flatMap((line, index) =>
      FORBIDDEN.filter(({ pattern }) => pattern.test(line)).map(({ what }) => `${file}:${index + 1}: ${what}`),
    );
}

describe("queries live in src/data/", () => {
  it("looks at every folder of src/ outside data/", () => {
    const folders = new Set(OUTSIDE_DATA.map((file) => file.split("/")[0]));
    expect([...folders]).toEqual(
      expect.arrayContaining(["bot", "cards", "cli", "domain", "scheduler", "server", "services"]),
    );
  });

  it("finds a query written outside src/data/", () => {
    const source = "const rows = await prisma.item.findMany({});\nawait db.$queryRaw`SELECT 1`;";
    const found = queriesOutsideData("example.ts", source);
    expect(found).toEqual([
      "example.ts:1: calls a Prisma model (move the query into a src/data/ store)",
      "example.ts:2: runs SQL or a transaction itself (use a src/data/ function that opens it)",
    ]);
  });

  it.each(OUTSIDE_DATA)("%s reaches the database only through src/data/", (file) => {
    expect(queriesOutsideData(file, readFileSync(path.join(SRC, file), "utf8"))).toEqual([]);
  });
});

describe("dependencies point one way", () => {
  const UPPER_FOLDERS = new Set(["services", "data", "bot", "cli", "server", "scheduler"]);
  const pureFiles = OUTSIDE_DATA.filter((file) => file.startsWith("domain/") || file.startsWith("cards/"));

  /** Each import of `file` (a path under src/) that lands in a folder above the domain, at any depth. */
  function upwardImports(file: string, source: string): string[] {
    return [...source.matchAll(/(?:from\s+|import\s*\(\s*)"(\.{1,2}\/[^"]+)"/g)]
      .map(([, specifier]) => path.posix.join(path.posix.dirname(file), specifier!))
      .filter((target) => UPPER_FOLDERS.has(target.split("/")[0]!));
  }

  it("finds an import that runs back up, however deep the importing file sits", () => {
    expect(upwardImports("domain/status.ts", 'import { x } from "../services/item-view.js";')).toEqual([
      "services/item-view.js",
    ]);
    expect(upwardImports("domain/questions/parse/bodies.ts", 'import { x } from "../../../data/database.js";')).toEqual(
      ["data/database.js"],
    );
    expect(upwardImports("domain/questions/question.ts", 'import { x } from "../dates/calendar-date.js";')).toEqual([]);
  });

  it.each(pureFiles)("%s imports nothing from services, data, bot, cli, server or the scheduler", (file) => {
    expect(upwardImports(file, readFileSync(path.join(SRC, file), "utf8"))).toEqual([]);
  });
});
