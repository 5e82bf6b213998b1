/**
 * The Audit Committee paper (DOMAIN.md section 3; D0, 9 January 2024) as a model: the recap of the
 * last report, the headline, the status key, and per directorate its New and Ongoing tables and a
 * narrative per review. Pure: the register, the point's cut-off (as today) and meeting date, the
 * previous point (its cut-off as `since`, its meeting date, its snapshot if one was recorded) in;
 * words and figures out. The cover and headings name the meeting and its date; periods use the cut-off. The Word builder
 * only lays this out, so what the paper says is decided (and tested) here.
 */
import { addMonths, splitIsoDate, type IsoDate } from "./calendar-date.js";
import { DIRECTORATES } from "./directorates.js";
import { numberWord, numberWordCapitalised, countOf } from "./number-words.js";
import { classifyReview, countPeriod, emptyCounts, ReviewPeriod, type PeriodCounts, type PeriodSummaryCounts } from "./period-summary.js";
import { itemStatus, reviewStatus, toSummaryReview, type RegisterItem, type RegisterReview } from "./register.js";
import { registerAsAt, type ReportingSnapshot } from "./reporting-snapshot.js";
import { CONFIDENTIAL_NOTE, publicOutcome, publicTitle } from "./confidential-reviews.js";
import { Progress, Status, STATUS_LABELS, StatusKey, isOpen } from "./status.js";
import { DateKind, type DateText } from "./date-text.js";
import { monthName } from "./months.js";

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
  /** Where "implemented at last report" comes from: the last report's snapshot, or completion dates when none was recorded. */
  atLastReportBasis: "snapshot" | "completion_dates";
  /** Items complete at the last report, from its snapshot (null without one). */
  implementedAtLastReportTotal: number | null;
  /** For the improvement team: what to check or fill in before publishing. */
  draftingNotes: string[];
}

export interface CommitteeReportInput {
  register: readonly RegisterReview[];
  /** The reporting point's cut-off: the report is as at the end of this day. */
  today: IsoDate;
  /** The previous point's cut-off: the report covers what happened after it. */
  since: IsoDate;
  statusKey: StatusKey;
  point: { name: string | null; meetingDate?: IsoDate | null };
  previous: { name: string | null; cutOff: IsoDate; meetingDate?: IsoDate | null; snapshot: ReportingSnapshot | null } | null;
}

export const REPORT_TITLE = "External inspections, reviews and audits update";

/** The key as each paper words it (D0 for 2024, D1 for 2025). */
const STATUS_KEY_TEXT: Record<StatusKey, Record<Exclude<Status, "not_started">, string>> = {
  [StatusKey.y2024]: {
    complete: "All recommendations/areas for improvement are fully complete",
    on_track: "All recommendations/areas for improvement are on track to be delivered by the original agreed deadline",
    partly_delayed: "Recommendations/areas for improvement progressing, however target date for one or more area is behind the original agreed deadline",
    significant_delay: "All recommendations/areas for improvement delayed or one area delayed more than twelve months past the original agreed deadline",
    no_action_required: "There are no recommendations/areas for improvement, or the outcome is not yet known",
  },
  [StatusKey.y2025]: {
    complete: "Recommendations/areas for improvement are fully complete",
    on_track: "Recommendation/area for improvement on track to be delivered by the original agreed deadline",
    partly_delayed: "Recommendation/area for improvement progressing, however target date behind the original agreed deadline",
    significant_delay: "Recommendations/area for improvement delayed by more than twelve months past the original agreed deadline",
    no_action_required: "No recommendation/area for improvement, or the outcome is not yet known",
  },
};

/** "9 January 2024", as the papers date things. */
export function formatLongDay(date: IsoDate): string {
  const { year, month, day } = splitIsoDate(date);
  return `${day} ${monthName(month)} ${year}`;
}

/** "July 2023" */
export function formatMonthYear(date: IsoDate): string {
  const { year, month } = splitIsoDate(date);
  return `${monthName(month)} ${year}`;
}

