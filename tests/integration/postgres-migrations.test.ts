/**
 * PostgreSQL migrations applied at start-up by the project's own migrator, on a real server: recorded
 * in Prisma's `_prisma_migrations`, applied once when several instances start at the same moment, and
 * all or nothing when one fails. The start-up's own writes (directorates, demo register) take turns too.
 */
import { createHash } from "node:crypto";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/data/database.js";
import { MIGRATION_LOCK_KEY, migratePostgresDatabase } from "../../src/data/postgres-database.js";
import { ensureDirectorates } from "../../src/data/register/register-store.js";
import { loadDemoRegister } from "../../src/services/imports/load-demo-register.js";
import { POSTGRESQL_MIGRATIONS } from "../../scripts/postgresql-schema.js";
import { startPostgres, type PostgresServer } from "../support/postgres.js";

const MIGRATIONS = readdirSync(POSTGRESQL_MIGRATIONS, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();
let server: PostgresServer;
const scratch = mkdtempSync(path.join(os.tmpdir(), "tracker-pg-migrations-"));

beforeAll(async () => {
  server = await startPostgres();
}, 120_000);
afterAll(async () => {
  await server?.stop();
  rmSync(scratch, { recursive: true, force: true });
});

async function query<Row extends pg.QueryResultRow>(url: string, sql: string, params: unknown[] = []): Promise<Row[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<Row>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

const recorded = (url: string) =>
  query<{ migration_name: string; checksum: string }>(
    url,
    `SELECT "migration_name", "checksum" FROM "_prisma_migrations" WHERE "finished_at" IS NOT NULL ORDER BY 1`,
  );

describe("the PostgreSQL migrator", () => {
  it("builds the register's tables in a fresh database and records each migration with its checksum, once", async () => {
    const url = await server.createDatabase();
    expect((await migratePostgresDatabase(url)).applied).toEqual(MIGRATIONS);
    const tables = (
      await query<{ table_name: string }>(
        url,
        `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'`,
      )
    ).map((t) => t.table_name);
    expect(tables).toEqual(
      expect.arrayContaining(["Review", "Item", "ReminderClaim", "OutboundMessage", "_prisma_migrations"]),
    );
    const checksum = (name: string) =>
      createHash("sha256")
        .update(readFileSync(path.join(POSTGRESQL_MIGRATIONS, name, "migration.sql"), "utf8"))
        .digest("hex");
    expect(await recorded(url)).toEqual(MIGRATIONS.map((name) => ({ migration_name: name, checksum: checksum(name) })));
    expect((await migratePostgresDatabase(url)).applied).toEqual([]);
  });

  it("applies each migration exactly once when three instances start at the same moment", async () => {
    const url = await server.createDatabase();
    const runs = await Promise.all([1, 2, 3].map(() => migratePostgresDatabase(url)));
    expect(runs.flatMap((run) => run.applied).sort()).toEqual(MIGRATIONS);
    expect((await recorded(url)).map((r) => r.migration_name)).toEqual(MIGRATIONS);
  });

  it("waits while another migrator, its own or `prisma migrate`, holds the migration lock", async () => {
    const url = await server.createDatabase();
    const holder = new pg.Client({ connectionString: url });
    await holder.connect();
    await holder.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
    let finished = false;
    const migrating = migratePostgresDatabase(url).then((run) => ((finished = true), run));
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(finished).toBe(false);
    await holder.end(); // the holder's session ends, and its lock with it
    expect((await migrating).applied).toEqual(MIGRATIONS);
  });

  it("rolls a failing migration back, records nothing of it, names it, and lets the next start try again", async () => {
    const url = await server.createDatabase();
    const dir = path.join(scratch, "with-broken");
    cpSync(POSTGRESQL_MIGRATIONS, dir, { recursive: true });
    mkdirSync(path.join(dir, "29990101000000_broken"));
    writeFileSync(
      path.join(dir, "29990101000000_broken", "migration.sql"),
      `CREATE TABLE "Half" ("id" INTEGER);\nSELECT "missing" FROM "NoSuchTable";\n`,
    );
    await expect(migratePostgresDatabase(url, dir)).rejects.toThrow(
      /migration 29990101000000_broken failed and was rolled back: .*NoSuchTable/,
    );
    expect((await recorded(url)).map((r) => r.migration_name)).toEqual(MIGRATIONS);
    expect(await query(url, `SELECT 1 FROM information_schema.tables WHERE table_name = 'Half'`)).toEqual([]);
    // The lock went with the failed run's session: the next start is not kept waiting.
    expect((await migratePostgresDatabase(url)).applied).toEqual([]);
  });

  it("lets instances starting together on an empty database prepare it one at a time, so the demo register loads once", async () => {
    const url = await server.createDatabase();
    const demoLoads: unknown[] = [];
    const prepare = async (prisma: Parameters<NonNullable<Parameters<typeof openDatabase>[1]>>[0]) => {
      await ensureDirectorates(prisma);
      demoLoads.push(await loadDemoRegister(prisma, new Date("2026-11-30T12:00:00Z")));
    };
    const clients = await Promise.all([1, 2, 3].map(() => openDatabase(url, prepare)));
    try {
      expect(demoLoads.filter((load) => load !== null)).toHaveLength(1);
      const counts = await Promise.all(clients.map((prisma) => prisma.review.count()));
      expect(counts[0]).toBeGreaterThan(5);
      expect(new Set(counts).size).toBe(1);
    } finally {
      await Promise.all(clients.map((prisma) => prisma.$disconnect()));
    }
  }, 60_000);
});
