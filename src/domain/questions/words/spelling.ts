/**
 * Small misspellings of the words the question parser knows ("whats dleayed", "what's delayd in CYPS?",
 * "overdeu", "actoins", "childrns", "opne"), put right before parsing. Only the parser's own vocabulary is ever a
 * correction, never an arbitrary word; a word from a review title or an inspecting body's name is left
 * alone; and a correction needs one clear nearest word (or a tie within one word family, "delayd" ->
 * "delayed" rather than "delays").
 */

/** Word families the parser's patterns use; the first word of a family wins a tie inside it. */
const FAMILIES: readonly (readonly string[])[] = [
  ["delayed", "delay", "delays"],
  ["overdue"],
  ["actions", "action"],
  ["outstanding"],
  ["open"],
  ["awaiting"],
  ["started", "start"],
  ["revised", "revision", "revisions"],
  ["implemented", "implement"],
  ["completed", "complete", "completion"],
  ["significant", "significantly"],
  ["partly", "partially"],
  ["slipping", "slipped"],
  ["behind"],
  ["progress"],
  ["recommendations", "recommendation"],
  ["inspections", "inspection"],
  ["reviews", "review"],
  ["summary"],
  ["months", "month"],
  ["targets", "target"],
  ["directorates", "directorate"],
  ["improvement", "improvements"],
  ["suggestions", "suggestion"],
  ["considerations", "consideration"],
  ["requirements", "requirement"],
  ["committee"],
  ["since"],
  ["report"],
  ["track"],
  ["assigned"],
  ["delivered"],
  ["children", "childrens"],
  ["adults", "adult"],
  ["housing"],
  ["finance"],
  ["regeneration"],
  ["environment"],
  ["customer"],
  ["services", "service"],
  ["social"],
  ["health"],
  ["public"],
  ["extended", "extensions", "extension"],
  ["milestones", "milestone"],
  ["approval"],
];

/** Real words near the vocabulary that mean something else: known, so never corrected. */
const KNOWN_ELSEWHERE = [
  "later",
  "latest",
  "relayed",
  "acting",
  "action's",
  "started",
  "starts",
  "reports",
  "tracks",
  "serviced",
  "health's",
  "extensive",
  "expended",
  "extender",
];

const VOCABULARY = new Map<string, number>();
FAMILIES.forEach((family, index) => family.forEach((word) => VOCABULARY.set(word, index)));
const KNOWN = new Set([...VOCABULARY.keys(), ...KNOWN_ELSEWHERE]);

/** Edit distance with adjacent transpositions (optimal string alignment), stopping early past `limit`. */
export function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i += 1) rows.push([i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 0; j <= b.length; j += 1) rows[0]![j] = j;
  for (let i = 1; i <= a.length; i += 1) {
    let best = Number.POSITIVE_INFINITY;
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        value = Math.min(value, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = value;
      best = Math.min(best, value);
    }
    if (best > limit) return limit + 1;
  }
  return rows[a.length]![b.length]!;
}

function sorted(word: string): string {
  return [...word].sort().join("");
}

/** How far a word may be from the one meant: one slip in a word of 5 to 8 letters, two in a longer one. */
function allowedDistance(length: number): number {
  if (length < 5) return 0;
  return length <= 8 ? 1 : 2;
}

/** The vocabulary word a misspelt word means, when there is one clear answer. */
export function correctWord(word: string, protectedWords: ReadonlySet<string>): string | null {
  const lower = word.toLowerCase();
  // A four-letter word only by two swapped letters ("opne"): any other slip in so short a word is another word.
  if (lower.length === 4 && !KNOWN.has(lower) && !protectedWords.has(lower)) {
    const swapped = [...VOCABULARY.keys()].find(
      (w) => w.length === 4 && editDistance(lower, w, 1) === 1 && sorted(w) === sorted(lower),
    );
    if (swapped) return swapped;
  }
  const limit = allowedDistance(lower.length);
  if (limit === 0 || KNOWN.has(lower) || protectedWords.has(lower) || /\d/.test(lower)) return null;
  let bestDistance = limit + 1;
  let best: string[] = [];
  for (const candidate of VOCABULARY.keys()) {
    const distance = editDistance(lower, candidate, limit);
    if (distance < bestDistance) {
      bestDistance = distance;
      best = [candidate];
    } else if (distance === bestDistance) best.push(candidate);
  }
  if (bestDistance > limit || best.length === 0) return null;
  const families = new Set(best.map((w) => VOCABULARY.get(w)));
  if (families.size !== 1) return null;
  const family = FAMILIES[[...families][0]!]!;
  return family.find((w) => best.includes(w)) ?? null;
}

/** The question with each clearly misspelt vocabulary word put right; everything else exactly as typed. */
export function correctSpelling(text: string, protectedWords: ReadonlySet<string>): string {
  return text.replace(/[A-Za-z]+/g, (word) => correctWord(word, protectedWords) ?? word);
}