/** The committee a point reports to: its name without the meeting date ("Audit Committee 9 January 2024" -> "Audit Committee"). */
export function committeeOf(name: string | null): string {
  const stripped = (name ?? "").replace(/\s*[-–,]?\s*\d{1,2}(?:st|nd|rd|th)?\s+[A-Za-z]+\s+\d{4}\s*$/, "").trim();
  return stripped || "Audit Committee";
}

const KIND_NOUNS: Record<string, [string, string]> = {
  recommendation: ["recommendation", "recommendations"],
  area_for_improvement: ["area for improvement", "areas for improvement"],
  improvement_recommendation: ["improvement recommendation", "improvement recommendations"],
  key_recommendation: ["key recommendation", "key recommendations"],
  follow_up_recommendation: ["follow-up recommendation", "follow-up recommendations"],
  comment: ["improvement/comment", "improvements/comments"],
  action: ["improvement action", "improvement actions"],
  suggestion: ["suggestion", "suggestions"],
  consideration: ["consideration", "considerations"],
  requirement: ["requirement", "requirements"],
};

/** What a review's items are called: their shared kind, else "recommendations". */
function itemNoun(items: readonly RegisterItem[]): [string, string] {
  const kinds = new Set(items.map((i) => i.kind));
  if (kinds.size === 1) {
    const kind = [...kinds][0]!;
    return KIND_NOUNS[kind] ?? [kind.replace(/_/g, " "), `${kind.replace(/_/g, " ")}s`];
  }
  return KIND_NOUNS.recommendation!;
}

const REVIEW_NOUNS: Record<string, string> = {
  inspection: "inspection",
  focused_visit: "focused visit",
  peer_review: "peer review",
  peer_challenge: "peer challenge",
  progress_review: "progress review",
  external_audit: "audit",
  assurance_assessment: "assurance assessment",
  accreditation: "accreditation assessment",
  independent_review: "independent review",
  unannounced_site_review: "unannounced site review",
};

function sentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?)]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

function plainParagraph(text: string): Paragraph {
  return [{ text }];
}

/** "in June 2022", "on 30 May 2023", "on 5-9 July 2021", "in March – May 2022". */
function datePhrase(date: DateText): string | null {
  if (!date.raw) return null;
  if (date.kind === DateKind.day || /^\d/.test(date.raw.trim())) return `on ${date.raw.trim()}`;
  return `in ${date.raw.trim()}`;
}

/** "a; b and c", as D0 lists its counts. */
function listJoin(parts: readonly string[]): string {
  if (parts.length <= 1) return parts.join("");
  return `${parts.slice(0, -1).join("; ")} and ${parts[parts.length - 1]}`;
}

function isVerb(n: number, singular: string, plural: string): string {
  return n === 1 ? singular : plural;
}

/** "none" where a count of zero starts a clause ("none have been completed"). */
function howMany(n: number): string {
  return n === 0 ? "none" : numberWord(n);
}

interface ItemFacts {
  item: RegisterItem;
  /** Closed (complete or no action) when the last report was made. */
  closedAtLast: boolean;
  completeAtLast: boolean;
  /** Completed after the last report (by the snapshot when there is one, else by its completion date). */
  completedSince: boolean;
}

interface PeriodContext {
  since: IsoDate;
  today: IsoDate;
  snapshot: ReportingSnapshot | null;
  snapshotItems: Map<number, ReportingSnapshot["items"][number]>;
  snapshotReviews: Map<number, ReportingSnapshot["reviews"][number]>;
}

function completedSinceByDate(item: RegisterItem, ctx: PeriodContext): boolean {
  return item.progress === Progress.complete && Boolean(item.completedOn && item.completedOn > ctx.since && item.completedOn <= ctx.today);
}

function factsOf(item: RegisterItem, period: ReviewPeriod, ctx: PeriodContext): ItemFacts {
  const complete = item.progress === Progress.complete;
  // A new review was not in the last report: whatever of it is done was done since.
  if (period === ReviewPeriod.new) return { item, closedAtLast: false, completeAtLast: false, completedSince: complete };
  if (ctx.snapshot) {
    const recorded = ctx.snapshotItems.get(item.id);
    const completeAtLast = recorded?.progress === Progress.complete;
    return {
      item, completeAtLast, completedSince: complete && !completeAtLast,
      closedAtLast: completeAtLast || recorded?.progress === Progress.noActionRequired,
    };
  }
  const completedSince = completedSinceByDate(item, ctx);
  const completeAtLast = complete && !completedSince;
  return { item, completedSince, completeAtLast, closedAtLast: completeAtLast || item.progress === Progress.noActionRequired };
}

