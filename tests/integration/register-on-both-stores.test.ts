/**
 * The register on either store: a fresh database migrated as `npm start` migrates it, the demo register
 * imported into it, statuses computed from what is read back. The same assertions run on SQLite and on
 * a real PostgreSQL server (started for this file), and the two stores must give every item the same
 * status for the same reason. A re-import finds what is there, and a failed write leaves nothing.
 */
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inWriteTransaction } from "../../src/data/direct-statements.js";
import { loadRegister } from "../../src/data/register/register-store.js";
import { itemStatus, type RegisterReview } from "../../src/domain/register/register.js";
import { effectiveTarget, selectItems } from "../../src/domain/questions/select-items.js";
import { importRegister } from "../../src/services/imports/import-register.js";
import { loadDemoRegister, PLAYGROUND_USER_EMAIL } from "../../src/services/imports/load-demo-register.js";
import { startPostgres, type PostgresServer } from "../support/postgres.js";
import { createTestDatabase, FIXTURES, type TestDatabase } from "../support/test-database.js";

const TODAY = "2026-11-30";
const NOW = new Date("2026-11-30T12:00:00Z");
const STORES = ["sqlite", "postgresql"] as const;
type Store = (typeof STORES)[number];

let server: PostgresServer;
const databases = new Map<Store, TestDatabase>();
const registers = new Map<Store, RegisterReview[]>();

beforeAll(async () => {
  server = await startPostgres();
  for (const store of STORES) {
    const db = await createTestDatabase(store === "postgresql" ? { postgres: server } : {});
    databases.set(store, db);
    const report = await loadDemoRegister(db.prisma, NOW);
    expect(report?.ok, `${store}: ${JSON.stringify(report?.errors)}`).toBe(true);
    registers.set(store, await loadRegister(db.prisma));
  }
}, 120_000);
afterAll(async () => {
  for (const db of databases.values()) await db.close();
  await server?.stop();
});

const statuses = (store: Store) =>
  registers.get(store)!.flatMap((review) =>
    review.items.map((item) => ({
      review: review.title,
      ref: item.ref,
      confidential: item.confidential,
      ...itemStatus(item, TODAY),
    })),
  );

describe.each(STORES)("the demo register on %s", (store) => {
  it("is stored on the store DATABASE_URL names", () => {
    expect(databases.get(store)!.url.startsWith(store === "sqlite" ? "file:" : "postgresql://")).toBe(true);
  });

  it("reads back every review and item the import wrote, with the progress notes whose dates moved", async () => {
    const { prisma } = databases.get(store)!;
    const register = registers.get(store)!;
    expect(register.length).toBe(await prisma.review.count());
    expect(register.flatMap((r) => r.items).length).toBe(await prisma.item.count());
    const item = await prisma.item.findFirstOrThrow({ where: { ref: "Area for improvement 1 and 4" } });
    expect(item.revisedTargetRaw).toBe("Mar-27");
    expect(item.latestUpdate).toContain("expected to be completed by March 2027");
  });

  it("gives the playground's user an overdue action, one due within a fortnight and one with months to go", () => {
    const mine = selectItems(registers.get(store)!, { mine: true, open: true }, TODAY, {
      email: PLAYGROUND_USER_EMAIL,
    });
    expect(mine).toHaveLength(3);
    const targets = mine.map((s) => effectiveTarget(s.item)!).sort();
    expect(targets[0]! < TODAY).toBe(true);
    expect(targets[1]! > TODAY && targets[1]! <= "2026-12-14").toBe(true);
    expect(targets[2]! > "2027-03-01").toBe(true);
    expect(mine.map((s) => itemStatus(s.item, TODAY).status).sort()).toEqual([
      "not_started",
      "on_track",
      "partly_delayed",
    ]);
  });

  it("keeps the import's audit trail and loads the demo only into an empty register", async () => {
    const { prisma } = databases.get(store)!;
    // Stamped with the time its caller gave it, not the clock on the wall.
    const { at } = await prisma.auditEntry.findFirstOrThrow({ where: { entityType: "import" } });
    expect(at.toISOString()).toBe(NOW.toISOString());
    expect(await prisma.auditEntry.count({ where: { entityType: "item", action: "created" } })).toBe(
      await prisma.item.count(),
    );
    expect(await loadDemoRegister(prisma, NOW)).toBeNull();
  });
});

describe("the two stores", () => {
  it("give every item the same status for the same reason", () => {
    const onSqlite = statuses("sqlite");
    expect(onSqlite.length).toBeGreaterThan(30);
    expect(new Set(onSqlite.map((s) => s.status)).size).toBeGreaterThanOrEqual(4);
    expect(statuses("postgresql")).toEqual(onSqlite);
  });
});

describe.each(STORES)("writing the register on %s", (store) => {
  const fresh = () => createTestDatabase(store === "postgresql" ? { postgres: server } : {});

  it("re-imports the same file as unchanged, finding every review and item already there", async () => {
    const db = await fresh();
    try {
      const file = path.join(FIXTURES, "d0-register.csv");
      const first = await importRegister(db.prisma, {
        file,
        dryRun: false,
        actor: "test",
        today: "2024-01-09",
        now: new Date(),
      });
      expect(first).toMatchObject({ ok: true, reviews: { created: 17 }, items: { created: 107 } });
      const audit = await db.prisma.auditEntry.count();
      const second = await importRegister(db.prisma, {
        file,
        dryRun: false,
        actor: "test",
        today: "2024-01-09",
        now: new Date(),
      });
      expect(second).toMatchObject({
        ok: true,
        reviews: { created: 0, updated: 0, unchanged: 17 },
        items: { created: 0, updated: 0, unchanged: 107 },
      });
      expect(await db.prisma.auditEntry.count()).toBe(audit);
    } finally {
      await db.close();
    }
  });

  it("keeps nothing of a write transaction that fails part way", async () => {
    const db = await fresh();
    try {
      const failing = inWriteTransaction(db.prisma, async (sql) => {
        const [personId] = await sql.insert("Person", [{ email: "half@example.org", createdAt: new Date() }]);
        await sql.insert("AuditEntry", [
          { entityType: "person", entityId: personId!, action: "created", actor: "test", at: new Date() },
        ]);
        throw new Error("the import stopped here");
      });
      await expect(failing).rejects.toThrow("the import stopped here");
      expect(await db.prisma.person.count()).toBe(0);
      expect(await db.prisma.auditEntry.count()).toBe(0);
    } finally {
      await db.close();
    }
  });
});
