/**
 * An item's milestones as one viewer's card shows them: only those the visibility rule lets this viewer see
 * here, each with its status by the council's key and whether this viewer may update it, and the note said
 * beside the item's status when one of them is behind (relateItemToMilestones). The item's own status is not
 * touched: it comes from the item's own targets, as the key says.
 */
import type { IsoDate } from "../dates/calendar-date.js";
import type { ItemView, MilestoneLine } from "./item-view.js";
import { relateItemToMilestonesOn } from "./milestones.js";
import { isOpen, type StatusOutcome } from "../status/status.js";
import { mayShowItem, type VisibilityViewer } from "../visibility.js";

export interface MilestoneOnCard {
  milestone: MilestoneLine;
  status: StatusOutcome;
  /** Open, and this viewer may update it: the card offers its update card. */
  updatable: boolean;
}

export interface ItemCardMilestones {
  /** Earliest target first. */
  rows: MilestoneOnCard[];
  /** Milestones this viewer may not see here: only counted. */
  hidden: number;
  /** Said beside the item's status when a milestone shown is behind while the item is not; null otherwise. */
  note: string | null;
}

export function milestonesForViewer(
  view: Pick<ItemView, "progress" | "originalTarget" | "revisedTarget" | "milestones">,
  viewer: VisibilityViewer,
  today: IsoDate,
  mayUpdate: (milestone: MilestoneLine) => boolean,
): ItemCardMilestones {
  const all = view.milestones ?? [];
  const shown = all.filter((m) => mayShowItem(viewer, m));
  const related = relateItemToMilestonesOn(
    { progress: view.progress, originalTarget: view.originalTarget.end, revisedTarget: view.revisedTarget.end },
    shown,
    today,
  );
  return {
    rows: related.milestones.map(({ milestone, status }) => ({
      milestone,
      status,
      updatable: isOpen(milestone.progress) && mayUpdate(milestone),
    })),
    hidden: all.length - shown.length,
    note: related.note,
  };
}