function emptyStatusCounts(): Record<ChartStatus, number> {
  return { complete: 0, on_track: 0, not_started: 0, partly_delayed: 0, significant_delay: 0 };
}

/** "Customer Service Peer Review (LGA)": D0's "title (body)"; a confidential review's generic title. */
function displayTitle(review: RegisterReview): string {
  return `${publicTitle(review)}${review.body ? ` (${review.body})` : ""}`;
}

function isDelayed(status: Status): boolean {
  return status === Status.partlyDelayed || status === Status.significantDelay;
}

function reviewRowBase(review: RegisterReview, today: IsoDate, statusKey: StatusKey): ReviewRow {
  const counted = review.items.filter((i) => i.counted);
  const rolled = reviewStatus(review, today, statusKey);
  const title = displayTitle(review);
  const date = [
    review.reviewDate.raw ? sentence(review.reviewDate.raw) : null,
    review.findingsReceived.raw ? sentence(`Findings received ${review.findingsReceived.raw}`) : null,
  ].filter(Boolean).join(" ");
  // Digits only: the narrative names the kind ("four areas for improvement"), and table columns are narrow.
  let recommendationsText = String(counted.length);
  let statusLabel = STATUS_LABELS[rolled.status];
  let statusDetail = rolled.breakdownText;
  if (!review.outcomeKnown) statusDetail = "The outcome is not yet known.";
  else if (counted.length === 0) statusDetail = "There were no recommendations made.";
  if (review.confidential && counted.length === 0) {
    // A home's recommendations are not held in the register: say so rather than "no action required".
    recommendationsText = "Not reported";
    statusLabel = "Confidential";
    statusDetail = "Followed up monthly";
  }
  return {
    reviewId: review.id, title, date: date || "Date not recorded", outcome: publicOutcome(review) ?? "Outcome not recorded",
    recommendations: counted.length, recommendationsText, status: rolled.status, statusLabel, statusDetail,
    confidential: review.confidential,
  };
}

function itemBullet(facts: ItemFacts, today: IsoDate, withProgress: boolean): Paragraph {
  const { item } = facts;
  const runs: Paragraph = [{ text: `${item.ref}: `, bold: true }, { text: sentence(item.text) }];
  if (withProgress && item.latestUpdate) runs.push({ text: " Progress: ", bold: true }, { text: sentence(item.latestUpdate) });
  if (isOpen(item.progress)) {
    const status = itemStatus(item, today).status;
    if (isDelayed(status)) {
      const from = item.originalTarget.raw;
      const to = item.revisedTarget.raw;
      let delay = to && item.revisedTarget.end && item.originalTarget.end && item.revisedTarget.end > item.originalTarget.end
        ? `The target date has changed from ${from} to ${to}`
        : `The original target date of ${from} has passed`;
      if (status === Status.significantDelay) delay += ", more than 12 months past the original target date";
      runs.push({ text: ` ${sentence(delay)}` });
      if (item.revisionReason && !(item.latestUpdate ?? "").includes(item.revisionReason)) runs.push({ text: ` Reason: ${sentence(item.revisionReason)}` });
    }
  }
  return runs;
}

const MAX_LISTED_OPEN = 8;

/** Bullets for a list of items; a progress update they all share is said once after them (`shared`), not per bullet. */
function itemList(facts: readonly ItemFacts[], today: IsoDate): { bullets: Block; shared: Block | null } {
  const updates = new Set(facts.map((f) => f.item.latestUpdate ?? ""));
  const common = facts.length > 1 && updates.size === 1 ? [...updates][0]! : "";
  return {
    bullets: { kind: "bullets", items: facts.map((f) => itemBullet(f, today, !common)) },
    shared: common ? { kind: "paragraph", runs: [{ text: "Progress: ", bold: true }, { text: sentence(common) }] } : null,
  };
}

