/**
 * The test PostgreSQL server itself: found where Debian installs it, started as a user PostgreSQL
 * accepts (the `postgres` user when the tests run as root), reached by a password-protected URL, and
 * gone afterwards; where PostgreSQL is not installed, a test that needs it fails saying what to install.
 * Each test's database is a copy of one migrated template, so every test starts from the same register
 * and none sees another's rows.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { POSTGRESQL_MIGRATIONS } from "../../scripts/postgresql-schema.js";
import { addItem } from "../support/reminder-fixtures.js";
import { postgresBinaries, startPostgres } from "../support/postgres.js";
import { createTestDatabase } from "../support/test-database.js";

describe("the test PostgreSQL server", () => {
  it("fails with what to install when PostgreSQL's programs are nowhere to be found", () => {
    const empty = mkdtempSync(path.join(os.tmpdir(), "tracker-no-pg-"));
    try {
      expect(() => postgresBinaries({ PATH: empty }, path.join(empty, "postgresql"))).toThrow(
        /initdb, pg_ctl.*apt-get install postgresql/,
      );
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it("serves a fresh database to a password-protected URL, then stops and leaves nothing behind", async () => {
    const server = await startPostgres();
    let stopped = false;
    try {
      const url = await server.createDatabase("first_test");
      expect(url).toMatch(/^postgresql:\/\/tracker:[^@]+@127\.0\.0\.1:\d+\/first_test$/);
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      const { rows } = await client.query<{ user: string; database: string }>(
        `SELECT current_user AS "user", current_database() AS "database"`,
      );
      await client.end();
      expect(rows).toEqual([{ user: "tracker", database: "first_test" }]);
      const wrongPassword = new pg.Client({ connectionString: url.replace(/:[^:@]+@/, ":wrong@") });
      await expect(wrongPassword.connect()).rejects.toThrow(/password authentication failed/);
      await server.stop();
      stopped = true;
      expect(existsSync(server.dir)).toBe(false);
      const afterStop = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
      await expect(afterStop.connect()).rejects.toThrow();
    } finally {
      if (!stopped) await server.stop();
    }
  }, 120_000);

  it("gives each test a migrated database of its own, copied from one template, that no other test's rows reach", async () => {
    const server = await startPostgres();
    try {
      const first = await createTestDatabase({ postgres: server });
      const second = await createTestDatabase({ postgres: server });
      try {
        expect(first.url).not.toBe(second.url);
        await addItem(first.prisma, { originalTarget: "2026-06-30" });
        expect(await first.prisma.item.count()).toBe(1);
        expect(await second.prisma.item.count()).toBe(0);
        // Migrated and with the directorates a start writes, as `npm start` leaves a new database.
        const client = new pg.Client({ connectionString: second.url });
        await client.connect();
        const { rows } = await client.query<{ migration_name: string }>(
          `SELECT "migration_name" FROM "_prisma_migrations" WHERE "finished_at" IS NOT NULL ORDER BY 1`,
        );
        await client.end();
        expect(rows.map((r) => r.migration_name)).toEqual(
          readdirSync(POSTGRESQL_MIGRATIONS, { withFileTypes: true })
            .filter((d) => d.isDirectory())
            .map((d) => d.name)
            .sort(),
        );
        expect(await second.prisma.directorate.count()).toBeGreaterThan(0);
      } finally {
        await first.close();
        await second.close();
      }
    } finally {
      await server.stop();
    }
  }, 120_000);
});
