/**
 * Loads one item as its cards show it (the shape is the domain's ItemView): with its milestones, or, for a
 * milestone, the item it is a step towards.
 */
import type { Store } from "../../data/database.js";
import { itemExtensionRequests } from "../../data/decisions/extension-request-store.js";
import { findItemRecord, itemMilestoneRecords, type ItemRecord } from "../../data/register/item-store.js";
import {
  describeExtensionRequest,
  describeExtensions,
  extensionCount,
  ExtensionState,
} from "../../domain/extensions/extension-request.js";
import type { IsoDate } from "../../domain/dates/calendar-date.js";
import { computeItemStatus, type Progress } from "../../domain/status/status.js";
import type { ItemView, MilestoneLine } from "../../domain/register/item-view.js";
import { storedDate } from "../../domain/register/register.js";
import { itemHistory, namerOf } from "./item-history.js";
import { DEFAULT_AT_RISK_SETTINGS, statedConfidence, type AtRiskSettings } from "../../domain/status/at-risk.js";
import { itemAtRisk } from "../../domain/status/item-at-risk.js";
import { personLabel } from "../../domain/people/person-label.js";

export type { ItemView } from "../../domain/register/item-view.js";

export async function loadItemView(
  store: Store,
  itemId: number,
  today: IsoDate,
  atRiskSettings: AtRiskSettings = DEFAULT_AT_RISK_SETTINGS,
): Promise<ItemView | null> {
  const item = await findItemRecord(store, itemId);
  if (!item) return null;
  const originalTarget = storedDate(item.originalTargetRaw);
  const revisedTarget = storedDate(item.revisedTargetRaw);
  const parent = item.stepTowards;
  const confidential = item.confidential || item.reviewConfidential || (parent?.confidential ?? false);
  // The item's other rows, read together rather than one after another.
  const [requests, history, milestones] = await Promise.all([
    itemExtensionRequests(store, item.id),
    itemHistory(store, item.id, 5),
    parent ? [] : milestoneLines(store, item, confidential),
  ]);
  const extensionItem = { originalTarget, revisedTarget, requests };
  const stated = statedConfidence(item.confidence, item.confidenceAt, item.confidenceTarget);
  const currentTarget = revisedTarget.end ?? originalTarget.end;
  const found = requests.find((r) => r.state === ExtensionState.waiting);
  // Who asked is recorded by email; the card names them.
  const waiting = found
    ? { ...found, requestedBy: (await namerOf(store, [found.requestedBy]))(found.requestedBy) }
    : found;
  return {
    id: item.id,
    version: item.version,
    reviewTitle: item.reviewTitle,
    directorateId: item.directorateId,
    confidential,
    ref: item.ref,
    text: item.text,
    progress: item.progress as Progress,
    status: computeItemStatus(
      { progress: item.progress as Progress, originalTarget: originalTarget.end, revisedTarget: revisedTarget.end },
      today,
    ),
    originalTarget,
    revisedTarget,
    ownerId: item.ownerId,
    ownerEmail: item.ownerEmail,
    ownerLabel: personLabel({ email: item.ownerEmail, name: item.ownerName, jobTitle: item.ownerJobTitle }),
    delegateId: item.delegateId,
    delegateEmail: item.delegateEmail,
    delegateLabel: personLabel(
      { email: item.delegateEmail, name: item.delegateName, jobTitle: item.delegateJobTitle },
      "none",
    ),
    verification: item.verification,
    pendingProgress: item.pendingProgress,
    evidenceUrl: item.evidenceUrl,
    completionClaimedOn: item.completionClaimedOn,
    completionNote: item.completionNote,
    latestUpdate: item.latestUpdate,
    history,
    extensions: {
      chain: describeExtensions(extensionItem),
      count: extensionCount(extensionItem),
      waiting: waiting ? describeExtensionRequest(waiting) : null,
      repeat: requests.at(-1)?.repeat ?? false,
    },
    priority: item.priority,
    atRisk: itemAtRisk(
      {
        progress: item.progress as Progress,
        originalTarget,
        revisedTarget,
        confidence: stated,
        lastUpdateAt: item.lastUpdateAt,
        latestUpdate: item.latestUpdate,
      },
      atRiskSettings,
      today,
    ),
    confidenceInCurrentTarget: stated && stated.forTarget === currentTarget ? stated.value : null,
    milestones,
    stepTowards: parent
      ? { id: parent.id, ref: parent.ref, text: parent.text, ownerId: parent.ownerId, delegateId: parent.delegateId }
      : null,
  };
}

/** The item's milestones; each is as confidential as the item, whatever its own flag says. */
async function milestoneLines(store: Store, item: ItemRecord, itemConfidential: boolean): Promise<MilestoneLine[]> {
  return (await itemMilestoneRecords(store, item.id)).map((m) => ({
    id: m.id,
    ref: m.ref,
    text: m.text,
    progress: m.progress as Progress,
    originalTarget: storedDate(m.originalTargetRaw),
    revisedTarget: storedDate(m.revisedTargetRaw),
    ownerId: m.ownerId,
    ownerEmail: m.ownerEmail,
    ownerLabel: personLabel({ email: m.ownerEmail, name: m.ownerName, jobTitle: m.ownerJobTitle }),
    delegateId: m.delegateId,
    confidential: m.confidential || itemConfidential,
    latestUpdate: m.latestUpdate,
    verification: m.verification,
  }));
}
