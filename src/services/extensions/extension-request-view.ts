/** Loads an extension request with its item as the approver's card shows it. */
import type { ExtensionRequestView } from "../../cards/extension-cards.js";
import type { Store } from "../../data/database.js";
import type { IsoDate } from "../../domain/dates/calendar-date.js";
import { describeExtensions } from "../../domain/extensions/extension-request.js";
import { storedDate } from "../../domain/register/register.js";
import { computeItemStatus, type Progress } from "../../domain/status/status.js";
import { personLabel } from "../../domain/people/person-label.js";
import { namerOf } from "../register/item-history.js";
import { extensionItemOf, loadExtensionRequest } from "./extension-requests.js";

export interface LoadedExtensionRequest {
  view: ExtensionRequestView;
  itemId: number;
  directorateId: string;
  ownerId: number | null;
  delegateId: number | null;
}

export async function loadExtensionRequestView(
  store: Store,
  requestId: number,
  today: IsoDate,
): Promise<LoadedExtensionRequest | null> {
  const loaded = await loadExtensionRequest(store, requestId);
  if (!loaded) return null;
  const { item, requests } = loaded;
  // Who asked and who decided are recorded by email; the card names them.
  const nameOf = await namerOf(store, [loaded.request.requestedBy, loaded.request.decision?.by ?? ""]);
  const request = {
    ...loaded.request,
    requestedBy: nameOf(loaded.request.requestedBy),
    decision: loaded.request.decision ? { ...loaded.request.decision, by: nameOf(loaded.request.decision.by) } : null,
  };
  return {
    view: {
      requestId: request.id,
      reviewTitle: item.reviewTitle,
      ref: item.ref,
      text: item.text,
      ownerEmail: item.ownerEmail,
      ownerLabel: personLabel({ email: item.ownerEmail, name: item.ownerName, jobTitle: item.ownerJobTitle }),
      status: computeItemStatus(
        {
          progress: item.progress as Progress,
          originalTarget: storedDate(item.originalTargetRaw).end,
          revisedTarget: storedDate(item.revisedTargetRaw).end,
        },
        today,
      ),
      request,
      chain: describeExtensions(extensionItemOf(item, requests)),
    },
    itemId: item.id,
    directorateId: item.directorateId,
    ownerId: item.ownerId,
    delegateId: item.delegateId,
  };
}
