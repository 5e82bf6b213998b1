/**
 * How the papers word things: long dates, the committee's name, the nouns for reviews and items, and
 * the small helpers (sentence, list joining, "is"/"are") every paragraph of the report uses.
 */
import { isIsoDate, splitIsoDate, type IsoDate } from "../../dates/calendar-date.js";
import { DateKind, type DateText } from "../../dates/date-text.js";
import { ItemKind, ITEM_KIND_NOUNS, itemKindNouns, type ItemKindNouns } from "../../register/item-kinds.js";
import { monthName } from "../../dates/months.js";
import { numberWord } from "../number-words.js";
import type { RegisterItem } from "../../register/register.js";
import type { Paragraph } from "./types.js";

/** "9 January 2024", as the papers date things. */
export function formatLongDay(date: IsoDate): string {
  const { year, month, day } = splitIsoDate(date);
  return `${day} ${monthName(month)} ${year}`;
}

/** "July 2023" */
export function formatMonthYear(date: IsoDate): string {
  const { year, month } = splitIsoDate(date);
  return `${monthName(month)} ${year}`;
}

/** The committee a point reports to: its name without the meeting date ("Audit Committee 9 January 2024" -> "Audit Committee"). */
export function committeeOf(name: string | null): string {
  const stripped = (name ?? "").replace(/\s*[-–,]?\s*\d{1,2}(?:st|nd|rd|th)?\s+[A-Za-z]+\s+\d{4}\s*$/, "").trim();
  return stripped || "Audit Committee";
}

/** What a review's items are called: their shared kind, else "recommendations". */
export function itemNoun(items: readonly RegisterItem[]): ItemKindNouns {
  const kinds = new Set(items.map((i) => i.kind));
  return kinds.size === 1 ? itemKindNouns([...kinds][0]!) : ITEM_KIND_NOUNS[ItemKind.recommendation];
}

export const REVIEW_NOUNS: Record<string, string> = {
  inspection: "inspection",
  focused_visit: "focused visit",
  peer_review: "peer review",
  peer_challenge: "peer challenge",
  progress_review: "progress review",
  external_audit: "audit",
  assurance_assessment: "assurance assessment",
  accreditation: "accreditation assessment",
  independent_review: "independent review",
  unannounced_site_review: "unannounced site review",
};

export function sentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?)]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

export function plainParagraph(text: string): Paragraph {
  return [{ text }];
}

/** "in June 2022", "on 30 May 2023", "on 5-9 July 2021", "in March – May 2022". */
export function datePhrase(date: DateText): string | null {
  if (!date.raw) return null;
  const text = proseDate(date);
  if (date.kind === DateKind.day || /^\d/.test(text)) return `on ${text}`;
  return `in ${text}`;
}

/**
 * A date as committee prose writes it, whatever form it was imported in: a day "7 September 2026", a month
 * "October 2024" ("Oct-24" as the tracker has it); other text as written, with any ISO day in it spelt out.
 */
export function proseDate(date: DateText): string {
  const raw = (date.raw ?? "").trim();
  if (date.kind === DateKind.day && date.end) return formatLongDay(date.end);
  if (date.kind === DateKind.month && date.end) return formatMonthYear(date.end);
  return raw.replace(/\b\d{4}-\d{2}-\d{2}\b/g, (iso) => (isIsoDate(iso) ? formatLongDay(iso) : iso));
}

/** "a; b and c", as D0 lists its counts. */
export function listJoin(parts: readonly string[]): string {
  if (parts.length <= 1) return parts.join("");
  return `${parts.slice(0, -1).join("; ")} and ${parts[parts.length - 1]}`;
}

export function isVerb(n: number, singular: string, plural: string): string {
  return n === 1 ? singular : plural;
}

/** "none" where a count of zero starts a clause ("none have been completed"). */
export function howMany(n: number): string {
  return n === 0 ? "none" : numberWord(n);
}
