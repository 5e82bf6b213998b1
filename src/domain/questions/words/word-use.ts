/**
 * Which words of a question the parser applied. Each reader marks the words it used; what is left, less
 * filler ("please", "can you tell me", "which", "the"), is named in the answer ("I did not use: 'this
 * quarter'"), so an answer never looks as if it applied a word it ignored. Positions are the question's own.
 */
import { words } from "../parse/text.js";
import { wordsMatch } from "./review-titles.js";

/** Words that ask, point or are polite: they carry no condition, so leaving them out drops nothing. */
const FILLER = new Set(
  (
    "a an the of to in on at for from with about and or but is are was were be been being am do does did done has have had " +
    "will would can could should shall may might must please pls kindly tell me show give list let know see find get getting " +
    "i we you us our your they them their it its he she this that these those there here which what whats who whom whose " +
    "where when how why any anything all every each some still just currently current now yet already also so then as if " +
    "thanks thank hi hello hey bot tracker quick question want wanted need needs needed needing like look looking see seeing " +
    "item items recommendation recommendations rec recs action actions thing things stuff one ones work register " +
    "status statuses progress position latest overview happening going on where are we say says said " +
    "there's theres whats's im ive id there re about regarding concerning currently right ok okay"
  ).split(/\s+/),
);

/** Filler that belongs with the word after it when that word is named: "this quarter", "that review". */
const POINTING = new Set(["this", "that", "these", "those", "next", "last"]);

interface Token {
  start: number;
  end: number;
  words: string[];
}

/** The words of a text with their positions, "Children's" and "2023/24" each one token. */
function tokens(text: string): Token[] {
  return [...text.matchAll(/[a-z0-9]+(?:['/&-][a-z0-9]+)*/gi)].map((m) => ({
    start: m.index ?? 0,
    end: (m.index ?? 0) + m[0].length,
    words: words(m[0]),
  }));
}

function global(pattern: RegExp): RegExp {
  return new RegExp(pattern.source, pattern.flags.includes("g") ? pattern.flags : `${pattern.flags}g`);
}

export class WordUse {
  private readonly used: boolean[];

  /** `text`: the question as the parser reads it (lower case, same positions as the text shown back). */
  constructor(private readonly text: string) {
    this.used = new Array<boolean>(text.length).fill(false);
  }

  /** Marks a span as applied. */
  span(start: number, end: number): void {
    for (let i = Math.max(0, start); i < Math.min(end, this.text.length); i += 1) this.used[i] = true;
  }

  /** Marks every match of a pattern as applied; true when it matched at all. */
  take(pattern: RegExp): boolean {
    // Overlapping matches too: "decided not to implement" is "decided not to" and "not to implement".
    const search = global(pattern);
    let found = false;
    for (let m = search.exec(this.text); m; m = search.exec(this.text)) {
      found = true;
      this.span(m.index, m.index + m[0].length);
      search.lastIndex = m.index + 1;
    }
    return found;
  }

  /** Marks the words (as `words()` normalises them, loosely matched) wherever they occur. */
  words(applied: Iterable<string>): void {
    const list = [...applied];
    if (!list.length) return;
    for (const token of tokens(this.text))
      if (token.words.some((w) => list.some((a) => wordsMatch(a, w)))) this.span(token.start, token.end);
  }

  /** Marks what a text blanked by a reader (same length, applied spans as spaces) no longer holds. */
  blanked(before: string, after: string): void {
    for (let i = 0; i < Math.min(before.length, after.length); i += 1)
      if (before[i] !== " " && after[i] === " ") this.used[i] = true;
  }

  /**
   * The phrases not applied, as written in `shown` (the same text before lower-casing): runs of unused words,
   * joined across filler ("value for money"), filler trimmed from their ends.
   */
  unused(shown: string): string[] {
    const phrases: string[] = [];
    let run: Token[] = [];
    let pendingFiller: Token[] = [];
    let leading: Token | undefined;
    const flush = () => {
      if (run.length) phrases.push(shown.slice(run[0]!.start, run[run.length - 1]!.end));
      run = [];
      pendingFiller = [];
    };
    for (const token of tokens(this.text)) {
      const applied = this.used.slice(token.start, token.end).some(Boolean);
      const filler = token.words.every((w) => FILLER.has(w));
      // Punctuation between words ends a phrase: "late, this quarter" are two things not used.
      const gap = run.length ? this.text.slice((pendingFiller.at(-1) ?? run.at(-1)!).end, token.start) : "";
      if (/[,;:?!.()]/.test(gap)) flush();
      if (applied) flush();
      else if (filler) {
        if (run.length) pendingFiller.push(token);
        else leading = POINTING.has(token.words.join(" ")) ? token : undefined;
      } else {
        // "this year" is the phrase not used, not "year".
        if (!run.length && leading) run.push(leading);
        run.push(...pendingFiller, token);
        pendingFiller = [];
      }
      if (applied || !filler) leading = undefined;
    }
    flush();
    return [...new Set(phrases)];
  }
}

/** What a count or new-reviews question applied: its patterns, the spans it read, and the text a reader blanked. */
export interface CountWords {
  patterns: readonly RegExp[];
  spans: readonly { start: number; end: number }[];
  /** `lower` with the "since" phrase blanked, when one was read. */
  blanked?: string;
  /** The asker's reason, named as not used. */
  reason?: { start: number; end: number };
}

/** The words of a count question ("how many were implemented since April?") it did not apply, as typed. */
export function countWordsNotUsed(lower: string, shown: string, applied: CountWords): string[] {
  const use = new WordUse(lower);
  for (const pattern of applied.patterns) use.take(pattern);
  for (const span of applied.spans) use.span(span.start, span.end);
  if (applied.blanked) use.blanked(lower, applied.blanked);
  const unused = use.unused(shown);
  if (applied.reason) unused.push(shown.slice(applied.reason.start, applied.reason.end));
  return unused;
}
