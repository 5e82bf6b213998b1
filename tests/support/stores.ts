/**
 * The same tests on both stores: `describe.each(STORES)` with a database per test from the function
 * `storeDatabases()` gives, a SQLite file or a database of its own on one PostgreSQL server started for
 * the test file (which fails with an install hint when PostgreSQL is missing; it never skips).
 */
import { afterAll } from "vitest";
import type { StoreKind } from "../../src/data/database.js";
import { startPostgres, type PostgresServer } from "./postgres.js";
import { createTestDatabase, type TestDatabase } from "./test-database.js";

export const STORES: readonly StoreKind[] = ["sqlite", "postgresql"];

/** Call at the top of a test file: PostgreSQL's server starts with the first database asked for on it and stops after the file. */
export function storeDatabases(): (store: StoreKind) => Promise<TestDatabase> {
  let server: Promise<PostgresServer> | null = null;
  afterAll(async () => {
    if (server) await (await server).stop();
  });
  return async (store) => {
    if (store === "sqlite") return createTestDatabase();
    server ??= startPostgres();
    return createTestDatabase({ postgres: await server });
  };
}
