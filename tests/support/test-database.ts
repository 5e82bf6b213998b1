/** A real SQLite file per test file, migrated as `npm start` migrates it, removed afterwards. */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { openDatabase, type PrismaClient } from "../../src/data/database.js";
import { ensureDirectorates } from "../../src/data/register-store.js";

export interface TestDatabase {
  url: string;
  dir: string;
  prisma: PrismaClient;
  close: () => Promise<void>;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "tracker-test-"));
  const url = `file:${path.join(dir, "tracker.db")}`;
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