function reviewNarrative(review: RegisterReview, period: ReviewPeriod, facts: readonly ItemFacts[], ctx: PeriodContext): ReviewNarrative {
  const blocks: Block[] = [];
  const para = (runs: Paragraph) => blocks.push({ kind: "paragraph", runs });
  const noun = REVIEW_NOUNS[review.reviewType ?? ""] ?? "review";
  const when = datePhrase(review.reviewDate);
  para(plainParagraph(review.body
    ? sentence(`${review.body} conducted the ${noun}${when ? ` ${when}` : ""}`)
    : sentence(`The ${noun} took place${when ? ` ${when}` : ""}`)));
  const findings = datePhrase(review.findingsReceived);
  if (findings) para(plainParagraph(sentence(`The findings were received ${findings}`)));
  if (review.outcome) para([{ text: "Outcome: ", bold: true }, { text: sentence(review.outcome) }]);
  if (review.narrative) para([{ text: "Overall progress: ", bold: true }, { text: sentence(review.narrative) }]);

  const counted = facts.filter((f) => f.item.counted);
  const [singular, plural] = itemNoun(counted.map((f) => f.item));
  if (!review.outcomeKnown && counted.length === 0) {
    para(plainParagraph("The outcome is not yet known."));
    return { title: displayTitle(review), blocks };
  }
  if (counted.length === 0) {
    para(plainParagraph("No recommendations were made."));
    return { title: displayTitle(review), blocks };
  }
  const before = counted.filter((f) => f.completeAtLast && f.item.progress === Progress.complete);
  const since = counted.filter((f) => f.completedSince);
  const open = counted.filter((f) => isOpen(f.item.progress));
  const noAction = counted.filter((f) => f.item.progress === Progress.noActionRequired);
  const delayed = open.filter((f) => isDelayed(itemStatus(f.item, ctx.today).status));
  const significant = delayed.filter((f) => itemStatus(f.item, ctx.today).status === Status.significantDelay);
  const hidden = (list: readonly ItemFacts[]) => list.filter((f) => f.item.confidential).length;
  const shown = (list: readonly ItemFacts[]) => list.filter((f) => !f.item.confidential);

  let opening = `There ${isVerb(counted.length, "was", "were")} ${countOf(counted.length, singular, plural)}`;
  if (period === ReviewPeriod.ongoing && before.length > 0) opening += `; ${numberWord(before.length)} had been completed by the last report`;
  para(plainParagraph(sentence(opening)));

  if (since.length > 0) {
    para(plainParagraph(`${numberWordCapitalised(since.length)} ${isVerb(since.length, "has", "have")} been completed since the last report:`));
    if (shown(since).length) {
      const list = itemList(shown(since), ctx.today);
      blocks.push(list.bullets, ...(list.shared ? [list.shared] : []));
    }
    if (hidden(since)) para(plainParagraph(`(${countOf(hidden(since), "confidential item")} not listed.)`));
  }
  if (open.length > 0) {
    let lead = `${numberWordCapitalised(open.length)} ${isVerb(open.length, "remains", "remain")} in progress`;
    if (delayed.length > 0) {
      if (open.length === delayed.length) lead += open.length === 1 ? " and is delayed" : ", all of which are delayed";
      else lead += `, ${numberWord(delayed.length)} of which ${isVerb(delayed.length, "is", "are")} delayed`;
      if (significant.length > 0) {
        lead += open.length === 1 ? " more than 12 months past the original target date" : ` (${numberWord(significant.length)} more than 12 months past the original target date)`;
      }
    }
    para(plainParagraph(`${lead}:`));
    // Delayed items always; on-track ones up to a page's worth: the workbook lists every one.
    const visible = shown(open);
    const ordered = [...visible.filter((f) => delayed.includes(f)), ...visible.filter((f) => !delayed.includes(f))];
    const listed = ordered.slice(0, Math.max(MAX_LISTED_OPEN, visible.filter((f) => delayed.includes(f)).length));
    const list = listed.length ? itemList(listed, ctx.today) : null;
    if (list) blocks.push(list.bullets);
    const unlisted = ordered.length - listed.length;
    if (unlisted > 0) para(plainParagraph(`A further ${countOf(unlisted, singular, plural)} ${isVerb(unlisted, "is", "are")} in progress; the register workbook lists each one.`));
    if (list?.shared) blocks.push(list.shared);
    if (hidden(open)) para(plainParagraph(`(${countOf(hidden(open), "confidential item")} not listed.)`));
  }
  if (noAction.length > 0) para(plainParagraph(sentence(`${numberWordCapitalised(noAction.length)} required no further action`)));
  return { title: displayTitle(review), blocks };
}

