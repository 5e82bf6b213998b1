/** Loads one item as its cards show it (the shape is the domain's ItemView). */
import type { Store } from "../data/database.js";
import { itemExtensionRequests } from "../data/extension-request-store.js";
import { findItemRecord } from "../data/item-store.js";
import {
  describeExtensionRequest,
  describeExtensions,
  extensionCount,
  ExtensionState,
} from "../domain/extension-request.js";
import type { IsoDate } from "../domain/calendar-date.js";
import { computeItemStatus, type Progress } from "../domain/status.js";
import type { ItemView } from "../domain/item-view.js";
import { storedDate } from "../domain/register.js";
import { itemHistory } from "./item-history.js";
import {
  CONFIDENCE_VALUES,
  DEFAULT_AT_RISK_SETTINGS,
  type AtRiskSettings,
  type Confidence,
} from "../domain/at-risk.js";
import { itemAtRisk } from "../domain/item-at-risk.js";

export type { ItemView } from "../domain/item-view.js";

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
  const requests = await itemExtensionRequests(store, item.id);
  const extensionItem = { originalTarget, revisedTarget, requests };
  const waiting = requests.find((r) => r.state === ExtensionState.waiting);
  return {
    id: item.id,
    version: item.version,
    reviewTitle: item.reviewTitle,
    directorateId: item.directorateId,
    confidential: item.confidential || item.reviewConfidential,
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
    delegateId: item.delegateId,
    delegateEmail: item.delegateEmail,
    verification: item.verification,
    pendingProgress: item.pendingProgress,
    evidenceUrl: item.evidenceUrl,
    completionClaimedOn: item.completionClaimedOn,
    completionNote: item.completionNote,
    latestUpdate: item.latestUpdate,
    history: await itemHistory(store, item.id, 5),
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
        confidence:
          item.confidence && item.confidenceAt && (CONFIDENCE_VALUES as readonly string[]).includes(item.confidence)
            ? { value: item.confidence as Confidence, at: item.confidenceAt, forTarget: item.confidenceTarget }
            : null,
        lastUpdateAt: item.lastUpdateAt,
      },
      atRiskSettings,
      today,
    ),
  };
}
