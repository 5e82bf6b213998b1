/**
 * "Find a recommendation" from the compose box: which items match the words typed, over each item's
 * reference, its review's title and body, its directorate (id and name) and its owner's email. Every word
 * must begin a word of those (so "IR4", "front door", "cyps" and "sam.owner@example.org" each find what
 * they name). The compose box cannot tell where its card will land, so only what the visibility rule lets a
 * channel see is searched: a confidential item never matches, nor is it counted.
 */
import { DIRECTORATES } from "../register/directorates.js";
import type { RegisterItem, RegisterReview } from "../register/register.js";
import { isOpen } from "../status/status.js";
import { controlCharacterProblem } from "../text/identity-text.js";
import { ConversationScope, mayShowItem, type VisibilityViewer } from "../visibility.js";

/** Whoever reads a card inserted from the compose box: it may land in a channel, so it is treated as one. */
export const COMPOSE_BOX_AUDIENCE: VisibilityViewer = { scope: ConversationScope.channel, email: null };

export const SearchLimit = {
  /** The longest search text, in characters (the manifest's parameter description says so too). */
  text: 200,
  /** The most results on one page, as Teams asks for by default. */
  page: 25,
  /** The furthest page start a search may ask for. */
  skip: 10_000,
} as const;

export interface SearchMatch {
  review: RegisterReview;
  item: RegisterItem;
}

export type SearchText = { ok: true; words: string[] } | { ok: false; reason: string };

/** "Rec IR4 / front-door" -> ["rec", "ir4", "front", "door"]: lower case, split at anything but letters and digits. */
function wordsOf(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/** The words of a search as typed, or what to fix: too long, or holding a control character. */
export function readSearchText(text: string): SearchText {
  if (text.length > SearchLimit.text) {
    return {
      ok: false,
      reason: `Your search is ${text.length} characters long; search with at most ${SearchLimit.text}, such as a reference ("Rec IR4"), a review, a directorate or an owner's email.`,
    };
  }
  const problem = controlCharacterProblem("Your search", text);
  if (problem) return { ok: false, reason: problem };
  const words = wordsOf(text);
  if (words.length === 0 && text.trim() !== "")
    return {
      ok: false,
      reason: `Your search has no letters or digits to look for: type a reference ("Rec IR4"), a review, a directorate or an owner's email.`,
    };
  return { ok: true, words };
}

const directorateNames = new Map(DIRECTORATES.map((d) => [d.id, d.name]));

/**
 * Register items are never changed in place (a reload replaces an item, and every item of a review whose
 * title changed), so each item's words are worked out once.
 */
const wordsByItem = new WeakMap<RegisterItem, string[]>();

/** The words an item is found by, each once. */
function searchableWords(review: RegisterReview, item: RegisterItem): string[] {
  let words = wordsByItem.get(item);
  if (!words) {
    words = wordsFor(review, item);
    wordsByItem.set(item, words);
  }
  return words;
}

function wordsFor(review: RegisterReview, item: RegisterItem): string[] {
  return [
    ...new Set(
      wordsOf(
        [
          item.ref,
          review.title,
          review.body ?? "",
          review.directorateId,
          directorateNames.get(review.directorateId) ?? "",
          item.ownerEmail ?? "",
        ].join(" "),
      ),
    ),
  ];
}

/** How well an item matches: its reference exactly, then every word in its reference, then elsewhere. */
function rank(item: RegisterItem, words: readonly string[]): number {
  const ref = wordsOf(item.ref);
  if (ref.join(" ") === words.join(" ")) return 0;
  return words.every((word) => ref.some((part) => part.startsWith(word))) ? 1 : 2;
}

/**
 * The items matching every word, best first and otherwise in register order; with no words, the open items
 * the viewer owns or keeps updated as delegate (none when their email is unknown). Only items the compose
 * box's audience may see are looked at.
 */
export function searchItems(
  reviews: readonly RegisterReview[],
  words: readonly string[],
  ownerEmail: string | null,
): SearchMatch[] {
  const me = ownerEmail?.trim().toLowerCase() ?? null;
  const found: (SearchMatch & { rank: number })[] = [];
  for (const review of reviews) {
    for (const item of review.items) {
      if (!mayShowItem(COMPOSE_BOX_AUDIENCE, item, review)) continue;
      if (words.length === 0) {
        const mine =
          me !== null &&
          (item.ownerEmail?.trim().toLowerCase() === me || item.delegateEmail?.trim().toLowerCase() === me);
        if (mine && isOpen(item.progress)) found.push({ review, item, rank: 0 });
        continue;
      }
      const own = searchableWords(review, item);
      if (words.every((word) => own.some((part) => part.startsWith(word))))
        found.push({ review, item, rank: rank(item, words) });
    }
  }
  // Array.prototype.sort is stable: equal ranks keep the register's order.
  return found.sort((a, b) => a.rank - b.rank).map(({ review, item }) => ({ review, item }));
}
