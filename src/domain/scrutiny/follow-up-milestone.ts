/**
 * A scrutiny recommendation's follow-up report ("report back 12 months after implementation"), given as the
 * row's `follow_up` day: the import makes it one milestone of the recommendation, so it is reminded, shown and
 * recorded as any milestone is. It comes after implementation by its nature, so the rule that a milestone falls
 * on or before its item's target does not hold it (milestones.ts asks `isScrutinyFollowUp`).
 */
import { parseDateText } from "../dates/date-text.js";
import type { IsoDate } from "../dates/calendar-date.js";
import { InputLimit } from "../input-limits.js";
import { ItemKind } from "../register/item-kinds.js";
import { ReviewSource } from "../register/review-sources.js";
import type { ItemFields } from "../register/register-row.js";
import { Progress } from "../status/status.js";
import { NO_SCRUTINY_FIELDS } from "./scrutiny-columns.js";

const FOLLOW_UP_SUFFIX = " follow-up report";

/** The follow-up milestone's item_ref: "Recommendation 2 follow-up report", one per recommendation. */
export function followUpRef(itemRef: string): string {
  return `${itemRef}${FOLLOW_UP_SUFFIX}`;
}

/** Whether a milestone is the follow-up report of its item in a scrutiny review (compared as refs are, any case). */
export function isScrutinyFollowUp(
  source: string | null | undefined,
  milestoneRef: string,
  itemRef: string | null | undefined,
): boolean {
  if (source !== ReviewSource.scrutiny || !itemRef) return false;
  return milestoneRef.trim().toLowerCase() === followUpRef(itemRef.trim()).toLowerCase();
}

/** The fields a re-import compares on the follow-up milestone: its progress and revisions are the owner's. */
export const FOLLOW_UP_COMPARED = ["kind", "text", "parent_ref", "owner_email", "original_target"] as const;

/** Why a recommendation's ref cannot name its follow-up milestone (too long once the suffix is added); null when it can. */
export function followUpRefProblem(itemRef: string): string | null {
  const limit = InputLimit.name - FOLLOW_UP_SUFFIX.length;
  return itemRef.length > limit
    ? `follow_up needs an item_ref of at most ${limit} characters, to name its milestone "${FOLLOW_UP_SUFFIX.trim()}": shorten item_ref`
    : null;
}

/** The follow-up milestone of `item`: owned by the item's owner, due on `day`, reporting to the committee. */
export function followUpMilestone(item: ItemFields, day: IsoDate, committee: string | null): ItemFields {
  return {
    ref: followUpRef(item.ref),
    kind: ItemKind.milestone,
    text: `Report back to ${committee ?? "the committee"} on implementation`,
    parentRef: item.ref,
    responsibleUnit: null,
    ownerEmail: item.ownerEmail,
    originalTarget: parseDateText(day),
    revisedTarget: parseDateText(null),
    revisionReason: null,
    progress: Progress.notStarted,
    recordedStatus: null,
    progressUpdate: null,
    confidential: item.confidential,
    completedOn: null,
    priority: null,
    scrutiny: NO_SCRUTINY_FIELDS,
  };
}
