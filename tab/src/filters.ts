/**
 * The register's filters, sort and page as the page holds them, and as the query parameters of the
 * contract's read routes (the same for the grid, the summary and the exports).
 */
import type { Query } from "./api";

export interface Filters {
  q: string;
  directorate: string;
  status: string;
  priority: string;
  review: string;
  body: string;
  owner: string;
  targetFrom: string;
  targetTo: string;
  atRisk: boolean;
  waiting: boolean;
}

export const SORT_COLUMNS = ["ref", "review", "directorate", "owner", "target", "status", "priority"] as const;
export type SortColumn = (typeof SORT_COLUMNS)[number];

export interface Sorting {
  sort: SortColumn;
  order: "asc" | "desc";
}

export const NO_FILTERS: Filters = {
  q: "",
  directorate: "all",
  status: "",
  priority: "",
  review: "",
  body: "",
  owner: "",
  targetFrom: "",
  targetTo: "",
  atRisk: false,
  waiting: false,
};

export const DEFAULT_SORTING: Sorting = { sort: "target", order: "asc" };

export const PAGE_SIZE = 50;

export type Scope = "personal" | "channel";

/** The filters as query parameters; empty ones are left out (the server's defaults apply). */
export function filterQuery(scope: Scope, filters: Filters): Query {
  return {
    scope,
    directorate: filters.directorate,
    status: filters.status,
    priority: filters.priority,
    review: filters.review.trim(),
    body: filters.body.trim(),
    owner: filters.owner.trim(),
    q: filters.q.trim(),
    targetFrom: filters.targetFrom,
    targetTo: filters.targetTo,
    atRisk: filters.atRisk,
    waiting: filters.waiting,
  };
}

/** The tab's place, from its address: `?scope=channel&directorate=CYPS` for a directorate's channel tab. */
export function tabPlace(search: string): { scope: Scope; directorate: string } {
  const params = new URLSearchParams(search);
  const scope: Scope = params.get("scope") === "channel" ? "channel" : "personal";
  const directorate = params.get("directorate")?.trim().toUpperCase() || "all";
  return { scope, directorate: directorate === "ALL" ? "all" : directorate };
}
