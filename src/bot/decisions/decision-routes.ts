/**
 * Decisions made from where they are listed: the Approve/Decline and Verify/Return buttons beside an item in a
 * list of waiting decisions, and "approve (or decline) the extension for <ref> of <review>" typed in chat. Each
 * goes through the same handlers as the decision cards (the same permission rule, the same history); the
 * answer comes as a new message, so the list stays. Declining and returning need a comment, so they open the
 * decision card for it.
 */
import type { Application } from "@microsoft/teams-ai/lib/Application.js";
import type { TurnState } from "@microsoft/teams-ai/lib/TurnState.js";
import type { TurnContext } from "botbuilder";
import { atRiskSettingsOf } from "../../config.js";
import { renderExtensionRequestCard } from "../../cards/extension-cards.js";
import { BannerTone, renderVerificationCard } from "../../cards/item-cards.js";
import type { AdaptiveCard } from "../../cards/render-card.js";
import { parseVerbData } from "../../cards/verb-data.js";
import { CardVerb } from "../../cards/verbs.js";
import { findItemsByRef } from "../../domain/questions/find-items.js";
import { DECIDE_EXTENSION_COMMAND } from "../../domain/questions/words/decision-words.js";
import { loadExtensionRequestView } from "../../services/extensions/extension-request-view.js";
import { waitingRequestIdOf } from "../../services/extensions/extension-requests.js";
import { loadItemView } from "../../services/register/item-view.js";
import { itemVisibleTo } from "../../services/register/register-lookups.js";
import type { BotContext } from "../bot-context.js";
import { approveExtensionRequest } from "./extension-card-actions.js";
import {
  registerCardActions,
  registerCommands,
  type CardActionHandler,
  type CommandHandler,
  type CommandRoute,
} from "../route-table.js";
import { verifyCompletion } from "../updates/card-actions.js";
import { asCard, confidentialHere, ITEM_GONE, message, visibleSuggestions } from "../updates/replies.js";

const NO_REQUEST = message("Nothing to decide", [
  "This item has no extension request waiting: someone may have decided it already.",
]);

const asAdaptiveCard = (answer: AdaptiveCard | string): AdaptiveCard =>
  typeof answer === "string" ? message(answer, []) : answer;

/** The waiting request's card, with room for the comment a decline needs. */
async function declineCard(bot: BotContext, itemId: number): Promise<AdaptiveCard> {
  const requestId = await waitingRequestIdOf(bot.store, itemId);
  const loaded = requestId === null ? null : await loadExtensionRequestView(bot.store, requestId, bot.clock.today());
  if (!loaded) return NO_REQUEST;
  return renderExtensionRequestCard(loaded.view, {
    decidable: true,
    banner: "Say why you decline it in the comment (the owner reads it), then press Decline.",
    bannerTone: BannerTone.warning,
  });
}

async function approve(context: TurnContext, bot: BotContext, itemId: number): Promise<AdaptiveCard> {
  const requestId = await waitingRequestIdOf(bot.store, itemId);
  if (requestId === null) return NO_REQUEST;
  return asAdaptiveCard(await approveExtensionRequest(context, bot, { requestId: String(requestId) }));
}

/** The completion's card, with room for the comment a return needs. */
async function returnCard(bot: BotContext, itemId: number): Promise<AdaptiveCard> {
  const view = await loadItemView(bot.store, itemId, bot.clock.today(), atRiskSettingsOf(bot.config));
  if (!view) return message(ITEM_GONE, []);
  if (view.verification !== "awaiting")
    return message("Nothing to decide", [
      "This item's completion is not waiting: someone may have decided it already.",
    ]);
  return renderVerificationCard(view, {
    decidable: true,
    banner: "Say what is missing in the comment (the owner reads it), then press Return.",
    bannerTone: BannerTone.warning,
  });
}

/** A decision button beside an item in a list: its outcome, or the card to finish it, as a new message. */
const decideBesideList: CardActionHandler = async (context, bot, data) => {
  const parsed = parseVerbData(CardVerb.decisionBesideList, data);
  if (!parsed.ok) return 'That button is missing its item: ask again, e.g. "what\'s waiting for me to decide?".';
  const { itemId, decision, version } = parsed.data;
  const visible = await itemVisibleTo(bot.store, await bot.viewer(context), itemId);
  if (visible === null) return ITEM_GONE;
  const card = !visible
    ? confidentialHere("Decide it")
    : decision === "approve"
      ? await approve(context, bot, itemId)
      : decision === "decline"
        ? await declineCard(bot, itemId)
        : decision === "verify"
          ? asAdaptiveCard(await verifyCompletion(context, bot, { itemId: String(itemId), version: String(version) }))
          : await returnCard(bot, itemId);
  await context.sendActivity(asCard(card));
  return "The decision's card is below; your list stays here.";
};

/** "approve the extension for <ref> of <review>", "decline the extension for …". */
const decideExtensionByName: CommandHandler = async (context, bot, [, verb, refText]) => {
  const found = findItemsByRef(await bot.snapshots.get(), refText!);
  const viewer = await bot.viewer(context);
  if (found.length !== 1) {
    const { suggestions, note } = visibleSuggestions(
      viewer,
      found.slice(0, 6).map((f) => ({
        text: `${verb!.toLowerCase()} the extension for ${f.item.ref} of ${f.review.title}`,
        review: f.review,
      })),
    );
    const title = found.length ? `"${refText}" is on ${found.length} reviews` : `I can't find "${refText}"`;
    await context.sendActivity(
      asCard(
        message(
          title,
          ['Name the item and its review, e.g. "approve the extension for Rec IR4 of 2023/24 VFM".', ...note],
          suggestions,
        ),
      ),
    );
    return;
  }
  const itemId = found[0]!.item.id;
  if ((await itemVisibleTo(bot.store, viewer, itemId)) === false) {
    await context.sendActivity(asCard(confidentialHere("Decide it")));
    return;
  }
  const declining = verb!.toLowerCase() === "decline";
  await context.sendActivity(asCard(declining ? await declineCard(bot, itemId) : await approve(context, bot, itemId)));
};

const COMMANDS: readonly CommandRoute[] = [{ pattern: DECIDE_EXTENSION_COMMAND, handle: decideExtensionByName }];

export function registerDecisionRoutes(app: Application<TurnState>, bot: BotContext): void {
  registerCommands(app, bot, COMMANDS);
  registerCardActions(app, bot, { [CardVerb.decisionBesideList]: decideBesideList });
}
