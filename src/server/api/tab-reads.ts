/**
 * The tab's read routes: who is signed in, the directorates and reporting points, the register grid (filtered,
 * sorted and paged on the server), its summary, and one item with its milestones and history. Every row comes
 * from `visibleRows`, which asks the one visibility rule: a channel tab never sees a confidential item.
 */
import { londonDate } from "../../domain/dates/calendar-date.js";
import { computeItemStatus } from "../../domain/status/status.js";
import { mayShowItem } from "../../domain/visibility.js";
import {
  matchesFilter,
  pageOf,
  settled,
  sortRows,
  summarise,
  visibleRows,
  type GridViewer,
  type RegisterRow,
} from "../../domain/tab/register-grid.js";
import { loadExtensionRequest, waitingRequestIdOf } from "../../services/extensions/extension-requests.js";
import { itemHistory, namerOf } from "../../services/register/item-history.js";
import { loadItemView } from "../../services/register/item-view.js";
import { memoise } from "../../services/register/register-snapshots.js";
import { listReportingPoints } from "../../services/reports/reporting-points.js";
import type { RegisterItem, RegisterReview } from "../../domain/register/register.js";
import {
  conversationScopeOf,
  filterQuery,
  gridFilterOf,
  parseQuery,
  registerQuery,
  scopeQuery,
  TAB_DIRECTORATES,
} from "./tab-query.js";
import type { TabCall } from "./tab-call.js";

/** The most history lines an item answers with (newest first); the audit log keeps them all. */
export const MAX_HISTORY_LINES = 200;

export function me({ res, viewer }: TabCall): Promise<void> {
  res.json(200, {
    email: viewer.actor.email,
    name: viewer.name,
    improvementTeam: viewer.actor.isImprovementTeam,
    leads: viewer.actor.leads,
    local: viewer.local,
  });
  return Promise.resolve();
}

export function directorates({ res }: TabCall): Promise<void> {
  res.json(200, TAB_DIRECTORATES);
  return Promise.resolve();
}

export async function reportingPoints({ res, deps }: TabCall): Promise<void> {
  const points = await listReportingPoints(deps.store);
  res.json(
    200,
    points.map((p) => ({ id: p.id, name: p.name, meetingDate: p.meetingDate ?? null, cutOff: p.cutOff })),
  );
}

/** The viewer as the grid reads them, in the scope the tab asked for. */
export function gridViewer(call: TabCall, scope: "personal" | "channel"): GridViewer {
  const { actor } = call.viewer;
  return {
    scope: conversationScopeOf(scope),
    email: actor.email,
    isImprovementTeam: actor.isImprovementTeam,
    leads: actor.leads,
  };
}

/** The rows this viewer may see here, today; filtered and sorted by the caller. */
export async function rowsFor(call: TabCall, scope: "personal" | "channel"): Promise<RegisterRow[]> {
  const snapshot = await call.deps.snapshots.snapshot();
  const viewer = gridViewer(call, scope);
  const today = londonDate(call.deps.now());
  return memoise(snapshot, rowsKey(call, scope), () => visibleRows(snapshot.reviews, viewer, today, call.deps.atRisk));
}

/** What the rows depend on besides the register: the day, the scope and the viewer's roles. */
function rowsKey(call: TabCall, scope: "personal" | "channel"): string {
  const { actor } = call.viewer;
  const day = londonDate(call.deps.now());
  return `tab-rows|${day}|${scope}|${actor.email ?? ""}|${actor.isImprovementTeam}|${actor.leads.join(",")}`;
}

export async function register(call: TabCall): Promise<void> {
  const query = parseQuery(registerQuery, call.query);
  if (!query.ok) return badQuery(call, query);
  const { page, pageSize, sort, order, scope } = query.value;
  const filter = gridFilterOf(query.value);
  // Sorted once per register version, viewer and order; filtering keeps that order.
  const snapshot = await call.deps.snapshots.snapshot();
  const all = await rowsFor(call, scope);
  const sorted = memoise(snapshot, `${rowsKey(call, scope)}|${sort}|${order}`, () =>
    sortRows(all, sort, order, call.deps.priorityLabels),
  );
  call.res.json(
    200,
    pageOf(
      sorted.filter((row) => matchesFilter(row, filter)),
      page,
      pageSize,
    ),
  );
}

