/**
 * An item's card as one viewer may see it: editable only by those who may edit it, the decisions only for
 * whoever may make them, its milestones as they may see them, and nothing of a confidential item outside a
 * personal chat (the visibility rule decides). In a channel or group chat the card is live: it names who may
 * act (owner first, at most 60) so that Teams fetches each of them their own view; the card everyone there
 * sees is read-only. Used for a reply in a turn, a refresh, and redrawing a message that shows the item.
 */
import { renderItemCard, type ItemCardOptions } from "../../cards/item-cards.js";
import type { AdaptiveCard } from "../../cards/render-card.js";
import type { IsoDate } from "../../domain/dates/calendar-date.js";
import { milestonesForViewer } from "../../domain/register/item-milestones.js";
import type { MilestoneLine } from "../../domain/register/item-view.js";
import type { AtRiskSettings } from "../../domain/status/at-risk.js";
import { isPrivateScope, mayShowItem, type VisibilityViewer } from "../../domain/visibility.js";
import { canEditItem, type Actor } from "../people/permissions.js";
import { loadItemView, type ItemView } from "../register/item-view.js";
import { decisionsOnItemFor, itemRefreshAudience } from "../register/live-card-audience.js";
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

export interface ItemCardRequest extends Omit<ItemCardOptions, "editable" | "decisions" | "refreshUserIds"> {
  /**
   * The card everyone in a channel or group chat sees (posted as a message there): read-only, with the refresh
   * that shows each person who may act their own view. In a personal chat the one viewer's view is the card.
   */
  everyone?: boolean;
}

export async function itemCardForViewer(
  store: Store,
  itemId: number,
  who: { viewer: VisibilityViewer; actor: Actor },
  today: IsoDate,
  atRisk: AtRiskSettings,
  /** IMPROVEMENT_TEAM_ADMINS: among those who may act on the item. */
  admins: readonly string[],
  options: ItemCardRequest = {},
): Promise<ItemCardOutcome> {
  const view = await loadItemView(store, itemId, today, atRisk);
  if (!view) return { ok: false, reason: "gone" };
  if (!mayShowItem(who.viewer, view)) return { ok: false, reason: "confidential" };
  const { everyone, ...cardOptions } = options;
  const personal = isPrivateScope(who.viewer.scope);
  const forEveryone = everyone === true && !personal;
  const mayEditMilestone = forEveryone ? () => false : milestoneEditableBy(who.actor, view);
  const milestones = milestonesForViewer(view, who.viewer, today, mayEditMilestone);
  const decisions = forEveryone ? undefined : await decisionsOnItemFor(store, view, who.actor);
  const audience = personal ? null : await itemRefreshAudience(store, admins, view);
  const card = renderItemCard(view, {
    ...cardOptions,
    editable: !forEveryone && editableBy(who.actor, view),
    milestones,
    ...(decisions ? { decisions } : {}),
    ...(audience ? { refreshUserIds: audience.userIds } : {}),
  });
  return { ok: true, card };
}
