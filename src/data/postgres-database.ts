/**
 * Opening a PostgreSQL register (DATABASE_URL postgresql://…), for deployments of several instances
 * sharing one database. Migrations are applied here rather than by `prisma migrate deploy`, whose wasm
 * engine mishandles PostgreSQL introspection through @prisma/adapter-pg (prisma/orm#27403); they are
 * recorded in Prisma's own `_prisma_migrations` table all the same.
 */
import { createHash, randomUUID } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as PostgresPrismaClient } from "../generated/prisma-postgresql/client.js";
import type { PrismaClient } from "../generated/prisma/client.js";
import { recordPostgresDirect } from "./direct-statements.js";
import { inPostgresTransaction, postgresStatements } from "./postgres-statements.js";

const MIGRATIONS_DIR = fileURLToPath(new URL("../../prisma/migrations-postgresql", import.meta.url));

/**
 * The advisory lock held while migrating: the key `prisma migrate deploy` takes, so this migrator, a
 * second instance starting at the same moment and Prisma's own CLI all wait for one another.
 */
export const MIGRATION_LOCK_KEY = 72707369;

/** Prisma's own definition of its bookkeeping table on PostgreSQL. */
const MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL, "checksum" VARCHAR(64) NOT NULL, "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL, "logs" TEXT, "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(), "applied_steps_count" INTEGER NOT NULL DEFAULT 0)`;

/**
 * Runs `work` holding the migration lock, on a session of its own. Instances starting together take
 * turns: each migrates (the later ones find nothing left to do) and prepares the register alone. The
 * lock goes with the session, so a process that dies while holding it keeps nobody waiting.
 */
export async function whileMigrationLocked<T>(url: string, work: (session: pg.Client) => Promise<T>): Promise<T> {
  const session = new pg.Client({ connectionString: url });
  await session.connect();
  try {
    await session.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
    return await work(session);
  } finally {
    // Ending the session releases the advisory lock too, even when the work failed.
    await session.end();
  }
}

/**
 * Applies the migrations in prisma/migrations-postgresql the database has not had, each in its own
 * transaction (PostgreSQL's DDL is transactional, so a failed one leaves nothing half done), under the
 * migration lock.
 */
export async function migratePostgresDatabase(
  url: string,
  migrationsDir = MIGRATIONS_DIR,
): Promise<{ applied: string[] }> {
  return whileMigrationLocked(url, (session) => applyMigrations(session, migrationsDir));
}

async function applyMigrations(client: pg.Client, migrationsDir: string): Promise<{ applied: string[] }> {
  await client.query(MIGRATIONS_TABLE);
  const { rows } = await client.query<{ migration_name: string }>(
    `SELECT "migration_name" FROM "_prisma_migrations" WHERE "finished_at" IS NOT NULL AND "rolled_back_at" IS NULL`,
  );
  const done = new Set(rows.map((r) => r.migration_name));
  const names = existsSync(migrationsDir)
    ? readdirSync(migrationsDir, { withFileTypes: true })
        .filter((d) => d.isDirectory())
        .map((d) => d.name)
        .sort()
    : [];
  const applied: string[] = [];
  for (const name of names) {
    if (done.has(name)) continue;
    const sql = readFileSync(path.join(migrationsDir, name, "migration.sql"), "utf8");
    const checksum = createHash("sha256").update(sql).digest("hex");
    await client.query("BEGIN");
    try {
      await client.query(sql);
      await client.query(
        `INSERT INTO "_prisma_migrations" ("id", "checksum", "finished_at", "migration_name", "started_at", "applied_steps_count")
         VALUES ($1, $2, now(), $3, now(), 1)`,
        [randomUUID(), checksum, name],
      );
      await client.query("COMMIT");
    } catch (error) {
      await client.query("ROLLBACK");
      throw new Error(`PostgreSQL migration ${name} failed and was rolled back: ${(error as Error).message}`, {
        cause: error,
      });
    }
    applied.push(name);
  }
  return { applied };
}

/**
 * Migrates, connects, and runs `prepare` (the start-up's own writes: directorates, the demo register)
 * before letting the next instance in, so two instances starting on an empty database do not both
 * load it, the second failing on the first's rows.
 */
export async function openPostgresDatabase(
  url: string,
  prepare?: (prisma: PrismaClient) => Promise<void>,
): Promise<PrismaClient> {
  return whileMigrationLocked(url, async (session) => {
    await applyMigrations(session, MIGRATIONS_DIR);
    const prisma = createPostgresClient(url);
    try {
      await prisma.$connect();
      await prepare?.(prisma);
    } catch (error) {
      await prisma.$disconnect();
      throw error;
    }
    return prisma;
  });
}

/**
 * A PrismaClient on PostgreSQL. Its generated client is a second one (Prisma fixes the provider per
 * generated client) with the same models, derived from the one schema and checked by a test, so it is
 * typed as the SQLite one: the rest of the code sees one PrismaClient whichever store is behind it.
 */
export function createPostgresClient(url: string): PrismaClient {
  const adapter = new PrismaPg({ connectionString: url });
  // Keep the adapter's own pool for the bulk statements (direct-statements.ts), as the SQLite path keeps its connection.
  const connect = adapter.connect.bind(adapter);
  adapter.connect = async () => {
    const connected = await connect();
    const pool = connected.underlyingDriver();
    recordPostgresDirect(prisma, {
      pool,
      reads: () => postgresStatements(pool),
      inTransaction: (work) => inPostgresTransaction(pool, work),
    });
    return connected;
  };
  // The adapter connects on the first query, by which time `prisma` is set.
  const prisma = new PostgresPrismaClient({ adapter }) as unknown as PrismaClient;
  return prisma;
}
