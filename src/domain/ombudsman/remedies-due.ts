/**
 * Which Ombudsman remedies fall due in a span of days: an open remedy whose target (revised, else
 * original) falls in it, or whose public report response is due in it and not yet given. Those already
 * past due before the span are counted apart, so "due this month" never hides what is late.
 */
import type { IsoDate } from "../dates/calendar-date.js";
import type { RegisterItem, RegisterReview } from "../register/register.js";
import { Progress } from "../status/status.js";

export interface RemedyDue {
  review: RegisterReview;
  item: RegisterItem;
  /** The day it falls due: its target, or the public report's response day when that is earlier in the span. */
  due: IsoDate;
  /** Why: the remedy's own target or the public report's response. */
  reason: "target" | "public_report_response";
}

function isOpen(item: RegisterItem): boolean {
  return item.progress === Progress.notStarted || item.progress === Progress.inProgress;
}

/** The remedy's dates that are still owed: its target while open, its response day while no response is given. */
function owedDates(item: RegisterItem): { due: IsoDate; reason: RemedyDue["reason"] }[] {
  const facts = item.ombudsman;
  if (!facts?.remedyKind) return [];
  const owed: { due: IsoDate; reason: RemedyDue["reason"] }[] = [];
  const target = item.revisedTarget.end ?? item.originalTarget.end;
  if (isOpen(item) && target) owed.push({ due: target, reason: "target" });
  if (facts.responseDue && !facts.responseDate) owed.push({ due: facts.responseDue, reason: "public_report_response" });
  return owed;
}

/** Remedies due from `from` to `to`, soonest first, and how many were due before `from` and are still owed. */
export function remediesDue(
  reviews: readonly RegisterReview[],
  from: IsoDate,
  to: IsoDate,
): { due: RemedyDue[]; overdue: number } {
  const due: RemedyDue[] = [];
  let overdue = 0;
  for (const review of reviews) {
    for (const item of review.items) {
      const owed = owedDates(item);
      const inSpan = owed.filter((o) => o.due >= from && o.due <= to).sort((a, b) => a.due.localeCompare(b.due));
      if (inSpan[0]) due.push({ review, item, ...inSpan[0] });
      else if (owed.some((o) => o.due < from)) overdue += 1;
    }
  }
  due.sort((a, b) => a.due.localeCompare(b.due) || a.item.id - b.item.id);
  return { due, overdue };
}
