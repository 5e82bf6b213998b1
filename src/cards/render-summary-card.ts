/**
 * The period summary as a card for a leadership channel: the headline counts, a per-directorate
 * table, a stacked bar chart of status by directorate (Teams' Chart.VerticalBar.Grouped with
 * "stacked"; hosts that do not know charts drop it) followed by the same figures as a table (the
 * chart tells statuses apart by colour alone, which not everyone can see) and links to the documents.
 * Counts only: no review titles, so nothing confidential can reach a channel.
 */
import { formatDay } from "../domain/dates/calendar-date.js";
import { ChartStatus, type CommitteeReport, type Paragraph } from "../domain/reports/committee-report.js";
import { DIRECTORATES } from "../domain/register/directorates.js";
import { renderCard, CardTemplate, type AdaptiveCard } from "./render-card.js";
import { CardEmphasis, inRows, plain, STATUS_EMPHASIS } from "./card-text.js";
import { nounFor } from "../domain/text/readable-text.js";
import { COUNCIL_PLAN_HEADING, type CouncilPlanSection } from "../domain/measures/measure-report.js";

export interface SummaryCardLinks {
  word: string;
  workbook: string;
  expiresAt: Date;
}

/**
 * Chart colours from Teams' chart palette, matching the status colours of the other cards. The legends are the
 * status table's own column headings, short enough for Teams to show every one under a card-wide chart rather
 * than folding the last ones into "+3 items".
 */
const SERIES: { status: ChartStatus; legend: string; color: string }[] = [
  { status: ChartStatus.complete, legend: "Done", color: "good" },
  { status: ChartStatus.onTrack, legend: "On track", color: "categoricalBlue" },
  { status: ChartStatus.notStarted, legend: "Not started", color: "neutral" },
  { status: ChartStatus.partlyDelayed, legend: "Partly delayed", color: "warning" },
  { status: ChartStatus.significantDelay, legend: "Over 12 months", color: "attention" },
];

/** The abbreviation leaders use ("CYPS", "R&E"), which fits a chart axis. */
function shortName(id: string): string {
  const directorate = DIRECTORATES.find((d) => d.id === id);
  return directorate?.aliases.find((a) => a.length <= 5 && /^[A-Z&]+$/.test(a)) ?? id;
}

function flatten(paragraph: Paragraph | undefined): string {
  return (paragraph ?? []).map((run) => run.text).join("");
}

function delayedText(delayed: number, significant: number): string {
  return significant > 0 ? `${delayed} (${significant} >12m)` : String(delayed);
}

/** The scrutiny work programme in counts (the table itself is in the Word report and workbook); "" when none. */
function scrutinyCounts(model: CommitteeReport): string {
  const rows = model.scrutinyResponses ?? [];
  if (rows.length === 0) return "";
  const awaiting = rows.filter((r) => r.awaiting).length;
  const overdue = rows.filter((r) => r.overdue).length;
  return `Scrutiny recommendations: ${rows.length}, ${awaiting} awaiting the Cabinet's response${overdue ? ` (${overdue} overdue)` : ""}; the response table is in the Word report and workbook.`;
}

