/** The append-only audit log: every change to the register, with who, when, and the fields before and after. */
import type { Store, Tx } from "./database.js";

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
