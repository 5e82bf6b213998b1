/**
 * Reading the questions people ask the bot in Teams (DOMAIN.md section 6), without a language model:
 * keywords, the council's names for directorates and inspecting bodies, loose matching of review titles
 * against the register, and the dates people write ("by the end of September", "before the July Audit
 * Committee"). Pure: `today` (a date in Europe/London) comes in with the context. A question it cannot
 * map is never met with silence: it answers `unknown` with example questions close to what was asked.
 */
import { addDays, addMonths, daysInMonth, endOfMonth, formatDay, isIsoDate, isoDate, splitIsoDate, type IsoDate } from "./calendar-date.js";
import { DIRECTORATES, directorateNameKey, findDirectorate, type DirectorateDefinition } from "./directorates.js";
import { Status } from "./status.js";
import { correctSpelling } from "./question-spelling.js";

export const QuestionKind = {
  help: "help",
  items: "items",
  newReviews: "new_reviews",
  implementedCount: "implemented_count",
  summary: "summary",
  /** "thanks", "ok", "cheers": a short reply, not the help card. */
  courtesy: "courtesy",
  unknown: "unknown",
} as const;
export type QuestionKind = (typeof QuestionKind)[keyof typeof QuestionKind];

export const SinceKind = { lastReport: "last_report", date: "date" } as const;
export type SinceKind = (typeof SinceKind)[keyof typeof SinceKind];

/**
 * "Since the last report", or since a date. `date` means as `countPeriod`'s `since` does: what happened
 * after that day counts. "since 1 March 2025" and "since March 2025" therefore give 2025-02-28, so March counts.
 */
export type SinceRef = { kind: typeof SinceKind.lastReport } | { kind: typeof SinceKind.date; date: IsoDate };

/** Item kinds as the register stores them (register-row.ts `kindFromRef`). */
export const ItemKindName = {
  recommendation: "recommendation",
  keyImprovementRecommendation: "key_improvement_recommendation",
  improvementRecommendation: "improvement_recommendation",
  areaForImprovement: "area_for_improvement",
  suggestion: "suggestion",
  consideration: "consideration",
  theme: "theme",
  requirement: "requirement",
  comment: "comment",
  action: "action",
} as const;
export type ItemKindName = (typeof ItemKindName)[keyof typeof ItemKindName];

/** Which items a question asks about. Every field is optional; the fields set are combined with AND. */
export interface ItemFilter {
  /** Computed status is one of these. */
  statuses?: Status[];
  /** Computed status partly_delayed or significant_delay. */
  delayed?: boolean;
  /** Open and past its effective target (revised, else original). */
  overdue?: boolean;
  /** Computed status significant_delay: more than 12 months past the original target. */
  moreThan12Months?: boolean;
  /** The reporting directorate's canonical ID (directorates.ts). */
  directorateId?: string;
  /** Inspecting body, matched case-insensitively against the review's body or title ("Ofsted", "LGA"). */
  body?: string;
  /** One title from the register, exactly as the register holds it. */
  reviewTitle?: string;
  /** Item kinds as stored ("key_improvement_recommendation", "area_for_improvement"). */
  itemKinds?: string[];
  /** Owned by the person asking (item.ownerEmail). */
  mine?: boolean;
  /** not_started or in_progress. */
  open?: boolean;
  /** Open, with an effective target (revised, else original) on or before this day. */
  dueBy?: IsoDate;
  /** Revised target set and different from the original. */
  revised?: boolean;
  /** Open and either awaiting start or without a usable target date (TBC, n/a, blank). */
  awaitingStartOrTbc?: boolean;
  /** Responsible unit set and not the reporting directorate (another directorate, a service elsewhere, a partner). */
  deliveredElsewhere?: boolean;
  /** The directorate the responsible unit belongs to ("delivered by housing" -> ACHPH). */
  deliveredBy?: string;
  /** Progress no_action_required: decided not to implement, removed, no further action. */
  notImplementing?: boolean;
  /** An oversight body named in the review's narrative or updates ("CYPS Evidence Challenge Panel"). */
  overseenBy?: string;
}

export type Question =
  | { kind: typeof QuestionKind.help }
  | {
      kind: typeof QuestionKind.items;
      filter: ItemFilter;
      /** A short heading for the answer card: "Delayed items in Children and Young People's Services". */
      description: string;
      /** "Which of my actions need an update before the July Audit Committee?": the day updates are wanted by. */
      updateBy?: IsoDate;
    }
  | { kind: typeof QuestionKind.newReviews; since: SinceRef; directorateId?: string }
  | { kind: typeof QuestionKind.implementedCount; since: SinceRef; byDirectorate: boolean; directorateId?: string }
  | { kind: typeof QuestionKind.summary }
  | { kind: typeof QuestionKind.courtesy }
  | {
      kind: typeof QuestionKind.unknown;
      /** 3 to 5 example questions close to what was asked; each one parses to an answerable question. */
      suggestions: string[];
      /** Why it cannot be answered, when that is known ("the register does not hold Council Plan measures"). */
      note?: string;
    };

export interface QuestionContext {
  /** A date in Europe/London. */
  today: IsoDate;
  /** Review titles from the register, for loose title matching. */
  reviewTitles: readonly string[];
  /** Inspecting bodies from the register. */
  bodies: readonly string[];
}

// ---------------------------------------------------------------------------------------------
// Text

const MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"] as const;
const MONTH_RE = "(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)";
const MONTH_INDEX: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12,
};

function monthOf(word: string): number {
  return MONTH_INDEX[word.toLowerCase().slice(0, 3)] ?? 0;
}

function monthName(month: number): string {
  return MONTH_NAMES[month - 1] ?? "";
}

