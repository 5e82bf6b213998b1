/**
 * One schema's models on both stores: the PostgreSQL schema is derived from prisma/schema.prisma, the
 * checked-in copy (the state the PostgreSQL migrations lead to) must be what the source derives today,
 * and the two generated clients must know the same models and fields.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { Prisma as SqlitePrisma } from "../../../src/generated/prisma/client.js";
import { Prisma as PostgresPrisma } from "../../../src/generated/prisma-postgresql/client.js";
import { POSTGRESQL_SCHEMA, postgresqlSchemaFrom, SOURCE_SCHEMA } from "../../../scripts/postgresql-schema.js";

const source = readFileSync(SOURCE_SCHEMA, "utf8");

/** Every model with its scalar fields, as a generated client's own enums list them. */
function modelsOf(namespace: Record<string, unknown>): Record<string, unknown> {
  const models: Record<string, unknown> = {};
  for (const model of Object.values(namespace.ModelName as Record<string, string>))
    models[model] = namespace[`${model}ScalarFieldEnum`];
  return models;
}

describe("the PostgreSQL schema", () => {
  it("is the source's models with provider postgresql and a client folder of its own", () => {
    const derived = postgresqlSchemaFrom(source);
    expect(derived).toMatch(/provider = "postgresql"/);
    expect(derived).not.toMatch(/"sqlite"/);
    expect(derived).toMatch(/output\s+= "\.\.\/\.\.\/src\/generated\/prisma-postgresql"/);
    const models = (schema: string) => schema.slice(schema.indexOf("\nmodel "));
    expect(models(derived)).toBe(models(source));
  });

  it("is checked in as the source derives it, so no schema change lacks its PostgreSQL migration", () => {
    const recorded = readFileSync(POSTGRESQL_SCHEMA, "utf8");
    expect(
      recorded,
      "prisma/schema.prisma changed: run npm run db:postgresql-migration -- <name> to write the PostgreSQL migration",
    ).toBe(postgresqlSchemaFrom(source));
  });

  it("is generated into a client with the same models and fields as the SQLite one", () => {
    const sqliteModels = modelsOf(SqlitePrisma);
    expect(Object.keys(sqliteModels)).toContain("Item");
    expect(modelsOf(PostgresPrisma), "run npm run generate").toEqual(sqliteModels);
  });

  it("refuses a source it cannot derive from, saying what it expected", () => {
    expect(() => postgresqlSchemaFrom(source.replace(`provider = "sqlite"`, `provider = "mysql"`))).toThrow(
      /exactly one datasource line provider = "sqlite", found 0/,
    );
  });
});
