/**
 * A heading for an answer card from the filter a question gave: "Delayed items in Children and Young
 * People's Services".
 */
import { formatDay } from "../../dates/calendar-date.js";
import { Status } from "../../status/status.js";
import { directorateById } from "../words/directorate-mentions.js";
import { ITEM_KIND_NOUNS } from "../../register/item-kinds.js";
import { containsPhrase, monthName } from "./text.js";
import { type ItemFilter } from "./types.js";

export const STATUS_WORDS: Record<Status, string> = {
  complete: "complete",
  on_track: "on-track",
  partly_delayed: "partly delayed",
  significant_delay: "significantly delayed",
  no_action_required: "no-action-required",
  not_started: "not-started",
};

export function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}

export function statusWords(statuses: readonly Status[]): string {
  if (sameSet(statuses, [Status.onTrack, Status.notStarted])) return "on-track";
  if (sameSet(statuses, [Status.onTrack, Status.partlyDelayed, Status.significantDelay])) return "in-progress";
  return statuses.map((s) => STATUS_WORDS[s]).join(" or ");
}

export function directorateName(id: string): string {
  return directorateById(id)?.name ?? id;
}

export function committeeName(ref: { year: number; month: number }): string {
  return `${monthName(ref.month)} ${ref.year} Audit Committee`;
}

/** Whether the filter sets a condition on the items beyond where they are (directorate, body, review). */
export function asksCondition(filter: ItemFilter): boolean {
  return Boolean(
    filter.statuses?.length ||
    filter.delayed ||
    filter.overdue ||
    filter.moreThan12Months ||
    filter.slippedMoreThanMonths ||
    filter.overdueMoreThanMonths ||
    filter.completedFrom ||
    filter.dueBy ||
    filter.revised ||
    filter.awaitingStartOrTbc ||
    filter.deliveredElsewhere ||
    filter.notImplementing ||
    filter.itemKinds?.length ||
    filter.mine ||
    filter.open ||
    filter.atRisk ||
    filter.priority ||
    filter.extendedAtLeast ||
    filter.extensionWaiting ||
    filter.completionWaiting ||
    filter.waitingForAsker,
  );
}

/** "6 months", "2 years", "1 month". */
export function monthsText(months: number): string {
  if (months % 12 === 0) return months === 12 ? "1 year" : `${months / 12} years`;
  return months === 1 ? "1 month" : `${months} months`;
}

/** A heading for the answer card: "Delayed items in Children and Young People's Services". */
export function describeItemFilter(filter: ItemFilter, extra: { updateBefore?: string } = {}): string {
  const before: string[] = [];
  if (filter.mine) before.push("my");
  const impliesOpen =
    filter.atRisk ||
    filter.dueBy ||
    filter.overdue ||
    filter.awaitingStartOrTbc ||
    filter.delayed ||
    filter.moreThan12Months ||
    filter.slippedMoreThanMonths ||
    filter.overdueMoreThanMonths ||
    filter.statuses?.length ||
    filter.extensionWaiting ||
    filter.completionWaiting ||
    filter.waitingForAsker;
  if (filter.open && !impliesOpen) before.push("open");
  if (filter.overdue) before.push("overdue");
  if (filter.priority) before.push(`${filter.priority}-priority`);
  if (filter.atRisk) before.push("at-risk");
  if (filter.delayed && !filter.moreThan12Months) before.push("delayed");
  // "Completed between …" says it: "complete items completed between" would say it twice.
  if (filter.statuses?.length && !filter.completedFrom) before.push(statusWords(filter.statuses));

  const kinds = (filter.itemKinds ?? []).map((k) => ITEM_KIND_NOUNS[k].plural);
  const noun = kinds.length ? kinds.join(" and ") : filter.mine ? "actions" : "items";

  const after: string[] = [];
  if (filter.moreThan12Months) after.push("more than 12 months past the original target");
  if (filter.slippedMoreThanMonths)
    after.push(`slipped more than ${monthsText(filter.slippedMoreThanMonths)} past the original target`);
  if (filter.overdueMoreThanMonths)
    after.push(`more than ${monthsText(filter.overdueMoreThanMonths)} past the current target`);
  if (filter.completedFrom && filter.completedTo)
    after.push(`completed between ${formatDay(filter.completedFrom)} and ${formatDay(filter.completedTo)}`);
  else if (filter.completedFrom) after.push(`completed since ${formatDay(filter.completedFrom)}`);
  if (filter.dueBy) after.push(`due by ${formatDay(filter.dueBy)}`);
  if (filter.revised) after.push("with revised target dates");
  if (filter.extendedAtLeast)
    after.push(
      filter.extendedAtLeast === 2 ? "extended more than once" : `extended at least ${filter.extendedAtLeast} times`,
    );
  if (filter.extensionWaiting) after.push("with an extension request waiting for approval");
  if (filter.completionWaiting) after.push("with a completion waiting to be verified");
  if (filter.waitingForAsker) after.push("waiting for your decision");
  if (filter.awaitingStartOrTbc) after.push("awaiting start or with a TBC target");
  if (filter.notImplementing) after.push("we decided not to implement");
  if (filter.reviewTitle) after.push(`in ${filter.reviewTitle}`);
  if (filter.body && !(filter.reviewTitle && containsPhrase(filter.reviewTitle, filter.body)))
    after.push(`from ${filter.body}`);
  if (filter.deliveredElsewhere || filter.deliveredBy) {
    const by = filter.deliveredBy ? directorateName(filter.deliveredBy) : "another directorate or partner";
    after.push(
      filter.directorateId
        ? `reported under ${directorateName(filter.directorateId)} but delivered by ${by}`
        : `delivered by ${by} rather than the reporting directorate`,
    );
  } else if (filter.directorateId) after.push(`in ${directorateName(filter.directorateId)}`);
  if (filter.overseenBy) after.push(`overseen by the ${filter.overseenBy.replace(/^the\s+/i, "")}`);
  if (extra.updateBefore) after.push(`to update before the ${extra.updateBefore}`);

  const anything = before.length || kinds.length || after.length;
  const text = anything ? [...before, noun, ...after].join(" ") : "all items";
  return text.charAt(0).toUpperCase() + text.slice(1);
}
