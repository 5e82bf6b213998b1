/**
 * Where a review's items come from, named once (the `source` import column and Review.source): external
 * inspections, reviews and audits; scrutiny reviews, whose recommendations wait on the executive's response;
 * Ombudsman decisions, whose remedies the council must carry out; and Council Plan measures that became
 * performance exceptions. Questions, reports and the import read the vocabulary from here.
 */

export const ReviewSource = {
  inspection: "inspection",
  scrutiny: "scrutiny",
  ombudsman: "ombudsman",
  councilPlan: "council_plan",
} as const;
export type ReviewSource = (typeof ReviewSource)[keyof typeof ReviewSource];

export const REVIEW_SOURCES: readonly ReviewSource[] = Object.values(ReviewSource);

/** How people and the papers name each source (a report's section heading, an answer's noun). */
export const REVIEW_SOURCE_NAMES: Record<ReviewSource, { heading: string; item: string; items: string }> = {
  inspection: {
    heading: "Inspections, reviews and audits",
    item: "recommendation",
    items: "recommendations",
  },
  scrutiny: {
    heading: "Scrutiny recommendations and the Cabinet's response",
    item: "scrutiny recommendation",
    items: "scrutiny recommendations",
  },
  ombudsman: {
    heading: "Local Government and Social Care Ombudsman findings",
    item: "Ombudsman remedy",
    items: "Ombudsman remedies",
  },
  council_plan: {
    heading: "Council Plan performance exceptions",
    item: "performance exception",
    items: "performance exceptions",
  },
};

/** The source a file's `source` cell names (blank is an inspection), or null when it names none of them. */
export function reviewSourceFrom(cell: string | null | undefined): ReviewSource | null {
  const text = (cell ?? "")
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, "_");
  if (text === "") return ReviewSource.inspection;
  return (REVIEW_SOURCES as readonly string[]).includes(text) ? (text as ReviewSource) : null;
}
