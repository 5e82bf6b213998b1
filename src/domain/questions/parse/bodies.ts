/**
 * Inspecting bodies ("Ofsted", "LGA" or "Local Government Association") and oversight bodies named in a
 * question, matched against the register's own.
 */
import { words } from "./text.js";

/** Bodies the papers name, each with the other names it goes by; the first name is the one used in filters. */
export const KNOWN_BODIES: readonly (readonly string[])[] = [
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

export function knownBodyGroup(name: string): readonly string[] | undefined {
  const key = words(name).join(" ");
  return KNOWN_BODIES.find((group) => group.some((alias) => words(alias).join(" ") === key));
}

/** Every name a body filter should match: "LGA" -> LGA, Local Government Association. */
export function bodyNames(body: string): string[] {
  return [...(knownBodyGroup(body) ?? [body])];
}

/** Oversight bodies written both ways in the papers (DOMAIN.md 1.3). */
export const OVERSIGHT_ALIASES: readonly (readonly string[])[] = [
  ["SLT", "Strategic Leadership Team", "Senior Leadership Team"],
  ["RSAB", "Safeguarding Adults Board", "Rotherham Safeguarding Adults Board"],
  ["EDI Steering Group", "Equality, Diversity and Inclusion Steering Group"],
];

export function oversightNames(name: string): string[] {
  const key = words(name).join(" ");
  const group = OVERSIGHT_ALIASES.find((g) => g.some((alias) => words(alias).join(" ") === key));
  return [...(group ?? [name])];
}

export interface BodyCandidate {
  phrase: string;
  value: string;
}

/** Names to look for in a question: the register's bodies, their bracketed parts and known aliases. */
export function bodyCandidates(bodies: readonly string[]): BodyCandidate[] {
  const candidates: BodyCandidate[] = [];
  const add = (name: string) => {
    const trimmed = name
      .replace(/^(?:led by|conducted by|by)\s+(?:the\s+)?/i, "")
      .replace(/\s+/g, " ")
      .trim();
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
  for (const group of KNOWN_BODIES)
    for (const alias of group) candidates.push({ phrase: words(alias).join(" "), value: group[0]! });
  return candidates;
}

export function findBody(text: string, bodies: readonly string[]): { value: string; phrase: string } | undefined {
  const haystack = ` ${words(text).join(" ")} `;
  let best: BodyCandidate | undefined;
  for (const candidate of bodyCandidates(bodies)) {
    if (!haystack.includes(` ${candidate.phrase} `)) continue;
    if (!best || candidate.phrase.length > best.phrase.length) best = candidate;
  }
  return best ? { value: best.value, phrase: best.phrase } : undefined;
}
