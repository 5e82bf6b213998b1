/**
 * The date a tracker file says it is as at, from its name ("Inspections tracker May 2025.xlsx",
 * "tracker-2025-05-15.csv"): an import compares recorded statuses with the status key as at that
 * day, not today, or a tracker that was right when written shows as wrong.
 */
import type { IsoDate } from "./calendar-date.js";
import { DateKind, parseDateText } from "./date-text.js";

const MONTH =
  "(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)";
// Most precise first: an ISO day, a day and month name, then a month and year.
const PATTERNS = [
  /(\d{4}-\d{2}-\d{2})/,
  new RegExp(`(\\d{1,2}(?:st|nd|rd|th)?[\\s_-]+${MONTH}[\\s_-]+\\d{4})`, "i"),
  new RegExp(`(${MONTH}[\\s_-]+\\d{4})`, "i"),
];

/** The last day the file's name can mean (a month's last day), or null when it names none. */
export function trackerDateFromFileName(fileName: string): IsoDate | null {
  const base = fileName.replace(/^.*[\\/]/, "").replace(/\.[a-z0-9]+$/i, "");
  for (const pattern of PATTERNS) {
    const match = pattern.exec(base);
    if (!match) continue;
    const found = match[1]!;
    // "15th_May_2025" reads as "15 May 2025"; an ISO date keeps its hyphens.
    const text = /^\d{4}-\d{2}-\d{2}$/.test(found)
      ? found
      : found.replace(/[_-]+/g, " ").replace(/(\d)(st|nd|rd|th)\b/i, "$1");
    const parsed = parseDateText(text);
    if ((parsed.kind === DateKind.day || parsed.kind === DateKind.month) && parsed.end) return parsed.end;
  }
  return null;
}
