/**
 * The register as recorded by the end of a London day, for everything reported as at a cut-off (the
 * summary card, the snapshot, the Word report and the workbook): later additions left out and later
 * changes undone from the audit history, and owners' updates and confidence as they stood then.
 */
import { firstItemRecordedAt, registerChangesAfter } from "../../data/register/audit-store.js";
import type { Store } from "../../data/database.js";
import { updatesUpTo } from "../../data/updates/progress-store.js";
import type { IsoDate } from "../../domain/dates/calendar-date.js";
import { endOfLondonDay } from "../../domain/extensions/extensions-as-at.js";
import type { RegisterReview } from "../../domain/register/register.js";
import { registerAsRecorded } from "../../domain/register/register-as-recorded.js";
import { itemsUpdatedAfter, registerUpdatesAsAt } from "../../domain/updates/updates-as-at.js";

/**
 * Whether the tracker held the register by `end`. A register first imported after a cut-off (the tracker
 * taken into use since) has no history from before it: its report is built from the register as imported,
 * rather than from nothing.
 */
async function recordedBefore(store: Store, end: Date): Promise<boolean> {
  const first = await firstItemRecordedAt(store);
  return first !== null && first.getTime() <= end.getTime();
}

export async function registerRecordedBy(
  store: Store,
  register: readonly RegisterReview[],
  day: IsoDate,
): Promise<RegisterReview[]> {
  const end = endOfLondonDay(day);
  const recorded = (await recordedBefore(store, end))
    ? registerAsRecorded(register, await registerChangesAfter(store, end))
    : [...register];
  // Only items updated since the day differ then: their update history alone is read, and none when there are none.
  const changed = itemsUpdatedAfter(recorded, day);
  if (changed.length === 0) return recorded;
  return registerUpdatesAsAt(recorded, day, await updatesUpTo(store, end, changed));
}
