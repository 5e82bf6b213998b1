/**
 * A leaver's card as one viewer may see it: their open items that the viewer may both see in this
 * conversation (the one visibility rule) and hand on (the improvement team: all; a directorate's lead: their
 * directorate's), the rest only counted.
 */
import type { Store } from "../../data/database.js";
import { leaverById, type Leaver } from "../../data/people/leaver-store.js";
import type { LeaverCardView } from "../../cards/leaver-card.js";
import { isLeaverState, DirectoryState } from "../../domain/people/directory-state.js";
import { personLabel } from "../../domain/people/person-label.js";
import { storedDate } from "../../domain/register/register.js";
import { readableDate } from "../../domain/text/readable-text.js";
import { mayShowItem, type VisibilityViewer } from "../../domain/visibility.js";

/** Who hands items on: the improvement team (null: every directorate) or the directorates a lead leads. */
export type HandsOn = readonly string[] | null;

export function leaverCardView(leaver: Leaver, viewer: VisibilityViewer, handsOn: HandsOn): LeaverCardView {
  const shown = leaver.items.filter(
    (item) =>
      (handsOn === null || handsOn.includes(item.directorateId)) &&
      mayShowItem(viewer, item, { confidential: item.reviewConfidential }),
  );
  return {
    leaverId: leaver.personId,
    label: personLabel(leaver),
    email: leaver.email,
    // A person since found enabled again is still named by the state they were reported in.
    state: isLeaverState(leaver.directoryState) ? leaver.directoryState : DirectoryState.disabled,
    items: shown.map((item) => {
      const revised = storedDate(item.revisedTargetRaw);
      const target = revised.end ? revised : storedDate(item.originalTargetRaw);
      return {
        itemId: item.id,
        heading: `${item.reviewTitle} / ${item.ref}`,
        text: item.text,
        target: `Target ${readableDate(target)}`,
      };
    }),
    hidden: leaver.items.length - shown.length,
  };
}

/** The leaver's card as it stands now for this viewer; null when nobody has that id. */
export async function loadLeaverCardView(
  store: Store,
  leaverId: number,
  viewer: VisibilityViewer,
  handsOn: HandsOn,
): Promise<LeaverCardView | null> {
  const leaver = await leaverById(store, leaverId);
  return leaver ? leaverCardView(leaver, viewer, handsOn) : null;
}