export function renderSummaryCard(model: CommitteeReport, links: SummaryCardLinks): AdaptiveCard {
  const h = model.headline;
  const rows = model.directorates.map((d) => ({
    name: shortName(d.id),
    newReviews: d.counts.new_reviews,
    newItems: d.counts.new_items,
    completedSince: d.counts.ongoing_completed_since,
    inProgress: d.counts.ongoing_in_progress,
    delayed: delayedText(d.counts.ongoing_delayed, d.counts.ongoing_significant_delay),
    atRisk: d.counts.at_risk,
  }));
  const newSentence = flatten(model.keyIssues[2]);
  const ongoingSentence = flatten(model.keyIssues[3]);
  const until = links.expiresAt.toLocaleTimeString("en-GB", {
    timeZone: "Europe/London",
    hour: "2-digit",
    minute: "2-digit",
  });
  const title = `Period summary: ${model.pointName ?? model.meetingLabel}`;
  const subtitle = `${formatDay(model.since)} to ${formatDay(model.today)} · ${model.statusKey} status key`;
  return renderCard(CardTemplate.summary, {
    title: plain(title),
    subtitle,
    countRows: inRows([
      { count: h.new_reviews, label: nounFor(h.new_reviews, "new review"), emphasis: CardEmphasis.none },
      { count: h.new_items, label: nounFor(h.new_items, "new item"), emphasis: CardEmphasis.none },
      {
        count: h.ongoing_completed_since,
        // The date it counts from, so the card and a chat answer on the same day can be seen to agree.
        label: `completed since the last report (${formatDay(model.since)})`,
        emphasis: STATUS_EMPHASIS.complete,
      },
      { count: h.ongoing_in_progress, label: "ongoing, in progress", emphasis: STATUS_EMPHASIS.on_track },
      { count: h.ongoing_delayed, label: "delayed", emphasis: STATUS_EMPHASIS.partly_delayed },
      {
        count: h.ongoing_significant_delay,
        label: "more than 12 months late",
        emphasis: STATUS_EMPHASIS.significant_delay,
      },
      // A flag beside the status: these items are also counted under their status above.
      { count: h.at_risk, label: "at risk of missing their target", emphasis: CardEmphasis.warning },
    ]),
    newSentence: plain(newSentence),
    ongoingSentence: plain(ongoingSentence),
    directorates: rows,
    total: {
      newReviews: h.new_reviews,
      newItems: h.new_items,
      completedSince: h.ongoing_completed_since,
      inProgress: h.ongoing_in_progress,
      delayed: delayedText(h.ongoing_delayed, h.ongoing_significant_delay),
      atRisk: h.at_risk,
    },
    series: SERIES.map((s) => ({
      legend: s.legend,
      color: s.color,
      values: model.directorates.map((d) => ({ x: shortName(d.id), y: d.statusCounts[s.status] })),
    })),
    statusRows: model.directorates.map((d) => ({
      name: shortName(d.id),
      complete: d.statusCounts.complete,
      onTrack: d.statusCounts.on_track,
      notStarted: d.statusCounts.not_started,
      partlyDelayed: d.statusCounts.partly_delayed,
      significantDelay: d.statusCounts.significant_delay,
    })),
    // The other registers' sections (Ombudsman ...): published text only, as the source's builder made it.
    sections: (model.sourceSections ?? []).map((section) => ({
      heading: plain(section.heading),
      lines: [
        ...section.paragraphs.map(plain),
        ...section.tables.flatMap((table) =>
          table.rows.length
            ? [
                plain(`${table.title}:`),
                ...table.rows.map((row) =>
                  plain(row.map((cell, i) => (i === 0 ? cell : `${table.headers[i]} ${cell}`)).join("; ")),
                ),
              ]
            : [],
        ),
      ],
    })),
    scrutiny: plain(scrutinyCounts(model)),
    ...councilPlanCardData(model.councilPlan),
    note: `The Word report and Excel workbook links work until ${until} (UK time); ask me for "summary documents" for fresh ones. Confidential inspections are counted but never named.`,
    wordUrl: links.word,
    workbookUrl: links.workbook,
    fallbackText: plain(`${title}. ${newSentence} ${ongoingSentence}`),
  });
}

/** The Council Plan exceptions, as the pack words them; nothing when the register holds no measures. */
function councilPlanCardData(section: CouncilPlanSection | null | undefined) {
  if (!section) return { councilPlanHeading: "", councilPlanIntro: "", councilPlanRows: [] };
  return {
    councilPlanHeading: plain(`${COUNCIL_PLAN_HEADING} (${section.period})`),
    councilPlanIntro: plain(section.intro),
    councilPlanRows: section.rows.map((row) => ({
      line: plain(row.line),
      detail: plain(`Lead officer: ${row.leadOfficer}. Improvement action: ${row.progress}`),
    })),
  };
}
