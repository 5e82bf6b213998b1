/**
 * Copying a whole register from one database to another (SQLite or PostgreSQL, either way round): every
 * model's rows with their own ids, tables in an order their foreign keys accept, all inside one
 * transaction on the target, and the target's id sequences moved past what was copied. Values go
 * through Prisma's typed client on both sides, so each store keeps its own encoding of dates,
 * booleans and numbers and what comes out is what went in. The shape (tables, keys, references) is
 * read from the migrated target's own catalogue, so a model added later is copied without a change here.
 */
import { Prisma } from "../../generated/prisma/client.js";
import type { Store, StoreKind, Tx } from "../database.js";

/** How many rows a table gave. */
export interface TableRows {
  table: string;
  rows: number;
}

/** One side of the copy: the database and which kind it is (their SQL differs). */
export interface CopyEnd {
  store: Store;
  kind: StoreKind;
}

type Row = Record<string, unknown>;
type Db = Store | Tx;

/** The part of a Prisma model delegate the copy uses; every model has one under its camel-cased name. */
interface ModelRows {
  findMany(args: object): Promise<Row[]>;
  createMany(args: { data: Row[] }): Promise<{ count: number }>;
  count(): Promise<number>;
}

/** Rows read and written per statement: 500 rows of the widest table stay well under SQLite's 32,766 parameters. */
const ROWS_PER_STATEMENT = 500;
/** A large register takes a while; Prisma's default of 5 s would cut the transaction short. */
const TRANSACTION_OPTIONS = { timeout: 60 * 60_000, maxWait: 60_000 };
/** Tables that are the databases' own bookkeeping: the migrations table is filled by migrating the target. */
const BOOKKEEPING_TABLES = new Set(["_prisma_migrations", "sqlite_sequence"]);

const MODELS: readonly string[] = Object.values(Prisma.ModelName);

