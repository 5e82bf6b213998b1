/**
 * The report's tables on slippage (issue 14): extension requests since the last report (and those still
 * waiting at the cut-off, for the committee to decide), items extended repeatedly with their chain of
 * targets, items at risk before their target, and overdue top-priority items with who is responsible.
 * Each is built from the register as at the cut-off. What a published document may name goes through
 * the visibility rule: a confidential item is counted, never named, as the narratives do.
 */
import type { AtRiskSettings } from "../../status/at-risk.js";
import { formatDay, londonDate, type IsoDate } from "../../dates/calendar-date.js";
import { directorateName } from "../../register/directorates.js";
import {
  extensionCount,
  ExtensionState,
  requestsInPeriod,
  requestsWaitingAt,
  targetChain,
  type ExtensionRequest,
} from "../../extensions/extension-request.js";
import { endOfLondonDay } from "../../extensions/extensions-as-at.js";
import { itemAtRisk } from "../../status/item-at-risk.js";
import { countOf } from "../number-words.js";
import { isOverdueTopPriority } from "../../status/priority.js";
import { readableDate } from "../../text/readable-text.js";
import { itemStatus, type RegisterItem, type RegisterReview } from "../../register/register.js";
import { isOpen, STATUS_LABELS } from "../../status/status.js";
import { mayShowItem, PUBLISHED_AUDIENCE } from "../../visibility.js";

/** The rows a document may show, and how many confidential items stand behind rows it may not. */
export interface ListedRows<Row> {
  rows: Row[];
  confidentialItems: number;
  /** Every entry, the confidential ones included: what the counts in the text say. */
  total: number;
}

export interface ExtensionRequestRow {
  /** "Customer Service Peer Review\nRec 3": the review, then the item's reference. */
  item: string;
  directorate: string;
  requestedBy: string;
  requestedOn: IsoDate;
  /** "31 Mar 2026 → 30 Sep 2026" */
  fromTo: string;
  /** As the owner typed it: shown as text. */
  reason: string;
  state: ExtensionState;
  stateLabel: string;
  /** Made after the item had been extended as often as the repeat threshold allows. */
  repeat: boolean;
  /** "lead@council.example on 3 Mar 2026: comment", or "" while waiting. */
  decided: string;
}

export interface RepeatExtensionRow {
  item: string;
  directorate: string;
  extensions: number;
  /** "31 Mar 2025 → 30 Sep 2025 → 31 Mar 2026" */
  chain: string;
  statusLabel: string;
}

export interface AtRiskRow {
  item: string;
  directorate: string;
  responsible: string;
  target: string;
  /** "the owner said on 3 Jun 2025 it will miss its target 30 Jun 2025" */
  why: string;
}

export interface OverduePriorityRow {
  item: string;
  directorate: string;
  priority: string;
  /** The current target, and the original when it has moved: "30 Sep 2025 (originally 31 Mar 2025)". */
  target: string;
  statusLabel: string;
  responsibleUnit: string;
  owner: string;
}

const EXTENSION_STATE_LABELS: Record<ExtensionState, string> = {
  waiting: "Waiting for a decision",
  approved: "Approved",
  declined: "Declined",
  took_effect: "Took effect (no approval needed)",
};

/** The register items a report speaks of, with their review, in the register's order. */
export interface ReportedItem {
  review: RegisterReview;
  item: RegisterItem;
}

const NOT_RECORDED = "Not recorded";

function itemLabel({ review, item }: ReportedItem): string {
  return `${review.title}\n${item.ref}`;
}

function shownInDocument({ review, item }: ReportedItem): boolean {
  return mayShowItem(PUBLISHED_AUDIENCE, item, review);
}

/** Splits entries into the rows a published document may show and a count of the confidential items behind the rest. */
function listed<Row>(entries: readonly { of: ReportedItem; row: Row }[]): ListedRows<Row> {
  const hidden = new Set(entries.filter((e) => !shownInDocument(e.of)).map((e) => e.of.item.id));
  return {
    rows: entries.filter((e) => shownInDocument(e.of)).map((e) => e.row),
    confidentialItems: hidden.size,
    total: entries.length,
  };
}

/** "(one confidential item not listed.)", as the narratives say it; null when none was left out. */
export function notListedNote(confidentialItems: number): string | null {
  return confidentialItems > 0 ? `(${countOf(confidentialItems, "confidential item")} not listed.)` : null;
}

function requestRow(entry: ReportedItem, request: ExtensionRequest): ExtensionRequestRow {
  const decision = request.decision;
  return {
    item: itemLabel(entry),
    directorate: directorateName(entry.review.directorateId),
    requestedBy: request.requestedBy,
    requestedOn: londonDate(request.requestedAt),
    fromTo: `${readableDate(request.fromTarget)} → ${readableDate(request.requestedTarget)}`,
    reason: request.reason,
    state: request.state,
    stateLabel: EXTENSION_STATE_LABELS[request.state],
    repeat: request.repeat,
    decided: decision
      ? `${decision.by} on ${formatDay(londonDate(decision.at))}${decision.comment ? `: ${decision.comment}` : ""}`
      : "",
  };
}

