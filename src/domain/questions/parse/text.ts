/**
 * Question text made plain for matching: Teams markup removed, quotes and dashes straightened, words
 * normalised ("Children's" -> "childrens", financial years kept whole), and month names.
 */

import { MONTH_PATTERN, monthNumberOf } from "../../dates/months.js";

export { MONTH_NAMES, monthName } from "../../dates/months.js";
export const MONTH_RE = MONTH_PATTERN;

export function monthOf(word: string): number {
  return monthNumberOf(word);
}

/** What Teams hands over, made plain: mention residue and markup gone, quotes and dashes straightened. */
export function cleanText(text: string): string {
  let t = text
    .slice(0, 2000)
    .replace(/<at>[\s\S]*?<\/at>/gi, " ")
    .replace(/<[^>]*>/g, " ")
    .replace(/&nbsp;/gi, " ")
    .replace(/&amp;/gi, "&")
    .replace(/&(?:#39|#x27|apos|rsquo|lsquo);/gi, "'")
    .replace(/&quot;/gi, '"')
    .replace(/[\u2018\u2019\u201A\u201B\u2032\u00B4`]/g, "'")
    .replace(/[\u201C\u201D\u201E\u2033]/g, '"')
    .replace(/[\u2010-\u2015\u2212]/g, "-")
    .replace(/[\u00A0\u2000-\u200B\u202F\u205F\u3000\uFEFF]/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  const lead =
    /^(?:@\S+|please|pls|plz|kindly|ok(?:ay)?|so|right|and|hey|hi|hello|bot|tracker|can you|could you|would you|will you|can i|could i|may i|i'?d like to|i would like to|i want to|i need to|let me|tell me|i'?d like|quick question)(?![a-z0-9'])[\s,:;!.-]*/i;
  for (;;) {
    const next = t.replace(lead, "").trim();
    if (next === t) break;
    t = next;
  }
  return t.replace(/[\s,]*\b(?:please|pls|plz|thanks|thank you|thx|cheers|ta)\b[\s.!]*$/i, "").trim();
}

/** Replaces a span with spaces, so later matches keep their positions and cannot see it. */
export function blank(text: string, start: number, end: number): string {
  return text.slice(0, start) + " ".repeat(end - start) + text.slice(end);
}

/** "2023-24", "2023/2024", "23/24" -> "2023/24", as the council writes a financial year. */
export function normaliseYears(text: string): string {
  return text.replace(/\b(?:20)?(\d{2})\s?[/-]\s?(?:20)?(\d{2})\b/g, (whole, a: string, b: string) =>
    (Number(a) + 1) % 100 === Number(b) ? `20${a}/${b}` : whole,
  );
}

/** Lower-case words for matching: "Children's" -> "childrens", "&" -> "and", financial years kept whole. */
export function words(text: string): string[] {
  return normaliseYears(text.toLowerCase())
    .replace(/&/g, " and ")
    .replace(/'s\b/g, "s")
    .replace(/'/g, "")
    .split(/[^a-z0-9/]+/)
    .map((w) => w.replace(/^\/+|\/+$/g, ""))
    .filter(Boolean);
}

/** Whole-word, case-insensitive "contains" over normalised words. */
export function containsPhrase(text: string | null | undefined, phrase: string): boolean {
  if (!text) return false;
  const needle = words(phrase).join(" ");
  if (!needle) return false;
  return ` ${words(text).join(" ")} `.includes(` ${needle} `);
}
