/**
 * Text that people typed, or that came from an imported tracker, is shown on cards as typed: Teams reads
 * TextBlock and FactSet text as markdown, so a narrative holding "[click me](https://evil.example)",
 * "<b>", "**bold**" or "# heading" would otherwise reach other people live. Card data is marked before
 * a template is expanded and escaped afterwards only where it lands in markdown, so the template's own
 * markdown (a bulleted example) still works, and inputs, action data and fallback text keep the text
 * exactly. Only text wrapped with `markdown()` (the bot's own, e.g. signed document links) stays live.
 * Direction controls in shown data are removed, so a right-to-left override typed in a narrative cannot
 * reorder what others read (the history keeps the text as typed).
 */
import { neutraliseBidi } from "../domain/text/identity-text.js";

/** Markdown written by the bot itself: shown live, never used for anything a person typed. */
export class Markdown {
  constructor(readonly text: string) {}
}

export function markdown(text: string): Markdown {
  return new Markdown(text);
}

// Private-use characters: data starts, data ends, and the "$" of a "${" typed in data, so that it is
// never taken for an unexpanded binding. Removed from input first, so nobody can type them.
const DATA_START = "\uE001";
const DATA_END = "\uE002";
const DOLLAR = "\uE003";
const PRIVATE = /[\uE001-\uE003]/g;

function shelveBindings(text: string): string {
  return text.replace(PRIVATE, "").replaceAll("${", `${DOLLAR}{`);
}

/** Card data with every non-empty string marked as data (empty ones stay "" so `$when: x != ''` works). */
export function markData(value: unknown): unknown {
  if (value instanceof Markdown) return shelveBindings(value.text);
  if (typeof value === "string") return value === "" ? value : `${DATA_START}${shelveBindings(value)}${DATA_END}`;
  if (Array.isArray(value)) return value.map(markData);
  if (value && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, markData(v)]));
  return value;
}

/** Characters that start markdown or HTML anywhere in a line. */
const INLINE = /[\\`*_[\]<|~]/g;
/** "_" inside a word ("first_last@council.gov.uk", "review_date") never makes emphasis: left as typed. */
const INTRAWORD = /^[A-Za-z0-9]_[A-Za-z0-9]$/;
/** An HTML entity ("&amp;", "&#60;"), which markdown would decode. */
const ENTITY = /&(?=#?[A-Za-z0-9]+;)/g;

function escapeLine(line: string, atLineStart: boolean): string {
  let text = line
    .replace(INLINE, (c, at: number) => (c === "_" && INTRAWORD.test(line.slice(at - 1, at + 2)) ? c : `\\${c}`))
    .replace(ENTITY, "\\&");
  if (!atLineStart) return text;
  // Leading spaces would make an indented code block: keep the look with no-break spaces.
  const indent = /^[ \t]*/.exec(text)![0];
  text = text.slice(indent.length);
  text = text
    .replace(/^[#>+\-=]/, (c) => `\\${c}`) // headings, quotes, bullets, rules, underlined headings
    .replace(/^(\d{1,9})([.)])(?=\s|$)/, "$1\\$2"); // numbered lists
  return "\u00A0".repeat(indent.length) + text;
}

/** Escapes one stretch of data text; `atLineStart` when nothing but a line break precedes it. */
export function escapeMarkdown(text: string, atLineStart = true): string {
  // Markdown ends a line at "\r" too: split there as well, keeping each break as it was.
  return text
    .split(/(\r\n|\r|\n)/)
    .map((part, i) => (i % 2 ? part : escapeLine(part, atLineStart || i > 0)))
    .join("");
}

function showAsText(marked: string): string {
  let out = "";
  for (const [i, part] of marked.split(DATA_START).entries()) {
    if (i === 0) {
      out += part;
      continue;
    }
    const end = part.indexOf(DATA_END);
    const data = end < 0 ? part : part.slice(0, end);
    out +=
      escapeMarkdown(neutraliseBidi(data), out === "" || /[\r\n]$/.test(out)) + (end < 0 ? "" : part.slice(end + 1));
  }
  // "$\{" shows "${" as typed, and no "${" is left in the card to look like a binding.
  return out.replaceAll(DATA_END, "").replaceAll(DOLLAR, "$\\");
}

/** Outside markdown (inputs, action data, fallback text) a typed "${" becomes "$ {": nothing else changes. */
function unmark(marked: string): string {
  return marked.replaceAll(DATA_START, "").replaceAll(DATA_END, "").replaceAll(DOLLAR, "$ ");
}

/** The expanded card with data escaped where hosts read markdown (TextBlock text, FactSet facts) and unmarked elsewhere. */
export function finishCard(node: unknown, inMarkdown = false): unknown {
  if (typeof node === "string") return inMarkdown ? showAsText(node) : unmark(node);
  if (Array.isArray(node)) return node.map((n) => finishCard(n));
  if (!node || typeof node !== "object") return node;
  const object = node as Record<string, unknown>;
  const type = object.type;
  return Object.fromEntries(
    Object.entries(object).map(([key, value]) => {
      if (type === "TextBlock" && key === "text") return [key, finishCard(value, true)];
      if (type === "FactSet" && key === "facts" && Array.isArray(value)) {
        return [
          key,
          value.map((fact: Record<string, unknown>) =>
            Object.fromEntries(
              Object.entries(fact).map(([k, v]) => [k, finishCard(v, k === "title" || k === "value")]),
            ),
          ),
        ];
      }
      return [key, finishCard(value)];
    }),
  );
}
