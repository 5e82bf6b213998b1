/**
 * The dates of an items question, once the committee is read: "due by the end of September", "due in
 * Q3 2027", "what's due?" (the month ahead), and "completed this quarter" or "closed since April" (when it
 * was completed). Marks the words it applies; returns how it read any quarter, for the answer to say.
 */
import { addDays, addMonths, type IsoDate } from "../../dates/calendar-date.js";
import { Status } from "../../status/status.js";
import { DUE_ALONE, DUE_WORDS } from "../words/keywords.js";
import { resolveEnd, resolveStart, type DateMention } from "./question-dates.js";
import { type ItemFilter, SinceKind, type SinceRef } from "./types.js";
import { type WordUse } from "../words/word-use.js";

export interface ItemDatesInput {
  filter: ItemFilter;
  lower: string;
  /** The question with the committee and "since" phrases blanked. */
  work: string;
  /** What readSince found, and the question with it blanked. */
  since: { since: SinceRef; work: string };
  dueMention: DateMention | undefined;
  today: IsoDate;
  use: WordUse;
  /** "Which of my actions need an update before …": the committee is the update deadline, not a due date. */
  asksUpdate: boolean;
}

/** A lateness threshold already says which items: "what's due?" must not add the month ahead to it. */
function threshold(filter: ItemFilter): boolean {
  return Boolean(filter.moreThan12Months || filter.slippedMoreThanMonths || filter.overdueMoreThanMonths);
}

export function readItemDates(input: ItemDatesInput): string[] {
  const { filter, lower, work, since, dueMention, today, use, asksUpdate } = input;
  const readings: string[] = [];
  const closed =
    Boolean(filter.notImplementing) ||
    Boolean(filter.statuses?.length && filter.statuses.every((s) => s === Status.complete));
  // A date beside "completed" is when it was completed: "completed this quarter", "closed since April".
  const completedOnly = Boolean(filter.statuses?.length && filter.statuses.every((s) => s === Status.complete));
  const sinceDay = since.since.kind === SinceKind.date ? since.since.date : undefined;
  if (completedOnly && (sinceDay || dueMention)) {
    if (sinceDay) {
      filter.completedFrom = addDays(sinceDay, 1);
      use.blanked(lower, since.work);
    } else if (dueMention) {
      filter.completedFrom = resolveStart(dueMention.spec, today);
      filter.completedTo = dueMention.spec.kind === "span" ? dueMention.spec.end : resolveEnd(dueMention.spec, today);
      if (filter.completedTo > today) filter.completedTo = today;
      use.span(dueMention.index, dueMention.end);
      if (dueMention.spec.kind === "span" && dueMention.spec.reading) readings.push(dueMention.spec.reading);
    }
  } else if (!filter.dueBy && !closed && dueMention && DUE_WORDS.test(work.replace(/\s+/g, " "))) {
    filter.dueBy = resolveEnd(dueMention.spec, today);
    use.span(dueMention.index, dueMention.end);
    use.take(DUE_WORDS);
    if (dueMention.spec.kind === "span" && dueMention.spec.reading) readings.push(dueMention.spec.reading);
  } else if (
    !filter.dueBy &&
    !closed &&
    !asksUpdate &&
    !filter.overdue &&
    !filter.extendedAtLeast &&
    !filter.revised &&
    !filter.extensionWaiting &&
    !threshold(filter) &&
    DUE_ALONE.test(lower)
  ) {
    // "What's due?" with no date: the month ahead, overdue items included. Not "deadlines moved twice".
    filter.dueBy = addMonths(today, 1);
    use.take(DUE_ALONE);
  }
  return readings;
}
