/**
 * How a decision waiting for someone (an extension request for its approvers, a completion for the improvement
 * team) is chased, like a reminder: offered to its deciders at once; offered to them again after
 * DECISION_CHASE_DAYS working days; after as many more, put before the improvement team as well. Each round
 * goes once to each person, so a round is part of what makes an offer unique. Pure: `today` is passed in.
 */
import type { IsoDate } from "../dates/calendar-date.js";
import { addWorkingDays } from "../dates/working-days.js";

export const DecisionRound = {
  /** The first offer, to the deciders. */
  offered: 0,
  /** Still waiting after one chase period: the deciders again. */
  chased: 1,
  /** Still waiting after two: the improvement team too. */
  toImprovementTeam: 2,
} as const;
export type DecisionRound = (typeof DecisionRound)[keyof typeof DecisionRound];

/** DECISION_CHASE_DAYS: working days between rounds (1 to 60; 5 by default). */
export const DEFAULT_DECISION_CHASE_DAYS = 5;
export const DECISION_CHASE_DAYS_BOUNDS = { min: 1, max: 60 } as const;

/** The round a decision waiting since `waitingSince` has reached by `today`. */
export function decisionRound(waitingSince: IsoDate, today: IsoDate, chaseDays: number): DecisionRound {
  if (addWorkingDays(waitingSince, chaseDays * 2) <= today) return DecisionRound.toImprovementTeam;
  if (addWorkingDays(waitingSince, chaseDays) <= today) return DecisionRound.chased;
  return DecisionRound.offered;
}

/**
 * The round a decider's offer belongs to: the first offer, or the chase once one is due. Someone who becomes a
 * decider late gets one card for the round then running, never the rounds they missed as well.
 */
export function decidersRound(round: DecisionRound): DecisionRound {
  return round === DecisionRound.offered ? DecisionRound.offered : DecisionRound.chased;
}

/** The line at the top of a chased card: how long it has waited and what is asked of the reader. */
export function chaseBanner(round: DecisionRound, waitingSinceText: string, forImprovementTeam: boolean): string {
  if (round === DecisionRound.offered) return "";
  if (forImprovementTeam)
    return `Still undecided since ${waitingSinceText}: its deciders have been asked twice. Please decide it or chase them.`;
  return `Reminder: this has been waiting for your decision since ${waitingSinceText}.`;
}
