/**
 * The tab's register grid (issue 24), pure: each item the viewer may see here as a row with the fields of
 * `status --json` and what the viewer may do with it, filtered, sorted and paged, and the summary of the same
 * rows by status and directorate. What may be seen is decided by the one visibility rule (visibility.ts):
 * in a channel tab, confidential items and reviews are left out altogether, counts included.
 */
import type { IsoDate } from "../dates/calendar-date.js";
import { decisionsFor } from "../decisions/waiting-decisions.js";
import { ExtensionState } from "../extensions/extension-request.js";
import { itemStatus, type RegisterItem, type RegisterReview } from "../register/register.js";
import type { AtRiskSettings } from "../status/at-risk.js";
import { itemAtRisk } from "../status/item-at-risk.js";
import { comparePriority } from "../status/priority.js";
import { isOpen, STATUS_VALUES, type Progress, type Status } from "../status/status.js";
import { mayShowItem, mayShowReview, type VisibilityViewer } from "../visibility.js";

export const SORT_KEYS = ["ref", "review", "directorate", "owner", "target", "status", "priority"] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export type Waiting = "extension" | "verification";

export interface GridFilter {
  directorate: string | null;
  status: Status | null;
  /** Lower-cased free text over the review title, the ref, the item text and the owner. */
  q: string | null;
  review: string | null;
  body: string | null;
  priority: string | null;
  owner: string | null;
  targetFrom: IsoDate | null;
  targetTo: IsoDate | null;
  atRisk: boolean;
  waiting: boolean;
}

/** One row: `status --json`'s fields, then the grid's own. */
export interface RegisterRow {
  review_title: string;
  item_ref: string;
  directorate: string;
  owner_email: string | null;
  progress: Progress;
  original_target: string | null;
  revised_target: string | null;
  status: Status;
  reason: string;
  id: number;
  review_id: number;
  review_body: string | null;
  owner_name: string | null;
  priority: string | null;
  at_risk: boolean;
  waiting: Waiting[];
  confidential: boolean;
  version: number;
  effective_target: IsoDate | null;
  can: { update: boolean; extend: boolean; approve: boolean; verify: boolean };
}

/** The viewer as the rules read them: where they look, and their roles. */
export type GridViewer = VisibilityViewer & { isImprovementTeam: boolean; leads: readonly string[] };

/** Every row the viewer may see here, in the register's order. */
export function visibleRows(
  reviews: readonly RegisterReview[],
  viewer: GridViewer,
  today: IsoDate,
  atRisk: AtRiskSettings,
): RegisterRow[] {
  const rows: RegisterRow[] = [];
  for (const review of reviews) {
    if (!mayShowReview(viewer, review)) continue;
    const byRef = new Map(review.items.map((item) => [item.ref, item]));
    for (const item of review.items) {
      if (!mayShowItem(viewer, item, review)) continue;
      const parent = item.parentRef ? (byRef.get(item.parentRef) ?? null) : null;
      rows.push(withSearchText(rowOf(review, item, parent, viewer, today, atRisk), item.text));
    }
  }
  return rows;
}

function rowOf(
  review: RegisterReview,
  item: RegisterItem,
  parent: RegisterItem | null,
  viewer: GridViewer,
  today: IsoDate,
  atRisk: AtRiskSettings,
): RegisterRow {
  const { status, reason } = itemStatus(item, today);
  const waitingRequest = item.extensionRequests?.some((r) => r.state === ExtensionState.waiting) ?? false;
  const waiting: Waiting[] = [
    ...(waitingRequest ? (["extension"] as const) : []),
    ...(item.verification === "awaiting" ? (["verification"] as const) : []),
  ];
  const email = viewer.email;
  const owns = (one: RegisterItem | null) =>
    Boolean(email && one && (one.ownerEmail === email || one.delegateEmail === email));
  const mayEdit = viewer.isImprovementTeam || viewer.leads.includes(review.directorateId) || owns(item) || owns(parent);
  const decisions = email
    ? decisionsFor(item, review.directorateId, {
        email,
        isImprovementTeam: viewer.isImprovementTeam,
        leads: viewer.leads,
      })
    : { extension: false, completion: false };
  const row: RegisterRow = {
    review_title: review.title,
    item_ref: item.ref,
    directorate: review.directorateId,
    owner_email: item.ownerEmail,
    progress: item.progress,
    original_target: item.originalTarget.raw,
    revised_target: item.revisedTarget.raw,
    status,
    reason,
    id: item.id,
    review_id: review.id,
    review_body: review.body,
    owner_name: item.ownerEmail ? (item.ownerLabel ?? item.ownerEmail) : null,
    priority: item.priority ?? null,
    at_risk: false,
    waiting,
    confidential: item.confidential || review.confidential,
    version: item.version,
    effective_target: item.revisedTarget.end ?? item.originalTarget.end,
    can: {
      update: mayEdit,
      extend:
        mayEdit &&
        isOpen(item.progress) &&
        !waitingRequest &&
        Boolean(item.revisedTarget.end ?? item.originalTarget.end),
      approve: decisions.extension,
      verify: decisions.completion,
    },
  };
  // Worked out when needed (a page's rows, or the at-risk filter): it is the costliest part of a row, and a
  // first page of 10,000 items needs it for 50.
  pendingAtRisk.set(row, () => itemAtRisk(item, atRisk, today).atRisk);
  return row;
}

