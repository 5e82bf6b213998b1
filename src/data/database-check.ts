/** Whether the database answers: what /readyz asks before saying the bot can serve. */
import type { Store } from "./database.js";

/**
 * Reads the migrations table, which every migrated database has: resolves when the database answers,
 * rejects with the driver's error when it cannot be read (a missing file, a locked or unreachable server).
 */
export async function checkDatabase(store: Store): Promise<void> {
  await store.$queryRaw`SELECT 1 FROM "_prisma_migrations" LIMIT 1`;
}
