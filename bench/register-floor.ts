/**
 * The floor the import and status figures are compared with: plain better-sqlite3 on a freshly
 * migrated database, writing the rows the import writes for the same register (people, reviews,
 * items, one audit entry each with its JSON, target revisions, progress updates) in one
 * transaction with prepared statements, and reading the items back with one SELECT.
 * Nothing is parsed or checked: this is what the rows alone cost.
 */
import Database from "better-sqlite3";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { migrateDatabase } from "../src/data/database.js";
import type { BenchRow } from "./register-bench.js";

export interface FloorTimes {
  writeMs: number;
  readMs: number;
}

function once(rows: readonly BenchRow[]): FloorTimes {
  const dir = mkdtempSync(path.join(os.tmpdir(), "tracker-floor-"));
  const file = path.join(dir, "floor.db");
  migrateDatabase(`file:${file}`);
  const db = new Database(file);
  try {
    db.pragma("journal_mode = WAL");
    db.prepare(`INSERT OR IGNORE INTO "Directorate" ("id", "name", "aliases") VALUES (?, ?, '[]')`).run("CYPS", "CYPS");
    const at = new Date().toISOString().replace("Z", "+00:00");
    const person = db.prepare(`INSERT INTO "Person" ("email", "createdAt") VALUES (?, ?)`);
    const review =
      db.prepare(`INSERT INTO "Review" ("titleKey", "title", "body", "reviewType", "reviewDateRaw", "reviewDate", "outcome", "confidential",
      "directorateId", "createdAt", "updatedAt") VALUES (?, ?, ?, ?, ?, ?, ?, 0, 'CYPS', ?, ?)`);
    const item =
      db.prepare(`INSERT INTO "Item" ("reviewId", "ref", "kind", "text", "ownerId", "originalTargetRaw", "originalTarget", "originalTargetKind",
      "revisedTargetRaw", "revisedTarget", "revisedTargetKind", "revisionReason", "progress", "latestUpdate", "completedOn", "confidential", "createdAt", "updatedAt")
      VALUES (?, ?, ?, ?, ?, ?, ?, 'month', ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)`);
    const audit = db.prepare(
      `INSERT INTO "AuditEntry" ("entityType", "entityId", "action", "actor", "after", "at") VALUES (?, ?, 'created', 'bench', ?, ?)`,
    );
    const revision = db.prepare(
      `INSERT INTO "TargetRevision" ("itemId", "fromRaw", "fromDate", "toRaw", "toDate", "reason", "actor", "at") VALUES (?, ?, ?, ?, ?, ?, 'bench', ?)`,
    );
    const update = db.prepare(
      `INSERT INTO "ProgressUpdate" ("itemId", "progress", "narrative", "actor", "at") VALUES (?, ?, ?, 'bench', ?)`,
    );

    const start = performance.now();
    db.transaction(() => {
      audit.run("import", 0, "{}", at);
      const people = new Map<string, number>();
      const reviews = new Map<string, number>();
      for (const r of rows) {
        let ownerId = people.get(r.owner);
        if (ownerId === undefined) {
          people.set(r.owner, (ownerId = Number(person.run(r.owner, at).lastInsertRowid)));
          audit.run("person", ownerId, JSON.stringify({ email: r.owner }), at);
        }
        let reviewId = reviews.get(r.title);
        if (reviewId === undefined) {
          reviews.set(
            r.title,
            (reviewId = Number(
              review.run(
                r.title.toLowerCase(),
                r.title,
                "Ofsted",
                "inspection",
                "March 2023",
                "2023-03-31",
                "Good",
                at,
                at,
              ).lastInsertRowid,
            )),
          );
          audit.run(
            "review",
            reviewId,
            JSON.stringify({ directorate: "CYPS", body: "Ofsted", review_date: "March 2023", outcome: "Good" }),
            at,
          );
        }
        const itemId = Number(
          item.run(
            reviewId,
            r.ref,
            "recommendation",
            r.text,
            ownerId,
            r.original,
            r.originalEnd,
            r.revised || null,
            r.revisedEnd,
            r.revised ? "month" : "none",
            r.revised ? "Resourcing" : null,
            r.progress,
            r.update,
            r.completedOn || null,
            at,
            at,
          ).lastInsertRowid,
        );
        audit.run("item", itemId, JSON.stringify(r), at);
        if (r.revised) revision.run(itemId, r.original, r.originalEnd, r.revised, r.revisedEnd, "Resourcing", at);
        update.run(itemId, r.progress, r.update, at);
      }
    })();
    const writeMs = performance.now() - start;

    const readStart = performance.now();
    const read = db.prepare(`SELECT * FROM "Item"`).all();
    const readMs = performance.now() - readStart;
    if (read.length !== rows.length) throw new Error(`the floor wrote ${read.length} items for ${rows.length} rows`);
    return { writeMs, readMs };
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The median of three runs, each on a fresh database, so one unlucky moment on a shared machine does not set it. */
export function measureFloor(rows: readonly BenchRow[]): FloorTimes {
  const runs = [once(rows), once(rows), once(rows)];
  const median = (values: number[]) => values.sort((a, b) => a - b)[1]!;
  return { writeMs: median(runs.map((r) => r.writeMs)), readMs: median(runs.map((r) => r.readMs)) };
}