function confidentialNarrative(reviews: readonly { review: RegisterReview; period: ReviewPeriod; facts: ItemFacts[] }[]): ReviewNarrative {
  const bodies = [...new Set(reviews.map((r) => r.review.body).filter((b): b is string => Boolean(b)))];
  const fresh = reviews.filter((r) => r.period === ReviewPeriod.new).length;
  const older = reviews.filter((r) => r.period === ReviewPeriod.ongoing);
  const blocks: Block[] = [
    { kind: "paragraph", runs: plainParagraph("Residential children's homes are inspected by Ofsted under the Social Care Common Inspection Framework (SCCIF) to evaluate the impact of care and support on the experiences and progress of children.") },
    { kind: "paragraph", runs: plainParagraph("Following inspection, each home receives an overall judgement of outstanding, good, requires improvement to be good, or inadequate.") },
  ];
  if (fresh > 0) {
    blocks.push({ kind: "paragraph", runs: plainParagraph(`There ${isVerb(fresh, "is", "are")} ${countOf(fresh, "new residential home inspection")} to report, which ${isVerb(fresh, "is", "are")} included in the table above.`) });
  }
  const openItems = older.flatMap((r) => r.facts).filter((f) => f.item.counted && isOpen(f.item.progress)).length;
  if (older.length > 0) {
    blocks.push({ kind: "paragraph", runs: plainParagraph(`${numberWordCapitalised(older.length)} earlier residential home ${isVerb(older.length, "inspection has", "inspections have")} ${countOf(openItems, "recommendation")} still being followed up.`) });
  }
  blocks.push({ kind: "paragraph", runs: plainParagraph(CONFIDENTIAL_NOTE) });
  return { title: `Inspections of children's residential homes${bodies.length ? ` (${bodies.join(", ")})` : ""}`, blocks };
}

function directorateIntro(counts: PeriodCounts, newRows: number, ongoingRows: number, sinceMonth: string): Paragraph[] {
  const paragraphs: Paragraph[] = [];
  if (counts.new_reviews > 0) {
    const raised = counts.new_items > 0
      ? `and ${countOf(counts.new_items, "recommendation/area for improvement", "recommendations/areas for improvement")} ${isVerb(counts.new_items, "was", "were")} made`
      : "and no recommendations/areas for improvement were made";
    paragraphs.push(plainParagraph(`${numberWordCapitalised(counts.new_reviews)} new external ${isVerb(counts.new_reviews, "inspection, review or audit has", "inspections, reviews and audits have")} taken place since the last report ${raised}. Further details are provided below.`));
  } else {
    paragraphs.push(plainParagraph("No new external inspections, reviews or audits have taken place since the last report."));
  }
  if (ongoingRows > 0) {
    const parts = [`${howMany(counts.ongoing_completed_since)} ${isVerb(counts.ongoing_completed_since, "has", "have")} been completed since the last report`];
    let open = `${howMany(counts.ongoing_in_progress)} ${isVerb(counts.ongoing_in_progress, "remains", "remain")} in progress`;
    if (counts.ongoing_delayed > 0) {
      open += `, ${numberWord(counts.ongoing_delayed)} of which ${isVerb(counts.ongoing_delayed, "is", "are")} delayed`;
      if (counts.ongoing_significant_delay > 0) open += ` (${numberWord(counts.ongoing_significant_delay)} more than 12 months)`;
    }
    parts.push(open);
    paragraphs.push(plainParagraph(`Of the recommendations from external inspections, reviews and audits that took place prior to ${sinceMonth}, ${parts.join(" and ")}.`));
  }
  const tables = newRows > 0 && ongoingRows > 0 ? "tables below provide a summary of new and ongoing" : newRows > 0 ? "table below provides a summary of new" : "table below provides a summary of ongoing";
  paragraphs.push(plainParagraph(`The ${tables} external inspections, reviews and audits.`));
  return paragraphs;
}

