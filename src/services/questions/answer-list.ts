/**
 * What every list answer shows the same way, whatever it lists (items, milestones): the counts by status in
 * the key's order, the page grouped by review under each review's rolled-up status, a target with its
 * revision, the note on what is hidden, and the answer's card and text around its page.
 */
import { CardEmphasis, inRows, plain, STATUS_EMPHASIS } from "../../cards/card-text.js";
import { CardTemplate, renderCard } from "../../cards/render-card.js";
import { type IsoDate } from "../../domain/dates/calendar-date.js";
import type { DateText } from "../../domain/dates/date-text.js";
import { nounFor, plural, readableDate } from "../../domain/text/readable-text.js";
import { reviewStatus, type RegisterReview } from "../../domain/register/register.js";
import { Status, STATUS_LABELS, type StatusKey } from "../../domain/status/status.js";
import { PAGE_SIZE, type Answer } from "./answer-shapes.js";

/** The order the counts are shown in: the most behind first. */
const COUNT_ORDER: readonly Status[] = [
  Status.significantDelay,
  Status.partlyDelayed,
  Status.onTrack,
  Status.notStarted,
  Status.complete,
  Status.noActionRequired,
];

export interface CountRow {
  count: number;
  label: string;
  emphasis: CardEmphasis;
}

/** The total ("12 items"), then each status that has any, most behind first. */
export function statusCountRows(total: number, noun: string, byStatus: ReadonlyMap<Status, number>): CountRow[] {
  return [
    { count: total, label: nounFor(total, noun), emphasis: CardEmphasis.none },
    ...COUNT_ORDER.filter((s) => byStatus.has(s)).map((s) => ({
      count: byStatus.get(s)!,
      label: STATUS_LABELS[s],
      emphasis: STATUS_EMPHASIS[s],
    })),
  ];
}

/** A page's entries grouped by review, keeping their order (they come in report order). */
export function groupByReview<E extends { review: RegisterReview }>(
  entries: readonly E[],
): { review: RegisterReview; entries: E[] }[] {
  const groups: { review: RegisterReview; entries: E[] }[] = [];
  for (const entry of entries) {
    const last = groups[groups.length - 1];
    if (last?.review === entry.review) last.entries.push(entry);
    else groups.push({ review: entry.review, entries: [entry] });
  }
  return groups;
}

/** A review's heading on a list answer: its title, and its directorate with its status by the key. */
export function reviewHeading(
  review: RegisterReview,
  today: IsoDate,
  statusKey: StatusKey,
): { title: string; caption: string } {
  const rolled = reviewStatus(review, today, statusKey);
  return {
    title: plain(review.title),
    caption: plain(`${review.directorateId} · review status: ${STATUS_LABELS[rolled.status]} ${rolled.breakdownText}`),
  };
}

/** "30 Sep 2025 (revised from 31 Mar 2025)", or the original target when it has not moved. */
export function targetText(original: DateText, revised: DateText): string {
  if (revised.end && revised.end !== original.end)
    return `${readableDate(revised)} (revised from ${readableDate(original)})`;
  return readableDate(original);
}

/** "3 confidential items are counted but not shown here; …", or nothing when none is hidden. */
export function hiddenNote(hidden: number, noun: string): string[] {
  if (hidden === 0) return [];
  return [
    `${plural(hidden, `confidential ${noun}`)} ${hidden === 1 ? "is" : "are"} counted but not shown here; ask me in a personal chat.`,
  ];
}

/** What a list answer is made of; the card's review sections and the text's lines are the caller's own. */
export interface ListAnswerParts {
  title: string;
  /** What is listed: "item", "milestone". */
  noun: string;
  questionText: string;
  today: IsoDate;
  /** How many match (confidential ones included), how many this viewer may see, and where the page starts. */
  total: number;
  shown: number;
  offset: number;
  pageLength: number;
  counts: CountRow[];
  reviewCards: unknown[];
  pageLines: string[];
  notes: string[];
  /** The items on the page, for whoever may act on them (a live card's refresh list). */
  itemIds?: readonly number[];
}

/** The answer as a card and as text: the heading with the counts, the page, the notes, and "more" when there is. */
export function listAnswer(parts: ListAnswerParts): Answer {
  const { title, noun, offset, shown, counts, notes } = parts;
  const text = [
    `${title}: ${plural(parts.total, noun)}. ${counts
      .slice(1)
      .map((c) => `${c.count} ${c.label}`)
      .join("; ")}`,
    ...parts.pageLines,
    ...notes,
  ].join("\n");
  // The day and time the figures are from is said by whoever shows the card ("As at 14:05 on 7 Dec 2026").
  const range =
    offset > 0
      ? `${noun[0]!.toUpperCase()}${noun.slice(1)}s ${offset + 1} to ${offset + parts.pageLength} of ${shown}`
      : "";
  return {
    card: renderCard(CardTemplate.answer, {
      title: plain(title),
      subtitle: range,
      countRows: inRows(counts),
      reviews: parts.reviewCards,
      note: plain(notes.join(" ")),
      moreCount: Math.max(0, shown - offset - PAGE_SIZE),
      nextOffset: offset + PAGE_SIZE,
      question: plain(parts.questionText),
      fallbackText: plain(text.slice(0, 2000)),
    }),
    text,
    ...(parts.itemIds ? { itemIds: parts.itemIds } : {}),
  };
}
