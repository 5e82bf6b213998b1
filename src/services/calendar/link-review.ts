/**
 * Linking an event's review to its regime rolls the calendar on: the last event becomes the review's date
 * (review_date, else findings received), the next is expected a cycle later (unless the calendar gives a
 * later date of its own), and the deadlines that follow the event (domain/calendar/regime-kinds.ts) become
 * actions on the review, owned by the readiness owner and imported as the register's items are (by ref, so
 * linking again changes nothing), so they are reminded of, reported and updated like any item. The
 * regime's change is recorded in the audit log beside the items'.
 */
import type { Store } from "../../data/database.js";
import {
  listRegimes,
  reviewByTitleKey,
  rollRegimeForward,
  type RegimeRecord,
} from "../../data/calendar/regime-store.js";
import { inTransaction } from "../../data/transaction.js";
import { addMonths, compareDates, type IsoDate } from "../../domain/dates/calendar-date.js";
import { followUpDeadlines, regimeKindOf } from "../../domain/calendar/regime-kinds.js";
import type { ImportCounts } from "../../domain/imports/report.js";
import { choiceList, refused, type Outcome } from "../../domain/outcome.js";
import { titleKey } from "../../domain/register/register-row.js";
import { importTable } from "../imports/import-register.js";

export interface LinkOutcome {
  regime: string;
  review_title: string;
  last_event: IsoDate;
  next_expected: IsoDate;
  follow_ups: { ref: string; target: IsoDate }[];
  follow_up_items: ImportCounts;
}

/** The columns a follow-up's row gives: the review's own fields are left as they are. */
const FOLLOW_UP_COLUMNS = [
  "directorate",
  "review_title",
  "item_ref",
  "item_kind",
  "item_text",
  "owner_email",
  "original_target",
];

export async function linkReviewToRegime(
  store: Store,
  request: { regime: string; reviewTitle: string; actor: string; now: Date; today: IsoDate },
): Promise<Outcome<LinkOutcome>> {
  const regimes = await listRegimes(store);
  const regime = regimes.find((r) => r.regimeKey === titleKey(request.regime));
  if (!regime)
    return refused(
      regimes.length
        ? `the calendar has no regime "${request.regime}": it holds ${choiceList(regimes.map((r) => `"${r.regime}"`))}`
        : `the calendar has no regimes yet: import one (regime,inspectorate,directorate,last_event,cycle_months,next_expected,readiness_owner) first`,
    );
  const review = await reviewByTitleKey(store, titleKey(request.reviewTitle));
  if (!review) return refused(`the register has no review titled "${request.reviewTitle}": give its title as listed`);
  const lastEvent = review.reviewDate ?? review.findingsReceived;
  if (!lastEvent)
    return refused(`"${review.title}" has no review date nor findings date: give it one (review_date) and link again`);

  const nextExpected = nextAfterEvent(regime, lastEvent);
  const deadlines = followUpDeadlines(regimeKindOf(regime.regime, regime.inspectorate), lastEvent);
  let items: ImportCounts = { created: 0, updated: 0, unchanged: 0 };
  if (deadlines.length && regime.readinessOwner) {
    const report = await importTable(
      store,
      {
        headers: FOLLOW_UP_COLUMNS,
        records: deadlines.map((d, n) => ({
          line: n + 2,
          cells: {
            directorate: review.directorateId,
            review_title: review.title,
            item_ref: d.ref,
            item_kind: "action",
            item_text: d.text,
            owner_email: regime.readinessOwner!.email,
            original_target: d.target,
          },
        })),
      },
      {
        file: `calendar link ${regime.regime}`,
        dryRun: false,
        actor: request.actor,
        today: request.today,
        now: request.now,
      },
    );
    if (!report.ok) return refused(report.errors.map((e) => e.message).join("; "));
    items = report.items;
  }

  const after = { lastEvent, nextExpected, lastReviewId: review.id };
  const before = { lastEvent: regime.lastEvent, nextExpected: regime.nextExpected, lastReviewId: regime.lastReviewId };
  if (JSON.stringify(before) !== JSON.stringify(after))
    await inTransaction(store, (tx) =>
      rollRegimeForward(tx, regime.id, { before, after }, { actor: request.actor, now: request.now }),
    );
  return {
    ok: true,
    value: {
      regime: regime.regime,
      review_title: review.title,
      last_event: lastEvent,
      next_expected: nextExpected,
      follow_ups: deadlines.map((d) => ({ ref: d.ref, target: d.target })),
      follow_up_items: items,
    },
  };
}

/** A cycle after the event, unless the calendar itself gives a later date. */
function nextAfterEvent(regime: RegimeRecord, lastEvent: IsoDate): IsoDate {
  if (regime.nextExpectedGiven && compareDates(regime.nextExpected, lastEvent) > 0) return regime.nextExpected;
  return addMonths(lastEvent, regime.cycleMonths);
}
