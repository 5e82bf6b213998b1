/**
 * One transaction around several writes, for services that must commit them together (a state change
 * with the message it queues) without naming Prisma themselves.
 */
import type { Prisma, PrismaClient } from "./database.js";

/** A handle inside a transaction: every store function that takes the database also takes this. */
export type Tx = Prisma.TransactionClient;

export function inTransaction<T>(prisma: PrismaClient, work: (tx: Tx) => Promise<T>): Promise<T> {
  return prisma.$transaction(work);
}