function headlineParagraphs(h: PeriodSummaryCounts, sinceMonth: string, outcomeUnknown: number): Paragraph[] {
  const newParts = [
    h.new_items_complete ? `${numberWord(h.new_items_complete)} ${isVerb(h.new_items_complete, "is", "are")} complete` : null,
    h.new_items_in_progress ? `${numberWord(h.new_items_in_progress)} ${isVerb(h.new_items_in_progress, "is", "are")} in progress` : null,
    h.new_items_not_started ? `${numberWord(h.new_items_not_started)} ${isVerb(h.new_items_not_started, "is", "are")} not yet scheduled to start` : null,
    h.new_items_no_action_required ? `${numberWord(h.new_items_no_action_required)} ${isVerb(h.new_items_no_action_required, "needs", "need")} no further action` : null,
  ].filter((p): p is string => Boolean(p));
  let fresh = h.new_reviews === 0
    ? `No new inspections, reviews or audits have taken place since ${sinceMonth}.`
    : `${numberWordCapitalised(h.new_reviews)} new ${isVerb(h.new_reviews, "inspection, review or audit has", "inspections, reviews and audits have")} taken place since ${sinceMonth}. ` +
      (h.new_items === 0
        ? "These resulted in no recommendations or areas for improvement."
        : `These resulted in ${countOf(h.new_items, "recommendation or area for improvement", "recommendations or areas for improvement")}. Of these, ${listJoin(newParts)}.`);
  if (outcomeUnknown > 0) fresh += ` The outcome is not yet known for ${numberWord(outcomeUnknown)} of them.`;
  let ongoing = `${numberWordCapitalised(h.ongoing_completed_since)} ongoing recommendations/areas for improvement relating to external inspections, reviews and audits that took place prior to ${sinceMonth} ${isVerb(h.ongoing_completed_since, "has", "have")} been completed since the last report. ` +
    `${numberWordCapitalised(h.ongoing_in_progress)} ${isVerb(h.ongoing_in_progress, "remains", "remain")} in progress`;
  if (h.ongoing_delayed > 0) {
    ongoing += `, ${numberWord(h.ongoing_delayed)} of which ${isVerb(h.ongoing_delayed, "is", "are")} delayed`;
    if (h.ongoing_significant_delay > 0) ongoing += ` (${numberWord(h.ongoing_significant_delay)} of which ${isVerb(h.ongoing_significant_delay, "is", "are")} delayed more than 12 months)`;
  }
  return [plainParagraph(fresh), plainParagraph(`${ongoing}.`)];
}

