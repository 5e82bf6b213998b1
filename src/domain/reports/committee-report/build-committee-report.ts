/**
 * Builds the whole paper: the register as at the cut-off, counted for the period, then per directorate
 * its New and Ongoing tables, chart counts and narratives, around the paper's fixed sections.
 */
import { sourceSections } from "./source-sections.js";
import { addMonths } from "../../dates/calendar-date.js";
import { publicTitle } from "../../register/confidential-reviews.js";
import { DIRECTORATES } from "../../register/directorates.js";
import { classifyReview, countPeriod, emptyCounts, ReviewPeriod } from "../period-summary.js";
import { itemStatus, toSummaryReview, toSummaryReviewWithRisk, type RegisterReview } from "../../register/register.js";
import { DEFAULT_AT_RISK_SETTINGS } from "../../status/at-risk.js";
import { registerAsAt } from "../reporting-snapshot.js";
import { countOf } from "../number-words.js";
import { Progress, Status } from "../../status/status.js";
import {
  completedSinceByDate,
  emptyStatusCounts,
  factsOf,
  reviewRowBase,
  type ItemFacts,
  type PeriodContext,
} from "./item-facts.js";
import { confidentialNarrative, reviewNarrative } from "./narratives.js";
import { backgroundParagraphs, directorateIntro, headlineParagraphs } from "./paragraphs.js";
import { DEFAULT_SLIPPAGE_SETTINGS, slippageSection } from "./slippage-section.js";
import { responseTableRows } from "../../scrutiny/response-table.js";
import { PUBLISHED_AUDIENCE, visibleRegister } from "../../visibility.js";
import { statusKeyRows } from "./status-key.js";
import {
  REPORT_TITLE,
  type ChartStatus,
  type CommitteeReport,
  type CommitteeReportInput,
  type DirectorateSection,
  type OngoingReviewRow,
  type ReviewNarrative,
  type ReviewRow,
} from "./types.js";
import { committeeOf, formatLongDay, formatMonthYear, plainParagraph } from "./words.js";

