/**
 * Statements run straight on the database driver's own connection, for bulk work (the register
 * import) where Prisma's per-query cost dominates: each raw query goes through Prisma's query
 * compiler, about 40 ms for a 30,000-parameter INSERT, where a prepared better-sqlite3 statement
 * writes a row in microseconds. The connection is the one the PrismaClient uses, so a write here
 * inside `inWriteTransaction` is part of Prisma's transaction and commits or rolls back with it.
 *
 * The interface is what a store needs, not what SQLite offers: promises, standard SQL with `?`
 * placeholders, ids back in row order; on PostgreSQL, postgres-statements.ts sits behind it.
 */
import type Database from "better-sqlite3";
import type pg from "pg";
import type { PrismaClient } from "../generated/prisma/client.js";

export type SqlValue = string | number | boolean | Date | null;
export type SqlRow = Record<string, SqlValue>;

export interface DirectStatements {
  /** Inserts every row (all rows share the first row's columns) and returns their ids in order. */
  insert(table: string, rows: readonly SqlRow[]): Promise<number[]>;
  /** Sets the given columns of one row; `bumpVersion` adds one to its "version". */
  update(table: string, id: number, values: SqlRow, options?: { bumpVersion?: boolean }): Promise<void>;
  /** Any SELECT, with `?` placeholders. */
  select<Row>(sql: string, params?: readonly SqlValue[]): Promise<Row[]>;
  /** A SELECT whose last condition is `column IN (...)` over `values`, run in chunks under the parameter limit. */
  selectIn<Row>(sqlBeforeIn: string, values: readonly SqlValue[]): Promise<Row[]>;
}

/** The driver connection behind each client, recorded when the adapter connects. */
const connections = new WeakMap<PrismaClient, Database.Database>();

export function recordConnection(prisma: PrismaClient, connection: Database.Database): void {
  connections.set(prisma, connection);
}

/**
 * On PostgreSQL: the pg pool behind the client's adapter and the statements on it (postgres-statements.ts),
 * recorded by postgres-database.ts when the adapter connects. Only that module loads pg, and only for a
 * postgresql:// URL, so a process on SQLite never loads the PostgreSQL driver or its generated client.
 */
export interface PostgresDirect {
  pool: pg.Pool;
  reads: () => DirectStatements;
  inTransaction: <T>(work: (sql: DirectStatements) => Promise<T>) => Promise<T>;
}
const postgresDirect = new WeakMap<PrismaClient, PostgresDirect>();

export function recordPostgresDirect(prisma: PrismaClient, direct: PostgresDirect): void {
  postgresDirect.set(prisma, direct);
}

/** The pg pool behind a PostgreSQL client; undefined on SQLite. */
export function postgresPoolOf(prisma: PrismaClient): pg.Pool | undefined {
  return postgresDirect.get(prisma)?.pool;
}

function connectionOf(prisma: PrismaClient): Database.Database {
  const connection = connections.get(prisma);
  if (!connection) throw new Error("this database client was not opened by createPrismaClient, so it has no direct connection");
  return connection;
}

/** Stored as the SQLite adapter stores them, so Prisma reads back what it would have written. */
function toDriverValue(value: SqlValue): string | number | null {
  if (value instanceof Date) return value.toISOString().replace("Z", "+00:00");
  if (typeof value === "boolean") return value ? 1 : 0;
  return value;
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;
/** Well under SQLite's 32,766 bound parameters (and PostgreSQL's 65,535). */
const IN_CHUNK = 500;

function sqliteStatements(connection: Database.Database): DirectStatements {
  const prepared = new Map<string, Database.Statement>();
  const prepare = (sql: string) => {
    let statement = prepared.get(sql);
    if (!statement) {
      statement = connection.prepare(sql);
      // The adapter turns safe integers on for the whole connection; ids here are plain numbers.
      if (statement.reader) statement.safeIntegers(false);
      prepared.set(sql, statement);
    }
    return statement;
  };
  return {
    insert(table, rows) {
      if (rows.length === 0) return Promise.resolve([]);
      const columns = Object.keys(rows[0]!);
      const statement = prepare(`INSERT INTO ${quote(table)} (${columns.map(quote).join(", ")}) VALUES (${columns.map(() => "?").join(", ")})`);
      const ids = new Array<number>(rows.length);
      const values = new Array<string | number | null>(columns.length);
      for (let r = 0; r < rows.length; r += 1) {
        const row = rows[r]!;
        for (let c = 0; c < columns.length; c += 1) values[c] = toDriverValue(row[columns[c]!] ?? null);
        ids[r] = Number(statement.run(values).lastInsertRowid);
      }
      return Promise.resolve(ids);
    },
    update(table, id, values, options = {}) {
      const columns = Object.keys(values);
      const assignments = columns.map((c) => `${quote(c)} = ?`);
      if (options.bumpVersion) assignments.push(`"version" = "version" + 1`);
      if (assignments.length === 0) return Promise.resolve();
      prepare(`UPDATE ${quote(table)} SET ${assignments.join(", ")} WHERE "id" = ?`).run(...columns.map((c) => toDriverValue(values[c] ?? null)), id);
      return Promise.resolve();
    },
    select<Row>(sql: string, params: readonly SqlValue[] = []) {
      return Promise.resolve(prepare(sql).all(...params.map(toDriverValue)) as Row[]);
    },
    selectIn<Row>(sqlBeforeIn: string, values: readonly SqlValue[]) {
      const rows: Row[] = [];
      for (let start = 0; start < values.length; start += IN_CHUNK) {
        const chunk = values.slice(start, start + IN_CHUNK).map(toDriverValue);
        rows.push(...(prepare(`${sqlBeforeIn} IN (${chunk.map(() => "?").join(", ")})`).all(...chunk) as Row[]));
      }
      return Promise.resolve(rows);
    },
  };
}

/** Reads on the client's connection, outside any transaction. */
export function directReads(prisma: PrismaClient): DirectStatements {
  const postgres = postgresDirect.get(prisma);
  if (postgres) return postgres.reads();
  return sqliteStatements(connectionOf(prisma));
}

/**
 * Runs `work` in one Prisma transaction, all or nothing. Prisma's transaction holds the connection
 * (its BEGIN, its lock against other transactions in this process, its COMMIT or ROLLBACK); the
 * statements run on that same connection. `work`'s first statement must be a write, so SQLite takes
 * the write lock at once rather than failing later with SQLITE_BUSY_SNAPSHOT.
 */
export async function inWriteTransaction<T>(prisma: PrismaClient, work: (sql: DirectStatements) => Promise<T>): Promise<T> {
  const postgres = postgresDirect.get(prisma);
  if (postgres) return postgres.inTransaction(work);
  const connection = connectionOf(prisma);
  return prisma.$transaction(() => work(sqliteStatements(connection)), { timeout: 300_000, maxWait: 30_000 });
}
