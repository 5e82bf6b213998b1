/**
 * A real database per test file, migrated as `npm start` migrates it: a SQLite file by default, or a
 * database of its own on a test PostgreSQL server (postgres.ts) when one is given. Removed afterwards.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { openDatabase, type PrismaClient } from "../../src/data/database.js";
import { ensureDirectorates } from "../../src/data/register-store.js";
import type { PostgresServer } from "./postgres.js";

export interface TestDatabase {
  url: string;
  dir: string;
  prisma: PrismaClient;
  close: () => Promise<void>;
}

export async function createTestDatabase(options: { postgres?: PostgresServer } = {}): Promise<TestDatabase> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "tracker-test-"));
  const url = options.postgres ? await options.postgres.createDatabase() : `file:${path.join(dir, "tracker.db")}`;
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
