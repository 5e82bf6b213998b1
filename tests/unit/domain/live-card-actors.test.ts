/**
 * Who a live card is refreshed for: owner first, then the delegate, whoever must decide something waiting, the
 * directorate's leads and the improvement team; nobody twice, nobody without a Teams id, and at most 60.
 */
import { describe, expect, it } from "vitest";
import {
  itemActorsInOrder,
  MAX_REFRESH_USER_IDS,
  refreshAudience,
  type CardActor,
} from "../../../src/domain/register/live-card-actors.js";

const person = (personId: number, teamsUserId: string | null = `29:person-${personId}`): CardActor => ({
  personId,
  teamsUserId,
});

describe("who a live card is refreshed for", () => {
  it("lists the owner first, then the delegate, the deciders, the leads and the improvement team", () => {
    const ordered = itemActorsInOrder({
      owner: person(1),
      delegate: person(2),
      deciders: [person(5)],
      leads: [person(3)],
      improvementTeam: [person(4)],
    });
    expect(refreshAudience(ordered).userIds).toEqual([
      "29:person-1",
      "29:person-2",
      "29:person-5",
      "29:person-3",
      "29:person-4",
    ]);
  });

  it("cuts 61 possible actors to 60, keeping the owner first and counting the one left out", () => {
    const team = Array.from({ length: 59 }, (_, i) => person(100 + i));
    const ordered = itemActorsInOrder({
      owner: person(1),
      delegate: person(2),
      deciders: [],
      leads: [],
      improvementTeam: team,
    });
    expect(ordered).toHaveLength(61);
    const audience = refreshAudience(ordered);
    expect(MAX_REFRESH_USER_IDS).toBe(60);
    expect(audience.userIds).toHaveLength(60);
    expect(audience.userIds[0]).toBe("29:person-1");
    expect(audience.userIds[1]).toBe("29:person-2");
    expect(audience.userIds).not.toContain("29:person-158");
    expect(audience.cut).toBe(1);
  });

  it("a decider is listed before leads and the team, so the limit never cuts off a decision", () => {
    const team = Array.from({ length: 70 }, (_, i) => person(100 + i));
    const audience = refreshAudience(
      itemActorsInOrder({ owner: person(1), delegate: null, deciders: [person(9)], leads: [], improvementTeam: team }),
    );
    expect(audience.userIds.slice(0, 2)).toEqual(["29:person-1", "29:person-9"]);
  });

  it("lists a person once, in their first place, however many reasons they have", () => {
    const audience = refreshAudience(
      itemActorsInOrder({
        owner: person(1),
        delegate: null,
        deciders: [person(3), person(1)],
        leads: [person(3)],
        improvementTeam: [person(3), person(4)],
      }),
    );
    expect(audience.userIds).toEqual(["29:person-1", "29:person-3", "29:person-4"]);
  });

  it("leaves out people the bot has never seen in Teams, and says how many", () => {
    const audience = refreshAudience(
      itemActorsInOrder({
        owner: person(1, null),
        delegate: person(2),
        deciders: [],
        leads: [person(3, null)],
        improvementTeam: [],
      }),
    );
    expect(audience).toEqual({ userIds: ["29:person-2"], cut: 0, withoutTeamsId: 2 });
  });

  it("an item nobody may act on (no owner, no roles) has an empty list", () => {
    expect(
      refreshAudience(itemActorsInOrder({ owner: null, delegate: null, deciders: [], leads: [], improvementTeam: [] })),
    ).toEqual({ userIds: [], cut: 0, withoutTeamsId: 0 });
  });
});
