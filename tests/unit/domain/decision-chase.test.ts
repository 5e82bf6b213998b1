/**
 * When a waiting decision is chased: its deciders again after DECISION_CHASE_DAYS working days, then the
 * improvement team after as many more; weekends and England and Wales bank holidays do not count.
 */
import { describe, expect, it } from "vitest";
import { chaseBanner, decidersRound, decisionRound, DecisionRound } from "../../../src/domain/decisions/chase.js";

describe("decisionRound", () => {
  it.each([
    // Asked on Tuesday 9 January 2024, chased after 5 working days.
    ["2024-01-09", "2024-01-09", 5, DecisionRound.offered],
    ["2024-01-09", "2024-01-15", 5, DecisionRound.offered],
    ["2024-01-09", "2024-01-16", 5, DecisionRound.chased],
    ["2024-01-09", "2024-01-22", 5, DecisionRound.chased],
    ["2024-01-09", "2024-01-23", 5, DecisionRound.toImprovementTeam],
    ["2024-01-09", "2024-06-30", 5, DecisionRound.toImprovementTeam],
    // Asked on Friday 22 December 2023: Christmas, Boxing Day and New Year's Day are not working days.
    ["2023-12-22", "2023-12-27", 2, DecisionRound.offered],
    ["2023-12-22", "2023-12-28", 2, DecisionRound.chased],
    ["2023-12-22", "2024-01-01", 2, DecisionRound.chased],
    ["2023-12-22", "2024-01-02", 2, DecisionRound.toImprovementTeam],
    // One working day between rounds.
    ["2024-01-09", "2024-01-10", 1, DecisionRound.chased],
    ["2024-01-09", "2024-01-11", 1, DecisionRound.toImprovementTeam],
  ])("asked %s, today %s, every %i working days: round %i", (since, today, days, round) => {
    expect(decisionRound(since, today, days)).toBe(round);
  });

  it("a decider who joins late gets one card for the round running, never the ones missed", () => {
    expect(decidersRound(DecisionRound.offered)).toBe(DecisionRound.offered);
    expect(decidersRound(DecisionRound.chased)).toBe(DecisionRound.chased);
    expect(decidersRound(DecisionRound.toImprovementTeam)).toBe(DecisionRound.chased);
  });

  it("chased cards say how long it has waited and what is asked", () => {
    expect(chaseBanner(DecisionRound.offered, "9 Jan 2024", false)).toBe("");
    expect(chaseBanner(DecisionRound.chased, "9 Jan 2024", false)).toBe(
      "Reminder: this has been waiting for your decision since 9 Jan 2024.",
    );
    expect(chaseBanner(DecisionRound.toImprovementTeam, "9 Jan 2024", true)).toContain(
      "Still undecided since 9 Jan 2024",
    );
  });
});
