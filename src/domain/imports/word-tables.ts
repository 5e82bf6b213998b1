/**
 * A Word document's tables turned into the import's rows. Each table is recognised by its heading row:
 * the May 2025 tracker's ("Title and purpose", "Outstanding recommendations", ...), the January 2024
 * report's appendix tables ("Title", "Date", "Outcome", ...), read as reviews under the directorate its
 * section heading names (a children's home's review marked confidential), or the canonical columns. Merged cells are read as Word means them: a cell
 * continued down (vMerge) or across (gridSpan) belongs to the row and column it starts in. A table not
 * recognised is listed with its heading row, never skipped in silence. Each row keeps its place,
 * "table N, row M", as its line (see wordPlace).
 */
import { D1_COLUMNS, isD1Layout } from "../register/d1-layout.js";
import { findDirectorate } from "../register/directorates.js";

/** One cell as the document holds it: its text (line breaks as \n), the grid columns it spans, and its vertical merge. */
export interface WordCell {
  text: string;
  span: number;
  /** "restart" starts a cell merged down; "continue" carries the one above on; null is a cell of its own. */
  merge: "restart" | "continue" | null;
}

/** One table, numbered from 1 in document order, with the paragraphs between it and the table before. */
export interface WordTable {
  number: number;
  textBefore: readonly string[];
  rows: readonly (readonly WordCell[])[];
}

export type WordTableLayout = "May 2025 tracker" | "January 2024 appendix" | "canonical columns";

export interface WordTableRead {
  table: number;
  layout: WordTableLayout;
  rows: number;
  /** Headings whose columns the import does not use (the appendix's counts and review status). */
  unused: string[];
}

export interface WordTableUnread {
  table: number;
  headings: string[];
  reason: string;
}

export interface WordDocumentRows {
  /** Whether the rows are in the tracker's own layout (read by the D1 reader) or canonical; null when no table is. */
  layout: "d1" | "canonical" | null;
  headers: string[];
  records: { line: number; cells: Record<string, string> }[];
  read: WordTableRead[];
  unread: WordTableUnread[];
}

/** A row's line: its table times this, plus its row; a table holds far fewer rows than this. */
const TABLE_STRIDE = 1_000_000;

export function wordLine(table: number, row: number): number {
  return table * TABLE_STRIDE + row;
}

/** "table 2, row 5" for a row's line; "table 2, before its first row" for its directorate's heading. */
export function wordPlace(line: number): string {
  const table = Math.floor(line / TABLE_STRIDE);
  const row = line % TABLE_STRIDE;
  return row === 0 ? `table ${table}, before its first row` : `table ${table}, row ${row}`;
}

/** The appendix's columns the import reads, as the tracker's own headings. */
const APPENDIX_COLUMNS: Record<string, string> = {
  title: D1_COLUMNS.title,
  date: D1_COLUMNS.date,
  outcome: D1_COLUMNS.recommendations,
};

/** The tracker's headings by their lower case, so a heading typed in other capitals reads as the tracker's. */
const D1_NAMES = new Map<string, string>(Object.values(D1_COLUMNS).map((name) => [name.toLowerCase(), name]));