/**
 * Requests made or decided after `since` up to the cut-off, and every request still waiting at the cut-off
 * (so the committee can decide them), waiting ones first, each group oldest first. `since` null: the first
 * report, which lists every request made up to the cut-off. Items and requests are as at the cut-off.
 */
export function extensionRequestTable(
  items: readonly ReportedItem[],
  since: IsoDate | null,
  today: IsoDate,
): ListedRows<ExtensionRequestRow> & { states: Record<ExtensionState, number> } {
  const until = endOfLondonDay(today);
  const from = since === null ? new Date(0) : endOfLondonDay(since);
  const entries: { of: ReportedItem; row: ExtensionRequestRow; at: number; waiting: boolean }[] = [];
  for (const entry of items) {
    const requests = entry.item.extensionRequests ?? [];
    if (requests.length === 0) continue;
    const chosen = new Set([...requestsInPeriod(requests, from, until), ...requestsWaitingAt(requests, until)]);
    for (const request of requests.filter((r) => chosen.has(r))) {
      entries.push({
        of: entry,
        row: requestRow(entry, request),
        at: request.requestedAt.getTime(),
        waiting: request.state === ExtensionState.waiting,
      });
    }
  }
  entries.sort((a, b) => Number(b.waiting) - Number(a.waiting) || a.at - b.at);
  const states: Record<ExtensionState, number> = { waiting: 0, approved: 0, declined: 0, took_effect: 0 };
  for (const entry of entries) states[entry.row.state] += 1;
  return { ...listed(entries), states };
}

/** Open items, or items completed since the last report, extended at least `threshold` times, most extended first. */
export function repeatExtensionTable(
  items: readonly ReportedItem[],
  threshold: number,
  since: IsoDate,
  today: IsoDate,
): ListedRows<RepeatExtensionRow> {
  const entries: { of: ReportedItem; row: RepeatExtensionRow }[] = [];
  for (const entry of items) {
    const { item } = entry;
    const inPeriod = isOpen(item.progress) || (item.completedOn !== null && item.completedOn > since);
    if (!item.counted || !inPeriod) continue;
    const extended = { ...item, requests: item.extensionRequests ?? [] };
    const extensions = extensionCount(extended);
    if (extensions < threshold) continue;
    entries.push({
      of: entry,
      row: {
        item: itemLabel(entry),
        directorate: directorateName(entry.review.directorateId),
        extensions,
        chain: targetChain(extended).map(readableDate).join(" → "),
        statusLabel: STATUS_LABELS[itemStatus(item, today).status],
      },
    });
  }
  entries.sort((a, b) => b.row.extensions - a.row.extensions);
  return listed(entries);
}

function responsibleText(item: RegisterItem): string {
  const parts = [item.responsibleUnit, item.ownerLabel ?? item.ownerEmail].filter((p): p is string => Boolean(p));
  return parts.length ? parts.join("\n") : NOT_RECORDED;
}

function currentTarget(item: RegisterItem): string {
  const moved = item.revisedTarget.end !== null && item.revisedTarget.end !== item.originalTarget.end;
  return moved
    ? `${readableDate(item.revisedTarget)} (originally ${readableDate(item.originalTarget)})`
    : readableDate(item.originalTarget);
}

/** Open items flagged at risk at the cut-off, with every reason the rule gave. */
export function atRiskTable(
  items: readonly ReportedItem[],
  settings: AtRiskSettings,
  today: IsoDate,
): ListedRows<AtRiskRow> {
  const entries: { of: ReportedItem; row: AtRiskRow }[] = [];
  for (const entry of items) {
    const { item } = entry;
    if (!item.counted) continue;
    const assessment = itemAtRisk(item, settings, today);
    if (!assessment.atRisk) continue;
    const why = assessment.reasons.map((r) => r.text).join("; ");
    entries.push({
      of: entry,
      row: {
        item: itemLabel(entry),
        directorate: directorateName(entry.review.directorateId),
        responsible: responsibleText(item),
        target: currentTarget(item),
        why: `${why.charAt(0).toUpperCase()}${why.slice(1)}.`,
      },
    });
  }
  return listed(entries);
}

/** Open items of the top priority past their current target at the cut-off, with their responsible unit and owner. */
export function overduePriorityTable(
  items: readonly ReportedItem[],
  labels: readonly string[],
  today: IsoDate,
): ListedRows<OverduePriorityRow> {
  const asAt = endOfLondonDay(today);
  const entries: { of: ReportedItem; row: OverduePriorityRow }[] = [];
  for (const entry of items) {
    const { item } = entry;
    const priority = item.priority ?? null;
    const effectiveTarget = item.revisedTarget.end ?? item.originalTarget.end;
    if (!item.counted || !isOverdueTopPriority({ priority, progress: item.progress, effectiveTarget }, labels, asAt))
      continue;
    entries.push({
      of: entry,
      row: {
        item: itemLabel(entry),
        directorate: directorateName(entry.review.directorateId),
        priority: priority!,
        target: currentTarget(item),
        statusLabel: STATUS_LABELS[itemStatus(item, today).status],
        responsibleUnit: item.responsibleUnit ?? NOT_RECORDED,
        owner: item.ownerLabel ?? item.ownerEmail ?? NOT_RECORDED,
      },
    });
  }
  return listed(entries);
}
