/**
 * The words the page shows for the register's codes. They match the council's status key and the cards'
 * choices (src/domain/status/): the page is bundled apart from the server, so it carries its own copy.
 */
export const STATUS_LABELS: Record<string, string> = {
  complete: "Complete",
  on_track: "In progress and on track",
  partly_delayed: "In progress and partly delayed",
  significant_delay: "Significant delay",
  no_action_required: "No action required",
  not_started: "Awaiting start",
};

export const STATUS_CODES = Object.keys(STATUS_LABELS);

export const PROGRESS_LABELS: Record<string, string> = {
  not_started: "Not started",
  in_progress: "In progress",
  complete: "Complete",
  no_action_required: "No action required",
};

export const CONFIDENCE_LABELS: Record<string, string> = {
  on_track: "On track",
  at_risk: "At risk",
  will_miss: "Will miss the date",
};

/** The council's default priority scale; a register using others shows them as its rows carry them. */
export const DEFAULT_PRIORITIES = ["high", "medium", "low"];

/** The bar colours of the summary chart, one per status, each with at least 3:1 contrast on light and dark. */
export const STATUS_COLOURS: Record<string, string> = {
  complete: "#2e7d32",
  on_track: "#1f6f78",
  partly_delayed: "#b26a00",
  significant_delay: "#c62828",
  no_action_required: "#6d6d6d",
  not_started: "#5c4bb0",
};

export function statusLabel(code: string): string {
  return STATUS_LABELS[code] ?? code;
}
