/**
 * What the update routes share: the item's card (with its milestones) as this viewer may see it, the
 * replies for what is confidential here, suggestions that name only visible reviews, and what follows a
 * committed change.
 */
import { CardFactory, type TurnContext } from "botbuilder";
import { renderMessageCard } from "../../cards/card-text.js";
import { renderItemCard, type ItemCardOptions } from "../../cards/item-cards.js";
import type { AdaptiveCard } from "../../cards/render-card.js";
import { milestonesForViewer } from "../../domain/register/item-milestones.js";
import type { MilestoneLine } from "../../domain/register/item-view.js";
import type { RegisterReview } from "../../domain/register/register.js";
import { isPrivateScope, mayShowItem, mayShowReview, type VisibilityViewer } from "../../domain/visibility.js";
import { loadItemView, type ItemView } from "../../services/register/item-view.js";
import { canEditItem, type Actor } from "../../services/people/permissions.js";
import { planItemReminders } from "../../services/reminders/plan-reminders.js";
import { decisionsOnItemFor, itemRefreshAudience } from "../../services/register/live-card-audience.js";
import type { BotContext } from "../bot-context.js";
import { atRiskSettingsOf } from "../../config.js";

export function message(title: string, paragraphs: string[], suggestions: string[] = []): AdaptiveCard {
  return renderMessageCard(title, paragraphs, { suggestions });
}

export function asCard(card: AdaptiveCard) {
  return { attachments: [CardFactory.adaptiveCard(card)] };
}

/** Said wherever a confidential item or review is asked for outside a personal chat. */
export function confidentialHere(what: string): AdaptiveCard {
  return message("This is confidential", [
    `Children's homes inspections are never shown in a channel or group chat. ${what} in a personal chat with me.`,
  ]);
}

export const ITEM_GONE = "That item is no longer in the register";

/** An item id that names no item (removed, merged, or never an id the register could hold): one answer for all. */
export function itemGone(): AdaptiveCard {
  return message(ITEM_GONE, ["It may have been removed or merged; ask the improvement team."]);
}

/** Suggestions that name only reviews this viewer may see, and a note when some were left out. */
export function visibleSuggestions(
  viewer: VisibilityViewer,
  suggestions: { text: string; review: RegisterReview }[],
): { suggestions: string[]; note: string[] } {
  const shown = suggestions.filter((s) => mayShowReview(viewer, s.review));
  const hidden = suggestions.length - shown.length;
  return {
    suggestions: shown.map((s) => s.text),
    note: hidden ? [`${hidden} more ${hidden === 1 ? "is" : "are"} confidential: ask me in a personal chat.`] : [],
  };
}

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

/** After a change commits: answers see it at once, and reminders follow the new target or stop for a closed item. */
export async function registerChanged(bot: BotContext, itemIds: readonly number[]): Promise<void> {
  bot.snapshots.invalidate();
  if (itemIds.length) await planItemReminders(bot.store, itemIds, bot.clock.now(), bot.reminderPolicy);
}

export interface ItemCardRequest extends Omit<ItemCardOptions, "editable" | "decisions" | "refreshUserIds"> {
  /**
   * The card everyone in a channel or group chat sees (posted as a message there): read-only, with the refresh
   * that shows each person who may act their own view. In a personal chat the one viewer's view is the card.
   */
  everyone?: boolean;
}

/**
 * The item's card for whoever is looking: the form only for those who may edit, the decisions only for whoever
 * may make them; confidential items only in a personal chat. In a channel or group chat the card is live: it
 * names who may act (owner first, at most 60) so that Teams fetches each of them their own view.
 */
export async function itemCardFor(
  context: TurnContext,
  bot: BotContext,
  itemId: number,
  options: ItemCardRequest = {},
): Promise<AdaptiveCard> {
  const view = await loadItemView(bot.store, itemId, bot.clock.today(), atRiskSettingsOf(bot.config));
  if (!view) return itemGone();
  const viewer = await bot.viewer(context);
  if (!mayShowItem(viewer, view)) return confidentialHere("Ask me about it");
  const { everyone, ...cardOptions } = options;
  const personal = isPrivateScope(viewer.scope);
  const actor = await bot.actor(context);
  const forEveryone = everyone === true && !personal;
  const mayEditMilestone = forEveryone ? () => false : milestoneEditableBy(actor, view);
  const milestones = milestonesForViewer(view, viewer, bot.clock.today(), mayEditMilestone);
  const decisions = forEveryone ? undefined : await decisionsOnItemFor(bot.store, view, actor);
  const audience = personal ? null : await itemRefreshAudience(bot.store, bot.config.IMPROVEMENT_TEAM_ADMINS, view);
  return renderItemCard(view, {
    ...cardOptions,
    editable: !forEveryone && editableBy(actor, view),
    milestones,
    ...(decisions ? { decisions } : {}),
    ...(audience ? { refreshUserIds: audience.userIds } : {}),
  });
}
