/**
 * Extension requests as stored: one row per request an owner made for an item's target, read back as the
 * domain's ExtensionRequest (dates as the text that was typed, parsed the one shared way), with the row's
 * id and item beside it. Settling a request only succeeds while it is still waiting, so two approvers
 * pressing at once decide it once.
 */
import { ExtensionState, type ExtensionApprover, type ExtensionRequest } from "../../domain/extensions/extension-request.js";
import { storedDate } from "../../domain/register/register.js";
import type { Store, Tx } from "../database.js";

export interface StoredExtensionRequest extends ExtensionRequest {
  id: number;
  itemId: number;
}

interface ExtensionRequestRow {
  id: number;
  itemId: number;
  requestedBy: string;
  requestedAt: Date;
  fromTargetRaw: string | null;
  requestedTargetRaw: string;
  reason: string;
  state: string;
  approver: string | null;
  extensionsBefore: number;
  repeat: boolean;
  decidedBy: string | null;
  decidedAt: Date | null;
  comment: string | null;
}

function fromRow(row: ExtensionRequestRow): StoredExtensionRequest {
  return {
    id: row.id,
    itemId: row.itemId,
    fromTarget: storedDate(row.fromTargetRaw),
    requestedTarget: storedDate(row.requestedTargetRaw),
    reason: row.reason,
    requestedBy: row.requestedBy,
    requestedAt: row.requestedAt,
    decidedBy: row.approver as ExtensionApprover | null,
    extensionsBefore: row.extensionsBefore,
    repeat: row.repeat,
    state: row.state as ExtensionState,
    decision: row.decidedBy && row.decidedAt ? { by: row.decidedBy, at: row.decidedAt, comment: row.comment } : null,
  };
}

/** Every request made for the item, oldest first: what its chain of targets and its repeat count are built from. */
export async function itemExtensionRequests(db: Store | Tx, itemId: number): Promise<StoredExtensionRequest[]> {
  const rows = await db.extensionRequest.findMany({ where: { itemId }, orderBy: { id: "asc" } });
  return rows.map(fromRow);
}

/** Requests for these items (null: every item), oldest first per item: answers show each item's chain. */
export async function extensionRequestsOfItems(
  db: Store | Tx,
  itemIds: readonly number[] | null,
): Promise<Map<number, StoredExtensionRequest[]>> {
  const byItem = new Map<number, StoredExtensionRequest[]>();
  if (itemIds?.length === 0) return byItem;
  const rows = await db.extensionRequest.findMany({
    where: itemIds ? { itemId: { in: [...itemIds] } } : {},
    orderBy: { id: "asc" },
  });
  for (const row of rows) {
    const list = byItem.get(row.itemId) ?? [];
    list.push(fromRow(row));
    byItem.set(row.itemId, list);
  }
  return byItem;
}

export async function findExtensionRequest(db: Store | Tx, requestId: number): Promise<StoredExtensionRequest | null> {
  const row = await db.extensionRequest.findUnique({ where: { id: requestId } });
  return row ? fromRow(row) : null;
}

/** Records a request as the domain made it; its id. */
export async function addExtensionRequest(db: Store | Tx, itemId: number, request: ExtensionRequest): Promise<number> {
  const created = await db.extensionRequest.create({
    data: {
      itemId,
      requestedBy: request.requestedBy,
      requestedAt: request.requestedAt,
      fromTargetRaw: request.fromTarget.raw,
      fromTarget: request.fromTarget.end,
      requestedTargetRaw: request.requestedTarget.raw ?? request.requestedTarget.end ?? "",
      requestedTarget: request.requestedTarget.end ?? "",
      reason: request.reason,
      state: request.state,
      approver: request.decidedBy,
      extensionsBefore: request.extensionsBefore,
      repeat: request.repeat,
    },
    select: { id: true },
  });
  return created.id;
}

/** Writes a decision on a request that is still waiting; false when someone decided it first. */
export async function settleExtensionRequest(
  db: Store | Tx,
  requestId: number,
  decided: ExtensionRequest,
): Promise<boolean> {
  const { count } = await db.extensionRequest.updateMany({
    where: { id: requestId, state: ExtensionState.waiting },
    data: {
      state: decided.state,
      decidedBy: decided.decision?.by ?? null,
      decidedAt: decided.decision?.at ?? null,
      comment: decided.decision?.comment ?? null,
    },
  });
  return count === 1;
}
