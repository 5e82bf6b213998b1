/**
 * The scrutiny work programme's response table, as the Overview and Scrutiny Management Board's pack keeps
 * it: each scrutiny recommendation with the day it went to the executive, the day the response is due, the
 * response and the day it was given. Pure: built from the register as the audience may see it, `today` in.
 */
import { compareDates, type IsoDate } from "../dates/calendar-date.js";
import { longDay } from "../reminders/response-clock.js";
import type { RegisterReview } from "../register/register.js";
import { ReviewSource } from "../register/review-sources.js";
import { ExecutiveResponse } from "./scrutiny-columns.js";

export const RESPONSE_TABLE_HEADERS = [
  "Scrutiny review",
  "Recommendation",
  "Sent to executive",
  "Response due",
  "Response",
  "Response date",
] as const;

const RESPONSE_WORDS: Record<string, string> = {
  awaiting: "Awaiting response",
  accepted: "Accepted",
  partly_accepted: "Partly accepted",
  not_accepted: "Not accepted",
  noted: "Noted",
};

export interface ResponseTableRow {
  itemId: number;
  cells: string[];
  /** No response given yet. */
  awaiting: boolean;
  /** Awaiting a response past its due day. */
  overdue: boolean;
}

/** One row per scrutiny recommendation (not its milestones), in the register's order. */
export function responseTableRows(reviews: readonly RegisterReview[], today: IsoDate): ResponseTableRow[] {
  const rows: ResponseTableRow[] = [];
  for (const review of reviews) {
    if (review.source !== ReviewSource.scrutiny) continue;
    for (const item of review.items) {
      if (!item.counted && item.kind === "milestone") continue;
      const response = item.executiveResponse ?? (item.sentToExecutive ? ExecutiveResponse.awaiting : null);
      const overdue = !item.responseDate && Boolean(item.responseDue) && compareDates(item.responseDue!, today) < 0;
      rows.push({
        itemId: item.id,
        awaiting: !item.responseDate,
        overdue,
        cells: [
          review.title,
          `${item.ref}: ${item.text}`,
          item.sentToExecutive ? longDay(item.sentToExecutive) : "",
          item.responseDue ? `${longDay(item.responseDue)}${overdue ? " (overdue)" : ""}` : "",
          response ? (RESPONSE_WORDS[response] ?? response) : "",
          item.responseDate ? longDay(item.responseDate) : "",
        ],
      });
    }
  }
  return rows;
}
