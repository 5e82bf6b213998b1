/**
 * Who hears about an extension decision: the owner and their delegate. (Its approvers are offered the request
 * by offer-decisions.ts.) Queued in the outbox, sent by the dispatcher after commit.
 */
import type { Store } from "../../data/database.js";
import { queueToPeople } from "../decisions/notify-verification.js";
import { MessagePurpose } from "../dispatch/outbox.js";

type Card = Record<string, unknown>;

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
