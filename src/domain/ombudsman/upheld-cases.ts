/**
 * The Ombudsman's annual letter's figures, from the register: cases decided in a period, how many were
 * upheld, and the upheld rate ("6 of 14 upheld (43% upheld rate)"), in total and by directorate. A case is
 * one case reference; it is upheld when at least one remedy (personal or service improvement) is recorded
 * for it, and not upheld when its rows carry no remedy_kind. Counts only: no case is named, so a personal
 * remedy's case is counted wherever counts may be shown (as a children's home's items are).
 */
import type { IsoDate } from "../dates/calendar-date.js";
import type { RegisterReview } from "../register/register.js";
import { ReviewSource } from "../register/review-sources.js";

export interface CaseTally {
  cases: number;
  upheld: number;
}

export interface UpheldCases {
  total: CaseTally;
  /** By the reporting directorate of each case's review, in the register's order. */
  byDirectorate: { directorateId: string; tally: CaseTally }[];
}

/** Whether a review holds Ombudsman cases: its source says so, or its items carry case references. */
export function isOmbudsmanReview(review: RegisterReview): boolean {
  return review.source === ReviewSource.ombudsman || review.items.some((item) => item.ombudsman);
}

/** Cases decided from `from` to `to` (inclusive), upheld or not, in total and by directorate. */
export function upheldCases(reviews: readonly RegisterReview[], from: IsoDate, to: IsoDate): UpheldCases {
  const cases = new Map<string, { directorateId: string; upheld: boolean }>();
  for (const review of reviews) {
    for (const item of review.items) {
      const facts = item.ombudsman;
      if (!facts?.decisionDate || facts.decisionDate < from || facts.decisionDate > to) continue;
      const key = facts.caseRef.toLowerCase().replace(/\s+/g, " ");
      const known = cases.get(key) ?? { directorateId: review.directorateId, upheld: false };
      known.upheld ||= facts.remedyKind !== null;
      cases.set(key, known);
    }
  }
  const byDirectorate = new Map<string, CaseTally>();
  const total: CaseTally = { cases: 0, upheld: 0 };
  for (const { directorateId, upheld } of cases.values()) {
    const tally = byDirectorate.get(directorateId) ?? { cases: 0, upheld: 0 };
    tally.cases += 1;
    total.cases += 1;
    if (upheld) {
      tally.upheld += 1;
      total.upheld += 1;
    }
    byDirectorate.set(directorateId, tally);
  }
  return { total, byDirectorate: [...byDirectorate].map(([directorateId, tally]) => ({ directorateId, tally })) };
}

/** The share upheld, rounded to a whole per cent as the annual letter gives it; null when no case was decided. */
export function upheldRate(tally: CaseTally): number | null {
  return tally.cases === 0 ? null : Math.round((tally.upheld / tally.cases) * 100);
}

/** "6 of 14 cases upheld (43% upheld rate)", or "no cases decided". */
export function upheldRateText(tally: CaseTally): string {
  const rate = upheldRate(tally);
  if (rate === null) return "no cases decided";
  return `${tally.upheld} of ${tally.cases} ${tally.cases === 1 ? "case" : "cases"} upheld (${rate}% upheld rate)`;
}
