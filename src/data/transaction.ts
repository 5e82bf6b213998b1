/**
 * One transaction around several writes, for services that must commit them together (a state change
 * with the message it queues) without naming Prisma themselves.
 */
import type { Store, Tx } from "./database.js";

export function inTransaction<T>(store: Store, work: (tx: Tx) => Promise<T>): Promise<T> {
  return store.$transaction(work);
}
