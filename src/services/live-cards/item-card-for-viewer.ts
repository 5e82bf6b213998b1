/**
 * An item's card as one viewer may see it: editable only by those who may edit it, its milestones as they
 * may see them, and nothing of a confidential item outside a personal chat (the visibility rule decides).
 * Used for a reply in a turn and for redrawing a message that shows the item.
 */
import { renderItemCard, type ItemCardOptions } from "../../cards/item-cards.js";
import type { AdaptiveCard } from "../../cards/render-card.js";
import type { IsoDate } from "../../domain/dates/calendar-date.js";
import { milestonesForViewer } from "../../domain/register/item-milestones.js";
import type { MilestoneLine } from "../../domain/register/item-view.js";
import type { AtRiskSettings } from "../../domain/status/at-risk.js";
import { mayShowItem, type VisibilityViewer } from "../../domain/visibility.js";
import { canEditItem, type Actor } from "../people/permissions.js";
import { loadItemView, type ItemView } from "../register/item-view.js";
import type { Store } from "../store.js";

export type ItemCardOutcome =
  | { ok: true; card: AdaptiveCard }
  /** gone: no such item; confidential: not to be shown in this conversation. */
  | { ok: false; reason: "gone" | "confidential" };

function editableBy(actor: Actor, view: ItemView): boolean {
  return canEditItem(actor, {
    ownerId: view.ownerId,
    delegateId: view.delegateId,
    directorateId: view.directorateId,
    stepTowards: view.stepTowards,
  });
}

/** A milestone of this item may be updated by its own owner or delegate and by whoever may edit the item. */
function milestoneEditableBy(actor: Actor, view: ItemView) {
  return (milestone: MilestoneLine) =>
    canEditItem(actor, {
      ownerId: milestone.ownerId,
      delegateId: milestone.delegateId,
      directorateId: view.directorateId,
      stepTowards: { ownerId: view.ownerId, delegateId: view.delegateId },
    });
}

export async function itemCardForViewer(
  store: Store,
  itemId: number,
  who: { viewer: VisibilityViewer; actor: Actor },
  today: IsoDate,
  atRisk: AtRiskSettings,
  options: Omit<ItemCardOptions, "editable"> = {},
): Promise<ItemCardOutcome> {
  const view = await loadItemView(store, itemId, today, atRisk);
  if (!view) return { ok: false, reason: "gone" };
  if (!mayShowItem(who.viewer, view)) return { ok: false, reason: "confidential" };
  const milestones = milestonesForViewer(view, who.viewer, today, milestoneEditableBy(who.actor, view));
  return { ok: true, card: renderItemCard(view, { ...options, editable: editableBy(who.actor, view), milestones }) };
}
