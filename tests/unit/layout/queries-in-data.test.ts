/**
 * Every query lives in src/data/ (DESIGN.md section 3): the files here reach the database only through
 * its store functions, so a move to PostgreSQL or a schema change touches one folder. A file that
 * imports the generated client, names Prisma's types or calls Prisma itself fails, with the line.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const SRC = path.resolve(import.meta.dirname, "../../../src");

/** Files whose queries have moved into src/data/: add each file as its queries move. */
const MOVED = [
  ...readdirSync(path.join(SRC, "server"))
    .filter((f) => f.endsWith(".ts"))
    .map((f) => `server/${f}`),
  ...readdirSync(path.join(SRC, "services/reminder-sweep"))
    .filter((f) => f.endsWith(".ts"))
    .map((f) => `services/reminder-sweep/${f}`),
  "services/enter-register-data.ts",
  "services/load-demo-register.ts",
  "services/manage-roles.ts",
  "services/permissions.ts",
  "services/plan-reminders.ts",
  "services/report-unreachable-owners.ts",
  "services/reporting-points.ts",
];

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
/** `db.item.findMany(`: a client, a model, a model method. */
const PRISMA_MODEL_CALL = new RegExp(`\\b\\w+\\.[a-z]\\w*\\.(${MODEL_METHODS.join("|")})\\(`);
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
  it("finds a query written outside src/data/", () => {
    const source = "const rows = await prisma.item.findMany({});\nawait db.$queryRaw`SELECT 1`;";
    const found = queriesOutsideData("example.ts", source);
    expect(found).toEqual([
      "example.ts:1: calls a Prisma model (move the query into a src/data/ store)",
      "example.ts:2: runs SQL or a transaction itself (use a src/data/ function that opens it)",
    ]);
  });

  it.each(MOVED)("%s reaches the database only through src/data/", (file) => {
    expect(queriesOutsideData(file, readFileSync(path.join(SRC, file), "utf8"))).toEqual([]);
  });
});