export async function summary(call: TabCall): Promise<void> {
  const query = parseQuery(filterQuery, call.query);
  if (!query.ok) return badQuery(call, query);
  const filter = gridFilterOf(query.value);
  const rows = (await rowsFor(call, query.value.scope)).filter((row) => matchesFilter(row, filter));
  call.res.json(200, summarise(rows, TAB_DIRECTORATES));
}

/** The item and its review in the register held in memory, by the item's id (indexed once per version). */
async function registerEntry(call: TabCall, itemId: number) {
  const snapshot = await call.deps.snapshots.snapshot();
  const index = memoise(snapshot, "tab-item-index", () => {
    const entries = new Map<number, { review: RegisterReview; item: RegisterItem }>();
    for (const review of snapshot.reviews) for (const item of review.items) entries.set(item.id, { review, item });
    return entries;
  });
  return index.get(itemId) ?? null;
}

/** The item's grid row if this viewer may see it here (null otherwise: answered as not found). */
export async function visibleRow(call: TabCall, itemId: number, scope: "personal" | "channel") {
  const entry = await registerEntry(call, itemId);
  if (!entry) return null;
  const rows = visibleRows([entry.review], gridViewer(call, scope), londonDate(call.deps.now()), call.deps.atRisk);
  const row = rows.find((one) => one.id === itemId);
  return row ? settled(row) : null;
}

/** GET /api/items/:id's `item`: the row and the item's details. */
export async function itemDetails(call: TabCall, row: RegisterRow) {
  const today = londonDate(call.deps.now());
  const view = await loadItemView(call.deps.store, row.id, today, call.deps.atRisk);
  if (!view) return null;
  const waiting = view.extensions?.waiting ? await waitingRequest(call, row.id) : null;
  const entry = await registerEntry(call, row.id);
  return {
    item: {
      ...row,
      text: view.text,
      responsible_unit: entry?.item.responsibleUnit ?? null,
      latest_update: view.latestUpdate,
      completed_on: entry?.item.completedOn ?? view.completionClaimedOn,
      evidence_url: view.evidenceUrl,
      verification: view.verification,
      pending_extension: waiting,
    },
    view,
    today,
  };
}

/** The extension request waiting for a decision, as the page shows it (who asked, by name). */
async function waitingRequest(call: TabCall, itemId: number) {
  const requestId = await waitingRequestIdOf(call.deps.store, itemId);
  const loaded = requestId === null ? null : await loadExtensionRequest(call.deps.store, requestId);
  if (!loaded) return null;
  const nameOf = await namerOf(call.deps.store, [loaded.request.requestedBy]);
  return {
    id: loaded.request.id,
    requestedTarget: loaded.request.requestedTarget.raw,
    reason: loaded.request.reason,
    requestedBy: nameOf(loaded.request.requestedBy),
  };
}

export async function item(call: TabCall): Promise<void> {
  const query = parseQuery(scopeQuery, call.query);
  if (!query.ok) return badQuery(call, query);
  const id = itemIdOf(call.params.id);
  const row = id === null ? null : await visibleRow(call, id, query.value.scope);
  const details = row ? await itemDetails(call, row) : null;
  if (!row || !details) {
    call.res.json(404, { error: "There is no item with this id that you may see here." });
    return;
  }
  const viewer = gridViewer(call, query.value.scope);
  const milestones = (details.view.milestones ?? [])
    .filter((m) => mayShowItem(viewer, { confidential: m.confidential }))
    .map((m) => ({
      label: `${m.ref}: ${m.text}`,
      due: m.revisedTarget.raw ?? m.originalTarget.raw ?? "",
      status: computeItemStatus(
        { progress: m.progress, originalTarget: m.originalTarget.end, revisedTarget: m.revisedTarget.end },
        details.today,
      ).status,
    }));
  const history = (await itemHistory(call.deps.store, row.id, MAX_HISTORY_LINES)).map((line) => ({
    at: line.at.toISOString(),
    actor: line.actor,
    action: line.action,
    summary: line.changes,
  }));
  call.res.json(200, { item: details.item, milestones, history });
}

/** A path id: digits only, within what the database holds; anything else finds nothing. */
export function itemIdOf(text: unknown): number | null {
  if (typeof text !== "string" || !/^\d{1,9}$/.test(text)) return null;
  const id = Number(text);
  return id > 0 ? id : null;
}

export function badQuery(call: TabCall, bad: { error: string; fields: Record<string, string> }): void {
  call.res.json(400, { error: bad.error, fields: bad.fields });
}
