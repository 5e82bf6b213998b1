/**
 * `tracker calendar` (the inspection calendar, soonest expected first) and `tracker calendar link --regime R
 * --review "Title"` (an event's review linked to its regime: the calendar rolled on, its follow-ups made).
 */
import os from "node:os";
import type { Store } from "../data/database.js";
import { listRegimes } from "../data/calendar/regime-store.js";
import { formatDay, type IsoDate } from "../domain/dates/calendar-date.js";
import { directorateName } from "../domain/register/directorates.js";
import { plural } from "../domain/text/readable-text.js";
import type { Outcome } from "../domain/outcome.js";
import { linkReviewToRegime, type LinkOutcome } from "../services/calendar/link-review.js";

export interface CalendarLine {
  regime: string;
  inspectorate: string;
  directorate: string;
  last_event: IsoDate | null;
  cycle_months: number;
  next_expected: IsoDate;
  next_expected_given: boolean;
  readiness_owner: string | null;
  last_review_id: number | null;
}

export async function calendarLines(store: Store): Promise<CalendarLine[]> {
  return (await listRegimes(store)).map((r) => ({
    regime: r.regime,
    inspectorate: r.inspectorate,
    directorate: r.directorateId,
    last_event: r.lastEvent,
    cycle_months: r.cycleMonths,
    next_expected: r.nextExpected,
    next_expected_given: r.nextExpectedGiven,
    readiness_owner: r.readinessOwner?.email ?? null,
    last_review_id: r.lastReviewId,
  }));
}

export function describeCalendar(lines: readonly CalendarLine[]): string {
  if (lines.length === 0)
    return "The inspection calendar is empty: import a file with the columns regime,inspectorate,directorate,last_event,cycle_months,next_expected,readiness_owner.";
  return lines
    .map(
      (l) =>
        `${l.regime} (${l.inspectorate}, ${directorateName(l.directorate)}): next expected ${formatDay(l.next_expected)}${l.next_expected_given ? " (as the calendar gives it)" : ` (last ${l.last_event ? formatDay(l.last_event) : "not known"} + ${l.cycle_months} months)`}; readiness: ${l.readiness_owner ?? "nobody"}`,
    )
    .join("\n");
}

export interface CalendarRun {
  /** A usage mistake, said as what to type instead; null when the command ran. */
  usage: string | null;
  json: unknown;
  text: string;
  code: number;
}

/** `calendar` (no sub-command) or `calendar link`. */
export async function runCalendar(
  store: Store,
  subcommand: string | undefined,
  options: { regime?: string; review?: string; now: Date; today: IsoDate },
): Promise<CalendarRun> {
  const usage = (text: string): CalendarRun => ({ usage: text, json: null, text: "", code: 2 });
  if (subcommand === undefined) {
    const lines = await calendarLines(store);
    return { usage: null, json: lines, text: describeCalendar(lines), code: 0 };
  }
  if (subcommand !== "link") return usage(`calendar takes no "${subcommand}": use calendar, or calendar link`);
  if (!options.regime || !options.review)
    return usage('calendar link needs --regime and --review, e.g. --regime ILACS --review "ILACS 2025"');
  const linked: Outcome<LinkOutcome> = await linkReviewToRegime(store, {
    regime: options.regime,
    reviewTitle: options.review,
    actor: `${os.userInfo().username} (calendar link)`,
    now: options.now,
    today: options.today,
  });
  if (!linked.ok)
    return { usage: null, json: { ok: false, error: linked.reason }, text: `Not linked: ${linked.reason}.`, code: 1 };
  return { usage: null, json: { ok: true, ...linked.value }, text: describeLink(linked.value), code: 0 };
}

export function describeLink(link: LinkOutcome): string {
  const items = link.follow_up_items;
  return [
    `Linked "${link.review_title}" to ${link.regime}: last event ${formatDay(link.last_event)}, next expected ${formatDay(link.next_expected)}.`,
    link.follow_ups.length
      ? `Follow-ups (actions on the review, owned by the readiness owner): ${link.follow_ups.map((f) => `${f.ref} by ${formatDay(f.target)}`).join("; ")} (${plural(items.created, "new item")}, ${items.updated} changed, ${items.unchanged} unchanged).`
      : "This kind of regime sets no follow-up deadlines.",
  ].join("\n");
}
