/**
 * Text that names someone or something (an email, a review's title, an item's label) is checked and
 * normalised here, at every entry (cards, commands, imports, the email Teams gives), so that two names
 * that look the same on a card are the same name: a Cyrillic "о" or a zero-width space would otherwise
 * make a second owner or review that nobody can tell from the first. Also: the control characters no
 * typed text may hold, and the direction controls that are neutralised wherever text is shown.
 */
import { InputLimit } from "../input-limits.js";
import { refused, type Outcome } from "../outcome.js";

type Range = readonly [number, number];

/** Characters that show nothing: zero-width spaces and joiners, word joiner, BOM, soft hyphen, fillers, variation selectors. */
const INVISIBLE: readonly Range[] = [
  [0x00ad, 0x00ad],
  [0x034f, 0x034f],
  [0x061c, 0x061c],
  [0x115f, 0x1160],
  [0x17b4, 0x17b5],
  [0x180b, 0x180f],
  [0x200b, 0x200d],
  [0x2060, 0x2064],
  [0x3164, 0x3164],
  [0xfe00, 0xfe0f],
  [0xfeff, 0xfeff],
  [0xffa0, 0xffa0],
];
/** Direction controls: LRM and RLM, embeddings and overrides (U+202A-202E), isolates (U+2066-2069). */
const BIDI_CONTROL: readonly Range[] = [
  [0x200e, 0x200f],
  [0x202a, 0x202e],
  [0x2066, 0x2069],
];
const BIDI_CONTROLS = /[\u200E\u200F\u202A-\u202E\u2066-\u2069]/gu;
/** C0 controls (NUL among them), DEL and C1. */
const CONTROL: readonly Range[] = [
  [0x00, 0x1f],
  [0x7f, 0x9f],
];
/** Tab and line breaks: the controls typed text (a narrative) may hold. */
const TYPED_BREAKS = new Set(["\t", "\n", "\r"]);

function within(character: string, ranges: readonly Range[]): boolean {
  const code = character.codePointAt(0)!;
  return ranges.some(([from, to]) => code >= from && code <= to);
}

