/**
 * A heading for an answer card from the filter a question gave: "Delayed items in Children and Young
 * People's Services".
 */
import { formatDay } from "../calendar-date.js";
import { Status } from "../status.js";
import { directorateById } from "./directorate-mentions.js";
import { ITEM_KIND_NOUNS } from "../item-kinds.js";
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
    filter.statuses?.length ||
    filter.extensionWaiting ||
    filter.completionWaiting ||
    filter.waitingForAsker;
  if (filter.open && !impliesOpen) before.push("open");
  if (filter.overdue) before.push("overdue");
  if (filter.priority) before.push(`${filter.priority}-priority`);
  if (filter.atRisk) before.push("at-risk");
  if (filter.delayed && !filter.moreThan12Months) before.push("delayed");
  if (filter.statuses?.length) before.push(statusWords(filter.statuses));

  const kinds = (filter.itemKinds ?? []).map((k) => ITEM_KIND_NOUNS[k].plural);
  const noun = kinds.length ? kinds.join(" and ") : filter.mine ? "actions" : "items";

  const after: string[] = [];
  if (filter.moreThan12Months) after.push("more than 12 months past the original target");
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