interface TableShape {
  table: string;
  primaryKey: string[];
  /** Columns that refer to another table (or this one), and the table they refer to. */
  references: { column: string; table: string }[];
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

function rowsOf(db: Db, model: string): ModelRows {
  const delegate = (db as unknown as Record<string, ModelRows | undefined>)[model[0]!.toLowerCase() + model.slice(1)];
  if (!delegate) throw new Error(`the database client has no model ${model}: regenerate the Prisma client`);
  return delegate;
}

/** Tables, primary keys and foreign keys as the database itself records them. */
async function readShape(db: Db, kind: StoreKind): Promise<TableShape[]> {
  type Line = { table: string; column: string; references?: string };
  const [tables, keys, references] =
    kind === "sqlite"
      ? await Promise.all([
          db.$queryRawUnsafe<{ table: string }[]>(`SELECT name AS "table" FROM sqlite_master WHERE type = 'table'`),
          db.$queryRawUnsafe<Line[]>(
            `SELECT m.name AS "table", p.name AS "column" FROM sqlite_master m, pragma_table_info(m.name) p
             WHERE m.type = 'table' AND p.pk > 0 ORDER BY m.name, p.pk`,
          ),
          db.$queryRawUnsafe<Line[]>(
            `SELECT m.name AS "table", f."from" AS "column", f."table" AS "references"
             FROM sqlite_master m, pragma_foreign_key_list(m.name) f WHERE m.type = 'table'`,
          ),
        ])
      : await Promise.all([
          // Catalogue names are of type name, which the driver adapter cannot read: hence ::text.
          db.$queryRawUnsafe<{ table: string }[]>(
            `SELECT tablename::text AS "table" FROM pg_tables WHERE schemaname = current_schema()`,
          ),
          db.$queryRawUnsafe<Line[]>(
            `SELECT c.relname::text AS "table", a.attname::text AS "column"
             FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace
             CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, position)
             JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum
             WHERE i.indisprimary AND n.nspname = current_schema() ORDER BY c.relname, k.position`,
          ),
          db.$queryRawUnsafe<Line[]>(
            `SELECT c.relname::text AS "table", a.attname::text AS "column", r.relname::text AS "references"
             FROM pg_constraint f JOIN pg_class c ON c.oid = f.conrelid JOIN pg_class r ON r.oid = f.confrelid
             JOIN pg_namespace n ON n.oid = c.relnamespace
             CROSS JOIN LATERAL unnest(f.conkey) AS k(attnum)
             JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum
             WHERE f.contype = 'f' AND n.nspname = current_schema()`,
          ),
        ]);
  return tables
    .map((t) => t.table)
    .filter((table) => !BOOKKEEPING_TABLES.has(table))
    .map((table) => ({
      table,
      primaryKey: keys.filter((k) => k.table === table).map((k) => k.column),
      references: references.filter((r) => r.table === table).map((r) => ({ column: r.column, table: r.references! })),
    }));
}

/**
 * The tables in an order the foreign keys accept (every table after those it refers to), checked
 * against the models: a table no model describes would be left behind, so it stops the copy.
 */
function copyOrder(shape: TableShape[]): TableShape[] {
  const unknown = shape.filter((t) => !MODELS.includes(t.table)).map((t) => t.table);
  if (unknown.length) {
    throw new Error(`the target has tables no model describes (${unknown.join(", ")}): they would not be copied`);
  }
  const missing = MODELS.filter((model) => !shape.some((t) => t.table === model));
  if (missing.length) throw new Error(`the target has no table for ${missing.join(", ")}: it is not migrated`);
  const ordered: TableShape[] = [];
  const pending = [...shape].sort((a, b) => MODELS.indexOf(a.table) - MODELS.indexOf(b.table));
  while (pending.length) {
    const ready = pending.findIndex((t) =>
      t.references.every((r) => r.table === t.table || ordered.some((o) => o.table === r.table)),
    );
    if (ready < 0)
      throw new Error(`the tables ${pending.map((t) => t.table).join(", ")} refer to one another in a cycle`);
    ordered.push(...pending.splice(ready, 1));
  }
  return ordered;
}

/**
 * The keys of a table that refers to itself (an item's parent item), parents before their children,
 * so every row's reference is there when it is written.
 */
function parentsFirst(rows: Row[], key: string, parentColumns: string[]): unknown[] {
  const placed = new Set<unknown>();
  const order: unknown[] = [];
  let waiting = rows;
  while (waiting.length) {
    const next = waiting.filter((row) =>
      parentColumns.some((c) => row[c] != null && row[c] !== row[key] && !placed.has(row[c])),
    );
    if (next.length === waiting.length) {
      throw new Error(`rows ${next.map((r) => String(r[key])).join(", ")} name one another as parents in a cycle`);
    }
    for (const row of waiting) {
      if (!next.includes(row)) {
        placed.add(row[key]);
        order.push(row[key]);
      }
    }
    waiting = next;
  }
  return order;
}

/** Reads a table in primary-key order, a page at a time (parents first in a table that refers to itself). */
async function* tablePages(db: Db, shape: TableShape): AsyncGenerator<Row[]> {
  const rows = rowsOf(db, shape.table);
  const [key, ...more] = shape.primaryKey;
  const orderBy = shape.primaryKey.map((column) => ({ [column]: "asc" }));
  if (!key || more.length) {
    // No single-column key to page by: the whole table at once.
    const all = await rows.findMany({ orderBy });
    for (let start = 0; start < all.length; start += ROWS_PER_STATEMENT)
      yield all.slice(start, start + ROWS_PER_STATEMENT);
    return;
  }
  const selfColumns = shape.references.filter((r) => r.table === shape.table).map((r) => r.column);
  if (selfColumns.length) {
    const select = Object.fromEntries([key, ...selfColumns].map((c) => [c, true]));
    const order = parentsFirst(await rows.findMany({ select, orderBy }), key, selfColumns);
    for (let start = 0; start < order.length; start += ROWS_PER_STATEMENT) {
      const keys = order.slice(start, start + ROWS_PER_STATEMENT);
      const page = await rows.findMany({ where: { [key]: { in: keys } } });
      const position = new Map(keys.map((k, index) => [k, index]));
      yield page.sort((a, b) => position.get(a[key])! - position.get(b[key])!);
    }
    return;
  }
  let after: unknown;
  for (;;) {
    const page = await rows.findMany({
      where: after === undefined ? {} : { [key]: { gt: after } },
      orderBy,
      take: ROWS_PER_STATEMENT,
    });
    if (page.length) yield page;
    if (page.length < ROWS_PER_STATEMENT) return;
    after = page[page.length - 1]![key];
  }
}

/** The highest id each table's sequence has handed out, so ids of deleted rows are not given out again. */
async function sequenceHighWater(db: Db, kind: StoreKind, tables: TableShape[]): Promise<Map<string, number>> {
  const high = new Map<string, number>();
  if (kind === "sqlite") {
    const hasSequences = await db.$queryRawUnsafe<unknown[]>(
      `SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_sequence'`,
    );
    if (!hasSequences.length) return high;
    const rows = await db.$queryRawUnsafe<{ name: string; seq: number | bigint }[]>(
      `SELECT name, seq FROM sqlite_sequence`,
    );
    for (const row of rows) high.set(row.name, Number(row.seq));
    return high;
  }
  for (const { table, primaryKey } of tables) {
    if (primaryKey.length !== 1) continue;
    const [row] = await db.$queryRawUnsafe<{ last: number | bigint | null }[]>(
      `SELECT s.last_value AS "last" FROM pg_sequences s
       WHERE format('%I.%I', s.schemaname, s.sequencename)::regclass = pg_get_serial_sequence($1, $2)::regclass`,
      quote(table),
      primaryKey[0],
    );
    if (row?.last != null) high.set(table, Number(row.last));
  }
  return high;
}

/**
 * Moves each id sequence on the target past both the copied ids and the source's own high-water mark,
 * so the next row written gets a new id (PostgreSQL's sequences do not notice rows written with ids).
 */
async function advanceSequences(
  tx: Tx,
  kind: StoreKind,
  tables: TableShape[],
  high: Map<string, number>,
): Promise<void> {
  for (const { table, primaryKey } of tables) {
    const [key, ...more] = primaryKey;
    if (!key || more.length) continue;
    if (kind === "postgresql") {
      const [serial] = await tx.$queryRawUnsafe<{ sequence: string | null }[]>(
        `SELECT pg_get_serial_sequence($1, $2) AS "sequence"`,
        quote(table),
        key,
      );
      if (!serial?.sequence) continue;
      const [copied] = await tx.$queryRawUnsafe<{ last: number | bigint | null }[]>(
        `SELECT MAX(${quote(key)}) AS "last" FROM ${quote(table)}`,
      );
      const last = Math.max(Number(copied?.last ?? 0), high.get(table) ?? 0);
      if (last > 0) await tx.$queryRawUnsafe(`SELECT setval($1::regclass, $2::bigint)::text`, serial.sequence, last);
    } else if (high.has(table)) {
      // SQLite moves its own counter up to the largest id written; only a higher source counter needs setting.
      await tx.$executeRawUnsafe(`UPDATE sqlite_sequence SET seq = MAX(seq, ?) WHERE name = ?`, high.get(table), table);
      await tx.$executeRawUnsafe(
        `INSERT INTO sqlite_sequence (name, seq) SELECT ?, ? WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = ?)`,
        table,
        high.get(table),
        table,
      );
    }
  }
}

/** What the database said, without Prisma's preamble (the call and the source lines around it, before the last line). */
function databaseMessage(error: Error): string {
  const lines = error.message.split("\n").filter((line) => line.trim());
  return /^\s*Invalid `/.test(error.message) ? lines[lines.length - 1]!.trim() : error.message;
}

export type CopyTablesOutcome =
  { ok: true; tables: TableRows[] } | { ok: false; reason: string; occupied: TableRows[] };

/**
 * Copies every table of `source` into `target`, which must be migrated and empty. The source is read
 * in one snapshot (repeatable read on PostgreSQL; SQLite's read transaction), and the target written in
 * one transaction: a failure anywhere leaves the target as it was. A target holding any row is refused.
 */
export async function copyTables(source: CopyEnd, target: CopyEnd): Promise<CopyTablesOutcome> {
  const tables = copyOrder(await readShape(target.store, target.kind));
  const high = await sequenceHighWater(source.store, source.kind, tables);
  return source.store.$transaction(
    (reader) =>
      target.store.$transaction(async (writer): Promise<CopyTablesOutcome> => {
        const occupied: TableRows[] = [];
        for (const { table } of tables) {
          const rows = await rowsOf(writer, table).count();
          if (rows) occupied.push({ table, rows });
        }
        if (occupied.length) return { ok: false, reason: "the target already holds rows", occupied };
        const copied: TableRows[] = [];
        for (const shape of tables) {
          let rows = 0;
          try {
            for await (const page of tablePages(reader, shape)) {
              rows += (await rowsOf(writer, shape.table).createMany({ data: page })).count;
            }
          } catch (error) {
            throw new Error(`copying ${shape.table} failed after ${rows} rows: ${databaseMessage(error as Error)}`, {
              cause: error,
            });
          }
          copied.push({ table: shape.table, rows });
        }
        await advanceSequences(writer, target.kind, tables, high);
        return { ok: true, tables: copied };
      }, TRANSACTION_OPTIONS),
    {
      ...TRANSACTION_OPTIONS,
      // One snapshot of a PostgreSQL source for every table; the SQLite client's types know only its own level.
      ...(source.kind === "postgresql" ? { isolationLevel: "RepeatableRead" as Prisma.TransactionIsolationLevel } : {}),
    },
  );
}