/** A review of a children's residential home, as the January 2024 report's tables name one. */
const CHILDRENS_HOME = /\bchildren['\u2019]?s (?:residential )?home\b/i;

/** Rows searched for the heading row: a caption row ("New external inspections ...") may come first. */
const HEADING_ROWS_SEARCHED = 3;

/** A row's cells laid on the table's grid: a cell spanning columns has its text in the first. */
interface GridCell {
  /** The cell's own text; "" for a cell continuing the one above. */
  text: string;
  /** The text of the cell a vertical merge starts in (its own text when not continued). */
  merged: string;
  /** Columns the cell covers (1 for most; 0 for a column covered by the cell to its left). */
  span: number;
}

/** Each row on the grid, a continued cell carrying the text of the cell its merge starts in. */
function onGrid(rows: readonly (readonly WordCell[])[]): GridCell[][] {
  let above: GridCell[] = [];
  return rows.map((row) => {
    const grid: GridCell[] = [];
    for (const cell of row) {
      const span = Math.max(1, cell.span);
      const continued = cell.merge === "continue";
      const column = grid.length;
      const merged = continued ? (above[column]?.merged ?? "") : cell.text;
      grid.push({ text: continued ? "" : cell.text, merged, span });
      for (let i = 1; i < span; i += 1) grid.push({ text: "", merged: "", span: 0 });
    }
    above = grid;
    return grid;
  });
}

function headingText(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

function layoutOf(headings: readonly string[]): WordTableLayout | null {
  const lower = new Set(headings.map((h) => h.toLowerCase()));
  if (isD1Layout(headings)) return "May 2025 tracker";
  if (lower.has("directorate") && lower.has("review_title")) return "canonical columns";
  if (lower.has("title") && lower.has("date") && lower.has("outcome")) return "January 2024 appendix";
  return null;
}

/**
 * The heading row (by index) and each grid column's heading: a second heading row below cells spanning
 * several columns ("Implemented:" over "At last report" and "Since last report") names those columns.
 */
function findHeadings(rows: GridCell[][]): { at: number; headings: string[]; layout: WordTableLayout | null } {
  const first = rows[0]?.map((c) => headingText(c.text)) ?? [];
  for (let at = 0; at < Math.min(rows.length, HEADING_ROWS_SEARCHED); at += 1) {
    const headings = rows[at]!.map((c) => headingText(c.text));
    const layout = layoutOf(headings);
    if (!layout) continue;
    const below = rows[at + 1];
    const spanned = rows[at]!.map((_, i) => {
      let start = i;
      while (start > 0 && rows[at]![start]!.span === 0) start -= 1;
      return rows[at]![start]!.span > 1;
    });
    const subHeading = below?.some((c) => c.text.trim()) && below.every((c, i) => !c.text.trim() || spanned[i]);
    if (subHeading) {
      let over = "";
      headings.forEach((h, i) => {
        if (h) over = spanned[i] ? h : "";
        const under = headingText(below![i]!.text);
        if (spanned[i] && under) headings[i] = `${over} ${under}`;
      });
      return { at: at + 1, headings, layout };
    }
    return { at, headings, layout };
  }
  return { at: 0, headings: first, layout: null };
}

/** The directorate the last paragraph before a table names, allowing its section number ("4. Adult Care, ..."). */
function directorateHeading(paragraphs: readonly string[]): string | null {
  for (let i = paragraphs.length - 1; i >= 0; i -= 1) {
    const text = headingText(paragraphs[i]!).replace(/^\d+(?:\.\d+)*\.?\s+/, "");
    if (findDirectorate(text)) return text;
  }
  return null;
}

/** Every table read into rows under one set of headings; tables of the other family are listed as unread. */
export function readWordTables(tables: readonly WordTable[]): WordDocumentRows {
  const out: WordDocumentRows = { layout: null, headers: [], records: [], read: [], unread: [] };
  const headerKeys = new Set<string>();
  const addHeader = (heading: string) => {
    if (heading && !headerKeys.has(heading.toLowerCase())) {
      headerKeys.add(heading.toLowerCase());
      out.headers.push(heading);
    }
  };
  let directorate: string | null = null;
  for (const table of tables) {
    const rows = onGrid(table.rows);
    const found = findHeadings(rows);
    const named = directorateHeading(table.textBefore);
    if (!found.layout) {
      out.unread.push({
        table: table.number,
        headings: found.headings.filter(Boolean),
        reason:
          "its heading row is neither the May 2025 tracker's, the January 2024 appendix's nor the canonical columns",
      });
      continue;
    }
    const family = found.layout === "canonical columns" ? "canonical" : "d1";
    if (out.layout && out.layout !== family) {
      out.unread.push({
        table: table.number,
        headings: found.headings.filter(Boolean),
        reason: `its layout (${found.layout}) differs from the tables read before it: import it as a document of its own`,
      });
      continue;
    }
    if (!out.layout) {
      out.layout = family;
      if (family === "d1") Object.values(D1_COLUMNS).forEach(addHeader);
    }
    const appendix = found.layout === "January 2024 appendix";
    const keys = found.headings.map((h) =>
      appendix ? (APPENDIX_COLUMNS[h.toLowerCase()] ?? null) : (D1_NAMES.get(h.toLowerCase()) ?? (h || null)),
    );
    keys.forEach((k) => k && addHeader(k));
    if (family === "d1" && named && named !== directorate) {
      // The section heading above the table is the tracker's own directorate heading row.
      out.records.push({ line: wordLine(table.number, 0), cells: { [D1_COLUMNS.title]: named } });
      directorate = named;
    }
    // A cell merged down means its value for every row in the canonical columns; in the tracker's layout
    // it is the review's cell running beside its items, whose rows then leave the review's cells blank.
    const carryDown = family === "canonical";
    let read = 0;
    for (let r = found.at + 1; r < rows.length; r += 1) {
      const cells: Record<string, string> = {};
      let blank = true;
      rows[r]!.forEach((cell, i) => {
        const key = keys[i];
        if (!key) return;
        const text = carryDown ? cell.merged : cell.text;
        cells[key] = text;
        if (text.trim()) blank = false;
      });
      if (blank) continue;
      if (appendix && !cells[D1_COLUMNS.title]?.trim()) continue;
      // The report names a children's home with its rating only; its inspection is confidential (DOMAIN 1.9).
      if (appendix && CHILDRENS_HOME.test(cells[D1_COLUMNS.title]!)) cells.confidential = "true";
      out.records.push({ line: wordLine(table.number, r + 1), cells });
      read += 1;
    }
    if (family === "d1" && !appendix) {
      // A directorate heading row inside the table carries on into the next table.
      const lastHeading = [...out.records]
        .reverse()
        .find((rec) => rec.line > wordLine(table.number, 0) && isHeadingOnly(rec.cells));
      if (lastHeading) directorate = headingText(lastHeading.cells[D1_COLUMNS.title] ?? "");
    }
    out.read.push({
      table: table.number,
      layout: found.layout,
      rows: read,
      unused: found.headings.filter((h, i) => h && !keys[i]),
    });
  }
  return out;
}

function isHeadingOnly(cells: Record<string, string>): boolean {
  const title = cells[D1_COLUMNS.title]?.trim();
  return (
    !!title && !!findDirectorate(title) && Object.entries(cells).every(([k, v]) => k === D1_COLUMNS.title || !v.trim())
  );
}
