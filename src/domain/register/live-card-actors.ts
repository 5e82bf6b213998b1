/**
 * Who a live card is refreshed for (Universal Actions): the people who may act on what it shows, as Teams user
 * ids, in the order Teams is given them, cut at the 60 ids a card's `refresh.userIds` may hold. Everyone else
 * keeps the read-only card the conversation sees. Pure: the caller looks the people and their ids up.
 */

/** Teams refreshes a card for at most this many listed people. */
export const MAX_REFRESH_USER_IDS = 60;

/** A person who may act, with the Teams user id their client is known by (null: never seen by the bot in Teams). */
export interface CardActor {
  personId: number;
  teamsUserId: string | null;
}

/** The people who may act on one item, by why they may. */
export interface ItemActors {
  owner: CardActor | null;
  delegate: CardActor | null;
  /** Whoever may decide the item's waiting extension request or completion. */
  deciders: readonly CardActor[];
  /** The leads of the item's directorate. */
  leads: readonly CardActor[];
  /** Improvement-team members with a personal chat with the bot. */
  improvementTeam: readonly CardActor[];
}

export interface RefreshAudience {
  /** Teams user ids, owner first, without repeats, at most MAX_REFRESH_USER_IDS. */
  userIds: string[];
  /** People who may act but were past the limit: they see the read-only card. */
  cut: number;
  /** People who may act but have no Teams user id yet, so cannot be listed. */
  withoutTeamsId: number;
}

/**
 * The order people are listed in: the owner and the delegate, whose items they are; then whoever must decide
 * something waiting, so that a decision is never cut off by the limit; then the directorate's leads and the
 * improvement team, who may act on any item.
 */
export function itemActorsInOrder(actors: ItemActors): CardActor[] {
  return [
    ...(actors.owner ? [actors.owner] : []),
    ...(actors.delegate ? [actors.delegate] : []),
    ...actors.deciders,
    ...actors.leads,
    ...actors.improvementTeam,
  ];
}

/**
 * The refresh list for people already in order (several items' actors may be joined, each item's in its own
 * order): a person listed twice keeps their first place, people without a Teams id are counted and left out,
 * and the list stops at `limit`.
 */
export function refreshAudience(ordered: readonly CardActor[], limit = MAX_REFRESH_USER_IDS): RefreshAudience {
  const seenPeople = new Set<number>();
  const userIds: string[] = [];
  const seenIds = new Set<string>();
  let cut = 0;
  let withoutTeamsId = 0;
  for (const actor of ordered) {
    if (seenPeople.has(actor.personId)) continue;
    seenPeople.add(actor.personId);
    if (!actor.teamsUserId) {
      withoutTeamsId += 1;
      continue;
    }
    if (seenIds.has(actor.teamsUserId)) continue;
    if (userIds.length >= limit) {
      cut += 1;
      continue;
    }
    seenIds.add(actor.teamsUserId);
    userIds.push(actor.teamsUserId);
  }
  return { userIds, cut, withoutTeamsId };
}
