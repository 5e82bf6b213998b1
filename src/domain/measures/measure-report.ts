/**
 * The Council Plan exceptions as the period summary and the Word report show them, as the pack does:
 * "(1.A5) The proportion ... - 10.1% against a target of 7% (lower is better)", the lead officer, and the
 * improvement item's progress where the documents' audience (a channel) may see it. Pure: the measures,
 * the register (for the items) and the day come in.
 */
import { formatDay, type IsoDate } from "../dates/calendar-date.js";
import { personLabel, type PersonNaming } from "../people/person-label.js";
import { effectiveTarget } from "../questions/select-items.js";
import { itemStatus, type RegisterReview } from "../register/register.js";
import { STATUS_LABELS } from "../status/status.js";
import { PROGRESS_LABELS } from "../text/readable-text.js";
import { mayShowItem, PUBLISHED_AUDIENCE } from "../visibility.js";
import { periodLabel } from "./measure-periods.js";
import { exceptionsFor, reportedPeriod } from "./measure-view.js";
import type { StoredMeasure } from "./plan-measures.js";

export const COUNCIL_PLAN_HEADING = "Council Plan performance exceptions";

export interface CouncilPlanExceptionRow {
  /** "(1.A5) The proportion ... - 10.1% against a target of 7% (lower is better)" */
  line: string;
  leadOfficer: string;
  /** "Not started (status: ...), target 30 Sep 2019"; "not shown" where the item is kept from a channel; "no item yet". */
  progress: string;
}

export interface CouncilPlanSection {
  /** "2019/20 Q1" */
  period: string;
  intro: string;
  rows: CouncilPlanExceptionRow[];
}

type MeasureWithLead = StoredMeasure & { leadOfficer: PersonNaming | null };

/** The section, or null when the register holds no measures. */
export function councilPlanSection(
  measures: readonly MeasureWithLead[],
  register: readonly RegisterReview[],
  today: IsoDate,
): CouncilPlanSection | null {
  const period = reportedPeriod(measures);
  if (period === null) return null;
  const exceptions = exceptionsFor(measures, period);
  const items = new Map(register.flatMap((review) => review.items.map((item) => [item.id, { item, review }] as const)));
  const rows = exceptions.map(({ measure, againstTarget }) => {
    const found = measure.exceptionItemId === null ? undefined : items.get(measure.exceptionItemId);
    let progress = "No improvement item yet.";
    if (found && !mayShowItem(PUBLISHED_AUDIENCE, found.item, found.review))
      progress = "Improvement item not shown here.";
    else if (found) {
      const target = effectiveTarget(found.item);
      progress = `${PROGRESS_LABELS[found.item.progress]} (${STATUS_LABELS[itemStatus(found.item, today).status].toLowerCase()})${target ? `, target ${formatDay(target)}` : ""}.`;
    }
    return {
      line: `(${measure.measureRef}) ${measure.measure} - ${againstTarget}`,
      leadOfficer: personLabel(measure.leadOfficer, "not recorded"),
      progress,
    };
  });
  const label = periodLabel(period);
  return {
    period: label,
    intro: `Measures which are off track and whose direction of travel is worsening, ${label} (the latest period the register holds): ${rows.length} of ${measures.length}.`,
    rows,
  };
}
