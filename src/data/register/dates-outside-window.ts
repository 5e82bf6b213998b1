/**
 * Stored dates outside the accepted window (date-window.ts): written before the window existed, they are
 * still read safely, but the start-up log and /readyz list them so someone corrects them. Stored dates
 * are four-digit ISO text, so the database's text comparison orders them as days.
 */
import { ACCEPTED_DATE_WINDOW } from "../../domain/dates/date-window.js";
import type { Store } from "../database.js";

export interface StoredDateOutsideWindow {
  record: "item" | "extension_request" | "update_round" | "reporting_point";
  id: number;
  /**
   * The item's label ("Rec 3"), the round's or point's name; null for an item of a confidential review (whose
   * labels say what it found), and never a review title. /readyz is read by whatever probes it.
   */
  label: string | null;
  field: string;
  date: string;
}

/** At most this many of each kind of record are listed: enough to find them, never a flood. */
const OUTSIDE_WINDOW_LISTED = 50;

const BEFORE = { lt: ACCEPTED_DATE_WINDOW.first };
const AFTER = { gt: ACCEPTED_DATE_WINDOW.last };
function isOutside(date: string | null): date is string {
  return date !== null && (date < ACCEPTED_DATE_WINDOW.first || date > ACCEPTED_DATE_WINDOW.last);
}

function shownLabel(item: { ref: string; confidential: boolean; review: { confidential: boolean } }): string | null {
  return item.confidential || item.review.confidential ? null : item.ref;
}

export async function findDatesOutsideWindow(store: Store): Promise<StoredDateOutsideWindow[]> {
  const take = OUTSIDE_WINDOW_LISTED;
  const [items, requests, rounds, points] = await Promise.all([
    store.item.findMany({
      where: {
        OR: [
          { originalTarget: BEFORE },
          { originalTarget: AFTER },
          { revisedTarget: BEFORE },
          { revisedTarget: AFTER },
          { completedOn: BEFORE },
          { completedOn: AFTER },
        ],
      },
      select: {
        id: true,
        ref: true,
        originalTarget: true,
        revisedTarget: true,
        completedOn: true,
        confidential: true,
        review: { select: { confidential: true } },
      },
      orderBy: { id: "asc" },
      take,
    }),
    store.extensionRequest.findMany({
      where: { state: "waiting", OR: [{ requestedTarget: BEFORE }, { requestedTarget: AFTER }] },
      select: {
        id: true,
        requestedTarget: true,
        item: { select: { ref: true, confidential: true, review: { select: { confidential: true } } } },
      },
      orderBy: { id: "asc" },
      take,
    }),
    store.updateRound.findMany({
      where: { closedAt: null, OR: [{ deadline: BEFORE }, { deadline: AFTER }] },
      select: { id: true, name: true, deadline: true },
      orderBy: { id: "asc" },
      take,
    }),
    store.reportingPoint.findMany({
      where: { OR: [{ cutOff: BEFORE }, { cutOff: AFTER }] },
      select: { id: true, name: true, cutOff: true },
      orderBy: { id: "asc" },
      take,
    }),
  ]);
  const found: StoredDateOutsideWindow[] = [];
  for (const item of items) {
    for (const [field, date] of [
      ["original_target", item.originalTarget],
      ["revised_target", item.revisedTarget],
      ["completed_on", item.completedOn],
    ] as const) {
      if (isOutside(date)) found.push({ record: "item", id: item.id, label: shownLabel(item), field, date });
    }
  }
  for (const r of requests)
    found.push({
      record: "extension_request",
      id: r.id,
      label: shownLabel(r.item),
      field: "requested_target",
      date: r.requestedTarget,
    });
  for (const r of rounds)
    found.push({ record: "update_round", id: r.id, label: r.name, field: "deadline", date: r.deadline });
  for (const p of points)
    found.push({ record: "reporting_point", id: p.id, label: p.name, field: "cut_off", date: p.cutOff });
  return found;
}
