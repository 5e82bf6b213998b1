/**
 * The shapes of the Audit Committee paper: runs and blocks of text, the review tables' rows, each
 * directorate's section and the whole report, and what building one takes.
 */
import type { CouncilPlanSection } from "../../measures/measure-report.js";
import type { SourceSection } from "../source-section.js";
import type { AtRiskSettings } from "../../status/at-risk.js";
import type { IsoDate } from "../../dates/calendar-date.js";
import type { PeriodCounts, PeriodSummaryCounts } from "../period-summary.js";
import type { RegisterReview } from "../../register/register.js";
import type { ReportingSnapshot } from "../reporting-snapshot.js";
import { Status, type StatusKey } from "../../status/status.js";
import type { SlippageSection } from "./slippage-section.js";

/** A run of text; `placeholder` marks words the improvement team must replace before publishing. */
export interface Run {
  text: string;
  bold?: boolean;
  italic?: boolean;
  placeholder?: boolean;
}
export type Paragraph = Run[];
export type Block = { kind: "paragraph"; runs: Paragraph } | { kind: "bullets"; items: Paragraph[] };

export interface ReviewRow {
  reviewId: number;
  /** "Customer Service Peer Review (LGA)"; a confidential review's generic title. */
  title: string;
  date: string;
  outcome: string;
  recommendations: number;
  recommendationsText: string;
  status: Status;
  statusLabel: string;
  /** "(26 complete; 1 delayed)", or what stands in for it when there are no items. */
  statusDetail: string;
  confidential: boolean;
}

export interface OngoingReviewRow extends ReviewRow {
  /** Items complete when the last report was made; null when that report did not include the review. */
  implementedAtLastReport: number | null;
  atLastReportText: string;
  implementedSince: number;
}

export interface ReviewNarrative {
  title: string;
  blocks: Block[];
}

/** The statuses the summary chart stacks: what happened to each item reported on in the period. */
export const ChartStatus = {
  complete: Status.complete,
  onTrack: Status.onTrack,
  notStarted: Status.notStarted,
  partlyDelayed: Status.partlyDelayed,
  significantDelay: Status.significantDelay,
} as const;
export type ChartStatus = (typeof ChartStatus)[keyof typeof ChartStatus];

export interface DirectorateSection {
  id: string;
  name: string;
  counts: PeriodCounts;
  intro: Paragraph[];
  newReviews: ReviewRow[];
  ongoingReviews: OngoingReviewRow[];
  narratives: ReviewNarrative[];
  /** Items reported on in the period (new, and ongoing ones open at the last report) by status today. */
  statusCounts: Record<ChartStatus, number>;
}

export interface StatusKeyRow {
  status: Status;
  label: string;
  description: string;
}

import type { ResponseTableRow } from "../../scrutiny/response-table.js";

export interface CommitteeReport {
  reportTitle: string;
  committee: string;
  /** "Audit Committee – 28 January 2027": the meeting and the day it sits. */
  meetingLabel: string;
  /** The day the meeting sits (the cut-off when the report is for no named meeting). */
  meetingDate: IsoDate;
  pointName: string | null;
  since: IsoDate;
  today: IsoDate;
  statusKey: StatusKey;
  previous: { name: string | null; cutOff: IsoDate; meetingDate: IsoDate | null; recorded: boolean } | null;
  headline: PeriodSummaryCounts;
  summary: Paragraph[];
  recommendations: string[];
  background: Paragraph[];
  keyIssues: Paragraph[];
  statusKeyIntro: Paragraph;
  statusKeyRows: StatusKeyRow[];
  directoratesIntro: Paragraph;
  directorates: DirectorateSection[];
  lessonsLearnt: Paragraph[];
  timetable: Paragraph[];
  risks: Paragraph[];
  /** "July 2024" */
  nextReport: string;
  /** Extension requests, repeat extensions, at-risk and overdue top-priority items, as at the cut-off. */
  slippage: SlippageSection;
  /** Where "implemented at last report" comes from: the last report's snapshot, or completion dates when none was recorded. */
  atLastReportBasis: "snapshot" | "completion_dates";
  /** Items complete at the last report, from its snapshot (null without one). */
  implementedAtLastReportTotal: number | null;
  /** For the improvement team: what to check or fill in before publishing. */
  draftingNotes: string[];
  /** A section per other register the council keeps (Ombudsman ...), as its paper presents it; absent or empty for none. */
  sourceSections?: SourceSection[];
  /** The scrutiny work programme's response table, as the published audience may see it; absent or empty, none. */
  scrutinyResponses?: ResponseTableRow[];
  /** The Council Plan's exceptions (domain/measures/measure-report.ts); absent or null without measures. */
  councilPlan?: CouncilPlanSection | null;
}

export interface CommitteeReportInput {
  register: readonly RegisterReview[];
  /** The reporting point's cut-off: the report is as at the end of this day. */
  today: IsoDate;
  /** The previous point's cut-off: the report covers what happened after it. */
  since: IsoDate;
  statusKey: StatusKey;
  point: { name: string | null; meetingDate?: IsoDate | null };
  previous: {
    name: string | null;
    cutOff: IsoDate;
    meetingDate?: IsoDate | null;
    snapshot: ReportingSnapshot | null;
  } | null;
  /** The at-risk rule's settings, for the at-risk counts and table; absent, the defaults. */
  atRisk?: AtRiskSettings;
  /** REPEAT_EXTENSION_THRESHOLD; absent, the default. */
  repeatThreshold?: number;
  /** PRIORITY_LABELS, highest first; absent, the defaults. */
  priorityLabels?: readonly string[];
  /** No earlier reporting point: the extension requests table lists every request up to the cut-off. */
  firstReport?: boolean;
}

export const REPORT_TITLE = "External inspections, reviews and audits update";
