/**
 * The status words of an items question ("delayed", "on track", "complete", "not implemented") and how late
 * it asks about ("more than 12 months", "slipping more than 6 months", "overdue by more than 3 months"), set
 * on the filter and marked as applied.
 */
import { Status } from "../../status/status.js";
import {
  COMPLETE,
  DELAYED,
  IN_PROGRESS,
  OVERDUE,
  MORE_THAN_12,
  NO_ACTION,
  NOT_COMPLETE,
  NOT_IMPLEMENTING,
  ON_TRACK,
  PARTLY,
  SIGNIFICANT,
} from "./keywords.js";
import { readLateBy } from "./qualifiers.js";
import { type ItemFilter } from "../parse/types.js";
import { type WordUse } from "./word-use.js";

const PAST_TARGET =
  /\b(?:past|beyond|after|behind) (?:its|their|the) (?:original |current |revised )?(?:target|due|deadline)(?: dates?)?\b|\blate\b/;

export function readStatusWords(
  lower: string,
  filter: ItemFilter,
  use: WordUse,
): { notComplete: boolean; threshold: boolean } {
  const notImplementing = use.take(NOT_IMPLEMENTING);
  if (notImplementing) filter.notImplementing = true;
  if (use.take(MORE_THAN_12)) filter.moreThan12Months = true;
  const lateBy = filter.moreThan12Months ? null : readLateBy(lower);
  if (lateBy) {
    use.span(lateBy.index, lateBy.end);
    if (lateBy.against === "current") filter.overdueMoreThanMonths = lateBy.months;
    else if (lateBy.months === 12) filter.moreThan12Months = true;
    else filter.slippedMoreThanMonths = lateBy.months;
  }
  const statuses: Status[] = [];
  if (!filter.moreThan12Months && use.take(SIGNIFICANT)) statuses.push(Status.significantDelay);
  if (use.take(PARTLY)) statuses.push(Status.partlyDelayed);
  if (use.take(ON_TRACK)) statuses.push(Status.onTrack, Status.notStarted);
  if (statuses.length === 0 && use.take(IN_PROGRESS))
    statuses.push(Status.onTrack, Status.partlyDelayed, Status.significantDelay);
  if (!notImplementing && use.take(NO_ACTION)) filter.notImplementing = true;
  const notComplete = !notImplementing && use.take(NOT_COMPLETE);
  if (!notImplementing && !notComplete && use.take(COMPLETE)) statuses.push(Status.complete);
  if (statuses.length) filter.statuses = [...new Set(statuses)];

  const threshold = Boolean(filter.moreThan12Months || filter.slippedMoreThanMonths || filter.overdueMoreThanMonths);
  if (
    !threshold &&
    !filter.statuses?.length &&
    DELAYED.test(lower.replace(PARTLY, " ").replace(SIGNIFICANT, " ")) &&
    !ON_TRACK.test(lower)
  ) {
    filter.delayed = true;
    use.take(DELAYED);
  }
  if (threshold) use.take(DELAYED);
  // "more than 12 months past its original target date": the threshold's own words.
  if (threshold) use.take(PAST_TARGET);
  if (!filter.moreThan12Months && !filter.overdueMoreThanMonths && use.take(OVERDUE)) filter.overdue = true;
  if (filter.overdueMoreThanMonths) use.take(OVERDUE);
  return { notComplete, threshold };
}
