/**
 * Work only one instance may do at a time (the daily full replan, the daily unreachable-owner report, a
 * reminder sweep, draining the outbox), decided by the database. On PostgreSQL a transaction-scoped
 * advisory lock (`pg_try_advisory_xact_lock`) held on a connection of its own for as long as the work
 * runs: an instance that finds it taken does not do the work, and a crashed instance's lock ends with its
 * connection. On SQLite (one machine, one file) the work runs as it always has: the claims and the
 * writer lock keep processes from doing anything twice.
 */
import type { Store } from "./database.js";
import { postgresPoolOf } from "./direct-statements.js";
import { storeKindOfClient } from "./store-kind.js";

/** Each piece of work's lock, in a namespace of the project's own (the migration lock is a single key). */
export const WorkLock = { fullReplan: 1, unreachableReport: 2, reminderSweep: 3, outboxDispatch: 4 } as const;
export type WorkLock = (typeof WorkLock)[keyof typeof WorkLock];

/** The first key of the two-key advisory lock: "RT" (recommendation tracker), kept apart from other users' locks. */
const NAMESPACE = 0x5254;

/** The work's outcome, or that another instance was doing it. */
export type AloneOutcome<T> = { ran: true; value: T } | { ran: false };

/**
 * Runs `work` unless another instance is running the same work now. `work` uses the store as usual (its
 * statements run on other connections); the lock is only held, never written under.
 */
export async function runAlone<T>(store: Store, lock: WorkLock, work: () => Promise<T>): Promise<AloneOutcome<T>> {
  if (storeKindOfClient(store) === "sqlite") return { ran: true, value: await work() };
  const pool = await connectedPool(store);
  const connection = await pool.connect();
  let broken: Error | undefined;
  try {
    await connection.query("BEGIN");
    const { rows } = await connection.query<{ taken: boolean }>("SELECT pg_try_advisory_xact_lock($1, $2) AS taken", [
      NAMESPACE,
      lock,
    ]);
    if (!rows[0]?.taken) return { ran: false };
    return { ran: true, value: await work() };
  } finally {
    // Ending the transaction releases the lock; a connection that cannot is dropped, which releases it too.
    await connection.query("ROLLBACK").catch((error: Error) => (broken = error));
    connection.release(broken);
  }
}

/** The pool behind a PostgreSQL client, connecting it first if no query has yet (the adapter connects lazily). */
async function connectedPool(store: Store) {
  if (!postgresPoolOf(store)) await store.$queryRaw`SELECT 1`;
  const pool = postgresPoolOf(store);
  if (!pool)
    throw new Error("this PostgreSQL client was not opened by createPostgresClient, so it has no pool to lock on");
  return pool;
}
