/**
 * What the update routes share: the item's card (with its milestones) as this viewer may see it, the
 * replies for what is confidential here, suggestions that name only visible reviews, and what follows a
 * committed change.
 */
import { CardFactory, type TurnContext } from "botbuilder";
import { renderMessageCard } from "../../cards/card-text.js";
import type { AdaptiveCard } from "../../cards/render-card.js";
import type { RegisterReview } from "../../domain/register/register.js";
import { ConversationScope, mayShowReview, type VisibilityViewer } from "../../domain/visibility.js";
import { itemCardForViewer, type ItemCardRequest } from "../../services/live-cards/item-card-for-viewer.js";
import { LiveCardKind, recordShownCard } from "../../services/live-cards/live-card-record.js";
import { liveCardSourcesOf, queueLiveCardEdits } from "../../services/live-cards/redraw-live-cards.js";
import { planItemReminders } from "../../services/reminders/plan-reminders.js";
import type { BotContext } from "../bot-context.js";
import { atRiskSettingsOf } from "../../config.js";
import { baseConversationId, conversationScope } from "../conversation.js";

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

/**
 * After a change commits: answers see it at once, reminders follow the new target or stop for a closed item,
 * and every message showing the items is queued to be redrawn. The change stands whatever becomes of the
 * redraw, so a failure there is logged, never answered with an apology.
 */
export async function registerChanged(bot: BotContext, itemIds: readonly number[]): Promise<void> {
  bot.snapshots.invalidate();
  if (itemIds.length === 0) return;
  await planItemReminders(bot.store, itemIds, bot.clock.now(), bot.reminderPolicy);
  try {
    const sources = liveCardSourcesOf(bot.config, bot.store, bot.snapshots);
    const edits = await queueLiveCardEdits(sources, itemIds, bot.clock.now());
    if (edits.queued + edits.merged > 0)
      bot.logger.info({ itemIds, ...edits }, "messages showing changed items queued for redrawing");
  } catch (error) {
    bot.logger.error({ err: error, itemIds }, "the messages showing changed items could not be queued for redrawing");
  }
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
  const who = { viewer: await bot.viewer(context), actor: await bot.actor(context) };
  const outcome = await itemCardForViewer(
    bot.store,
    itemId,
    who,
    bot.clock.today(),
    atRiskSettingsOf(bot.config),
    bot.config.IMPROVEMENT_TEAM_ADMINS,
    options,
  );
  if (outcome.ok) return outcome.card;
  return outcome.reason === "gone" ? itemGone() : confidentialHere("Ask me about it");
}

/**
 * Sends the item's card as a new message in this conversation and, when it shows the item, keeps a record
 * of the message so a later change to the item redraws it (for the chat's person, or for anyone in a channel).
 */
export async function sendItemCard(
  context: TurnContext,
  bot: BotContext,
  itemId: number,
  options: ItemCardRequest = {},
): Promise<void> {
  const viewer = await bot.viewer(context);
  const who = { viewer, actor: await bot.actor(context) };
  const outcome = await itemCardForViewer(
    bot.store,
    itemId,
    who,
    bot.clock.today(),
    atRiskSettingsOf(bot.config),
    bot.config.IMPROVEMENT_TEAM_ADMINS,
    options,
  );
  const card = outcome.ok ? outcome.card : outcome.reason === "gone" ? itemGone() : confidentialHere("Ask me about it");
  const sent = await context.sendActivity(asCard(card));
  if (!outcome.ok || !sent?.id) return;
  await recordReply(context, bot, sent.id, [itemId], { kind: LiveCardKind.item });
}

/** Keeps a record of a reply that shows `itemIds`, with its audience: the chat's person, or anyone in a channel. */
export async function recordReply(
  context: TurnContext,
  bot: BotContext,
  activityId: string,
  itemIds: readonly number[],
  redraw: { kind: typeof LiveCardKind.item } | { kind: typeof LiveCardKind.answer; question: string; offset: number },
): Promise<void> {
  const scope = conversationScope(context.activity);
  const { personId, email } =
    scope === ConversationScope.personal ? await bot.identify(context) : { personId: null, email: null };
  // A channel or group chat is kept here if it was not yet (its edits are sent there); a personal chat is kept when
  // installed or asked in, and keeping it here would make this chat the person's newest, where proactive cards go.
  const conversationId =
    scope === ConversationScope.personal
      ? baseConversationId(context.activity.conversation.id)
      : await bot.rememberConversation(context);
  const audience = { scope, personId, email };
  await recordShownCard(
    bot.store,
    { conversationId, activityId, itemIds, redraw: { ...redraw, audience } },
    bot.clock.now(),
  );
}
