/**
 * Opening the register's database: migrate it (Prisma's migrations, applied here so start-up needs
 * no CLI), then one PrismaClient per process (two on one SQLite file in one process deadlock).
 * DATABASE_URL picks the store: file:… for SQLite (the default), postgresql://… for PostgreSQL
 * (postgres-database.ts), where several instances share one register.
 */
import { createHash, randomUUID } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient, type Prisma } from "../generated/prisma/client.js";
import { recordConnection } from "./direct-statements.js";
import { isPostgresUrl } from "./store-kind.js";

export type { PrismaClient } from "../generated/prisma/client.js";
export type { Prisma } from "../generated/prisma/client.js";

/** The database as services hold it: they pass it to data functions and never name Prisma's types. */
export type Store = PrismaClient;
/** A transaction's handle, given to the callback of a data function that opens one. */
export type Tx = Prisma.TransactionClient;

export const DEFAULT_DATABASE_URL = "file:./data/tracker.db";
const MIGRATIONS_DIR = fileURLToPath(new URL("../../prisma/migrations", import.meta.url));
const BUSY_TIMEOUT_MS = 10_000;

/** Which database a DATABASE_URL names. */
export type StoreKind = "sqlite" | "postgresql";

/** Which store a DATABASE_URL names, or a message saying what to write instead. */
export function storeKindOf(url: string): { ok: true; kind: StoreKind } | { ok: false; reason: string } {
  if (url.startsWith("file:")) return { ok: true, kind: "sqlite" };
  if (isPostgresUrl(url)) return { ok: true, kind: "postgresql" };
  return { ok: false, reason: "DATABASE_URL must be a SQLite file URL such as file:./data/tracker.db or a PostgreSQL URL such as postgresql://user:password@host:5432/tracker" };
}

/** The URL without its password, for logs. */
export function redactedDatabaseUrl(url: string): string {
  if (!isPostgresUrl(url)) return url;
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "postgresql://(unparseable URL)";
  }
}

/** The SQLite file a `file:` URL names; relative paths resolve against the working directory, as Prisma's do. */
export function sqlitePath(url: string): string {
  if (!url.startsWith("file:")) throw new Error(`DATABASE_URL "${url}" is not a SQLite file URL: use file:./data/tracker.db`);
  const file = url.slice("file:".length).split("?")[0]!;
  return file === ":memory:" ? file : path.resolve(file);
}

/**
 * Applies the migrations in prisma/migrations that the database has not had, recording them in
 * Prisma's own `_prisma_migrations` table so `prisma migrate deploy` agrees about what is applied.
 */
export function migrateDatabase(url: string, migrationsDir = MIGRATIONS_DIR): { applied: string[] } {
  const file = sqlitePath(url);
  if (file !== ":memory:") mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file, { timeout: BUSY_TIMEOUT_MS });
  try {
    db.pragma("journal_mode = WAL");
    db.exec(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
      "id" TEXT PRIMARY KEY NOT NULL, "checksum" TEXT NOT NULL, "finished_at" DATETIME, "migration_name" TEXT NOT NULL,
      "logs" TEXT, "rolled_back_at" DATETIME, "started_at" DATETIME NOT NULL DEFAULT current_timestamp,
      "applied_steps_count" INTEGER UNSIGNED NOT NULL DEFAULT 0)`);
    const done = new Set(
      (db.prepare(`SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`).all() as { migration_name: string }[])
        .map((r) => r.migration_name),
    );
    const names = existsSync(migrationsDir)
      ? readdirSync(migrationsDir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort()
      : [];
    const applied: string[] = [];
    for (const name of names) {
      if (done.has(name)) continue;
      const sql = readFileSync(path.join(migrationsDir, name, "migration.sql"), "utf8");
      const checksum = createHash("sha256").update(sql).digest("hex");
      // IMMEDIATE: a second process starting at the same moment waits rather than applying it twice.
      db.transaction(() => {
        const again = db.prepare(`SELECT 1 FROM _prisma_migrations WHERE migration_name = ? AND finished_at IS NOT NULL`).get(name);
        if (again) return;
        db.exec(sql);
        db.prepare(
          `INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, started_at, applied_steps_count) VALUES (?, ?, current_timestamp, ?, current_timestamp, 1)`,
        ).run(randomUUID(), checksum, name);
        applied.push(name);
      }).immediate();
    }
    return { applied };
  } finally {
    db.close();
  }
}

/**
 * A client on the database `url` names, not yet connected nor migrated. PostgreSQL's driver and generated
 * client are loaded only here, when asked for: a process on SQLite never carries them (about 10 MB).
 */
export async function createPrismaClient(url: string): Promise<PrismaClient> {
  if (isPostgresUrl(url)) return (await import("./postgres-database.js")).createPostgresClient(url);
  return createSqliteClient(url);
}

function createSqliteClient(url: string): PrismaClient {
  const file = sqlitePath(url);
  const adapter = new PrismaBetterSQLite3({ url: file, timeout: BUSY_TIMEOUT_MS });
  // Keep the adapter's own better-sqlite3 connection for bulk statements (direct-statements.ts).
  const connect = adapter.connect.bind(adapter);
  // The client is made below; the adapter connects only once it is in use, so `prisma` is set by then.
  adapter.connect = async () => {
    const connected = await connect();
    const connection = (connected as unknown as { client?: Database.Database }).client;
    if (!(connection instanceof Database)) throw new Error("the SQLite driver adapter no longer exposes its connection: bulk statements need it");
    recordConnection(prisma, connection);
    return connected;
  };
  const prisma = new PrismaClient({ adapter });
  return prisma;
}

/**
 * Migrates, connects, then runs `prepare` (start-up writes such as the demo register): what `npm start`
 * and `npm run tracker` do before anything else. On PostgreSQL, instances starting together do this one
 * at a time (postgres-database.ts).
 */
export async function openDatabase(url: string, prepare?: (prisma: PrismaClient) => Promise<void>): Promise<PrismaClient> {
  if (isPostgresUrl(url)) return (await import("./postgres-database.js")).openPostgresDatabase(url, prepare);
  migrateDatabase(url);
  const prisma = createSqliteClient(url);
  await prisma.$connect();
  await prepare?.(prisma);
  return prisma;
}
