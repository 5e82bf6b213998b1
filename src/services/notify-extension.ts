/**
 * Who hears about an extension request: its approvers get the decision card in their personal chats; the
 * owner and their delegate hear the decision. Queued in the outbox, sent by the dispatcher after commit.
 */
import type { Store } from "../data/database.js";
import type { StoredExtensionRequest } from "../data/extension-request-store.js";
import { approverIds } from "./extension-requests.js";
import { queueToPeople } from "./notify-verification.js";
import { MessagePurpose } from "./outbox.js";

type Card = Record<string, unknown>;

export async function askApproversToDecide(
  store: Store,
  admins: readonly string[],
  request: StoredExtensionRequest,
  item: { directorateId: string; requesterId: number | null },
  card: Card,
  summary: string,
) {
  const ids = await approverIds(store, admins, request, item.directorateId, item.requesterId);
  return {
    ...(await queueToPeople(store, ids, card, summary, MessagePurpose.extension, `extension:${request.id}`)),
    approvers: ids.length,
  };
}

export async function tellOwnerOfExtensionDecision(
  store: Store,
  people: { ownerId: number | null; delegateId: number | null },
  requestId: number,
  card: Card,
  summary: string,
) {
  const ids = [people.ownerId, people.delegateId].filter((id): id is number => id !== null);
  return queueToPeople(store, ids, card, summary, MessagePurpose.extension, `extension-decision:${requestId}`);
}
