/**
 * The report's counted paragraphs: each directorate's introduction, the headline in Key issues, and the
 * Background's recap of the last report (from its snapshot, or a placeholder when none was recorded).
 */
import { countOf, numberWord, numberWordCapitalised } from "../number-words.js";
import type { PeriodCounts, PeriodSummaryCounts } from "../period-summary.js";
import type { CommitteeReportInput, Paragraph } from "./types.js";
import { committeeOf, formatLongDay, formatMonthYear, howMany, isVerb, listJoin, plainParagraph } from "./words.js";

export function directorateIntro(
  counts: PeriodCounts,
  newRows: number,
  ongoingRows: number,
  sinceMonth: string,
): Paragraph[] {
  const paragraphs: Paragraph[] = [];
  if (counts.new_reviews > 0) {
    const raised =
      counts.new_items > 0
        ? `and ${countOf(counts.new_items, "recommendation/area for improvement", "recommendations/areas for improvement")} ${isVerb(counts.new_items, "was", "were")} made`
        : "and no recommendations/areas for improvement were made";
    paragraphs.push(
      plainParagraph(
        `${numberWordCapitalised(counts.new_reviews)} new external ${isVerb(counts.new_reviews, "inspection, review or audit has", "inspections, reviews and audits have")} taken place since the last report ${raised}. Further details are provided below.`,
      ),
    );
  } else {
    paragraphs.push(
      plainParagraph("No new external inspections, reviews or audits have taken place since the last report."),
    );
  }
  if (ongoingRows > 0) {
    const parts = [
      `${howMany(counts.ongoing_completed_since)} ${isVerb(counts.ongoing_completed_since, "has", "have")} been completed since the last report`,
    ];
    let open = `${howMany(counts.ongoing_in_progress)} ${isVerb(counts.ongoing_in_progress, "remains", "remain")} in progress`;
    if (counts.ongoing_delayed > 0) {
      open += `, ${numberWord(counts.ongoing_delayed)} of which ${isVerb(counts.ongoing_delayed, "is", "are")} delayed`;
      if (counts.ongoing_significant_delay > 0)
        open += ` (${numberWord(counts.ongoing_significant_delay)} more than 12 months)`;
    }
    parts.push(open);
    paragraphs.push(
      plainParagraph(
        `Of the recommendations from external inspections, reviews and audits that took place prior to ${sinceMonth}, ${parts.join(" and ")}.`,
      ),
    );
  }
  const tables =
    newRows > 0 && ongoingRows > 0
      ? "tables below provide a summary of new and ongoing"
      : newRows > 0
        ? "table below provides a summary of new"
        : "table below provides a summary of ongoing";
  paragraphs.push(plainParagraph(`The ${tables} external inspections, reviews and audits.`));
  return paragraphs;
}

export function headlineParagraphs(h: PeriodSummaryCounts, sinceMonth: string, outcomeUnknown: number): Paragraph[] {
  const newParts = [
    h.new_items_complete
      ? `${numberWord(h.new_items_complete)} ${isVerb(h.new_items_complete, "is", "are")} complete`
      : null,
    h.new_items_in_progress
      ? `${numberWord(h.new_items_in_progress)} ${isVerb(h.new_items_in_progress, "is", "are")} in progress`
      : null,
    h.new_items_not_started
      ? `${numberWord(h.new_items_not_started)} ${isVerb(h.new_items_not_started, "is", "are")} not yet scheduled to start`
      : null,
    h.new_items_no_action_required
      ? `${numberWord(h.new_items_no_action_required)} ${isVerb(h.new_items_no_action_required, "needs", "need")} no further action`
      : null,
  ].filter((p): p is string => Boolean(p));
  let fresh =
    h.new_reviews === 0
      ? `No new inspections, reviews or audits have taken place since ${sinceMonth}.`
      : `${numberWordCapitalised(h.new_reviews)} new ${isVerb(h.new_reviews, "inspection, review or audit has", "inspections, reviews and audits have")} taken place since ${sinceMonth}. ` +
        (h.new_items === 0
          ? "These resulted in no recommendations or areas for improvement."
          : `These resulted in ${countOf(h.new_items, "recommendation or area for improvement", "recommendations or areas for improvement")}. Of these, ${listJoin(newParts)}.`);
  if (outcomeUnknown > 0) fresh += ` The outcome is not yet known for ${numberWord(outcomeUnknown)} of them.`;
  let ongoing =
    `${numberWordCapitalised(h.ongoing_completed_since)} ongoing recommendations/areas for improvement relating to external inspections, reviews and audits that took place prior to ${sinceMonth} ${isVerb(h.ongoing_completed_since, "has", "have")} been completed since the last report. ` +
    `${numberWordCapitalised(h.ongoing_in_progress)} ${isVerb(h.ongoing_in_progress, "remains", "remain")} in progress`;
  if (h.ongoing_delayed > 0) {
    ongoing += `, ${numberWord(h.ongoing_delayed)} of which ${isVerb(h.ongoing_delayed, "is", "are")} delayed`;
    if (h.ongoing_significant_delay > 0)
      ongoing += ` (${numberWord(h.ongoing_significant_delay)} of which ${isVerb(h.ongoing_significant_delay, "is", "are")} delayed more than 12 months)`;
  }
  return [plainParagraph(fresh), plainParagraph(`${ongoing}.`)];
}

