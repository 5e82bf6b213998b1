/**
 * The Ombudsman's section of the period summary, the Word report and the workbook, as the OSMB pack
 * presents the annual letter: the cases decided in the period and how many were upheld (with the upheld
 * rate), the remedies by directorate, and each service improvement with its progress. A personal remedy is
 * counted, never described: no text, owner or progress of one appears, whoever reads the report.
 */
import { addDays, formatDay, type IsoDate } from "../dates/calendar-date.js";
import { directorateName } from "../register/directorates.js";
import { itemStatus, type RegisterItem, type RegisterReview } from "../register/register.js";
import { REVIEW_SOURCE_NAMES, ReviewSource } from "../register/review-sources.js";
import type { SourceSection } from "../reports/source-section.js";
import { STATUS_LABELS, Progress } from "../status/status.js";
import { readableDate } from "../text/readable-text.js";
import { RemedyKind } from "./ombudsman-row.js";
import { upheldCases, upheldRateText } from "./upheld-cases.js";

function isClosed(item: RegisterItem): boolean {
  return item.progress === Progress.complete || item.progress === Progress.noActionRequired;
}

/** Whether a remedy may be described in a published report: a service improvement of a review not confidential. */
function describable(review: RegisterReview, item: RegisterItem): boolean {
  return item.ombudsman?.remedyKind === RemedyKind.serviceImprovement && !item.confidential && !review.confidential;
}

/** The section, or null when the register holds no Ombudsman case. `since` is excluded, `today` included. */
export function ombudsmanReportSection(
  register: readonly RegisterReview[],
  since: IsoDate,
  today: IsoDate,
): SourceSection | null {
  const remedies = register.flatMap((review) =>
    review.items.filter((item) => item.ombudsman).map((item) => ({ review, item, facts: item.ombudsman! })),
  );
  if (remedies.length === 0) return null;
  const decided = upheldCases(register, addDays(since, 1), today);
  const paragraphs = [
    `Decisions received from ${formatDay(addDays(since, 1))} to ${formatDay(today)}: ${upheldRateText(decided.total)}.`,
    ...decided.byDirectorate.map(
      ({ directorateId, tally }) => `${directorateName(directorateId)}: ${upheldRateText(tally)}.`,
    ),
    "A case is upheld when a remedy is recorded for it. Personal remedies (an apology, a payment or an action for one person) are counted here and never described.",
  ];
  const publicReports = remedies.filter((r) => r.facts.publicReport && r.facts.responseDue && !r.facts.responseDate);
  const owed = [...new Set(publicReports.map((r) => `${r.facts.caseRef}|${r.facts.responseDue}`))];
  for (const entry of owed) {
    const [caseRef, due] = entry.split("|") as [string, string];
    paragraphs.push(
      `Public report on case ${caseRef}: the council's response to the Ombudsman is due by ${formatDay(due)}${due < today ? " and is overdue" : ""}.`,
    );
  }

  const directorates = [...new Set(remedies.map((r) => r.review.directorateId))];
  const byDirectorate = directorates.map((id) => {
    const of = remedies.filter((r) => r.review.directorateId === id && r.facts.remedyKind);
    const improvements = of.filter((r) => r.facts.remedyKind === RemedyKind.serviceImprovement);
    return [
      directorateName(id),
      String(of.filter((r) => r.facts.remedyKind === RemedyKind.personal).length),
      String(improvements.length),
      String(improvements.filter((r) => isClosed(r.item)).length),
      String(improvements.filter((r) => !isClosed(r.item)).length),
    ];
  });
  const improvements = remedies.filter((r) => describable(r.review, r.item));
  const hiddenImprovements = remedies.filter(
    (r) => r.facts.remedyKind === RemedyKind.serviceImprovement && !describable(r.review, r.item),
  ).length;
  if (hiddenImprovements)
    paragraphs.push(
      `${hiddenImprovements} service improvement(s) of confidential reviews are counted but not described.`,
    );
  const progressRow = ({ review, item, facts }: (typeof remedies)[number]) => [
    facts.caseRef,
    directorateName(review.directorateId),
    item.text,
    readableDate(item.revisedTarget.raw ? item.revisedTarget : item.originalTarget),
    STATUS_LABELS[itemStatus(item, today).status],
  ];
  return {
    source: ReviewSource.ombudsman,
    heading: REVIEW_SOURCE_NAMES.ombudsman.heading,
    paragraphs,
    tables: [
      {
        title: "Remedies by directorate",
        headers: ["Directorate", "Personal remedies", "Service improvements", "Done", "Open"],
        rows: byDirectorate,
      },
      {
        title: "Service improvements and their progress",
        headers: ["Case", "Directorate", "Service improvement", "Target", "Status"],
        rows: improvements.map(progressRow),
      },
    ],
    sheet: {
      name: "Ombudsman",
      headers: [
        "Case",
        "Directorate",
        "Decision",
        "Public report",
        "Response due",
        "Remedy",
        "Kind",
        "Target",
        "Status",
      ],
      rows: remedies.map(({ review, item, facts }) => {
        const shown = facts.remedyKind !== RemedyKind.personal && !item.confidential && !review.confidential;
        return [
          facts.caseRef,
          directorateName(review.directorateId),
          facts.decisionDate ?? "",
          facts.publicReport ? "Yes" : "No",
          facts.responseDue ?? "",
          facts.remedyKind === null
            ? "Not upheld"
            : shown
              ? item.text
              : "Personal remedy (confidential: not described)",
          facts.remedyKind === null
            ? ""
            : facts.remedyKind === RemedyKind.personal
              ? "Personal"
              : "Service improvement",
          facts.remedyKind === null
            ? ""
            : readableDate(item.revisedTarget.raw ? item.revisedTarget : item.originalTarget),
          facts.remedyKind === null ? "" : STATUS_LABELS[itemStatus(item, today).status],
        ];
      }),
    },
  };
}
