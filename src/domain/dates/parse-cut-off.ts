/** A reporting point's cut-off as people type it ("2024-01-09", "9 January 2024", "09/01/2024"): one day, or the reason it is not. */
import type { IsoDate } from "./calendar-date.js";
import { DateKind, impossibleDayReason, parseDateText } from "./date-text.js";
import { windowProblem } from "./date-window.js";

export function parseCutOff(text: string): { ok: true; cutOff: IsoDate } | { ok: false; reason: string } {
  const parsed = parseDateText(text);
  // A month or a range would leave "since the last report" a matter of opinion.
  const impossible = impossibleDayReason(text);
  if (impossible) return { ok: false, reason: `"${text.trim()}" is not a day: ${impossible}.` };
  if (parsed.kind !== DateKind.day || !parsed.end) {
    return {
      ok: false,
      reason: `"${text.trim()}" is not a single day: give the cut-off as YYYY-MM-DD, e.g. 2024-01-09 (or 9 January 2024).`,
    };
  }
  const outside = windowProblem(parsed);
  if (outside) return { ok: false, reason: `${outside}.` };
  return { ok: true, cutOff: parsed.end };
}
