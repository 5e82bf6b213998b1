/** The command line's text output reads as people write: dates as "9 Jan 2024", counts with the right plural. */
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCliCaptured, type CliRun } from "../support/cli-run.js";
import { STORES, storeDatabases } from "../support/stores.js";
import { FIXTURES, type TestDatabase } from "../support/test-database.js";

let db: TestDatabase;

function cli(...args: string[]): Promise<CliRun> {
  return runCliCaptured(args, { DATABASE_URL: db.url }, new Date("2024-01-09T10:00:00Z"));
}

const databaseOn = storeDatabases();

describe.each(STORES)("on %s", (store) => {
  beforeAll(async () => {
    db = await databaseOn(store);
    await db.prisma.$disconnect(); // the CLI opens its own client
  });
  afterAll(async () => {
    await db.close();
  });

  describe("text output", () => {
    it("an import with one bad row says '1 problem'", async () => {
      const { code, stdout } = await cli("import", path.join(FIXTURES, "d1-tracker.csv"));
      expect(code).toBe(1);
      expect(stdout).toContain("Nothing imported: 1 problem in");
    });

    it("summary gives its period as dates people read, and no ISO dates", async () => {
      expect((await cli("import", path.join(FIXTURES, "d0-register.csv"), "--as-of", "2024-01-09")).code).toBe(0);
      const { stdout } = await cli("summary", "--since", "2023-07-14", "--as-of", "2024-01-09");
      expect(stdout).toContain("Period 14 Jul 2023 to 9 Jan 2024");
      expect(stdout).not.toMatch(/\d{4}-\d{2}-\d{2}/);
      expect(stdout).not.toMatch(/\b1 new reviews\b|\b1 items\b/);
    });
  });
});
