/**
 * The status key as each paper words it (D0 for 2024, D1 for 2025), as the rows of the report's key table.
 */
import { Status, STATUS_LABELS, StatusKey } from "../../status/status.js";
import type { StatusKeyRow } from "./types.js";

/** The key as each paper words it (D0 for 2024, D1 for 2025). */
const STATUS_KEY_TEXT: Record<StatusKey, Record<Exclude<Status, "not_started">, string>> = {
  [StatusKey.y2024]: {
    complete: "All recommendations/areas for improvement are fully complete",
    on_track: "All recommendations/areas for improvement are on track to be delivered by the original agreed deadline",
    partly_delayed:
      "Recommendations/areas for improvement progressing, however target date for one or more area is behind the original agreed deadline",
    significant_delay:
      "All recommendations/areas for improvement delayed or one area delayed more than twelve months past the original agreed deadline",
    no_action_required: "There are no recommendations/areas for improvement, or the outcome is not yet known",
  },
  [StatusKey.y2025]: {
    complete: "Recommendations/areas for improvement are fully complete",
    on_track: "Recommendation/area for improvement on track to be delivered by the original agreed deadline",
    partly_delayed:
      "Recommendation/area for improvement progressing, however target date behind the original agreed deadline",
    significant_delay:
      "Recommendations/area for improvement delayed by more than twelve months past the original agreed deadline",
    no_action_required: "No recommendation/area for improvement, or the outcome is not yet known",
  },
};

/** The key table's rows, in the key's order; the 2025 key names its last rating for unknown outcomes too. */
export function statusKeyRows(statusKey: StatusKey): StatusKeyRow[] {
  return (Object.keys(STATUS_KEY_TEXT[statusKey]) as Exclude<Status, "not_started">[]).map((status) => ({
    status,
    label:
      statusKey === StatusKey.y2025 && status === Status.noActionRequired
        ? "No action required or outcome unknown"
        : STATUS_LABELS[status],
    description: STATUS_KEY_TEXT[statusKey][status],
  }));
}
