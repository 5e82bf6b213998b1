/**
 * A real database per test, migrated as `npm start` migrates it: a SQLite file by default, or a
 * database of its own on a test PostgreSQL server (postgres.ts) when one is given. Removed afterwards.
 *
 * On PostgreSQL the migrations run once per server, into a template database, and each test's database
 * is a copy of it (CREATE DATABASE … TEMPLATE), about half the time of migrating each one. Opening
 * the copy still runs the start-up migrator, which finds nothing left to apply; the migrations from an
 * empty database are tested on their own (tests/integration/postgres-migrations.test.ts).
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { openDatabase, type PrismaClient } from "../../src/data/database.js";
import { ensureDirectorates } from "../../src/data/register/register-store.js";
import type { PostgresServer } from "./postgres.js";

export interface TestDatabase {
  url: string;
  dir: string;
  prisma: PrismaClient;
  close: () => Promise<void>;
}

const TEMPLATE_DATABASE = "tracker_migrated_template";
/** Each server's migrated template, made by the first test database asked for on it. */
const templates = new WeakMap<PostgresServer, Promise<string>>();

/** The server's migrated template database (with the directorates a start writes), made once. */
function migratedTemplate(server: PostgresServer): Promise<string> {
  let template = templates.get(server);
  if (!template) {
    template = (async () => {
      const prisma = await openDatabase(await server.createDatabase(TEMPLATE_DATABASE), ensureDirectorates);
      // A template must have nobody connected when it is copied.
      await prisma.$disconnect();
      return TEMPLATE_DATABASE;
    })();
    templates.set(server, template);
  }
  return template;
}

export async function createTestDatabase(options: { postgres?: PostgresServer } = {}): Promise<TestDatabase> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "tracker-test-"));
  const server = options.postgres;
  const url = server
    ? await server.createDatabase(undefined, { template: await migratedTemplate(server) })
    : `file:${path.join(dir, "tracker.db")}`;
  const prisma = await openDatabase(url);
  await ensureDirectorates(prisma);
  return {
    url,
    dir,
    prisma,
    close: async () => {
      await prisma.$disconnect();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const FIXTURES = path.resolve(import.meta.dirname, "../fixtures");
