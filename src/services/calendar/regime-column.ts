/**
 * The optional `regime` column of the register's canonical rows: a review's rows name the calendar's regime
 * its event belongs to (every row of a review that gives one gives the same), and once the import is written
 * each such review is linked to its regime (link-review.ts: the calendar rolls on, follow-ups are made).
 * A regime the calendar does not hold, or rows of a review that disagree, are their rows' problems: nothing
 * is imported, every one listed.
 */
import type { Store } from "../../data/database.js";
import { listRegimes } from "../../data/calendar/regime-store.js";
import type { IsoDate } from "../../domain/dates/calendar-date.js";
import { cellTextProblem } from "../../domain/imports/limits.js";
import { InputLimit } from "../../domain/input-limits.js";
import { choiceList } from "../../domain/outcome.js";
import { titleKey, type RowError } from "../../domain/register/register-row.js";

export interface RegimeCell {
  line: number;
  reviewTitle: string;
  regime: string;
}

/** The row's regime cell, when the file has the column and the row gives one. */
export function regimeCellOf(record: { line: number; cells: Record<string, string> }): RegimeCell | null {
  let regime = "";
  let reviewTitle = "";
  for (const heading in record.cells) {
    const name = heading.trim().toLowerCase();
    if (name === "regime") regime = record.cells[heading]!.trim();
    else if (name === "review_title") reviewTitle = record.cells[heading]!.trim();
  }
  return regime && reviewTitle ? { line: record.line, reviewTitle, regime } : null;
}

export interface RegimeLink {
  regime: string;
  reviewTitle: string;
}

/** Every row's regime checked against the calendar and against the other rows of its review. */
export async function checkRegimeCells(
  store: Store,
  cells: readonly RegimeCell[],
): Promise<{ links: RegimeLink[]; errors: RowError[] }> {
  if (cells.length === 0) return { links: [], errors: [] };
  const regimes = await listRegimes(store);
  const known = new Set(regimes.map((r) => r.regimeKey));
  const errors: RowError[] = [];
  const byReview = new Map<string, RegimeCell>();
  for (const cell of cells) {
    const tooLong = cellTextProblem("regime", cell.regime, InputLimit.name);
    if (tooLong) {
      errors.push({ line: cell.line, message: tooLong });
      continue;
    }
    if (!known.has(titleKey(cell.regime)))
      errors.push({
        line: cell.line,
        message: regimes.length
          ? `regime "${cell.regime}" is not in the inspection calendar: use one of ${choiceList(regimes.map((r) => `"${r.regime}"`))}, or import the calendar first`
          : `regime "${cell.regime}" is not in the inspection calendar, which is empty: import the calendar first`,
      });
    const first = byReview.get(titleKey(cell.reviewTitle));
    if (!first) byReview.set(titleKey(cell.reviewTitle), cell);
    else if (titleKey(first.regime) !== titleKey(cell.regime))
      errors.push({
        line: cell.line,
        message: `regime "${cell.regime}" differs from "${first.regime}" on line ${first.line} of the same review: give every row of a review the same regime`,
      });
  }
  return {
    links: [...byReview.values()].map((c) => ({ regime: c.regime, reviewTitle: c.reviewTitle })),
    errors,
  };
}

/** Links each review to its regime, once the import is written. */
export async function applyRegimeLinks(
  store: Store,
  links: readonly RegimeLink[],
  stamp: { actor: string; now: Date; today: IsoDate },
): Promise<void> {
  if (links.length === 0) return;
  const { linkReviewToRegime } = await import("./link-review.js");
  for (const link of links) await linkReviewToRegime(store, { ...link, ...stamp });
}
