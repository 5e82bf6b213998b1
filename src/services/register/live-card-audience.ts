/**
 * Who a live card in a channel or group chat is refreshed for: the people who may act on the item (or on the
 * items an answer lists), as Teams user ids in the order and within the limit the domain rule sets
 * (domain/register/live-card-actors.ts). People the bot has never seen in Teams have no id and cannot be listed.
 */
import { personIdByEmail, reachableOf } from "../../data/decisions/decision-store.js";
import { ownershipOfItems, reachablePersonIdsWithRole, teamsUserIdsOf } from "../../data/people/person-store.js";
import {
  itemActorsInOrder,
  refreshAudience,
  type CardActor,
  type RefreshAudience,
} from "../../domain/register/live-card-actors.js";
import { improvementTeamIds } from "../decisions/notify-verification.js";
import { approverIds, loadExtensionRequest, waitingRequestIdOf } from "../extensions/extension-requests.js";
import { latestUpdateActor } from "../../data/updates/progress-store.js";
import { decisionsFor } from "../../domain/decisions/waiting-decisions.js";
import { RoleName, type Actor } from "../people/permissions.js";
import type { Store } from "../store.js";

/** What of an item decides who may act on it. */
export interface ActedOnItem {
  id: number;
  ownerId: number | null;
  delegateId: number | null;
  directorateId: string;
  verification: string;
}

async function asActors(store: Store, ids: readonly (number | null)[]): Promise<CardActor[]> {
  const known = ids.filter((id): id is number => id !== null);
  const teamsIds = await teamsUserIdsOf(store, known);
  return known.map((personId) => ({ personId, teamsUserId: teamsIds.get(personId) ?? null }));
}

/** Earliest known first, so the same people are listed each time when the limit cuts. */
const inIdOrder = (ids: readonly number[]) => [...ids].sort((a, b) => a - b);

/** Whoever may decide the item's waiting extension request (by the request's own route) or its completion. */
async function decidersOf(store: Store, admins: readonly string[], item: ActedOnItem): Promise<number[]> {
  const deciders: number[] = [];
  const requestId = await waitingRequestIdOf(store, item.id);
  const loaded = requestId === null ? null : await loadExtensionRequest(store, requestId);
  if (loaded) {
    const requesterId = await personIdByEmail(store, loaded.request.requestedBy);
    deciders.push(...(await approverIds(store, admins, loaded.request, item.directorateId, requesterId)));
  }
  if (item.verification === "awaiting") deciders.push(...(await improvementTeamIds(store, admins)));
  return inIdOrder(deciders);
}

async function teamWithChat(store: Store, admins: readonly string[]): Promise<number[]> {
  const team = await improvementTeamIds(store, admins);
  const reachable = await reachableOf(store, team);
  return inIdOrder(team.filter((id) => reachable.has(id)));
}

/** The refresh list for one item's card: owner first, then delegate, deciders, leads and the improvement team. */
export async function itemRefreshAudience(
  store: Store,
  admins: readonly string[],
  item: ActedOnItem,
): Promise<RefreshAudience> {
  const [owner, delegate, deciders, leads, improvementTeam] = await Promise.all([
    asActors(store, [item.ownerId]),
    asActors(store, [item.delegateId]),
    decidersOf(store, admins, item).then((ids) => asActors(store, ids)),
    reachablePersonIdsWithRole(store, RoleName.directorateLead, item.directorateId).then((ids) =>
      asActors(store, inIdOrder(ids)),
    ),
    teamWithChat(store, admins).then((ids) => asActors(store, ids)),
  ]);
  return refreshAudience(
    itemActorsInOrder({ owner: owner[0] ?? null, delegate: delegate[0] ?? null, deciders, leads, improvementTeam }),
  );
}

/**
 * The refresh list for an answer card listing these items: whoever asked first (they see their own answer
 * recomputed), then each listed item's owner and delegate in the order listed, the leads of their
 * directorates, and the improvement team (who decide what waits).
 */
export async function answerRefreshAudience(
  store: Store,
  admins: readonly string[],
  askerId: number | null,
  itemIds: readonly number[],
): Promise<RefreshAudience> {
  const items = await ownershipOfItems(store, itemIds);
  const byId = new Map(items.map((i) => [i.id, i]));
  const listed = itemIds.map((id) => byId.get(id)).filter((i) => i !== undefined);
  const owners = listed.flatMap((i) => [i.ownerId, i.delegateId]);
  const directorates = [...new Set(listed.map((i) => i.directorateId))];
  const leads = (
    await Promise.all(directorates.map((d) => reachablePersonIdsWithRole(store, RoleName.directorateLead, d)))
  ).flatMap(inIdOrder);
  const ordered = await asActors(store, [askerId, ...owners, ...leads, ...(await teamWithChat(store, admins))]);
  return refreshAudience(ordered);
}

/**
 * The decisions waiting on an item that this person may make, by the rules the decisions themselves check: its
 * extension request (by id) and its completion. Their view of a live card offers exactly these.
 */
export async function decisionsOnItemFor(
  store: Store,
  item: ActedOnItem,
  actor: Actor,
): Promise<{ extensionRequestId: number | null; completion: boolean; mayVerify: boolean }> {
  if (!actor.email) return { extensionRequestId: null, completion: false, mayVerify: false };
  const requestId = await waitingRequestIdOf(store, item.id);
  const loaded = requestId === null ? null : await loadExtensionRequest(store, requestId);
  const may = decisionsFor(
    { verification: item.verification, extensionRequests: loaded ? [loaded.request] : [] },
    item.directorateId,
    { email: actor.email, isImprovementTeam: actor.isImprovementTeam, leads: actor.leads },
  );
  // Whoever submitted the completion may return it but not verify it (decideCompletion refuses that too).
  const submitter = may.completion ? await latestUpdateActor(store, item.id) : null;
  const ownSubmission = submitter !== null && submitter.toLowerCase() === actor.email.toLowerCase();
  return {
    extensionRequestId: may.extension ? requestId : null,
    completion: may.completion,
    mayVerify: may.completion && !ownSubmission,
  };
}
