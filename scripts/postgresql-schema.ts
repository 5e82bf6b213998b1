/**
 * The PostgreSQL schema, derived from the one source, prisma/schema.prisma: Prisma fixes the provider
 * per schema file and a client generated for "sqlite" refuses @prisma/adapter-pg, so PostgreSQL needs a
 * schema (and a generated client) of its own. Only the provider and the client's output folder differ,
 * so both stores serve the same models. prisma/postgresql/schema.prisma is checked in: it records the
 * schema the PostgreSQL migrations lead to, and a test fails when it lags behind the source.
 */
import path from "node:path";

export const ROOT = path.resolve(import.meta.dirname, "..");
export const SOURCE_SCHEMA = path.join(ROOT, "prisma", "schema.prisma");
export const POSTGRESQL_SCHEMA = path.join(ROOT, "prisma", "postgresql", "schema.prisma");
export const POSTGRESQL_MIGRATIONS = path.join(ROOT, "prisma", "migrations-postgresql");
export const POSTGRESQL_CONFIG = path.join(ROOT, "prisma", "postgresql", "prisma.config.ts");

const HEADER = [
  "// Generated from ../schema.prisma by `npm run db:postgresql-migration`: do not edit. Change the source,",
  "// then run that command; it writes the PostgreSQL migration and this file together.",
  "",
].join("\n");

const SQLITE_PROVIDER = /^(\s*provider\s*=\s*)"sqlite"\s*$/m;
const CLIENT_OUTPUT = /^(\s*output\s*=\s*)"\.\.\/src\/generated\/prisma"\s*$/m;

function replaceOnce(text: string, pattern: RegExp, replacement: string, what: string): string {
  const matches = text.match(new RegExp(pattern.source, "gm"))?.length ?? 0;
  if (matches !== 1)
    throw new Error(
      `prisma/schema.prisma should have exactly one ${what}, found ${matches}: the PostgreSQL schema is derived by replacing it`,
    );
  return text.replace(pattern, replacement);
}

/** The PostgreSQL schema for the SQLite source: same models, provider "postgresql", its own client folder. */
export function postgresqlSchemaFrom(source: string): string {
  let schema = replaceOnce(source, SQLITE_PROVIDER, `$1"postgresql"`, `datasource line provider = "sqlite"`);
  // One level deeper than the source, and a folder of its own beside the SQLite client.
  schema = replaceOnce(
    schema,
    CLIENT_OUTPUT,
    `$1"../../src/generated/prisma-postgresql"`,
    `generator line output = "../src/generated/prisma"`,
  );
  return HEADER + schema;
}