export function backgroundParagraphs(
  input: CommitteeReportInput,
  committee: string,
): { paragraphs: Paragraph[]; notes: string[] } {
  const notes: string[] = [];
  const paragraphs: Paragraph[] = [
    plainParagraph(
      `In line with the ${committee} terms of reference, the purpose of this report is to provide details of the recent external inspections, reviews and audits across the Council and assurance that ongoing and outstanding recommendations, relating to those that have taken place previously, are being progressed.`,
    ),
  ];
  const previous = input.previous;
  if (!previous) {
    paragraphs.push([
      { text: `This report covers the period from ${formatLongDay(input.since)} to ${formatLongDay(input.today)}. ` },
      {
        text: "[Add the date and figures of the last report: the tracker has no earlier reporting point.]",
        placeholder: true,
      },
    ]);
    notes.push("No earlier reporting point is recorded, so paragraph 1.2 needs the last report's date and figures.");
    return { paragraphs, notes };
  }
  const presented = previous.name
    ? `The last report was presented to ${committeeOf(previous.name)} on ${formatLongDay(previous.meetingDate ?? previous.cutOff)}, with figures as at ${formatLongDay(previous.cutOff)}.`
    : `The last report covered the period to ${formatLongDay(previous.cutOff)}.`;
  const snap = previous.snapshot;
  if (!snap) {
    paragraphs.push([
      { text: `${presented} ` },
      {
        text: "[Add the last report's figures: its summary was not posted through the tracker, so no snapshot of it was recorded.]",
        placeholder: true,
      },
    ]);
    notes.push(
      `The last reporting point (${previous.name ?? formatLongDay(previous.cutOff)}) has no snapshot: paragraphs 1.2 and 1.3 need its figures, and "implemented at last report" is worked out from completion dates.`,
    );
    return { paragraphs, notes };
  }
  const c = snap.counts;
  const sinceMonth = formatMonthYear(snap.since);
  const newParts = [
    `${numberWord(c.new_items_complete)} had been implemented and ${isVerb(c.new_items_complete, "was", "were")} complete`,
    c.new_items_in_progress
      ? `${numberWord(c.new_items_in_progress)} remained ongoing and ${isVerb(c.new_items_in_progress, "was", "were")} in progress`
      : null,
    c.new_items_not_started
      ? `${numberWord(c.new_items_not_started)} ${isVerb(c.new_items_not_started, "was", "were")} not yet scheduled to start`
      : null,
    c.new_items_no_action_required ? `${numberWord(c.new_items_no_action_required)} required no further action` : null,
  ].filter((p): p is string => Boolean(p));
  let fresh =
    c.new_reviews === 0
      ? `${presented} No new external inspections, reviews or audits had taken place since ${sinceMonth}.`
      : `${presented} The report referred to ${numberWord(c.new_reviews)} new external ${isVerb(c.new_reviews, "inspection, review or audit", "inspections, reviews and audits")} that had taken place since ${sinceMonth}, resulting in ${countOf(c.new_items, "recommendation or area for improvement", "recommendations and areas for improvement")}.` +
        (c.new_items > 0 ? ` Of these ${listJoin(newParts)}.` : "");
  if (snap.newReviewsOutcomeUnknown > 0)
    fresh += ` The outcome was not yet known for ${numberWord(snap.newReviewsOutcomeUnknown)} of the reviews conducted.`;
  paragraphs.push(plainParagraph(fresh));
  const completed = c.ongoing_completed_before + c.ongoing_completed_since;
  let older =
    `Ongoing recommendations/areas for improvement relating to external inspections, reviews and audits that took place prior to ${sinceMonth} included ${numberWord(completed)} that had been implemented and ${isVerb(completed, "was", "were")} complete, ` +
    `${numberWord(c.ongoing_in_progress)} that remained ongoing and ${isVerb(c.ongoing_in_progress, "was", "were")} in progress`;
  if (c.ongoing_delayed > 0)
    older += `, ${numberWord(c.ongoing_delayed)} of which ${isVerb(c.ongoing_delayed, "was", "were")} delayed`;
  if (c.ongoing_no_action_required > 0)
    older += `, and ${numberWord(c.ongoing_no_action_required)} that required no further action`;
  paragraphs.push(plainParagraph(`${older}.`));
  return { paragraphs, notes };
}
