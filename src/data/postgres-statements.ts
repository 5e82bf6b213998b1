/**
 * The direct statements (direct-statements.ts) on PostgreSQL, through the pg pool behind Prisma's
 * adapter: the same standard SQL with `?` placeholders, numbered as PostgreSQL wants them; inserts as
 * multi-row INSERT … RETURNING "id"; a write transaction on one pooled connection, all or nothing.
 */
import pg from "pg";
import type { DirectStatements, SqlRow, SqlValue } from "./direct-statements.js";

type Queryable = Pick<pg.Pool | pg.PoolClient, "query">;

/** Well under PostgreSQL's 65,535 bound parameters per statement. */
const MAX_PARAMETERS = 30_000;
const IN_CHUNK = 500;

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * Rows read as SQLite's direct reads give them: 64-bit integers (counts) as numbers, and timestamps
 * as the UTC instants Prisma writes into PostgreSQL's time-zone-less `timestamp(3)` columns.
 */
const INT8 = 20;
const TIMESTAMP = 1114;
const readTypes = {
  getTypeParser: ((oid: number, format?: string) => {
    if (oid === INT8) return (value: string) => Number(value);
    if (oid === TIMESTAMP) return (value: string) => new Date(`${value.replace(" ", "T")}Z`);
    return pg.types.getTypeParser(oid, format as "text") as (value: string) => unknown;
  }) as typeof pg.types.getTypeParser,
};

/** A UTC instant for a `timestamp(3)` column (PostgreSQL ignores the zone there, so it must be UTC). */
function toDriverValue(value: SqlValue): string | number | boolean | null {
  if (value instanceof Date) return value.toISOString();
  return value;
}

/** `?` placeholders as `$1, $2, …`, leaving quoted strings and identifiers alone. */
export function numberPlaceholders(sql: string): string {
  let n = 0;
  let quoteChar: string | null = null;
  let out = "";
  for (const ch of sql) {
    if (quoteChar) {
      if (ch === quoteChar) quoteChar = null;
      out += ch;
    } else if (ch === "'" || ch === '"') {
      quoteChar = ch;
      out += ch;
    } else out += ch === "?" ? `$${(n += 1)}` : ch;
  }
  return out;
}

async function run<Row>(db: Queryable, sql: string, params: readonly SqlValue[]): Promise<Row[]> {
  const result = await db.query({ text: numberPlaceholders(sql), values: params.map(toDriverValue), types: readTypes });
  return result.rows as Row[];
}

export function postgresStatements(db: Queryable): DirectStatements {
  return {
    async insert(table, rows) {
      if (rows.length === 0) return [];
      const columns = Object.keys(rows[0]!);
      const perStatement = Math.max(1, Math.floor(MAX_PARAMETERS / columns.length));
      const ids: number[] = [];
      for (let start = 0; start < rows.length; start += perStatement) {
        const chunk = rows.slice(start, start + perStatement);
        const values: SqlValue[] = [];
        const tuples = chunk.map((row: SqlRow) => {
          for (const column of columns) values.push(row[column] ?? null);
          return `(${columns.map(() => "?").join(", ")})`;
        });
        // A multi-row VALUES list is inserted, and its RETURNING rows come back, in the list's order.
        const inserted = await run<{ id: number }>(
          db,
          `INSERT INTO ${quote(table)} (${columns.map(quote).join(", ")}) VALUES ${tuples.join(", ")} RETURNING "id"`,
          values,
        );
        ids.push(...inserted.map((row) => Number(row.id)));
      }
      return ids;
    },
    async update(table, id, values, options = {}) {
      const columns = Object.keys(values);
      const assignments = columns.map((c) => `${quote(c)} = ?`);
      if (options.bumpVersion) assignments.push(`"version" = "version" + 1`);
      if (assignments.length === 0) return;
      await run(db, `UPDATE ${quote(table)} SET ${assignments.join(", ")} WHERE "id" = ?`, [
        ...columns.map((c) => values[c] ?? null),
        id,
      ]);
    },
    async select<Row>(sql: string, params: readonly SqlValue[] = []) {
      return run<Row>(db, sql, params);
    },
    async selectIn<Row>(sqlBeforeIn: string, values: readonly SqlValue[]) {
      const rows: Row[] = [];
      for (let start = 0; start < values.length; start += IN_CHUNK) {
        const chunk = values.slice(start, start + IN_CHUNK);
        rows.push(...(await run<Row>(db, `${sqlBeforeIn} IN (${chunk.map(() => "?").join(", ")})`, chunk)));
      }
      return rows;
    },
  };
}

/** `work` in one transaction on one pooled connection: committed when it resolves, rolled back when it throws. */
export async function inPostgresTransaction<T>(pool: pg.Pool, work: (sql: DirectStatements) => Promise<T>): Promise<T> {
  const connection = await pool.connect();
  let broken: Error | undefined;
  try {
    await connection.query("BEGIN");
    const result = await work(postgresStatements(connection));
    await connection.query("COMMIT");
    return result;
  } catch (error) {
    // A connection that cannot even roll back is dropped from the pool rather than handed out again.
    await connection.query("ROLLBACK").catch((rollbackError: Error) => (broken = rollbackError));
    throw error;
  } finally {
    connection.release(broken);
  }
}
