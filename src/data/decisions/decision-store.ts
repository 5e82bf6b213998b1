/**
 * The decisions waiting for someone, as the offers and chases read them: extension requests waiting for an
 * approver, and completions waiting for the improvement team's check, with when each started waiting, who
 * asked for it and whose item it is. Also who, of a list of people, has a personal chat the outbox can reach.
 */
import type { Store, Tx } from "../database.js";

/** A decision's item: its directorate, and the people told about it. */
interface DecisionItem {
  itemId: number;
  directorateId: string;
  ownerId: number | null;
  delegateId: number | null;
}

export interface WaitingExtension extends DecisionItem {
  requestId: number;
  requestedAt: Date;
  /** The requester's email, as recorded on the request. */
  requestedBy: string;
}

export interface WaitingCompletion extends DecisionItem {
  version: number;
  /** When the completion was submitted: the item's latest update. */
  submittedAt: Date;
  /** Who submitted it (their email), who may not verify it. */
  submittedBy: string | null;
}

const ITEM_SELECT = { id: true, ownerId: true, delegateId: true, review: { select: { directorateId: true } } } as const;

/** Every extension request still waiting for a decision, oldest first; `ids` narrows it to those requests. */
export async function waitingExtensions(db: Store | Tx, ids?: readonly number[]): Promise<WaitingExtension[]> {
  const rows = await db.extensionRequest.findMany({
    where: { state: "waiting", ...(ids ? { id: { in: [...ids] } } : {}) },
    orderBy: { id: "asc" },
    select: { id: true, requestedAt: true, requestedBy: true, item: { select: ITEM_SELECT } },
  });
  return rows.map((row) => ({
    requestId: row.id,
    requestedAt: row.requestedAt,
    requestedBy: row.requestedBy,
    itemId: row.item.id,
    directorateId: row.item.review.directorateId,
    ownerId: row.item.ownerId,
    delegateId: row.item.delegateId,
  }));
}

/** Every item whose completion waits for the improvement team's check, oldest first; `itemIds` narrows it. */
export async function waitingCompletions(db: Store | Tx, itemIds?: readonly number[]): Promise<WaitingCompletion[]> {
  const rows = await db.item.findMany({
    where: { verification: "awaiting", ...(itemIds ? { id: { in: [...itemIds] } } : {}) },
    orderBy: { id: "asc" },
    select: {
      ...ITEM_SELECT,
      version: true,
      lastUpdateAt: true,
      progressUpdates: { orderBy: { id: "desc" }, take: 1, select: { at: true, actor: true } },
    },
  });
  return rows.map((row) => ({
    itemId: row.id,
    version: row.version,
    submittedAt: row.progressUpdates[0]?.at ?? row.lastUpdateAt ?? new Date(0),
    submittedBy: row.progressUpdates[0]?.actor ?? null,
    directorateId: row.review.directorateId,
    ownerId: row.ownerId,
    delegateId: row.delegateId,
  }));
}

/** The person with this email, if the register knows them. */
export async function personIdByEmail(db: Store | Tx, email: string): Promise<number | null> {
  const person = await db.person.findUnique({ where: { email: email.toLowerCase() }, select: { id: true } });
  return person?.id ?? null;
}

/** The emails of these people, by id. */
export async function emailsOf(db: Store | Tx, ids: readonly number[]): Promise<Map<number, string>> {
  const people = await db.person.findMany({ where: { id: { in: [...ids] } }, select: { id: true, email: true } });
  return new Map(people.map((p) => [p.id, p.email]));
}

/** Of these people, those with a personal chat the bot can post to (not blocked or removed). */
export async function reachableOf(db: Store | Tx, ids: readonly number[]): Promise<Set<number>> {
  const people = await db.person.findMany({
    where: { id: { in: [...ids] }, unreachable: false, conversations: { some: { kind: "personal" } } },
    select: { id: true },
  });
  return new Set(people.map((p) => p.id));
}
