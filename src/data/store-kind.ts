/**
 * Which store a client (or a transaction's client) talks to, so the few statements that must differ
 * between SQLite and PostgreSQL are chosen here in src/data, by the store kind, and nowhere else.
 */
import { Prisma } from "../generated/prisma/client.js";
import type { StoreKind } from "./database.js";

/**
 * Prisma records the provider its client was generated for on the client and on every transaction's
 * client (`_activeProvider`); the PostgreSQL client is a second generated client, so this tells them apart.
 */
export function storeKindOfClient(db: object): StoreKind {
  return (db as { _activeProvider?: string })._activeProvider === "postgresql" ? "postgresql" : "sqlite";
}

/** PostgreSQL column types a parameter may need to be cast to where nothing else fixes its type. */
export type PostgresType = "timestamp(3)" | "integer" | "text";

/**
 * A parameter typed for PostgreSQL: where the statement alone does not fix a parameter's type (a
 * `CASE … WHEN ? THEN ?` result), PostgreSQL takes it as text and refuses to store text in a timestamp
 * or integer column (42804). SQLite stores what it is given, so there the parameter goes as it is.
 */
export function typedParameter(kind: StoreKind, value: unknown, type: PostgresType): Prisma.Sql {
  if (kind === "sqlite") return Prisma.sql`${value}`;
  return Prisma.sql`CAST(${value} AS ${Prisma.raw(type)})`;
}

/** Whether a DATABASE_URL names PostgreSQL (postgresql:// or postgres://). */
export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//.test(url);
}
