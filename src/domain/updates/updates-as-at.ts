/**
 * Owners' updates as they stood at the end of a London day, so the at-risk flag in a report as at its
 * cut-off reads the last update and confidence given by then: a report is usually opened after the
 * cut-off, and an update since would otherwise hide (or raise) a warning the committee should see.
 */
import { statedConfidence } from "../status/at-risk.js";
import type { IsoDate } from "../dates/calendar-date.js";
import { endOfLondonDay } from "../extensions/extensions-as-at.js";
import type { RegisterReview } from "../register/register.js";

/** An item's updates recorded up to the day: its latest update and latest confidence by then. */
export interface UpdatesUpToDay {
  lastUpdateAt: Date | null;
  confidence: { value: string; at: Date; forTarget: string | null } | null;
}

/** Whether an instant falls after the end of `day` (London). */
function laterThan(day: IsoDate): (d: Date | null | undefined) => boolean {
  const end = endOfLondonDay(day).getTime();
  return (d) => d !== null && d !== undefined && d.getTime() > end;
}

/** The items whose last update or confidence came after `day`: the only ones registerUpdatesAsAt changes. */
export function itemsUpdatedAfter(register: readonly RegisterReview[], day: IsoDate): number[] {
  const later = laterThan(day);
  return register.flatMap((r) =>
    r.items.filter((i) => later(i.lastUpdateAt) || later(i.confidence?.at)).map((i) => i.id),
  );
}

/**
 * The register with each item's last update and confidence as at the end of `day`, from its history
 * (`history`, by item id). Items nobody updated after the day are the same objects.
 */
export function registerUpdatesAsAt(
  register: readonly RegisterReview[],
  day: IsoDate,
  history: ReadonlyMap<number, UpdatesUpToDay>,
): RegisterReview[] {
  const later = laterThan(day);
  return register.map((review) => {
    if (!review.items.some((i) => later(i.lastUpdateAt) || later(i.confidence?.at))) return review;
    return {
      ...review,
      items: review.items.map((item) => {
        if (!later(item.lastUpdateAt) && !later(item.confidence?.at)) return item;
        const then = history.get(item.id);
        return {
          ...item,
          lastUpdateAt: later(item.lastUpdateAt) ? (then?.lastUpdateAt ?? null) : item.lastUpdateAt,
          confidence: later(item.confidence?.at)
            ? statedConfidence(then?.confidence?.value, then?.confidence?.at, then?.confidence?.forTarget ?? null)
            : item.confidence,
        };
      }),
    };
  });
}
