/**
 * How a person is named wherever people read about them (cards, answers, the Word report): "Jo Bloggs, Head
 * of Service" from the name and job title the directory or Teams' roster gave, the name alone without a job
 * title, and the email only when no name is known. Exports and the command line's JSON keep the email, which
 * is data there. Names come from outside (the directory, a roster), so each part is cleaned and bounded here:
 * control and direction characters removed, runs of spaces made one, and cut at a word with "…" past its bound.
 * The label is plain text; cards escape it as they escape all typed text.
 */
import { neutraliseBidi } from "../text/identity-text.js";

/** The longest name shown, in characters ("…" included): a long double-barrelled name fits, a paragraph does not. */
export const MAX_NAME_SHOWN = 80;
/** The longest job title shown, in characters ("…" included). */
export const MAX_JOB_TITLE_SHOWN = 80;

export interface PersonNaming {
  email: string | null;
  name?: string | null;
  jobTitle?: string | null;
}

/** C0 and C1 controls and DEL: a line break or tab in a directory name is spacing, the rest is nothing shown. */
function isControl(character: string): boolean {
  const code = character.codePointAt(0)!;
  return code < 0x20 || (code >= 0x7f && code <= 0x9f);
}

/** One line of text as shown: controls and direction overrides out, spacing collapsed, cut at `max` characters. */
export function shownPart(raw: string | null | undefined, max: number): string {
  if (!raw) return "";
  const spaced = [...raw.replace(/[\t\r\n]/g, " ")].filter((c) => !isControl(c)).join("");
  const text = neutraliseBidi(spaced).replace(/\s+/g, " ").trim();
  const characters = [...text];
  if (characters.length <= max) return text;
  const cut = characters.slice(0, max - 1).join("");
  const atWord = cut.replace(/\s+\S*$/, "");
  return `${(atWord.length >= max / 2 ? atWord : cut).trimEnd()}…`;
}

/**
 * "Jo Bloggs, Head of Service"; "Jo Bloggs" without a job title; the email when no name is known (a job title
 * alone names nobody); `fallback` ("not assigned") when there is no person at all.
 */
export function personLabel(person: PersonNaming | null | undefined, fallback = "not assigned"): string {
  if (!person) return fallback;
  const name = shownPart(person.name, MAX_NAME_SHOWN);
  const email = shownPart(person.email, 320);
  if (!name) return email || fallback;
  // A directory entry whose job title repeats the name says it once.
  const jobTitle = shownPart(person.jobTitle, MAX_JOB_TITLE_SHOWN);
  return jobTitle && jobTitle.toLowerCase() !== name.toLowerCase() ? `${name}, ${jobTitle}` : name;
}
