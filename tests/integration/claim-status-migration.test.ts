/**
 * Upgrading a database whose reminder claims still say 'sent' (which meant queued): each takes what became
 * of the message carrying it, so nothing reads "delivered" that Teams never accepted.
 * SQLite only: the upgrade is a SQLite migration; PostgreSQL registers began after it.
 */
import { cpSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, expect, it } from "vitest";
import { migrateDatabase } from "../../src/data/database.js";

const MIGRATIONS = path.resolve(import.meta.dirname, "../../prisma/migrations");
const HONEST_DELIVERY = "20261130200000_honest_delivery";
let dir: string;

afterEach(() => rmSync(dir, { recursive: true, force: true }));

it("turns each 'sent' claim into what its message's outcome says: delivered, queued, unreachable or failed", () => {
  dir = mkdtempSync(path.join(os.tmpdir(), "tracker-migration-"));
  const earlier = path.join(dir, "earlier-migrations");
  for (const name of readdirSync(MIGRATIONS, { withFileTypes: true }).filter(
    (d) => d.isDirectory() && d.name < HONEST_DELIVERY,
  )) {
    cpSync(path.join(MIGRATIONS, name.name), path.join(earlier, name.name), { recursive: true });
  }
  const url = `file:${path.join(dir, "tracker.db")}`;
  migrateDatabase(url, earlier);

  const db = new Database(path.join(dir, "tracker.db"));
  const at = "2025-06-25T08:05:00.000Z";
  const accepted = "2025-06-25T08:06:00.000Z";
  db.prepare(`INSERT INTO "Directorate" ("id", "name") VALUES ('CYPS', 'Children')`).run();
  db.prepare(
    `INSERT INTO "Review" ("id", "titleKey", "title", "directorateId", "createdAt", "updatedAt") VALUES (1, 'r', 'R', 'CYPS', ?, ?)`,
  ).run(at, at);
  const outcomes = ["sent", "queued", "sending", "unreachable", "failed"];
  outcomes.forEach((status, i) => {
    const id = i + 1;
    db.prepare(
      `INSERT INTO "Item" ("id", "reviewId", "ref", "text", "progress", "createdAt", "updatedAt") VALUES (?, 1, ?, 'x', 'in_progress', ?, ?)`,
    ).run(id, `Rec ${id}`, at, at);
    db.prepare(
      `INSERT INTO "OutboundMessage" ("id", "conversationId", "purpose", "payload", "status", "attempts", "notBefore", "createdAt", "sentAt")
      VALUES (?, 'c', 'reminder', '{}', ?, 1, ?, ?, ?)`,
    ).run(id, status, at, at, status === "sent" ? accepted : null);
    db.prepare(
      `INSERT INTO "ReminderClaim" ("itemId", "kind", "targetDate", "dueAt", "status", "claimedAt", "sentAt", "messageId")
      VALUES (?, 'before_3', '2025-06-30', ?, 'sent', ?, ?, ?)`,
    ).run(id, at, at, at, id);
  });
  db.close();

  expect(migrateDatabase(url).applied).toContain(HONEST_DELIVERY);
  const migrated = new Database(path.join(dir, "tracker.db"));
  const claims = migrated
    .prepare(`SELECT "status", "sentAt", "queuedAt" FROM "ReminderClaim" ORDER BY "itemId"`)
    .all() as { status: string; sentAt: unknown; queuedAt: unknown }[];
  migrated.close();
  expect(claims.map((c) => c.status)).toEqual(["delivered", "queued", "queued", "unreachable", "failed"]);
  expect(claims.map((c) => c.sentAt !== null)).toEqual([true, false, false, false, false]);
  expect(claims.every((c) => c.queuedAt !== null)).toBe(true);
});
