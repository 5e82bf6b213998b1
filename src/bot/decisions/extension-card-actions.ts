/**
 * Extension requests' card actions, one named handler each: an approver approves or declines from the card
 * the outbox brought them. The decision, any target change and the history commit together; the owner hears
 * of it through the dispatcher. A decline without a comment comes back with the message by the comment field.
 */
import type { TurnContext } from "botbuilder";
import { renderExtensionRequestCard } from "../../cards/extension-cards.js";
import { BannerTone, renderItemCard } from "../../cards/item-cards.js";
import type { AdaptiveCard } from "../../cards/render-card.js";
import { namesNoRecord, parseVerbData } from "../../cards/verb-data.js";
import { CardVerb } from "../../cards/verbs.js";
import { readableDate } from "../../domain/text/readable-text.js";
import { parseRecordId } from "../../domain/register/record-id.js";
import { loadExtensionRequestView } from "../../services/extensions/extension-request-view.js";
import { decideExtension, ExtensionDecisionKind } from "../../services/extensions/extension-requests.js";
import { loadItemView } from "../../services/register/item-view.js";
import { tellOwnerOfExtensionDecision } from "../../services/extensions/notify-extension.js";
import { itemVisibleTo } from "../../services/register/register-lookups.js";
import type { BotContext } from "../bot-context.js";
import type { CardActionHandler } from "../route-table.js";
import { confidentialHere, message, registerChanged } from "../updates/replies.js";

const REQUEST_GONE = "That extension request is no longer in the register";

async function decide(
  context: TurnContext,
  bot: BotContext,
  sent: unknown,
  verb: typeof CardVerb.extensionApprove | typeof CardVerb.extensionDecline,
): Promise<AdaptiveCard> {
  const decision = verb === CardVerb.extensionApprove ? ExtensionDecisionKind.approve : ExtensionDecisionKind.decline;
  const parsed = parseVerbData(verb, sent);
  // An id no record could have is answered as a request since removed; a card without one is incomplete.
  if (!parsed.ok && namesNoRecord(parsed.errors, "requestId")) return message(REQUEST_GONE, []);
  const requestId = parsed.ok
    ? parsed.data.requestId
    : parseRecordId((sent as { requestId?: unknown } | null)?.requestId);
  if (requestId === null)
    return message("That card is incomplete", ["Open the request again from the message it came in."]);
  const before = await loadExtensionRequestView(bot.store, requestId, bot.clock.today());
  if (!before) return message(REQUEST_GONE, []);
  // Approver cards go to personal chats only; elsewhere a confidential item's request is neither decided nor shown.
  if ((await itemVisibleTo(bot.store, await bot.viewer(context), before.itemId)) === false)
    return confidentialHere("Decide it");
  if (!parsed.ok)
    return renderExtensionRequestCard(before.view, {
      decidable: true,
      commentError: parsed.errors.comment ?? "The card's data could not be read: open it again.",
      banner: "Not decided yet: fix the comment below.",
      bannerTone: BannerTone.attention,
    });

  const comment = parsed.data.comment ?? null;
  const outcome = await decideExtension(
    bot.store,
    { requestId, decision, comment },
    await bot.actor(context),
    bot.clock.now(),
  );
  bot.logger.info(
    { requestId, outcome: outcome.ok ? outcome.request.state : outcome.reason },
    "extension decision submitted",
  );
  const after = await loadExtensionRequestView(bot.store, requestId, bot.clock.today());
  if (!after) return message(REQUEST_GONE, []);
  if (!outcome.ok) {
    if (outcome.reason === "not_found") return message(REQUEST_GONE, []);
    if (outcome.reason === "comment") {
      return renderExtensionRequestCard(after.view, {
        decidable: true,
        commentError: outcome.message,
        comment: comment ?? "",
        banner: "Not decided yet: fix the comment below.",
        bannerTone: BannerTone.attention,
      });
    }
    return renderExtensionRequestCard(after.view, {
      decidable: false,
      banner: `Not decided: ${outcome.message}`,
      bannerTone: BannerTone.attention,
    });
  }

  await registerChanged(bot, [after.itemId]);
  const approved = decision === ExtensionDecisionKind.approve;
  const requested = readableDate(outcome.request.requestedTarget);
  const itemView = await loadItemView(bot.store, after.itemId, bot.clock.today());
  if (itemView) {
    const ownerBanner = approved
      ? `Extension approved by ${outcome.request.decision?.by}: the target is now ${requested}.${outcome.request.decision?.comment ? ` Comment: ${outcome.request.decision.comment}` : ""}`
      : `Extension to ${requested} declined by ${outcome.request.decision?.by}; the target stays ${readableDate(outcome.request.fromTarget)}. Comment: ${outcome.request.decision?.comment ?? ""}`;
    const told = await tellOwnerOfExtensionDecision(
      bot.store,
      outcome,
      requestId,
      renderItemCard(itemView, {
        editable: true,
        banner: ownerBanner,
        bannerTone: approved ? BannerTone.good : BannerTone.warning,
      }),
      `${itemView.ref}: extension ${approved ? "approved" : "declined"}`,
    );
    if (told.unreachable.length)
      bot.logger.warn({ requestId, unreachable: told.unreachable.length }, "the owner has no chat with the bot yet");
  }
  const banner = approved
    ? `Approved: the target is now ${requested}. The owner is told.`
    : "Declined: the target stays as it was. The owner is told, with your comment.";
  return renderExtensionRequestCard(after.view, { decidable: false, banner, bannerTone: BannerTone.good });
}

export const approveExtensionRequest: CardActionHandler = (context, bot, sent) =>
  decide(context, bot, sent, CardVerb.extensionApprove);

export const declineExtensionRequest: CardActionHandler = (context, bot, sent) =>
  decide(context, bot, sent, CardVerb.extensionDecline);