export function buildCommitteeReport(input: CommitteeReportInput): CommitteeReport {
  const { since, today, statusKey } = input;
  const snapshot = input.previous?.snapshot ?? null;
  const ctx: PeriodContext = {
    since,
    today,
    snapshot,
    snapshotItems: new Map((snapshot?.items ?? []).map((i) => [i.itemId, i])),
    snapshotReviews: new Map((snapshot?.reviews ?? []).map((r) => [r.reviewId, r])),
  };
  const register = registerAsAt(input.register, today);
  const headline = countPeriod(
    register.map(toSummaryReviewWithRisk(input.atRisk ?? DEFAULT_AT_RISK_SETTINGS, today)),
    since,
    today,
  );
  const committee = committeeOf(input.point.name);
  const sinceMonth = formatMonthYear(since);
  const draftingNotes: string[] = [];
  let newOutcomeUnknown = 0;

  const directorates: DirectorateSection[] = [];
  for (const directorate of DIRECTORATES) {
    const reviews = register.filter((r) => r.directorateId === directorate.id);
    const newReviews: ReviewRow[] = [];
    const ongoingReviews: OngoingReviewRow[] = [];
    const narratives: ReviewNarrative[] = [];
    const confidential: { review: RegisterReview; period: ReviewPeriod; facts: ItemFacts[] }[] = [];
    const statusCounts = emptyStatusCounts();
    for (const review of reviews) {
      const period = classifyReview(toSummaryReview(review), since, today);
      if (period === ReviewPeriod.future) continue;
      const facts = review.items.map((item) => factsOf(item, period, ctx));
      const counted = facts.filter((f) => f.item.counted);
      let reported: ItemFacts[];
      if (period === ReviewPeriod.new) {
        if (!review.outcomeKnown) newOutcomeUnknown += 1;
        newReviews.push(reviewRowBase(review, today, statusKey));
        reported = counted;
      } else {
        // "Those reported previously which had ongoing recommendations" (D0): anything not closed at the last report.
        const stillOpen = counted.filter((f) => !f.closedAtLast);
        const awaitingOutcome = counted.length === 0 && !review.outcomeKnown;
        if (stillOpen.length === 0 && !awaitingOutcome) continue;
        reported = stillOpen;
        const recordedReview = ctx.snapshotReviews.get(review.id);
        const unknownThen = snapshot ? !recordedReview || !recordedReview.outcomeKnown : false;
        const atLast = snapshot && unknownThen ? null : counted.filter((f) => f.completeAtLast).length;
        const sinceCount = counted.filter((f) => f.completedSince).length;
        ongoingReviews.push({
          ...reviewRowBase(review, today, statusKey),
          implementedAtLastReport: atLast,
          atLastReportText:
            atLast !== null
              ? String(atLast)
              : recordedReview
                ? "Outcome unknown at the last report"
                : "Not in the last report",
          implementedSince: sinceCount,
        });
        if (snapshot) {
          const byDate = counted.filter((f) => completedSinceByDate(f.item, ctx)).length;
          if (byDate !== sinceCount) {
            draftingNotes.push(
              `${publicTitle(review)}: the last report's snapshot gives ${sinceCount} implemented since, the completion dates give ${byDate}; the table uses the snapshot.`,
            );
          }
        }
      }
      for (const f of reported) {
        const status = f.item.progress === Progress.complete ? Status.complete : itemStatus(f.item, today).status;
        if (status in statusCounts) statusCounts[status as ChartStatus] += 1;
      }
      if (review.confidential) confidential.push({ review, period, facts });
      else narratives.push(reviewNarrative(review, period, facts, ctx));
    }
    if (newReviews.length === 0 && ongoingReviews.length === 0) continue;
    if (confidential.length) narratives.unshift(confidentialNarrative(confidential));
    const counts = headline.by_directorate[directorate.id] ?? emptyCounts();
    directorates.push({
      id: directorate.id,
      name: directorate.name,
      counts,
      intro: directorateIntro(counts, newReviews.length, ongoingReviews.length, sinceMonth),
      newReviews,
      ongoingReviews,
      narratives,
      statusCounts,
    });
  }

  const background = backgroundParagraphs(input, committee);
  draftingNotes.unshift(...background.notes);
  if (!input.point.name)
    draftingNotes.push(
      "The report is not for a named reporting point: check the committee name and date on the cover.",
    );
  const meetingDate = input.point.meetingDate ?? today;
  // The committee's cycle: six months on from this meeting.
  const next = formatMonthYear(addMonths(meetingDate, 6));
  const slippage = slippageSection(
    register,
    { since, today, firstReport: input.firstReport ?? false },
    {
      atRisk: input.atRisk ?? DEFAULT_SLIPPAGE_SETTINGS.atRisk,
      repeatThreshold: input.repeatThreshold ?? DEFAULT_SLIPPAGE_SETTINGS.repeatThreshold,
      priorityLabels: input.priorityLabels ?? DEFAULT_SLIPPAGE_SETTINGS.priorityLabels,
    },
    committee,
  );
  const recommendations = [
    "Note the recent external inspections, reviews and audits which have taken place and the progress made relating to ongoing recommendations.",
    "Note the governance arrangements in place for monitoring and managing the recommendations.",
    "Continue to receive regular reports.",
  ];
  if (slippage.extensionRequests.waiting > 0) {
    const waiting = slippage.extensionRequests.waiting;
    recommendations.splice(
      2,
      0,
      `Decide the ${countOf(waiting, "extension request")} still waiting for a decision at the cut-off (listed under "Extension requests since the last report").`,
    );
  }
  const implementedAtLastReportTotal = snapshot
    ? snapshot.items.filter((i) => i.counted && i.progress === Progress.complete).length
    : null;

  return {
    scrutinyResponses: responseTableRows(visibleRegister(PUBLISHED_AUDIENCE, register), today),
    reportTitle: REPORT_TITLE,
    committee,
    meetingLabel: `${committee} – ${formatLongDay(meetingDate)}`,
    meetingDate,
    pointName: input.point.name,
    since,
    today,
    statusKey,
    previous: input.previous
      ? {
          name: input.previous.name,
          cutOff: input.previous.cutOff,
          meetingDate: input.previous.meetingDate ?? null,
          recorded: Boolean(snapshot),
        }
      : null,
    headline,
    summary: [
      plainParagraph(
        `In line with the ${committee} terms of reference, the purpose of this report is to provide details of the recent external inspections, reviews and audits as well as to provide assurance that outgoing and outstanding recommendations from earlier inspections, audits and reviews are being progressed.`,
      ),
      plainParagraph(
        "The report provides a summary of progress against the recommendations from all external inspections, reviews and audits and sets out the details of arrangements for ensuring the accountability and governance around their implementation.",
      ),
    ],
    recommendations,
    background: background.paragraphs,
    keyIssues: [
      plainParagraph(
        `This report provides an overview of key areas of concern relating to external inspections, reviews and audits, including action taken or to be taken and the associated governance arrangements. This is intended to provide the ${committee} with assurance that appropriate arrangements are in place for managing the Council's response.`,
      ),
      plainParagraph(
        "Governance arrangements are in place for monitoring and managing external inspection, review and audit recommendations within each directorate. Regular progress against the recommendations is also reported and considered by the Strategic Leadership Team.",
      ),
      ...headlineParagraphs(headline, sinceMonth, newOutcomeUnknown),
    ],
    statusKeyIntro: plainParagraph(
      "The status ratings applied to demonstrate the current position for each inspection, review and audit include:",
    ),
    statusKeyRows: statusKeyRows(statusKey),
    directoratesIntro: plainParagraph("An update for each directorate is provided below."),
    directorates,
    lessonsLearnt: [
      plainParagraph(
        "The Council will continue to share learning from external inspections, reviews and audits across services and other directorates, where appropriate, to prevent future concerns or problems arising and to enhance service delivery.",
      ),
      [
        {
          text: "[Add examples of learning from this period's inspections, reviews and audits, with the paragraphs of this report that describe them.]",
          placeholder: true,
        },
      ],
    ],
    timetable: [
      plainParagraph("The timescale for each recommendation varies depending on the individual inspection or audit."),
      plainParagraph(`The next report will be presented to ${committee} in ${next}.`),
    ],
    risks: [
      plainParagraph(
        "There is a risk that actions are reported as completed without substance. It is important that arrangements are in place as part of the respective quality assurance regimes and monitored through performance management, evidencing not just completion of actions but the associated outcomes. As governance arrangements are strengthened, these risks become mitigated.",
      ),
    ],
    nextReport: next,
    slippage,
    atLastReportBasis: snapshot ? "snapshot" : "completion_dates",
    implementedAtLastReportTotal,
    draftingNotes,
    sourceSections: sourceSections(register, since, today),
  };
}
