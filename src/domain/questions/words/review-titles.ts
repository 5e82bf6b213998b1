/**
 * Loose matching of a question's words against the register's review titles ("focused visit" -> "Ofsted
 * Focused Visit"), with stop words, weak words and acronyms.
 */
import { normaliseYears, words } from "../parse/text.js";

/** Words that say what kind of question it is, never which review. */
export const STOP_WORDS = new Set(
  (
    "a about after again against all already also am an and any anything are aren around as ask at be because been before being below between both but by can could " +
    "did do does doing done down during each else every everything for from further get give go going had has have having here how i if in into is isn it its " +
    "just know let like list me more most my mine need needs needing no nor not now of off on once only or other our ours out over own please re same see should " +
    "show so some something still such tell than that the their theirs them then there these they things thing this those through to too under until up us " +
    "very view want was we were what whats when where which while who whom why will with would yet you your " +
    "progress status statuses state update updates updated updating latest current currently position overview happening summary " +
    "item items recommendation recommendations rec recs action actions area areas improvement improvements key kr krs ir irs afi afis " +
    "suggestion suggestions consideration considerations theme themes requirement requirements comment comments " +
    "delayed delay delays late overdue behind slipped slipping slip due open outstanding complete completed completion closed finished " +
    "target targets date dates deadline deadlines revised revision revisions original originally months month years year past since last " +
    "end start started starting awaiting tbc tba confirmed track partly partially slightly significant significantly implement implemented implementing " +
    "decided decide chose chosen reported reporting delivered delivering delivery another different directorate directorates responsible " +
    "new ongoing remaining anyone anybody everyone one ones stuff twelve weeks week days day today tomorrow next coming upcoming soon " +
    "many much number count how whats lot lots oversee overseeing overseen monitoring monitor committee partner partners left"
  ).split(/\s+/),
);

/** Words in many titles: they count for less on their own. */
export const WEAK_WORDS = new Set(
  "review reviews inspection inspections audit audits peer visit visits report reports assessment assessments arrangements annual local authority council rotherham service services challenge challenges plan programme board".split(
    " ",
  ),
);

export function wordWeight(word: string): number {
  if (STOP_WORDS.has(word)) return 0;
  if (/^\d{1,3}$/.test(word) || word.length < 2) return 0;
  if (WEAK_WORDS.has(word)) return 0.5;
  return 1;
}

export function stem(word: string): string {
  if (word.endsWith("ies") && word.length > 4) return `${word.slice(0, -3)}y`;
  if (word.endsWith("s") && !word.endsWith("ss") && word.length > 3) return word.slice(0, -1);
  return word;
}

export function wordsMatch(a: string, b: string): boolean {
  if (a === b || stem(a) === stem(b)) return true;
  const shorter = a.length <= b.length ? a : b;
  const longer = shorter === a ? b : a;
  return shorter.length >= 5 && !/\d/.test(shorter) && longer.startsWith(shorter);
}

export interface QuestionWord {
  word: string;
  weight: number;
  /** Part of a directorate or body the question named: it may support a title but not pick one alone. */
  named: boolean;
}

export interface TitleMatch {
  title: string;
  matched: Set<string>;
}

export const ACRONYM_SKIP = new Set(["of", "and", "the", "for", "in", "on", "to", "a", "an"]);

/** "Child Sexual Exploitation review" is the "CSE review": initials of every run of 3 to 5 words. */
export function titleAcronyms(title: string): string[] {
  const initials = words(title.replace(/\([^()]*\)/g, " "))
    .filter((w) => !ACRONYM_SKIP.has(w) && /^[a-z]/.test(w))
    .map((w) => w[0]!);
  const acronyms: string[] = [];
  for (let length = 3; length <= 5; length += 1) {
    for (let i = 0; i + length <= initials.length; i += 1) acronyms.push(initials.slice(i, i + length).join(""));
  }
  return acronyms;
}

export function titleYear(title: string): number {
  const years = [...normaliseYears(title).matchAll(/\b(20\d{2})\b/g)].map((m) => Number(m[1]));
  return years.length ? Math.max(...years) : 0;
}

/**
 * The register title a question names, by word overlap: "focused visit" -> "Ofsted Focused Visit",
 * "2023/24 VFM" -> "2023/24 VFM arrangements (Grant Thornton)". Ties go to the latest year, else to nobody.
 */
export function matchTitle(questionWords: readonly QuestionWord[], titles: readonly string[]): TitleMatch | undefined {
  interface Candidate extends TitleMatch {
    score: number;
    unmatched: number;
    year: number;
  }
  const candidates: Candidate[] = [];
  for (const title of new Set(titles)) {
    const titleWords = [...words(title), ...titleAcronyms(title)];
    const mainWords = words(title.replace(/\([^()]*(?:\([^()]*\)[^()]*)*\)\s*$/, " "));
    let score = 0;
    let own = 0;
    const matched = new Set<string>();
    for (const q of questionWords) {
      if (q.weight === 0 || matched.has(q.word)) continue;
      if (!titleWords.some((t) => wordsMatch(q.word, t))) continue;
      matched.add(q.word);
      score += q.weight;
      if (!q.named) own += q.weight;
    }
    if (score < 1 || own < 1) continue;
    const unmatched = mainWords.filter(
      (t) => wordWeight(t) === 1 && !/^20\d{2}(?:\/\d{2})?$/.test(t) && ![...matched].some((q) => wordsMatch(q, t)),
    ).length;
    candidates.push({ title, matched, score, unmatched, year: titleYear(title) });
  }
  if (candidates.length === 0) return undefined;
  candidates.sort((a, b) => b.score - a.score || a.unmatched - b.unmatched);
  const best = candidates[0]!;
  const tied = candidates.filter((c) => c.score === best.score && c.unmatched === best.unmatched);
  if (tied.length === 1) return best;
  const latest = Math.max(...tied.map((c) => c.year));
  const newest = tied.filter((c) => c.year === latest);
  return latest > 0 && newest.length === 1 ? newest[0] : undefined;
}
