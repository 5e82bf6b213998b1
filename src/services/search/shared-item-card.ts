/**
 * An item's card as a channel sees it: read-only (no update form or decision buttons for anyone), its
 * milestones as a channel may see them, and nothing at all for a confidential item. What the compose box
 * inserts, since it cannot tell where the card will land.
 */
import { renderItemCard } from "../../cards/item-cards.js";
import type { AdaptiveCard } from "../../cards/render-card.js";
import type { IsoDate } from "../../domain/dates/calendar-date.js";
import { milestonesForViewer } from "../../domain/register/item-milestones.js";
import { COMPOSE_BOX_AUDIENCE } from "../../domain/search/search-items.js";
import type { AtRiskSettings } from "../../domain/status/at-risk.js";
import { mayShowItem } from "../../domain/visibility.js";
import { loadItemView } from "../register/item-view.js";
import type { Store } from "../store.js";

export const NotShared = { gone: "gone", confidential: "confidential" } as const;
export type NotShared = (typeof NotShared)[keyof typeof NotShared];

export type SharedItemCard = { ok: true; card: AdaptiveCard } | { ok: false; reason: NotShared };

export async function sharedItemCard(
  store: Store,
  itemId: number,
  today: IsoDate,
  atRiskSettings: AtRiskSettings,
): Promise<SharedItemCard> {
  const view = await loadItemView(store, itemId, today, atRiskSettings);
  if (!view) return { ok: false, reason: NotShared.gone };
  if (!mayShowItem(COMPOSE_BOX_AUDIENCE, view)) return { ok: false, reason: NotShared.confidential };
  const milestones = milestonesForViewer(view, COMPOSE_BOX_AUDIENCE, today, () => false);
  return { ok: true, card: renderItemCard(view, { editable: false, milestones }) };
}
