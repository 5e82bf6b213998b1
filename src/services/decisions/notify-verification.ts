/**
 * Who hears about a decided completion: a returned or verified one goes back to the owner and their delegate
 * (the improvement team is offered the completion by offer-decisions.ts). Queued, sent by the dispatcher.
 */
import type { Store } from "../../data/database.js";
import { personIdsByEmailOrRole } from "../../data/people/person-store.js";
import { enqueueMessage, MessagePurpose, personalConversationOf } from "../dispatch/outbox.js";
import { RoleName } from "../people/permissions.js";

type Card = Record<string, unknown>;

function cardActivity(card: Card, summary: string): Record<string, unknown> {
  return {
    type: "message",
    summary,
    attachments: [{ contentType: "application/vnd.microsoft.card.adaptive", content: card }],
  };
}

/** The improvement team: the configured admins and everyone granted the role. */
export async function improvementTeamIds(store: Store, admins: readonly string[]): Promise<number[]> {
  return personIdsByEmailOrRole(store, admins, RoleName.improvementTeam);
}

/** Queues the card to each person's personal chat; returns who could not be reached. */
export async function queueToPeople(
  store: Store,
  personIds: readonly number[],
  card: Card,
  summary: string,
  purpose: (typeof MessagePurpose)[keyof typeof MessagePurpose],
  dedupe: string,
): Promise<{ queued: number; unreachable: number[] }> {
  let queued = 0;
  const unreachable: number[] = [];
  for (const personId of new Set(personIds)) {
    const conversationId = await personalConversationOf(store, personId);
    if (!conversationId) {
      unreachable.push(personId);
      continue;
    }
    const result = await enqueueMessage(store, {
      conversationId,
      personId,
      purpose,
      activity: cardActivity(card, summary),
      dedupeKey: `${dedupe}:${personId}`,
    });
    if (result.queued) queued += 1;
  }
  return { queued, unreachable };
}

export async function tellOwnerOfDecision(
  store: Store,
  people: { ownerId: number | null; delegateId: number | null },
  itemId: number,
  version: number,
  card: Card,
  summary: string,
) {
  const ids = [people.ownerId, people.delegateId].filter((id): id is number => id !== null);
  return queueToPeople(store, ids, card, summary, MessagePurpose.verification, `decision:${itemId}:${version}`);
}
