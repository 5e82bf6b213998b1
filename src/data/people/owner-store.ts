/**
 * Items' owners: who owns open items (and whether the bot can reach them), items nobody owns, and
 * the items an assignment changes, with their owners as they are.
 */
import type { Store, Tx } from "../database.js";
import { Progress } from "../../domain/status/status.js";

/** Progress values of an item still to be done (the domain's isOpen). */
const OPEN_PROGRESS = [Progress.notStarted, Progress.inProgress];

export interface OpenItemOwner {
  personId: number;
  email: string;
  name: string | null;
  /** Teams answered 403/404: they blocked or removed the bot. */
  unreachable: boolean;
  /** Open items they own; their open milestones (steps of items, never counted as items) apart. */
  openItems: number;
  openMilestones: number;
  /** How many personal chats with the bot they have. */
  personalChats: number;
}

interface OwnerRow {
  id: number;
  email: string;
  name: string | null;
  unreachable: number | boolean;
  openItems: number | bigint;
  openMilestones: number | bigint;
  chats: number | bigint;
}

/** Everyone who owns an open item, by email. */
export async function ownersOfOpenItems(store: Store): Promise<OpenItemOwner[]> {
  const rows = await store.$queryRaw<OwnerRow[]>`
    SELECT p."id", p."email", p."name", p."unreachable",
      COUNT(CASE WHEN i."counted" THEN 1 END) AS "openItems",
      COUNT(CASE WHEN i."counted" THEN NULL ELSE 1 END) AS "openMilestones",
      (SELECT COUNT(*) FROM "Conversation" c WHERE c."personId" = p."id" AND c."kind" = 'personal') AS "chats"
    FROM "Person" p JOIN "Item" i ON i."ownerId" = p."id"
    WHERE i."progress" IN (${Progress.notStarted}, ${Progress.inProgress})
    GROUP BY p."id", p."email", p."name", p."unreachable"
    ORDER BY p."email"`;
  return rows.map((r) => ({
    personId: Number(r.id),
    email: r.email,
    name: r.name,
    unreachable: Boolean(r.unreachable),
    openItems: Number(r.openItems),
    openMilestones: Number(r.openMilestones),
    personalChats: Number(r.chats),
  }));
}

/** Open items with no owner; milestones are left out, being owned through their item. */
export function ownerlessOpenItemCount(store: Store): Promise<number> {
  return store.item.count({ where: { ownerId: null, counted: true, progress: { in: OPEN_PROGRESS } } });
}

export interface ItemToAssign {
  id: number;
  ownerId: number | null;
  ownerEmail: string | null;
  directorateId: string;
}

/** The items with their directorate and current owner, in the order the database keeps them. */
export async function itemsToAssign(db: Store | Tx, itemIds: readonly number[]): Promise<ItemToAssign[]> {
  const items = await db.item.findMany({
    where: { id: { in: [...itemIds] } },
    select: {
      id: true,
      ownerId: true,
      review: { select: { directorateId: true } },
      owner: { select: { email: true } },
    },
  });
  return items.map((item) => ({
    id: item.id,
    ownerId: item.ownerId,
    ownerEmail: item.owner?.email ?? null,
    directorateId: item.review.directorateId,
  }));
}