const pendingAtRisk = new WeakMap<RegisterRow, () => boolean>();

/** The row with its at-risk flag worked out (once). */
export function settled(row: RegisterRow): RegisterRow {
  const work = pendingAtRisk.get(row);
  if (work) {
    row.at_risk = work();
    pendingAtRisk.delete(row);
  }
  return row;
}

export function matchesFilter(row: RegisterRow, filter: GridFilter): boolean {
  if (filter.directorate && row.directorate !== filter.directorate) return false;
  if (filter.status && row.status !== filter.status) return false;
  if (filter.review && String(row.review_id) !== filter.review && row.review_title.toLowerCase() !== filter.review)
    return false;
  if (filter.body && (row.review_body ?? "").toLowerCase() !== filter.body) return false;
  if (filter.priority && (row.priority ?? "none").toLowerCase() !== filter.priority) return false;
  if (filter.owner && row.owner_email !== filter.owner && !(row.owner_name ?? "").toLowerCase().includes(filter.owner))
    return false;
  if (filter.targetFrom && !(row.effective_target && row.effective_target >= filter.targetFrom)) return false;
  if (filter.targetTo && !(row.effective_target && row.effective_target <= filter.targetTo)) return false;
  if (filter.atRisk && !settled(row).at_risk) return false;
  if (filter.waiting && row.waiting.length === 0) return false;
  if (filter.q && !searchText(row).includes(filter.q)) return false;
  return true;
}

/** The text free-text search reads: review title, ref, item text and owner (email and name). */
const searchTexts = new WeakMap<RegisterRow, string>();
export function withSearchText(row: RegisterRow, itemText: string): RegisterRow {
  searchTexts.set(
    row,
    [row.review_title, row.item_ref, itemText, row.owner_email ?? "", row.owner_name ?? ""].join("\n").toLowerCase(),
  );
  return row;
}
function searchText(row: RegisterRow): string {
  return searchTexts.get(row) ?? [row.review_title, row.item_ref].join("\n").toLowerCase();
}

const STATUS_ORDER = new Map(STATUS_VALUES.map((s, i) => [s, i]));
/** One collator for every comparison: "Rec 2" before "Rec 10"; far faster than localeCompare with options. */
const collator = new Intl.Collator("en-GB", { numeric: true });

/** Sorted by `key` (ties by review then ref), blanks last whichever the order. */
export function sortRows(
  rows: readonly RegisterRow[],
  key: SortKey,
  order: "asc" | "desc",
  priorityLabels: readonly string[],
): RegisterRow[] {
  const sign = order === "asc" ? 1 : -1;
  const text = (a: string | null, b: string | null) =>
    a === b ? 0 : a === null ? Infinity : b === null ? -Infinity : sign * collator.compare(a, b);
  const compare = (a: RegisterRow, b: RegisterRow): number => {
    switch (key) {
      case "ref":
        return text(a.item_ref, b.item_ref);
      case "review":
        return text(a.review_title, b.review_title);
      case "directorate":
        return text(a.directorate, b.directorate);
      case "owner":
        return text(a.owner_name, b.owner_name);
      case "target":
        return text(a.effective_target, b.effective_target);
      case "status":
        return sign * ((STATUS_ORDER.get(a.status) ?? 0) - (STATUS_ORDER.get(b.status) ?? 0));
      case "priority":
        return a.priority === b.priority
          ? 0
          : a.priority === null
            ? Infinity
            : b.priority === null
              ? -Infinity
              : sign * comparePriority(a.priority, b.priority, priorityLabels);
    }
  };
  return [...rows].sort(
    (a, b) =>
      Math.sign(compare(a, b)) ||
      collator.compare(a.review_title, b.review_title) ||
      collator.compare(a.item_ref, b.item_ref) ||
      a.id - b.id,
  );
}

export interface GridPage {
  items: RegisterRow[];
  page: number;
  pageSize: number;
  total: number;
  pages: number;
}

export function pageOf(rows: readonly RegisterRow[], page: number, pageSize: number): GridPage {
  const pages = Math.max(1, Math.ceil(rows.length / pageSize));
  const items = rows.slice((page - 1) * pageSize, page * pageSize).map(settled);
  return { items, page, pageSize, total: rows.length, pages };
}

export type StatusCounts = Record<Status, number>;

export interface GridSummary {
  total: number;
  byStatus: StatusCounts;
  byDirectorate: { directorate: string; name: string; total: number; byStatus: StatusCounts }[];
}

/** Counts of the rows by status, and by directorate (in `directorates`' order, each one listed). */
export function summarise(
  rows: readonly RegisterRow[],
  directorates: readonly { id: string; name: string }[],
): GridSummary {
  const zero = (): StatusCounts => Object.fromEntries(STATUS_VALUES.map((s) => [s, 0])) as StatusCounts;
  const byStatus = zero();
  const byDirectorate = new Map(
    directorates.map((d) => [d.id, { directorate: d.id, name: d.name, total: 0, byStatus: zero() }]),
  );
  for (const row of rows) {
    byStatus[row.status] += 1;
    let line = byDirectorate.get(row.directorate);
    if (!line) {
      line = { directorate: row.directorate, name: row.directorate, total: 0, byStatus: zero() };
      byDirectorate.set(row.directorate, line);
    }
    line.total += 1;
    line.byStatus[row.status] += 1;
  }
  return { total: rows.length, byStatus, byDirectorate: [...byDirectorate.values()] };
}
