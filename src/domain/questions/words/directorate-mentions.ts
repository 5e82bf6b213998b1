/**
 * Directorates named in a question or a responsible unit: the one vocabulary of names (directorates.ts, shared
 * with the import) and swapped letters in abbreviations ("CPYS").
 */
import {
  DIRECTORATES,
  directorateNameKey,
  findDirectorate,
  type DirectorateDefinition,
} from "../../register/directorates.js";

/** Abbreviations worth catching when two letters are swapped ("CPYS", "CYSP"). */
export const ABBREVIATIONS = ["cyps", "acex", "achph"];

export function isTransposition(word: string, target: string): boolean {
  if (word.length !== target.length || word === target) return false;
  for (let i = 0; i + 1 < word.length; i += 1) {
    if (word[i] !== target[i]) {
      return word[i] === target[i + 1] && word[i + 1] === target[i] && word.slice(i + 2) === target.slice(i + 2);
    }
  }
  return false;
}

export function directorateById(id: string): DirectorateDefinition | undefined {
  return DIRECTORATES.find((d) => d.id === id);
}

export function directorateForName(name: string, singleToken: boolean): DirectorateDefinition | undefined {
  // "re" in lower case is a word ("re: the audit"), not Regeneration and Environment.
  if (directorateNameKey(name).length <= 2 && /[a-z]/.test(name.replace(/\b(?:the|directorate|department)\b/gi, "")))
    return undefined;
  const direct = findDirectorate(name);
  if (direct) return direct;
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
