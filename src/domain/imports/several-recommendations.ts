/**
 * One tracker cell holding several recommendations ("Rec 1: … Rec 2: …", "Area for improvement 3: …"
 * on lines of their own) split into one text per recommendation, so each becomes its own item sharing
 * the row's dates and status. A label joined by "And" ("… And Area for improvement 4: …") is one
 * combined item sharing one update (as the tracker means it), so it is not split there.
 */

/** Label words a recommendation starts with; the same kinds as the item labels the D1 layout reads. */
const KIND = String.raw`(?:rec(?:ommendation)?|area for improvement|afi|suggestion|consideration|requirement|action)`;

/**
 * A label that starts a new recommendation: at the cell's start, a line's start or a sentence's start,
 * then the kind, its number (with an optional letter prefix such as KR) and a colon, stop or dash.
 */
const NEXT_LABEL = new RegExp(
  String.raw`(^|\n|[.;!?]\s+)\s*(${KIND}\s*(?:[A-Z]{1,2})?\d+[a-z]?\s*[:.)\u2013-]\s)`,
  "gi",
);

/** A piece that starts with a label, perhaps after its audit area ("Financial sustainability Rec 1: …"). */
const LEADING_LABEL = new RegExp(String.raw`^.{0,80}?\b${KIND}\s*(?:[A-Z]{1,2})?\d+`, "is");

/** The recommendations in one cell, each as its own text (line breaks kept); the cell alone when it holds one. */
export function splitSeveralRecommendations(cell: string): string[] {
  const text = cell.replace(/\r\n?/g, "\n");
  const cuts = [0];
  for (const match of text.matchAll(NEXT_LABEL)) {
    const start = match.index + match[0].length - match[2]!.length;
    // "… And Area for improvement 4: …" joins the second label to the first: one combined item.
    if (start === 0 || /\band\s*$/i.test(text.slice(0, start))) continue;
    cuts.push(start);
  }
  if (cuts.length < 2) return [cell];
  const pieces = cuts.map((at, i) => text.slice(at, cuts[i + 1] ?? text.length).trim());
  // Text before the first label is not a recommendation of its own: the cell is read as one.
  return pieces.every((piece) => LEADING_LABEL.test(piece)) ? pieces : [cell];
}
