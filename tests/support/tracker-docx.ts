/**
 * Word trackers built from the transcribed CSV fixtures with the `docx` library, with cells merged as Word
 * writes them: in the May 2025 layout each directorate heading is one cell spanning the table (gridSpan)
 * and each review's title and date cells run down beside its items (vMerge restart, then continue); in
 * the canonical columns each directorate's and review's cells run down its rows. A cell's lines are
 * paragraphs, or line breaks within one paragraph.
 */
import { readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import {
  Document,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalMergeType,
  type FileChild,
} from "docx";
import { findDirectorate } from "../../src/domain/register/directorates.js";

type Merge = "restart" | "continue" | null;

export interface CellSpec {
  text: string;
  span?: number;
  merge?: Merge;
}

/** A cell's lines as paragraphs (as Enter makes them), or as breaks in one paragraph (Shift+Enter). */
function cell(spec: CellSpec, lineBreaks: "paragraphs" | "breaks"): TableCell {
  const lines = spec.merge === "continue" ? [] : spec.text.split("\n");
  const children =
    lineBreaks === "paragraphs"
      ? lines.map((line) => new Paragraph(line))
      : [new Paragraph({ children: lines.map((line, i) => new TextRun({ text: line, break: i > 0 ? 1 : 0 })) })];
  return new TableCell({
    children: children.length ? children : [new Paragraph("")],
    columnSpan: spec.span,
    verticalMerge:
      spec.merge === "restart"
        ? VerticalMergeType.RESTART
        : spec.merge === "continue"
          ? VerticalMergeType.CONTINUE
          : undefined,
  });
}

export function wordTable(rows: CellSpec[][], lineBreaks: "paragraphs" | "breaks" = "paragraphs"): Table {
  return new Table({ rows: rows.map((row) => new TableRow({ children: row.map((c) => cell(c, lineBreaks)) })) });
}

export async function wordDocument(children: FileChild[]): Promise<Buffer> {
  return Packer.toBuffer(new Document({ sections: [{ children }] }));
}

export function paragraph(text: string): Paragraph {
  return new Paragraph(text);
}

function csvRows(file: string): string[][] {
  const rows: string[][] = parse(readFileSync(file, "utf8"), { relax_column_count: true });
  return rows;
}

/**
 * The May 2025 tracker (d1-tracker*.csv) as Word keeps it: one table, directorate headings spanning it,
 * each review's title and date cells merged down beside its items.
 */
export function mayTrackerTable(csvFile: string, lineBreaks: "paragraphs" | "breaks" = "paragraphs"): Table {
  const [headings, ...rows] = csvRows(csvFile);
  const width = headings!.length;
  const isHeading = (row: string[]) =>
    !!row[0]?.trim() && row.slice(1).every((c) => !c.trim()) && !!findDirectorate(row[0]);
  const specs: CellSpec[][] = [headings!.map((text) => ({ text }))];
  rows.forEach((row, i) => {
    if (isHeading(row)) {
      specs.push([{ text: row[0]!, span: width }]);
      return;
    }
    const isReview = !!row[0]?.trim();
    const next = rows[i + 1];
    const hasItemsBelow = isReview && !!next && !next[0]?.trim();
    const inReview = !isReview && specs.length > 1;
    specs.push(
      Array.from({ length: width }, (_, c): CellSpec => {
        const text = row[c] ?? "";
        if (c > 1) return { text };
        if (hasItemsBelow) return { text, merge: "restart" };
        // An item row beside its review: the title and date cells continue the review's.
        if (inReview && !text.trim() && previousMerges(specs, c)) return { text: "", merge: "continue" };
        return { text };
      }),
    );
  });
  return wordTable(specs, lineBreaks);
}

/** Whether the cell above in column `column` is part of a merge (started or continued). */
function previousMerges(specs: CellSpec[][], column: number): boolean {
  const above = specs[specs.length - 1]!;
  return above.length > column && above[column]!.merge != null;
}

/** The review-level columns of the canonical layout: the same on every row of one review. */
const REVIEW_COLUMNS = ["review_title", "review_body", "review_type", "review_date", "findings_received", "outcome"];

/**
 * The canonical register (d0-register.csv) as a Word table: each directorate's cell merged down its
 * consecutive rows, and each review's own cells merged down its rows.
 */
export function canonicalTable(csvFile: string): Table {
  const [headings, ...rows] = csvRows(csvFile);
  const column = (name: string) => headings!.indexOf(name);
  const titleAt = column("review_title");
  const directorateAt = column("directorate");
  const reviewAt = new Set(REVIEW_COLUMNS.map(column));
  const specs: CellSpec[][] = [headings!.map((text) => ({ text }))];
  rows.forEach((row, i) => {
    const previous = rows[i - 1];
    const next = rows[i + 1];
    const sameReview = (other: string[] | undefined) =>
      !!other && other[titleAt] === row[titleAt] && other[directorateAt] === row[directorateAt];
    specs.push(
      headings!.map((_, c): CellSpec => {
        const text = row[c] ?? "";
        const merges =
          c === directorateAt
            ? (other: string[] | undefined) => !!other && other[directorateAt] === text
            : reviewAt.has(c)
              ? (other: string[] | undefined) => sameReview(other) && other![c] === text
              : null;
        if (!merges) return { text };
        if (merges(previous)) return { text: "", merge: "continue" };
        return merges(next) ? { text, merge: "restart" } : { text };
      }),
    );
  });
  return wordTable(specs);
}