function backgroundParagraphs(input: CommitteeReportInput, committee: string): { paragraphs: Paragraph[]; notes: string[] } {
  const notes: string[] = [];
  const paragraphs: Paragraph[] = [
    plainParagraph(`In line with the ${committee} terms of reference, the purpose of this report is to provide details of the recent external inspections, reviews and audits across the Council and assurance that ongoing and outstanding recommendations, relating to those that have taken place previously, are being progressed.`),
  ];
  const previous = input.previous;
  if (!previous) {
    paragraphs.push([
      { text: `This report covers the period from ${formatLongDay(input.since)} to ${formatLongDay(input.today)}. ` },
      { text: "[Add the date and figures of the last report: the tracker has no earlier reporting point.]", placeholder: true },
    ]);
    notes.push("No earlier reporting point is recorded, so paragraph 1.2 needs the last report's date and figures.");
    return { paragraphs, notes };
  }
  const presented = previous.name
    ? `The last report was presented to ${committeeOf(previous.name)} on ${formatLongDay(previous.meetingDate ?? previous.cutOff)}, with figures as at ${formatLongDay(previous.cutOff)}.`
    : `The last report covered the period to ${formatLongDay(previous.cutOff)}.`;
  const snap = previous.snapshot;
  if (!snap) {
    paragraphs.push([{ text: `${presented} ` }, { text: "[Add the last report's figures: its summary was not posted through the tracker, so no snapshot of it was recorded.]", placeholder: true }]);
    notes.push(`The last reporting point (${previous.name ?? formatLongDay(previous.cutOff)}) has no snapshot: paragraphs 1.2 and 1.3 need its figures, and "implemented at last report" is worked out from completion dates.`);
    return { paragraphs, notes };
  }
  const c = snap.counts;
  const sinceMonth = formatMonthYear(snap.since);
  const newParts = [
    `${numberWord(c.new_items_complete)} had been implemented and ${isVerb(c.new_items_complete, "was", "were")} complete`,
    c.new_items_in_progress ? `${numberWord(c.new_items_in_progress)} remained ongoing and ${isVerb(c.new_items_in_progress, "was", "were")} in progress` : null,
    c.new_items_not_started ? `${numberWord(c.new_items_not_started)} ${isVerb(c.new_items_not_started, "was", "were")} not yet scheduled to start` : null,
    c.new_items_no_action_required ? `${numberWord(c.new_items_no_action_required)} required no further action` : null,
  ].filter((p): p is string => Boolean(p));
  let fresh = c.new_reviews === 0
    ? `${presented} No new external inspections, reviews or audits had taken place since ${sinceMonth}.`
    : `${presented} The report referred to ${numberWord(c.new_reviews)} new external ${isVerb(c.new_reviews, "inspection, review or audit", "inspections, reviews and audits")} that had taken place since ${sinceMonth}, resulting in ${countOf(c.new_items, "recommendation or area for improvement", "recommendations and areas for improvement")}.` +
      (c.new_items > 0 ? ` Of these ${listJoin(newParts)}.` : "");
  if (snap.newReviewsOutcomeUnknown > 0) fresh += ` The outcome was not yet known for ${numberWord(snap.newReviewsOutcomeUnknown)} of the reviews conducted.`;
  paragraphs.push(plainParagraph(fresh));
  const completed = c.ongoing_completed_before + c.ongoing_completed_since;
  let older = `Ongoing recommendations/areas for improvement relating to external inspections, reviews and audits that took place prior to ${sinceMonth} included ${numberWord(completed)} that had been implemented and ${isVerb(completed, "was", "were")} complete, ` +
    `${numberWord(c.ongoing_in_progress)} that remained ongoing and ${isVerb(c.ongoing_in_progress, "was", "were")} in progress`;
  if (c.ongoing_delayed > 0) older += `, ${numberWord(c.ongoing_delayed)} of which ${isVerb(c.ongoing_delayed, "was", "were")} delayed`;
  if (c.ongoing_no_action_required > 0) older += `, and ${numberWord(c.ongoing_no_action_required)} that required no further action`;
  paragraphs.push(plainParagraph(`${older}.`));
  return { paragraphs, notes };
}

