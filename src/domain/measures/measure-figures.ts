/**
 * A measure's value or target as the pack writes it: "10.1%", "94.8", "375.5", "1,831" are figures;
 * anything else ("Not Available", "No target - not applicable", "n/a (due September 2019)") is kept as
 * written and counts as no figure, so the answer says what the paper said rather than inventing a number.
 */

/** The largest figure read (a rate, a count or a percentage): beyond it a cell is a slip, kept as text. */
export const MOST_FIGURE = 1_000_000_000;

export interface Figure {
  raw: string;
  /** The number, or null when the cell gives none. */
  value: number | null;
  /** "%" when the cell wrote one. */
  unit: "%" | "";
}

const PLAIN_FIGURE = /^([+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)\s*(%?)$/;

export function readFigure(cell: string): Figure {
  const raw = cell.trim();
  const match = PLAIN_FIGURE.exec(raw);
  if (!match) return { raw, value: null, unit: "" };
  const value = Number(match[1]!.replace(/,/g, ""));
  if (!Number.isFinite(value) || Math.abs(value) > MOST_FIGURE) return { raw, value: null, unit: "" };
  return { raw, value, unit: match[2] === "%" ? "%" : "" };
}

/** A figure as the papers print it: "85%" for "85.0%", "94.8", "1,831"; the cell as written when it has no number. */
export function showFigure(figure: Figure): string {
  if (figure.value === null) return figure.raw || "no figure";
  return `${figure.value.toLocaleString("en-GB", { maximumFractionDigits: 2 })}${figure.unit}`;
}