/** What Teams hands over, made plain: mention residue and markup gone, quotes and dashes straightened. */
function cleanText(text: string): string {
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
function blank(text: string, start: number, end: number): string {
  return text.slice(0, start) + " ".repeat(end - start) + text.slice(end);
}

/** "2023-24", "2023/2024", "23/24" -> "2023/24", as the council writes a financial year. */
function normaliseYears(text: string): string {
  return text.replace(/\b(?:20)?(\d{2})\s?[/-]\s?(?:20)?(\d{2})\b/g, (whole, a: string, b: string) =>
    (Number(a) + 1) % 100 === Number(b) ? `20${a}/${b}` : whole,
  );
}

/** Lower-case words for matching: "Children's" -> "childrens", "&" -> "and", financial years kept whole. */
function words(text: string): string[] {
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

// ---------------------------------------------------------------------------------------------
// Directorates

/** Names people use in questions beyond the register's aliases (directorates.ts). */
const QUESTION_DIRECTORATE_NAMES: Record<string, readonly string[]> = {
  CYPS: ["children", "childrens", "children and young people", "children and young peoples", "childrens social care", "cyp"],
  ACHPH: ["adult", "adults", "adult care", "adult services", "adults services", "adult social care", "adult care and housing", "housing", "housing services", "housing service", "public health"],
  RE: ["regeneration", "regen", "environment", "r and e", "regeneration and environment"],
  FCS: ["finance", "finance and customer services", "customer services"],
  ACEX: ["assistant chief executive", "assistant chief executives", "chief executives", "acex", "acx"],
};
const EXTRA_NAMES = new Map<string, string>();
for (const [id, names] of Object.entries(QUESTION_DIRECTORATE_NAMES)) for (const name of names) EXTRA_NAMES.set(directorateNameKey(name), id);

/** Abbreviations worth catching when two letters are swapped ("CPYS", "CYSP"). */
const ABBREVIATIONS = ["cyps", "acex", "achph"];

function isTransposition(word: string, target: string): boolean {
  if (word.length !== target.length || word === target) return false;
  for (let i = 0; i + 1 < word.length; i += 1) {
    if (word[i] !== target[i]) {
      return word[i] === target[i + 1] && word[i + 1] === target[i] && word.slice(i + 2) === target.slice(i + 2);
    }
  }
  return false;
}

function directorateById(id: string): DirectorateDefinition | undefined {
  return DIRECTORATES.find((d) => d.id === id);
}

function directorateForName(name: string, singleToken: boolean): DirectorateDefinition | undefined {
  // "re" in lower case is a word ("re: the audit"), not Regeneration and Environment.
  if (directorateNameKey(name).length <= 2 && /[a-z]/.test(name.replace(/\b(?:the|directorate|department)\b/gi, ""))) return undefined;
  const direct = findDirectorate(name);
  if (direct) return direct;
  const extra = EXTRA_NAMES.get(directorateNameKey(name));
  if (extra) return directorateById(extra);
  if (singleToken) {
    const lower = name.toLowerCase();
    const swapped = ABBREVIATIONS.find((abbr) => isTransposition(lower, abbr));
    if (swapped) return findDirectorate(swapped);
  }
  return undefined;
}

export interface DirectorateMention {
  id: string;
  /** Character offsets in the text searched. */
  start: number;
  end: number;
  text: string;
}

/** Every directorate a piece of text names, left to right, longest name first ("Children's Services", "R&E", "CPYS"). */
export function findDirectorateMentions(text: string): DirectorateMention[] {
  const tokens = [...text.matchAll(/[A-Za-z0-9](?:[A-Za-z0-9&'/.-]*[A-Za-z0-9])?/g)].map((m) => ({
    text: m[0],
    start: m.index ?? 0,
    end: (m.index ?? 0) + m[0].length,
  }));
  const mentions: DirectorateMention[] = [];
  let i = 0;
  while (i < tokens.length) {
    let found: DirectorateMention | undefined;
    let used = 0;
    for (let length = Math.min(6, tokens.length - i); length >= 1 && !found; length -= 1) {
      const first = tokens[i]!;
      const last = tokens[i + length - 1]!;
      const span = text.slice(first.start, last.end);
      const directorate = directorateForName(span, length === 1);
      if (directorate) {
        found = { id: directorate.id, start: first.start, end: last.end, text: span };
        used = length;
      }
    }
    if (found) {
      mentions.push(found);
      i += used;
    } else i += 1;
  }
  return mentions;
}

/** The directorate a responsible unit belongs to: "Housing services" -> ACHPH, "CYPS SEND service" -> CYPS. */
export function directorateOfUnit(unit: string | null | undefined): string | undefined {
  if (!unit) return undefined;
  return findDirectorate(unit)?.id ?? findDirectorateMentions(unit)[0]?.id;
}

/** "R&E" rather than "RE": how people write the short name. */
export function directorateShortName(id: string): string {
  return id === "RE" ? "R&E" : id;
}

// ---------------------------------------------------------------------------------------------
// Inspecting bodies and oversight bodies

/** Bodies the papers name, each with the other names it goes by; the first name is the one used in filters. */
const KNOWN_BODIES: readonly (readonly string[])[] = [
  ["Ofsted"],
  ["CQC", "Care Quality Commission"],
  ["LGA", "Local Government Association"],
  ["Grant Thornton", "GT"],
  ["KPMG"],
  ["Home Office"],
  ["DVSA"],
  ["DVLA"],
  ["SGSA", "Sports Ground Safety Authority"],
  ["Tpas"],
  ["DLUHC", "Department for Levelling Up, Housing and Communities"],
  ["DfE", "Department for Education"],
  ["Quest"],
  ["Treeconomics"],
];

function knownBodyGroup(name: string): readonly string[] | undefined {
  const key = words(name).join(" ");
  return KNOWN_BODIES.find((group) => group.some((alias) => words(alias).join(" ") === key));
}

/** Every name a body filter should match: "LGA" -> LGA, Local Government Association. */
export function bodyNames(body: string): string[] {
  return [...(knownBodyGroup(body) ?? [body])];
}

/** Oversight bodies written both ways in the papers (DOMAIN.md 1.3). */
const OVERSIGHT_ALIASES: readonly (readonly string[])[] = [
  ["SLT", "Strategic Leadership Team", "Senior Leadership Team"],
  ["RSAB", "Safeguarding Adults Board", "Rotherham Safeguarding Adults Board"],
  ["EDI Steering Group", "Equality, Diversity and Inclusion Steering Group"],
];

export function oversightNames(name: string): string[] {
  const key = words(name).join(" ");
  const group = OVERSIGHT_ALIASES.find((g) => g.some((alias) => words(alias).join(" ") === key));
  return [...(group ?? [name])];
}

interface BodyCandidate {
  phrase: string;
  value: string;
}

/** Names to look for in a question: the register's bodies, their bracketed parts and known aliases. */
function bodyCandidates(bodies: readonly string[]): BodyCandidate[] {
  const candidates: BodyCandidate[] = [];
  const add = (name: string) => {
    const trimmed = name.replace(/^(?:led by|conducted by|by)\s+(?:the\s+)?/i, "").replace(/\s+/g, " ").trim();
    if (words(trimmed).length === 0) return;
    const group = knownBodyGroup(trimmed);
    if (group) for (const alias of group) candidates.push({ phrase: words(alias).join(" "), value: group[0]! });
    else candidates.push({ phrase: words(trimmed).join(" "), value: trimmed });
  };
  for (const body of bodies) {
    add(body);
    const outside = body.replace(/\([^()]*(?:\([^()]*\)[^()]*)*\)/g, " ");
    if (outside.trim() !== body.trim()) add(outside);
    for (const m of body.matchAll(/\(([^()]+)\)/g)) add(m[1]!);
    const pair = /^\s*([A-Za-z]+)\s+(?:and|&|\+)\s+([A-Za-z]+)\s*$/.exec(body);
    if (pair) {
      add(pair[1]!);
      add(pair[2]!);
    }
  }
  for (const group of KNOWN_BODIES) for (const alias of group) candidates.push({ phrase: words(alias).join(" "), value: group[0]! });
  return candidates;
}

function findBody(text: string, bodies: readonly string[]): { value: string; phrase: string } | undefined {
  const haystack = ` ${words(text).join(" ")} `;
  let best: BodyCandidate | undefined;
  for (const candidate of bodyCandidates(bodies)) {
    if (!haystack.includes(` ${candidate.phrase} `)) continue;
    if (!best || candidate.phrase.length > best.phrase.length) best = candidate;
  }
  return best ? { value: best.value, phrase: best.phrase } : undefined;
}

// ---------------------------------------------------------------------------------------------
// Review titles

/** Words that say what kind of question it is, never which review. */
const STOP_WORDS = new Set(
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
const WEAK_WORDS = new Set(
  "review reviews inspection inspections audit audits peer visit visits report reports assessment assessments arrangements annual local authority council rotherham service services challenge challenges plan programme board".split(" "),
);

function wordWeight(word: string): number {
  if (STOP_WORDS.has(word)) return 0;
  if (/^\d{1,3}$/.test(word) || word.length < 2) return 0;
  if (WEAK_WORDS.has(word)) return 0.5;
  return 1;
}

function stem(word: string): string {
  if (word.endsWith("ies") && word.length > 4) return `${word.slice(0, -3)}y`;
  if (word.endsWith("s") && !word.endsWith("ss") && word.length > 3) return word.slice(0, -1);
  return word;
}

function wordsMatch(a: string, b: string): boolean {
  if (a === b || stem(a) === stem(b)) return true;
  const shorter = a.length <= b.length ? a : b;
  const longer = shorter === a ? b : a;
  return shorter.length >= 5 && !/\d/.test(shorter) && longer.startsWith(shorter);
}

interface QuestionWord {
  word: string;
  weight: number;
  /** Part of a directorate or body the question named: it may support a title but not pick one alone. */
  named: boolean;
}

interface TitleMatch {
  title: string;
  matched: Set<string>;
}

const ACRONYM_SKIP = new Set(["of", "and", "the", "for", "in", "on", "to", "a", "an"]);

/** "Child Sexual Exploitation review" is the "CSE review": initials of every run of 3 to 5 words. */
function titleAcronyms(title: string): string[] {
  const initials = words(title.replace(/\([^()]*\)/g, " "))
    .filter((w) => !ACRONYM_SKIP.has(w) && /^[a-z]/.test(w))
    .map((w) => w[0]!);
  const acronyms: string[] = [];
  for (let length = 3; length <= 5; length += 1) {
    for (let i = 0; i + length <= initials.length; i += 1) acronyms.push(initials.slice(i, i + length).join(""));
  }
  return acronyms;
}

function titleYear(title: string): number {
  const years = [...normaliseYears(title).matchAll(/\b(20\d{2})\b/g)].map((m) => Number(m[1]));
  return years.length ? Math.max(...years) : 0;
}

/**
 * The register title a question names, by word overlap: "focused visit" -> "Ofsted Focused Visit",
 * "2023/24 VFM" -> "2023/24 VFM arrangements (Grant Thornton)". Ties go to the latest year, else to nobody.
 */
function matchTitle(questionWords: readonly QuestionWord[], titles: readonly string[]): TitleMatch | undefined {
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
    const unmatched = mainWords.filter((t) => wordWeight(t) === 1 && !/^20\d{2}(?:\/\d{2})?$/.test(t) && ![...matched].some((q) => wordsMatch(q, t))).length;
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

// ---------------------------------------------------------------------------------------------
// Dates in questions

type DateSpec =
  | { kind: "span"; start: IsoDate; end: IsoDate }
  | { kind: "month"; month: number }
  | { kind: "day"; month: number; day: number };

interface DateMention {
  index: number;
  end: number;
  spec: DateSpec;
}

const NUMBER_WORDS: Record<string, number> = {
  a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
};
const NUM_RE = "(\\d{1,3}|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)";

function numberOf(text: string): number {
  return NUMBER_WORDS[text] ?? Number(text);
}

function span(start: IsoDate, end: IsoDate): DateSpec {
  return { kind: "span", start, end };
}

function monthSpan(today: IsoDate, offset: number): DateSpec {
  const { year, month } = splitIsoDate(addMonths(today.slice(0, 8) + "01", offset));
  return span(isoDate(year, month, 1), endOfMonth(year, month));
}

function yearSpan(today: IsoDate, offset: number): DateSpec {
  const year = splitIsoDate(today).year + offset;
  return span(isoDate(year, 1, 1), isoDate(year, 12, 31));
}

function quarterSpan(today: IsoDate, offset: number): DateSpec {
  const { year, month } = splitIsoDate(today);
  const firstMonth = Math.floor((month - 1) / 3) * 3 + 1;
  const start = addMonths(isoDate(year, firstMonth, 1), offset * 3);
  const end = addMonths(start, 2);
  const e = splitIsoDate(end);
  return span(start, endOfMonth(e.year, e.month));
}

function weekSpan(today: IsoDate, offset: number): DateSpec {
  const { year, month, day } = splitIsoDate(today);
  const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay(); // 0 Sunday
  const monday = addDays(today, -((weekday + 6) % 7) + offset * 7);
  return span(monday, addDays(monday, 6));
}

function financialYearSpan(today: IsoDate): DateSpec {
  const { year, month } = splitIsoDate(today);
  const endYear = month <= 3 ? year : year + 1;
  return span(isoDate(endYear - 1, 4, 1), isoDate(endYear, 3, 31));
}

function periodFrom(today: IsoDate, amount: number, unit: string, direction: 1 | -1): DateSpec {
  const days = unit.startsWith("day") ? amount : unit.startsWith("week") ? amount * 7 : 0;
  const moved = days ? addDays(today, direction * days) : addMonths(today, direction * amount);
  return direction === 1 ? span(today, moved) : span(moved, today);
}

const RELATIVE_DATES: readonly [RegExp, (today: IsoDate, m: RegExpMatchArray) => DateSpec][] = [
  [/\b(?:the )?end of next month\b|\bnext month\b/g, (t) => monthSpan(t, 1)],
  [/\b(?:the )?end of (?:the |this )?month\b|\bthis month\b|\bmonth[- ]end\b/g, (t) => monthSpan(t, 0)],
  [/\blast month\b|\bprevious month\b/g, (t) => monthSpan(t, -1)],
  [/\b(?:the )?(?:end of (?:the |this )?(?:financial|fiscal) year|(?:financial|fiscal) year[- ]end|year[- ]end)\b/g, (t) => financialYearSpan(t)],
  [/\b(?:the )?end of next year\b|\bnext year\b/g, (t) => yearSpan(t, 1)],
  [/\b(?:the )?end of (?:the |this )?(?:calendar )?year\b|\bthis year\b/g, (t) => yearSpan(t, 0)],
  [/\b(?:the )?(?:start|beginning) of (?:the |this )?year\b/g, (t) => yearSpan(t, 0)],
  [/\blast year\b/g, (t) => yearSpan(t, -1)],
  [/\bnext quarter\b/g, (t) => quarterSpan(t, 1)],
  [/\b(?:the )?end of (?:the |this )?quarter\b|\bthis quarter\b/g, (t) => quarterSpan(t, 0)],
  [/\bnext week\b/g, (t) => weekSpan(t, 1)],
  [/\b(?:the )?end of (?:the |this )?week\b|\bthis week\b/g, (t) => weekSpan(t, 0)],
  [/\btoday\b/g, (t) => span(t, t)],
  [/\bchristmas\b/g, () => ({ kind: "day", month: 12, day: 25 })],
  [/\btomorrow\b/g, (t) => span(addDays(t, 1), addDays(t, 1))],
  [new RegExp(`\\b(?:(?:in|within|over) )?(?:the )?(?:next|coming) ${NUM_RE} (days?|weeks?|months?)\\b`, "g"), (t, m) => periodFrom(t, numberOf(m[1]!), m[2]!, 1)],
  [new RegExp(`\\bwithin ${NUM_RE} (days?|weeks?|months?)\\b`, "g"), (t, m) => periodFrom(t, numberOf(m[1]!), m[2]!, 1)],
  [new RegExp(`\\b(?:(?:in|over|during) )?the (?:last|past|previous) ${NUM_RE} (days?|weeks?|months?)\\b`, "g"), (t, m) => periodFrom(t, numberOf(m[1]!), m[2]!, -1)],
];

/** Dates a question mentions, left to right, none overlapping. */
function scanDates(text: string, today: IsoDate): DateMention[] {
  const found: DateMention[] = [];
  const add = (m: RegExpMatchArray, spec: DateSpec | null) => {
    if (spec) found.push({ index: m.index ?? 0, end: (m.index ?? 0) + m[0].length, spec });
  };
  const dayOf = (year: number, month: number, day: number): DateSpec | null => {
    const date = isoDate(year, month, day);
    return isIsoDate(date) ? span(date, date) : null;
  };
  const fullYear = (y: string) => (y.length === 2 ? 2000 + Number(y) : Number(y));

  for (const m of text.matchAll(/\b(\d{4})-(\d{2})-(\d{2})\b/g)) add(m, dayOf(Number(m[1]), Number(m[2]), Number(m[3])));
  for (const m of text.matchAll(/\b(\d{1,2})[/.](\d{1,2})[/.](\d{4}|\d{2})\b/g)) add(m, dayOf(fullYear(m[3]!), Number(m[2]), Number(m[1])));
  for (const m of text.matchAll(new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?(?: of)? ${MONTH_RE}\\b\\.?(?:,? (\\d{4}))?`, "g"))) {
    const month = monthOf(m[2]!);
    const day = Number(m[1]);
    if (m[3]) add(m, dayOf(Number(m[3]), month, day));
    else if (day >= 1 && day <= 31) add(m, { kind: "day", month, day });
  }
  for (const m of text.matchAll(new RegExp(`\\b${MONTH_RE} (\\d{1,2})(?:st|nd|rd|th)?(?:,? (\\d{4}))?(?![\\d/])`, "g"))) {
    const month = monthOf(m[1]!);
    const day = Number(m[2]);
    if (m[3]) add(m, dayOf(Number(m[3]), month, day));
    else if (day >= 1 && day <= 31) add(m, { kind: "day", month, day });
  }
  for (const m of text.matchAll(new RegExp(`\\b((?:the )?end of )?${MONTH_RE}\\b\\.?(?:(?:,? |-|')(\\d{4})\\b|(?:-|')(\\d{2})\\b)?`, "g"))) {
    const word = m[2]!;
    const month = monthOf(word);
    const yearText = m[3] ?? m[4];
    if (yearText) {
      const year = fullYear(yearText);
      add(m, span(isoDate(year, month, 1), endOfMonth(year, month)));
      continue;
    }
    // "may" and "march" are words too: a bare one is a month only after "by", "in", "since" and the like.
    if (/^(?:may|march)$/i.test(word) && !m[1]) {
      const before = text.slice(0, m.index ?? 0);
      if (!/\b(?:by|before|in|since|until|till|from|after|during|of|for|to|due)\s*$/.test(before)) continue;
    }
    add(m, { kind: "month", month });
  }
  for (const [pattern, resolve] of RELATIVE_DATES) for (const m of text.matchAll(pattern)) add(m, resolve(today, m));

  found.sort((a, b) => a.index - b.index || b.end - b.index - (a.end - a.index));
  const kept: DateMention[] = [];
  let reached = -1;
  for (const mention of found) {
    if (mention.index >= reached) {
      kept.push(mention);
      reached = mention.end;
    }
  }
  return kept;
}

/** The last day a date can mean, looking forward: a month without a year is the next one that has not ended. */
function resolveEnd(spec: DateSpec, today: IsoDate): IsoDate {
  const { year } = splitIsoDate(today);
  if (spec.kind === "span") return spec.end;
  if (spec.kind === "month") {
    const end = endOfMonth(year, spec.month);
    return end >= today ? end : endOfMonth(year + 1, spec.month);
  }
  const clamp = (y: number) => isoDate(y, spec.month, Math.min(spec.day, daysInMonth(y, spec.month)));
  return clamp(year) >= today ? clamp(year) : clamp(year + 1);
}

/** The first day a date can mean, looking back: a month without a year is the latest one that has begun. */
function resolveStart(spec: DateSpec, today: IsoDate): IsoDate {
  const { year } = splitIsoDate(today);
  if (spec.kind === "span") return spec.start;
  if (spec.kind === "month") {
    const start = isoDate(year, spec.month, 1);
    return start <= today ? start : isoDate(year - 1, spec.month, 1);
  }
  const clamp = (y: number) => isoDate(y, spec.month, Math.min(spec.day, daysInMonth(y, spec.month)));
  return clamp(year) <= today ? clamp(year) : clamp(year - 1);
}

const LAST_REPORT =
  /\b(?:since|after) (?:the |our )?(?:last|previous|latest|most recent|prior) (?:audit committee |committee )?(?:report|audit committee|committee|update|meeting|cycle|time|period|round|paper)s?\b|\bsince last time\b|\bsince (?:we|i) last reported\b/g;

/** "Since the last report" or a date; the phrase is blanked so no other rule reads it again. */
function readSince(work: string, today: IsoDate, periods = false): { since: SinceRef; work: string; explicit: boolean } {
  let found = false;
  for (const m of work.matchAll(LAST_REPORT)) {
    work = blank(work, m.index ?? 0, (m.index ?? 0) + m[0].length);
    found = true;
  }
  if (found) return { since: { kind: SinceKind.lastReport }, work, explicit: true };
  for (const mention of scanDates(work, today)) {
    const before = work.slice(0, mention.index);
    const phrase = work.slice(mention.index, mention.end);
    const after = /\b(?:since|after|from)\s+(?:the\s+)?$/.test(before);
    const pastPeriod =
      (/\b(?:last|past|previous)\b/.test(phrase) && /\b(?:days?|weeks?|months?)\b/.test(phrase)) ||
      // "new this month", "implemented this year": only where the question is about a period.
      (periods && /^(?:(?:this|last|previous) (?:week|month|quarter|year)|the (?:start|beginning) of (?:the |this )?year)$/.test(phrase));
    if (after || pastPeriod) {
      const date = addDays(resolveStart(mention.spec, today), -1);
      const start = after ? before.search(/\b(?:since|after|from)\s+(?:the\s+)?$/) : mention.index;
      return { since: { kind: SinceKind.date, date }, work: blank(work, start, mention.end), explicit: true };
    }
  }
  return { since: { kind: SinceKind.lastReport }, work, explicit: false };
}

interface CommitteeRef {
  meeting: { year: number; month: number };
  /** The last day of the month before the meeting. */
  deadline: IsoDate;
}

const COMMITTEE = new RegExp(
  `\\b(?:before|by|ahead of|prior to|for|until|till|in time for|in advance of) (?:the )?(?:(next|upcoming|coming|forthcoming) )?(?:${MONTH_RE}(?: (\\d{4}))? )?(?:audit committee|committee)(?: meeting)?\\b`,
  "g",
);

/** "the July Audit Committee", "the next Audit Committee": the Audit Committee sits in January and July. */
function readCommittee(work: string, today: IsoDate): { ref?: CommitteeRef; work: string } {
  const m = COMMITTEE.exec(work);
  COMMITTEE.lastIndex = 0;
  if (!m) return { work };
  const { year: ty, month: tm } = splitIsoDate(today);
  let month = m[2] ? monthOf(m[2]) : tm === 1 ? 1 : tm <= 7 ? 7 : 1;
  let year = m[3] ? Number(m[3]) : m[2] ? (tm <= month ? ty : ty + 1) : tm <= 7 ? ty : ty + 1;
  if (!month) month = 7;
  if (!year) year = ty;
  const before = month === 1 ? { year: year - 1, month: 12 } : { year, month: month - 1 };
  return {
    ref: { meeting: { year, month }, deadline: endOfMonth(before.year, before.month) },
    work: blank(work, m.index, m.index + m[0].length),
  };
}

// ---------------------------------------------------------------------------------------------
// Keywords

const HELP_EXACT =
  /^(?:\/?help(?: me)?|commands?|menu|options|usage|start|get started|about|info|what can i (?:ask|say)(?: you)?|what can you do|what do you do|how does (?:this|it) work|how do i use (?:this|you|it|the bot)|what questions can i ask(?: you)?)$/;
const HELP_ANYWHERE =
  /^help\b|\bwhat can i ask\b|\bwhat can you (?:do|answer|tell me)\b|\bwhat questions can i\b|\b(?:list|show)(?: me)?(?: the)? commands\b|\bhow do i use (?:this|you|the bot)\b/;
const MEASURES =
  /\bcouncil plan\b|\bmeasures?\b|\bkpis?\b|\bperformance indicators?\b|\bdirection of travel\b|\bgetting worse\b|\bcomplaints?\b|\bombudsman\b|\bscrutiny work programme\b/;
const SUMMARY =
  /\bperiod summary\b|\bdraft\b.*\b(?:summary|report|paper)\b|\b(?:audit committee|six[- ]monthly|6[- ]monthly|half[- ]yearly|committee) (?:report|summary|paper)\b|\b(?:write|prepare|produce|generate|create)(?: up)? (?:the |a |an |our )?(?:period |committee |audit committee )?(?:summary|report)\b/;
const SUMMARY_LOOSE = /\bsummar(?:y|ise|ize)\b|\boverview\b/;
const COUNTING = /\bhow many\b|\bnumber of\b|\bcount\b|\btotals?\b|\bhow much\b/;
const IMPLEMENTED = /\b(?:implemented|completed|closed|delivered|signed off|finished|achieved)\b/;
const BY_DIRECTORATE =
  /\b(?:by|per|for each|each|across|for every|split by|broken down by|break(?:down| down) by)\s+(?:the\s+)?directorates?\b|\bdirectorate(?:-by-| by )directorate\b|\bdirectorate breakdown\b/;
const NEW_REVIEWS =
  /\bnew (?:inspections?|reviews?|audits?|visits?|assessments?|peer (?:reviews?|challenges?)|reports?|findings|items|recommendations|ones|outcomes?)\b|\b(?:come|came) in\b|\b(?:arrived|been received)\b|\bwhat'?s new\b|\bwhat is new\b|\banything new\b|\bany new\b/;
const OVERSEEING =
  /\b(?:what|which)(?: \w+)? (?:is|are|does|do|has|have)(?: been)? (?:the )?(.+?) (?:overseeing|oversee|monitoring|monitor|in charge of)\b/i;
const OVERSEEN_BY = /\b(?:overseen|monitored|scrutinised|scrutinized|supervised) by (?:the )?(.+?)\s*[?.!]*$/i;

const NOT_IMPLEMENTING =
  /\bnot (?:to |be |being |been |going to |yet to )*implement(?:ed|ing)?\b|\b(?:decided|chose|chosen|choosing|opted|agreed) not to\b|\bwon'?t (?:be )?implement|\bwill not (?:be )?implement|\brejected\b|\bdeclined\b|\bnot (?:being )?taken forward\b/;
const NOT_COMPLETE =
  /\b(?:not|isn'?t|aren'?t|yet to be|still to be)\s+(?:yet\s+)?(?:complete|completed|closed|finished|done|implemented)\b|\bincomplete\b|\bunfinished\b/;
const COMPLETE = /\b(?:complete|completed|closed|finished|implemented|signed off)\b/;
const ON_TRACK = /(?<!off[- ])\bon[- ]track\b|\b(?:not|aren'?t|isn'?t) (?:yet )?(?:delayed|late|behind)\b/;
const PARTLY = /\b(?:partly|partially|slightly|somewhat) delayed\b/;
const SIGNIFICANT = /\bsignificant(?:ly)? (?:delay|delays|delayed|late|behind)\b|\bseriously (?:delayed|late|behind)\b/;
const NO_ACTION = /\bno (?:further )?action(?: required)?\b|\bremoved\b|\boutcome unknown\b/;
const IN_PROGRESS = /\bin progress\b|\bunder ?way\b|\bbeing worked on\b/;
const MORE_THAN_12 =
  /\b(?:more than|over|longer than|beyond|greater than|in excess of|exceeding|at least|>)\s*(?:12|twelve) months\b|\b(?:more than|over) (?:a|one) year\b|\b(?:12|twelve)\+ months\b|\b(?:12|twelve) months or more\b|\byear (?:or more )?(?:late|overdue|behind)\b/;
const DELAYED = /\b(?:delayed|delays?|late|behind|slipp(?:ed|ing)|slipped|off[- ]track|off[- ]target|running late|at risk)\b/;
const OVERDUE =
  /\boverdue\b|\bpast (?:its|their|the) (?:target|due|deadline)(?: dates?)?\b|\bmissed (?:its |their |the )?(?:target|deadline)s?\b|\bout of date\b/;
const AWAITING_OR_TBC =
  /\bawaiting (?:a )?start\b|\bnot (?:yet )?(?:started|begun|scheduled)\b|\byet to (?:start|begin)\b|\b(?:have|has)(?:n'?t| not) (?:yet )?(?:started|begun)\b|\bnot started\b|\btbc\b|\btba\b|\bto be (?:confirmed|agreed)\b|\bno (?:target )?dates?\b|\bwithout (?:a )?(?:target|date)\b|\bno (?:target|deadline)s?\b/;
const REVISED =
  /\brevis(?:ed|ion|ions)\b|\bre-?dated\b|\bre-?scheduled\b|\bfrom what to what\b|\b(?:changed|moved|extended|pushed back|put back)\b.*\b(?:targets?|dates?|deadlines?)\b|\b(?:targets?|dates?|deadlines?)\b.*\b(?:changed|moved|extended|pushed back|put back)\b/;
const DELIVERED_ELSEWHERE =
  /\bdelivered (?:by|elsewhere|outside|through)\b|\b(?:another|other|different|a different|separate) (?:directorates?|service|services|team|teams|partners?)\b|\bresponsible (?:directorate|unit|service)\b|\bdelivering (?:directorate|service|unit)\b|\bpartners? deliver|\b(?:with|by) (?:our |the )?partners?\b/;
const OPEN = /\b(?:open|outstanding|live|remaining|unfinished|incomplete|still to do|to do|not yet done|needs? doing)\b/;
const MINE =
  /\bmy\b|\bmine\b|\bassigned to me\b|\bi own\b|\bowned by me\b|\bi'?m (?:the )?(?:owner|responsible)\b|\bi am (?:the )?(?:owner|responsible)\b|\bfor me\b|\bdo i have\b|\bi (?:need|have) to\b|\bdo i need\b/;
const ALL_MINE = /\ball (?:of )?my\b|\bevery(?:thing)? (?:of )?mine\b/;
const UPDATE = /\bupdates?\b|\bupdating\b|\bprogress reports?\b/;
const DUE_WORDS =
  /\b(?:due|deadlines?|by|before|until|till|up to|no later than|ending|end of|within|in the next|coming up|upcoming|target(?:ed)?|expected)\b/;
const DUE_ALONE = /\bdue\b|\bcoming up\b|\bupcoming\b|\bdeadlines?\b|\bfalls? due\b/;
const SCOPE_INTENT =
  /\b(?:status|progress|show|list|where are we|where is|how (?:are|is)|how'?s|what'?s happening|happening|going on|tell me|about|overview|position|update on|updates on|recommendations?|items?|actions?|areas? for improvement|suggestions?|considerations?|themes?|open|outstanding)\b/;
const ALL_ITEMS =
  /\b(?:all|every|everything|whole|full|entire)\b.*\b(?:items?|recommendations?|actions?|register|list)\b|^(?:list|show)(?: me)?(?: the)? (?:items|recommendations|actions|register|everything)$|^everything$/;

interface KindRule {
  kind: ItemKindName;
  pattern: RegExp;
  label: string;
}

const KIND_RULES: readonly KindRule[] = [
  { kind: ItemKindName.keyImprovementRecommendation, pattern: /\bkey (?:improvement )?recommendations?\b|\bkrs?\d*\b/g, label: "key improvement recommendations" },
  { kind: ItemKindName.improvementRecommendation, pattern: /\bimprovement recommendations?\b|\birs?\d*\b/g, label: "improvement recommendations" },
  { kind: ItemKindName.areaForImprovement, pattern: /\bareas? (?:for|of) improvement\b|\bimprovement areas?\b|\bafis?\b/g, label: "areas for improvement" },
  { kind: ItemKindName.suggestion, pattern: /\bsuggestions?\b/g, label: "suggestions" },
  { kind: ItemKindName.consideration, pattern: /\bconsiderations?\b/g, label: "considerations" },
  { kind: ItemKindName.theme, pattern: /\bthemes?\b/g, label: "themes" },
  { kind: ItemKindName.requirement, pattern: /\brequirements?\b/g, label: "requirements" },
];

const KIND_LABELS: Record<string, string> = Object.fromEntries(KIND_RULES.map((r) => [r.kind, r.label]));

/** Item kinds a question names, in the order it names them; "key improvement recommendations" is not also "improvement recommendations". */
function readItemKinds(text: string): string[] {
  let rest = text;
  const found: { kind: string; index: number }[] = [];
  for (const rule of KIND_RULES) {
    for (const m of rest.matchAll(rule.pattern)) {
      if (!found.some((f) => f.kind === rule.kind)) found.push({ kind: rule.kind, index: m.index ?? 0 });
      rest = blank(rest, m.index ?? 0, (m.index ?? 0) + m[0].length);
    }
  }
  return found.sort((a, b) => a.index - b.index).map((f) => f.kind);
}

// ---------------------------------------------------------------------------------------------
// Descriptions

const STATUS_WORDS: Record<Status, string> = {
  complete: "complete",
  on_track: "on-track",
  partly_delayed: "partly delayed",
  significant_delay: "significantly delayed",
  no_action_required: "no-action-required",
  not_started: "not-started",
};

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}

function statusWords(statuses: readonly Status[]): string {
  if (sameSet(statuses, [Status.onTrack, Status.notStarted])) return "on-track";
  if (sameSet(statuses, [Status.onTrack, Status.partlyDelayed, Status.significantDelay])) return "in-progress";
  return statuses.map((s) => STATUS_WORDS[s]).join(" or ");
}

function directorateName(id: string): string {
  return directorateById(id)?.name ?? id;
}

function committeeName(ref: { year: number; month: number }): string {
  return `${monthName(ref.month)} ${ref.year} Audit Committee`;
}

/** A heading for the answer card: "Delayed items in Children and Young People's Services". */
export function describeItemFilter(filter: ItemFilter, extra: { updateBefore?: string } = {}): string {
  const before: string[] = [];
  if (filter.mine) before.push("my");
  const impliesOpen = filter.dueBy || filter.overdue || filter.awaitingStartOrTbc || filter.delayed || filter.moreThan12Months || filter.statuses?.length;
  if (filter.open && !impliesOpen) before.push("open");
  if (filter.overdue) before.push("overdue");
  if (filter.delayed && !filter.moreThan12Months) before.push("delayed");
  if (filter.statuses?.length) before.push(statusWords(filter.statuses));

  const kinds = (filter.itemKinds ?? []).map((k) => KIND_LABELS[k] ?? `${k.replace(/_/g, " ")}s`);
  const noun = kinds.length ? kinds.join(" and ") : filter.mine ? "actions" : "items";

  const after: string[] = [];
  if (filter.moreThan12Months) after.push("more than 12 months past the original target");
  if (filter.dueBy) after.push(`due by ${formatDay(filter.dueBy)}`);
  if (filter.revised) after.push("with revised target dates");
  if (filter.awaitingStartOrTbc) after.push("awaiting start or with a TBC target");
  if (filter.notImplementing) after.push("we decided not to implement");
  if (filter.reviewTitle) after.push(`in ${filter.reviewTitle}`);
  if (filter.body && !(filter.reviewTitle && containsPhrase(filter.reviewTitle, filter.body))) after.push(`from ${filter.body}`);
  if (filter.deliveredElsewhere || filter.deliveredBy) {
    const by = filter.deliveredBy ? directorateName(filter.deliveredBy) : "another directorate or partner";
    after.push(filter.directorateId ? `reported under ${directorateName(filter.directorateId)} but delivered by ${by}` : `delivered by ${by} rather than the reporting directorate`);
  } else if (filter.directorateId) after.push(`in ${directorateName(filter.directorateId)}`);
  if (filter.overseenBy) after.push(`overseen by the ${filter.overseenBy.replace(/^the\s+/i, "")}`);
  if (extra.updateBefore) after.push(`to update before the ${extra.updateBefore}`);

  const anything = before.length || kinds.length || after.length;
  const text = anything ? [...before, noun, ...after].join(" ") : "all items";
  return text.charAt(0).toUpperCase() + text.slice(1);
}

// ---------------------------------------------------------------------------------------------
// Suggestions

function nextMonthEnd(today: IsoDate): { label: string } {
  const { year, month } = splitIsoDate(addMonths(today.slice(0, 8) + "01", 1));
  return { label: `${monthName(month)} ${year}` };
}

/** Example questions for the help card, each one the parser answers. */
export function exampleQuestions(today: IsoDate): string[] {
  return [
    "What's delayed?",
    "What's delayed in CYPS?",
    "Is anything more than 12 months past its original target date?",
    `What's due by the end of ${nextMonthEnd(today).label}?`,
    "List my open actions",
    "What new inspections have come in since the last report?",
    "How many recommendations were implemented since the last report, by directorate?",
    "Which items are reported under FCS but delivered by another directorate?",
    "Which target dates have been revised?",
    "What is awaiting start or has a TBC target?",
    "Draft the period summary",
  ];
}

interface SuggestionHints {
  directorateId?: string;
  body?: string;
  reviewTitle?: string;
  mine?: boolean;
}

function suggest(hints: SuggestionHints, today: IsoDate): string[] {
  const month = nextMonthEnd(today).label;
  const specific: string[] = [];
  if (hints.reviewTitle) specific.push(`Show progress on ${hints.reviewTitle}`, `What's delayed in ${hints.reviewTitle}?`);
  if (hints.directorateId) {
    const d = directorateShortName(hints.directorateId);
    specific.push(`What's delayed in ${d}?`, `What's due by the end of ${month} in ${d}?`, `Is anything in ${d} more than 12 months past its original target?`, `What is awaiting start or has a TBC target in ${d}?`);
  }
  if (hints.body) specific.push(`Status of the ${hints.body} recommendations`, `What's delayed from ${hints.body}?`);
  if (hints.mine) specific.push("List my open actions", "Which of my actions are due this month?", "Which of my actions are delayed?");
  const defaults = [
    "What's delayed?",
    "Is anything more than 12 months past its original target date?",
    `What's due by the end of ${month}?`,
    "List my open actions",
    "What new inspections have come in since the last report?",
    "How many recommendations were implemented since the last report, by directorate?",
  ];
  return [...new Set([...specific, ...defaults])].slice(0, 5);
}

// ---------------------------------------------------------------------------------------------
// The parser

/** Short courtesies on their own: they deserve a word back, not the help card. */
const COURTESY =
  /^(?:(?:ok(?:ay)?|thanks?(?: (?:you|a lot|very much|so much|again))?|thank you(?: (?:very much|so much|again))?|thx|ty|ta|cheers|great|cool|nice(?: one)?|perfect|brilliant|lovely|got it|will do|no worries|understood|noted|fab|super|good|awesome|that'?s (?:great|helpful|brilliant|perfect|lovely)|(?:ok(?:ay)?|great|brilliant|perfect|lovely)[ ,]+(?:thanks?|thank you|cheers|ta))[ ,!.]*)+$/;

/** Words of the register's own titles and bodies: a question naming them is not misspelt. */
const protectedWordsOf = new WeakMap<QuestionContext, Set<string>>();
function protectedWords(context: QuestionContext): Set<string> {
  let found = protectedWordsOf.get(context);
  if (!found) {
    found = new Set([...context.reviewTitles, ...context.bodies].flatMap((t) => t.toLowerCase().match(/[a-z]+/g) ?? []));
    protectedWordsOf.set(context, found);
  }
  return found;
}

export function parseQuestion(text: string, context: QuestionContext): Question {
  const { today } = context;
  const original = text.slice(0, 2000).replace(/<at>[\s\S]*?<\/at>/gi, " ").replace(/<[^>]*>/g, " ").trim().toLowerCase();
  if (COURTESY.test(original.replace(/[\u2018\u2019]/g, "'").replace(/\s+/g, " "))) return { kind: QuestionKind.courtesy };
  const cleaned = correctSpelling(cleanText(text), protectedWords(context));
  const lower = cleaned.toLowerCase();
  const bare = lower.replace(/^[\s?!.]+|[\s?!.]+$/g, "");
  if (!bare || HELP_EXACT.test(bare) || HELP_ANYWHERE.test(bare)) return { kind: QuestionKind.help };

  if (MEASURES.test(lower)) {
    return {
      kind: QuestionKind.unknown,
      note: "The register holds the recommendations from inspections, reviews and audits, not Council Plan performance measures, complaints or scrutiny.",
      suggestions: suggest({}, today),
    };
  }
  // "since the last audit committee report" is a period, not a request for the report.
  if (SUMMARY.test(lower.replace(LAST_REPORT, " "))) return { kind: QuestionKind.summary };

  const mentions = findDirectorateMentions(cleaned);
  const firstDirectorate = mentions[0]?.id;
  const mine = MINE.test(lower);
  const deliveredElsewhere = DELIVERED_ELSEWHERE.test(lower);

  // How many were implemented (since the last report, by directorate)?
  if (!NOT_IMPLEMENTING.test(lower) && !deliveredElsewhere && IMPLEMENTED.test(lower) && (COUNTING.test(lower) || /\bsince\b/.test(lower))) {
    const { since } = readSince(lower, today, true);
    return {
      kind: QuestionKind.implementedCount,
      since,
      byDirectorate: BY_DIRECTORATE.test(lower),
      ...(firstDirectorate ? { directorateId: firstDirectorate } : {}),
    };
  }

  // What new inspections have come in (since the last report)?
  if (!mine && NEW_REVIEWS.test(lower) && !/\bnew and revised\b/.test(lower)) {
    const { since } = readSince(lower, today, true);
    return { kind: QuestionKind.newReviews, since, ...(firstDirectorate ? { directorateId: firstDirectorate } : {}) };
  }

  // What is the CYPS Evidence Challenge Panel overseeing?
  const oversight = OVERSEEING.exec(cleaned) ?? OVERSEEN_BY.exec(cleaned);
  const overseer = oversight?.[1]?.replace(/^the\s+/i, "").replace(/[?.!\s]+$/, "").trim();
  const overseerIsDirectorate = overseer ? findDirectorate(overseer) : undefined;
  const overseerIsPerson = overseer ? /^(?:i|we|you|they|he|she|it|my|our|your|their|this|that|these|those)\b/i.test(overseer) : false;

  return readItemsQuestion(cleaned, lower, context, {
    mentions,
    mine,
    deliveredElsewhere,
    overseenBy: overseer && !overseerIsDirectorate && !overseerIsPerson && overseer.split(/\s+/).length <= 10 ? overseer : undefined,
  });
}

interface Signals {
  mentions: DirectorateMention[];
  mine: boolean;
  deliveredElsewhere: boolean;
  overseenBy: string | undefined;
}

function readItemsQuestion(cleaned: string, lower: string, context: QuestionContext, signals: Signals): Question {
  const { today } = context;
  const filter: ItemFilter = {};
  let work = lower;
  work = readSince(work, today).work;

  // Oversight questions name a board, not a directorate or a review.
  if (signals.overseenBy) {
    filter.overseenBy = signals.overseenBy;
    return { kind: QuestionKind.items, filter, description: describeItemFilter(filter) };
  }

  // Committee dates: "before the July Audit Committee".
  const committee = readCommittee(work, today);
  work = committee.work;
  let updateBy: IsoDate | undefined;
  let updateBefore: string | undefined;

  // Status words.
  const notImplementing = NOT_IMPLEMENTING.test(lower);
  if (notImplementing) filter.notImplementing = true;
  if (MORE_THAN_12.test(lower)) filter.moreThan12Months = true;
  const statuses: Status[] = [];
  if (SIGNIFICANT.test(lower) && !filter.moreThan12Months) statuses.push(Status.significantDelay);
  if (PARTLY.test(lower)) statuses.push(Status.partlyDelayed);
  if (ON_TRACK.test(lower)) statuses.push(Status.onTrack, Status.notStarted);
  if (IN_PROGRESS.test(lower) && statuses.length === 0) statuses.push(Status.onTrack, Status.partlyDelayed, Status.significantDelay);
  if (!notImplementing && NO_ACTION.test(lower)) filter.notImplementing = true;
  const notComplete = !notImplementing && NOT_COMPLETE.test(lower);
  if (!notImplementing && !notComplete && COMPLETE.test(lower)) statuses.push(Status.complete);
  if (statuses.length) filter.statuses = [...new Set(statuses)];

  if (!filter.moreThan12Months && !filter.statuses?.length && DELAYED.test(lower.replace(PARTLY, " ").replace(SIGNIFICANT, " ")) && !ON_TRACK.test(lower)) {
    filter.delayed = true;
  }
  if (!filter.moreThan12Months && OVERDUE.test(lower)) filter.overdue = true;
  if (AWAITING_OR_TBC.test(lower)) filter.awaitingStartOrTbc = true;
  if (REVISED.test(lower)) filter.revised = true;

  const kinds = readItemKinds(lower);
  if (kinds.length) filter.itemKinds = kinds;

  // Mine, and open.
  if (signals.mine) filter.mine = true;
  const closedAsked = Boolean(filter.statuses?.includes(Status.complete)) || Boolean(filter.notImplementing);
  if (notComplete || OPEN.test(lower) || (signals.mine && !closedAsked && !ALL_MINE.test(lower))) filter.open = true;

  // Directorates: the reporting one, and the one delivering ("reported under FCS but delivered by housing").
  if (signals.deliveredElsewhere) filter.deliveredElsewhere = true;
  for (const mention of signals.mentions) {
    const before = cleaned.slice(0, mention.start).toLowerCase();
    const delivering = signals.deliveredElsewhere && /\b(?:deliver(?:ed|s|ing)?|responsib\w*|done|led)\s+(?:by|through|with)?\s*(?:the\s+)?$/.test(before);
    if (delivering) filter.deliveredBy ??= mention.id;
    else filter.directorateId ??= mention.id;
  }

  // Dates: "due by the end of September", "due this month", "before the July Audit Committee".
  const dates = scanDates(work, today);
  const dueMention = dates[0];
  if (committee.ref) {
    if (UPDATE.test(lower)) {
      updateBy = committee.ref.deadline;
      updateBefore = committeeName(committee.ref.meeting);
      filter.open = true;
    } else filter.dueBy = committee.ref.deadline;
  }
  const closed = Boolean(filter.notImplementing) || Boolean(filter.statuses?.length && filter.statuses.every((s) => s === Status.complete));
  if (!filter.dueBy && !closed && dueMention && DUE_WORDS.test(work.replace(/\s+/g, " "))) {
    filter.dueBy = resolveEnd(dueMention.spec, today);
  } else if (!filter.dueBy && !closed && !updateBy && DUE_ALONE.test(lower) && !filter.overdue) {
    // "What's due?" with no date: the month ahead, overdue items included.
    filter.dueBy = addMonths(today, 1);
  }
  for (const mention of dates) work = blank(work, mention.index, mention.end);

  // Bodies and review titles.
  const body = findBody(work, context.bodies);
  const namedWords = new Set<string>();
  for (const mention of signals.mentions) for (const w of words(mention.text)) namedWords.add(w);
  if (body) for (const w of body.phrase.split(" ")) namedWords.add(w);
  const questionWords: QuestionWord[] = [];
  const seen = new Set<string>();
  for (const word of words(work.replace(/\baudit committee\b/g, " "))) {
    if (seen.has(word)) continue;
    seen.add(word);
    questionWords.push({ word, weight: wordWeight(word), named: namedWords.has(word) });
  }
  const title = matchTitle(questionWords, context.reviewTitles);
  if (title) filter.reviewTitle = title.title;
  if (body && !(title && containsPhrase(title.title, body.phrase))) filter.body = body.value;
  if (title && filter.directorateId && !filter.deliveredElsewhere) {
    // "Adult Social Care Peer Review" names a review, not the directorate: the title says it all.
    const mention = signals.mentions.find((m) => m.id === filter.directorateId);
    const significant = mention ? words(mention.text).filter((w) => wordWeight(w) > 0) : [];
    if (significant.length && significant.every((w) => [...title.matched].some((q) => wordsMatch(q, w)))) delete filter.directorateId;
  }
  const leftover = questionWords.filter((q) => q.weight > 0 && !q.named && !title?.matched.has(q.word));

  const predicate =
    filter.statuses?.length || filter.delayed || filter.overdue || filter.moreThan12Months || filter.dueBy || filter.revised ||
    filter.awaitingStartOrTbc || filter.deliveredElsewhere || filter.notImplementing || filter.itemKinds?.length || filter.mine ||
    filter.open || updateBy;
  const scope = filter.directorateId || filter.body || filter.reviewTitle;

  if (!predicate && !scope) {
    if (SUMMARY_LOOSE.test(lower)) return { kind: QuestionKind.summary };
    if (ALL_ITEMS.test(lower)) return { kind: QuestionKind.items, filter, description: describeItemFilter(filter) };
    return unknown(signals, context, filter);
  }
  if (!predicate && leftover.some((q) => q.weight === 1) && !SCOPE_INTENT.test(lower)) return unknown(signals, context, filter);

  return {
    kind: QuestionKind.items,
    filter,
    description: describeItemFilter(filter, updateBefore ? { updateBefore } : {}),
    ...(updateBy ? { updateBy } : {}),
  };
}

function unknown(signals: Signals, context: QuestionContext, filter: ItemFilter): Question {
  const hints: SuggestionHints = {};
  const directorateId = filter.directorateId ?? signals.mentions[0]?.id;
  if (directorateId) hints.directorateId = directorateId;
  if (filter.body) hints.body = filter.body;
  if (filter.reviewTitle) hints.reviewTitle = filter.reviewTitle;
  if (signals.mine) hints.mine = true;
  return { kind: QuestionKind.unknown, suggestions: suggest(hints, context.today) };
}
