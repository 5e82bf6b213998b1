/**
 * The register workbook's columns on slippage, per item, beside D1's own: its priority, the at-risk flag
 * and why, how often its target has been extended and the chain of targets, and any extension request
 * still waiting at the cut-off. The same facts as the report's tables, for every item.
 */
import type { AtRiskSettings } from "../../status/at-risk.js";
import type { IsoDate } from "../../dates/calendar-date.js";
import {
  describeExtensionRequest,
  extensionCount,
  ExtensionState,
  requestsWaitingAt,
  targetChain,
} from "../../extensions/extension-request.js";
import { endOfLondonDay } from "../../extensions/extensions-as-at.js";
import { atRiskText, itemAtRisk } from "../../status/item-at-risk.js";
import { readableDate } from "../../text/readable-text.js";
import type { RegisterItem } from "../../register/register.js";

export const SLIPPAGE_COLUMN_HEADERS = [
  "Priority",
  "At risk (why)",
  "Extensions",
  "Chain of target dates",
  "Extension request waiting",
] as const;

/** The cells under SLIPPAGE_COLUMN_HEADERS for an item as at the end of `today`; blank where nothing applies. */
export function slippageCells(item: RegisterItem, atRisk: AtRiskSettings, today: IsoDate): string[] {
  const extended = { ...item, requests: item.extensionRequests ?? [] };
  const extensions = extensionCount(extended);
  // As the request stood at the cut-off, even if it has been decided since.
  const waiting = requestsWaitingAt(extended.requests, endOfLondonDay(today)).map((r) => {
    const words = describeExtensionRequest({ ...r, decision: null, state: ExtensionState.waiting });
    return `${words.charAt(0).toUpperCase()}${words.slice(1)}. Reason: ${r.reason}`;
  });
  return [
    item.priority ?? "",
    atRiskText(itemAtRisk(item, atRisk, today)),
    extensions ? String(extensions) : "",
    extensions ? targetChain(extended).map(readableDate).join(" → ") : "",
    waiting.join("\n"),
  ];
}
