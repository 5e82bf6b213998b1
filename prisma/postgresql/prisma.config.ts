/**
 * Prisma's CLI for the PostgreSQL schema: `prisma generate --config prisma/postgresql/prisma.config.ts`
 * (offline) and the `migrate diff` that scripts/postgresql-migration.ts runs against a temporary server.
 * The bot never needs the CLI at run time: src/data/postgres-database.ts applies the migrations itself.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaPg } from "@prisma/adapter-pg";

if (existsSync(".env")) process.loadEnvFile(".env");
// The schema's url = env("DATABASE_URL") must name PostgreSQL, or the CLI tries to download a query engine
// and fails; `generate` never connects, so when the environment names SQLite a placeholder is enough.
if (!/^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? ""))
  process.env.DATABASE_URL = "postgresql://localhost:5432/tracker";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join(import.meta.dirname, "schema.prisma"),
  migrations: { path: path.join(import.meta.dirname, "..", "migrations-postgresql") },
  adapter: () => Promise.resolve(new PrismaPg({ connectionString: process.env.DATABASE_URL! })),
});
