/** The append-only audit log: every change to the register, with who, when, and the fields before and after. */
import type { Store, Tx } from "../database.js";

export interface AuditEntryInput {
  entityType: string;
  entityId: number;
  action: string;
  actor: string;
  /** Left out, the database stamps the entry when it is written. */
  at?: Date;
  /** JSON of the changed fields before and after. */
  before?: string | null;
  after?: string | null;
}

export interface AuditEntryRow {
  at: Date;
  actor: string;
  action: string;
  before: string | null;
  after: string | null;
}

export async function addAuditEntry(db: Store | Tx, entry: AuditEntryInput): Promise<void> {
  await db.auditEntry.create({ data: entry });
}

/** An item's entries, newest first; `limit` keeps only the latest few. */
export async function itemAuditEntries(db: Store | Tx, itemId: number, limit?: number): Promise<AuditEntryRow[]> {
  return db.auditEntry.findMany({
    where: { entityType: "item", entityId: itemId },
    orderBy: { id: "desc" },
    ...(limit ? { take: limit } : {}),
    select: { at: true, actor: true, action: true, before: true, after: true },
  });
}

export interface LaterChangeRow {
  entityType: string;
  entityId: number;
  action: string;
  before: string | null;
}

/** Entries about items and reviews written after `instant`, oldest first: what a register as at then must undo. */
export async function registerChangesAfter(db: Store | Tx, instant: Date): Promise<LaterChangeRow[]> {
  return db.auditEntry.findMany({
    where: { entityType: { in: ["item", "review"] }, at: { gt: instant } },
    orderBy: { id: "asc" },
    select: { entityType: true, entityId: true, action: true, before: true },
  });
}

/** When the first item was recorded (null before any): the register's history in the tracker starts then. */
export async function firstItemRecordedAt(db: Store | Tx): Promise<Date | null> {
  const first = await db.auditEntry.findFirst({
    where: { entityType: "item" },
    orderBy: { id: "asc" },
    select: { at: true },
  });
  return first?.at ?? null;
}
