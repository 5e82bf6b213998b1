/**
 * The import's `source` column: each row's cell read against the source vocabulary (review-sources.ts), and
 * the check that every row of one review names the same source. A blank cell names none: a new review is
 * then an inspection and a registered one keeps its source.
 */
import { REVIEW_SOURCES, reviewSourceFrom, type ReviewSource } from "./review-sources.js";

/** The source a cell names (null when blank), or the message saying what to fix. */
export function readSourceCell(text: string | null): { source: ReviewSource | null; error: string | null } {
  if (text === null) return { source: null, error: null };
  const source = reviewSourceFrom(text);
  return source
    ? { source, error: null }
    : { source: null, error: `source "${text}" must be one of ${REVIEW_SOURCES.join(", ")}` };
}

/** Rows of one review (by title key) that name different sources: the later row's problem, naming the first. */
export class SourceAgreement {
  private readonly first = new Map<string, { line: number; source: string }>();

  disagreement(key: string, title: string, line: number, source: string | null): string | null {
    if (!source) return null;
    const seen = this.first.get(key);
    if (!seen) this.first.set(key, { line, source });
    if (!seen || seen.source === source) return null;
    return `review "${title}" is ${source} here but ${seen.source} on line ${seen.line}: every row of a review has the same source`;
  }
}