export function buildCommitteeReport(input: CommitteeReportInput): CommitteeReport {
  const { since, today, statusKey } = input;
  const snapshot = input.previous?.snapshot ?? null;
  const ctx: PeriodContext = {
    since, today, snapshot,
    snapshotItems: new Map((snapshot?.items ?? []).map((i) => [i.itemId, i])),
    snapshotReviews: new Map((snapshot?.reviews ?? []).map((r) => [r.reviewId, r])),
  };
  const register = registerAsAt(input.register, today);
  const headline = countPeriod(register.map(toSummaryReview), since, today);
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
          atLastReportText: atLast !== null ? String(atLast) : recordedReview ? "Outcome unknown at the last report" : "Not in the last report",
          implementedSince: sinceCount,
        });
        if (snapshot) {
          const byDate = counted.filter((f) => completedSinceByDate(f.item, ctx)).length;
          if (byDate !== sinceCount) {
            draftingNotes.push(`${publicTitle(review)}: the last report's snapshot gives ${sinceCount} implemented since, the completion dates give ${byDate}; the table uses the snapshot.`);
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
      id: directorate.id, name: directorate.name, counts,
      intro: directorateIntro(counts, newReviews.length, ongoingReviews.length, sinceMonth),
      newReviews, ongoingReviews, narratives, statusCounts,
    });
  }

  const background = backgroundParagraphs(input, committee);
  draftingNotes.unshift(...background.notes);
  if (!input.point.name) draftingNotes.push("The report is not for a named reporting point: check the committee name and date on the cover.");
  const meetingDate = input.point.meetingDate ?? today;
  // The committee's cycle: six months on from this meeting.
  const next = formatMonthYear(addMonths(meetingDate, 6));
  const implementedAtLastReportTotal = snapshot
    ? snapshot.items.filter((i) => i.counted && i.progress === Progress.complete).length
    : null;

  return {
    reportTitle: REPORT_TITLE,
    committee,
    meetingLabel: `${committee} – ${formatLongDay(meetingDate)}`,
    meetingDate,
    pointName: input.point.name,
    since,
    today,
    statusKey,
    previous: input.previous
      ? { name: input.previous.name, cutOff: input.previous.cutOff, meetingDate: input.previous.meetingDate ?? null, recorded: Boolean(snapshot) }
      : null,
    headline,
    summary: [
      plainParagraph(`In line with the ${committee} terms of reference, the purpose of this report is to provide details of the recent external inspections, reviews and audits as well as to provide assurance that outgoing and outstanding recommendations from earlier inspections, audits and reviews are being progressed.`),
      plainParagraph("The report provides a summary of progress against the recommendations from all external inspections, reviews and audits and sets out the details of arrangements for ensuring the accountability and governance around their implementation."),
    ],
    recommendations: [
      "Note the recent external inspections, reviews and audits which have taken place and the progress made relating to ongoing recommendations.",
      "Note the governance arrangements in place for monitoring and managing the recommendations.",
      "Continue to receive regular reports.",
    ],
    background: background.paragraphs,
    keyIssues: [
      plainParagraph(`This report provides an overview of key areas of concern relating to external inspections, reviews and audits, including action taken or to be taken and the associated governance arrangements. This is intended to provide the ${committee} with assurance that appropriate arrangements are in place for managing the Council's response.`),
      plainParagraph("Governance arrangements are in place for monitoring and managing external inspection, review and audit recommendations within each directorate. Regular progress against the recommendations is also reported and considered by the Strategic Leadership Team."),
      ...headlineParagraphs(headline, sinceMonth, newOutcomeUnknown),
    ],
    statusKeyIntro: plainParagraph("The status ratings applied to demonstrate the current position for each inspection, review and audit include:"),
    statusKeyRows: (Object.keys(STATUS_KEY_TEXT[statusKey]) as Exclude<Status, "not_started">[]).map((status) => ({
      status,
      label: statusKey === StatusKey.y2025 && status === Status.noActionRequired ? "No action required or outcome unknown" : STATUS_LABELS[status],
      description: STATUS_KEY_TEXT[statusKey][status],
    })),
    directoratesIntro: plainParagraph("An update for each directorate is provided below."),
    directorates,
    lessonsLearnt: [
      plainParagraph("The Council will continue to share learning from external inspections, reviews and audits across services and other directorates, where appropriate, to prevent future concerns or problems arising and to enhance service delivery."),
      [{ text: "[Add examples of learning from this period's inspections, reviews and audits, with the paragraphs of this report that describe them.]", placeholder: true }],
    ],
    timetable: [
      plainParagraph("The timescale for each recommendation varies depending on the individual inspection or audit."),
      plainParagraph(`The next report will be presented to ${committee} in ${next}.`),
    ],
    risks: [
      plainParagraph("There is a risk that actions are reported as completed without substance. It is important that arrangements are in place as part of the respective quality assurance regimes and monitored through performance management, evidencing not just completion of actions but the associated outcomes. As governance arrangements are strengthened, these risks become mitigated."),
    ],
    nextReport: next,
    atLastReportBasis: snapshot ? "snapshot" : "completion_dates",
    implementedAtLastReportTotal,
    draftingNotes,
  };
}
