/**
 * What /readyz adds beside "ready": facts an operator should act on that do not stop the bot serving,
 * such as stored dates outside the accepted window. Bounded by a deadline; a failure is reported, not thrown.
 */
import { findDatesOutsideWindow, type StoredDateOutsideWindow } from "../data/register/dates-outside-window.js";
import type { Store } from "../data/database.js";
import { acceptedWindowText } from "../domain/dates/date-window.js";
import { withDeadline } from "../services/deadline.js";

export interface ReadinessDetails {
  /** The accepted window in words, so the list below explains itself. */
  acceptedDates: string;
  /** Stored dates outside it (a few of each kind), or why they could not be listed. */
  datesOutsideWindow: StoredDateOutsideWindow[] | { notChecked: string };
}

export const READINESS_DETAILS_TIMEOUT_MS = 2_000;

export async function readinessDetails(
  store: Store,
  timeoutMs = READINESS_DETAILS_TIMEOUT_MS,
): Promise<ReadinessDetails> {
  const listed = findDatesOutsideWindow(store).catch(() => ({ notChecked: "the database could not be read" }));
  return {
    acceptedDates: acceptedWindowText(),
    datesOutsideWindow: await withDeadline(listed, timeoutMs, () => ({
      notChecked: `no answer within ${timeoutMs} ms`,
    })),
  };
}
