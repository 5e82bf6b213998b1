/**
 * An item's extension requests as they stood at the end of a London day, so a report as at its cut-off
 * shows what the committee would have seen then: a request made later is not there yet, one decided later
 * was still waiting, and a target moved later by an extension was still the one before it.
 */
import { addDays, type IsoDate } from "../dates/calendar-date.js";
import { parseDateText, type DateText } from "../dates/date-text.js";
import { ExtensionState, type ExtensionRequest } from "./extension-request.js";
import { londonInstant } from "../reminders/send-window.js";

/** The last instant of a London day: "as at the end of the day" for the instants requests carry. */
export function endOfLondonDay(day: IsoDate): Date {
  return new Date(londonInstant(addDays(day, 1), 0).getTime() - 1);
}

export interface ExtendedItem {
  originalTarget: DateText;
  revisedTarget: DateText;
  extensionRequests?: readonly ExtensionRequest[];
}

const NO_DATE = Object.freeze(parseDateText(null));

/** The item as at the end of `day`; the same object when nothing about its extensions happened after it. */
export function itemExtensionsAsAt<T extends ExtendedItem>(item: T, day: IsoDate): T {
  const requests = item.extensionRequests ?? [];
  const end = endOfLondonDay(day).getTime();
  const later = (d: Date | undefined) => d !== undefined && d.getTime() > end;
  if (!requests.some((r) => later(r.requestedAt) || later(r.decision?.at))) return item;

  // The first extension that took effect after the day moved the target from what it was then.
  const movedLater = requests.find(
    (r) =>
      (r.state === ExtensionState.approved && later(r.decision?.at)) ||
      (r.state === ExtensionState.tookEffect && later(r.requestedAt)),
  );
  let revisedTarget = item.revisedTarget;
  if (movedLater) {
    revisedTarget = movedLater.fromTarget.end === item.originalTarget.end ? NO_DATE : movedLater.fromTarget;
  }
  return {
    ...item,
    revisedTarget,
    extensionRequests: requests
      .filter((r) => !later(r.requestedAt))
      .map((r) => (later(r.decision?.at) ? { ...r, state: ExtensionState.waiting, decision: null } : r)),
  };
}