/** What marks up an address rather than being one: markdown, angle brackets, a mailto: link. */
const MARKUP_IN_EMAIL = /[<>[\]()*`\\|"]|^mailto:/iu;
const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/u;

const NAMES: Record<string, string> = {
  "\u0000": "NUL",
  "\u00AD": "soft hyphen",
  "\u200B": "zero-width space",
  "\u200C": "zero-width non-joiner",
  "\u200D": "zero-width joiner",
  "\u200E": "left-to-right mark",
  "\u200F": "right-to-left mark",
  "\u202A": "left-to-right embedding",
  "\u202B": "right-to-left embedding",
  "\u202C": "pop directional formatting",
  "\u202D": "left-to-right override",
  "\u202E": "right-to-left override",
  "\u2060": "word joiner",
  "\u2066": "left-to-right isolate",
  "\u2067": "right-to-left isolate",
  "\u2068": "first strong isolate",
  "\u2069": "pop directional isolate",
  "\uFEFF": "zero-width no-break space",
};

/** "U+200B (zero-width space)": a character nobody can see, named so it can be found and removed. */
function describeCharacter(character: string): string {
  const code = `U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`;
  const name = NAMES[character] ?? (within(character, CONTROL) ? "a control character" : undefined);
  return name ? `${code} (${name})` : code;
}

/** The first character that shows nothing or steers direction (or a control), or null when there is none. */
function invisibleCharacterIn(text: string): string | null {
  for (const character of text) {
    if (within(character, INVISIBLE) || within(character, BIDI_CONTROL) || within(character, CONTROL)) return character;
  }
  return null;
}

/** The first control character (NUL, other C0, DEL, C1) in typed text, tab and line breaks allowed; null when none. */
export function controlCharacterIn(text: string): string | null {
  for (const character of text) if (within(character, CONTROL) && !TYPED_BREAKS.has(character)) return character;
  return null;
}

/** A refusal for typed text holding a control character, naming the field and the character; null when it has none. */
export function controlCharacterProblem(what: string, text: string): string | null {
  const found = controlCharacterIn(text);
  return found
    ? `${what} has a control character ${describeCharacter(found)} in it, which cannot be shown: retype it without it.`
    : null;
}

/** Text as shown: direction controls removed, so a right-to-left override typed in a narrative cannot reorder a card. */
export function neutraliseBidi(text: string): string {
  return text.replace(BIDI_CONTROLS, "");
}

const SCRIPTS = [
  { name: "Latin", pattern: /\p{Script=Latin}/u },
  { name: "Cyrillic", pattern: /\p{Script=Cyrillic}/u },
  { name: "Greek", pattern: /\p{Script=Greek}/u },
] as const;

/**
 * The first letter of a second script in `word`, among Latin, Cyrillic and Greek (whose look-alikes,
 * "о" and "o", "Α" and "A", are the ones that fool a reader), with both scripts named; null when one script.
 */
export function mixedScriptIn(word: string): { first: string; second: string; letter: string } | null {
  let first: (typeof SCRIPTS)[number] | null = null;
  for (const character of word) {
    const script = SCRIPTS.find((s) => s.pattern.test(character));
    if (!script) continue;
    if (!first) first = script;
    else if (script !== first) return { first: first.name, second: script.name, letter: character };
  }
  return null;
}

function mixedScriptProblem(what: string, text: string): string | null {
  for (const word of text.split(/[\s@.\-_/]+/u)) {
    const mixed = mixedScriptIn(word);
    if (mixed)
      return `${what} "${word}" mixes ${mixed.first} letters with a ${mixed.second} "${mixed.letter}" (${describeCharacter(mixed.letter)}), which looks the same but is another letter: retype it in one alphabet.`;
  }
  return null;
}

/**
 * An email address as an identity: NFKC-normalised (full-width letters become plain ones), trimmed and
 * lower-cased, as Entra compares them. Refused, saying what to fix: invisible or control characters,
 * markdown or angle brackets ("<sam@x.gov.uk>", "[sam@x](mailto:…)"), a part mixing Latin with Cyrillic
 * or Greek look-alikes, anything not shaped like an address, and anything over InputLimit.email.
 */
export function normaliseEmail(raw: string): Outcome<string> {
  // Only spaces and line breaks around it are trimmed first: String.trim would drop a BOM unseen.
  const invisible = invisibleCharacterIn(raw.replace(/^[ \t\r\n]+|[ \t\r\n]+$/gu, ""));
  if (invisible)
    return refused(
      `The email address has an invisible character ${describeCharacter(invisible)} in it: retype the address rather than pasting it.`,
    );
  const email = raw.normalize("NFKC").trim().toLowerCase();
  if (email.length > InputLimit.email)
    return refused(`An email address is at most ${InputLimit.email} characters; this one is ${email.length}.`);
  if (MARKUP_IN_EMAIL.test(email))
    return refused(
      `"${email}" has formatting or brackets around it: give the bare address, e.g. sam.jones@council.gov.uk.`,
    );
  if (!EMAIL_SHAPE.test(email)) return refused(`"${email}" is not an email address.`);
  const [local, domain] = [email.slice(0, email.lastIndexOf("@")), email.slice(email.lastIndexOf("@") + 1)];
  const mixed = mixedScriptProblem("The part before @", local) ?? mixedScriptProblem("The part after @", domain);
  return mixed ? refused(mixed) : { ok: true, value: email };
}

/**
 * A review's title or an item's label as typed: refused when it holds a character that shows nothing
 * (zero-width, direction control, control) or a word mixing Latin with Cyrillic or Greek look-alikes,
 * since either makes a second review or item that looks like the first. `what` names it in the message.
 */
export function checkIdentifyingText(what: string, text: string): string | null {
  const invisible = invisibleCharacterIn(text);
  if (invisible)
    return `${what} has an invisible character ${describeCharacter(invisible)} in it, which would make it look like another: retype it.`;
  return mixedScriptProblem(what, text);
}
