/**
 * The update routes' card actions, one named handler each: open or refresh an item's card, submit an
 * update, verify or return a completion, add a review or an item. Every one answers from the database
 * at once (well inside Teams' 15 s) and queues any messages to other people for the dispatcher.
 */
import type { TurnContext } from "botbuilder";
import { extensionSettingsOf } from "../../config.js";
import {
  BannerTone,
  renderItemCard,
  renderItemForm,
  renderReviewForm,
  renderVerificationCard,
} from "../../cards/item-cards.js";
import type { AdaptiveCard } from "../../cards/render-card.js";
import { namesNoRecord, parseVerbData } from "../../cards/verb-data.js";
import { CardVerb } from "../../cards/verbs.js";
import { evidenceLinkCaution } from "../../domain/register/evidence-link.js";
import { APPROVER_WORDS, ExtensionApprover, ExtensionState } from "../../domain/extensions/extension-request.js";
import { readableDate } from "../../domain/text/readable-text.js";
import { parseRecordId } from "../../domain/register/record-id.js";
import { parseBoolean } from "../../domain/register/register-row.js";
import { mayShowReview } from "../../domain/visibility.js";
import { addItemFromForm, addReviewFromForm } from "../../services/imports/enter-register-data.js";
import { loadItemView } from "../../services/register/item-view.js";
import { tellOwnerOfDecision } from "../../services/decisions/notify-verification.js";
import { recordProgressUpdate } from "../../services/updates/record-progress-update.js";
import { itemIdsOfReview, itemVisibleTo, reviewForItemForm } from "../../services/register/register-lookups.js";
import { decideCompletion } from "../../services/decisions/verify-completion.js";
import type { BotContext } from "../bot-context.js";
import { offerDecisionsNow } from "../decisions/decision-offers.js";
import type { CardActionHandler } from "../route-table.js";
import { atRiskSettingsOf } from "../../config.js";
import { asCard, confidentialHere, ITEM_GONE, itemCardFor, itemGone, message, registerChanged } from "./replies.js";

/** A card whose item id is missing says so; one that names no record is answered as an item since removed. */
function itemMissingOrGone(errors: Record<string, string>): AdaptiveCard {
  return namesNoRecord(errors, "itemId")
    ? itemGone()
    : message("That card is missing its item", ['Ask for the item again, e.g. "update Rec IR4".']);
}

/** "Update" on an item's own card (a milestone, its item): that item's card in place of the one pressed. */
export const openItem: CardActionHandler = async (context, bot, data) => {
  const parsed = parseVerbData(CardVerb.itemOpen, data);
  if (!parsed.ok) return itemMissingOrGone(parsed.errors);
  return itemCardFor(context, bot, parsed.data.itemId);
};

/**
 * Teams' Universal Actions refresh: the item as it is now, for this viewer (their own buttons, or none). The
 * route table answers it to this viewer alone, so the card the conversation sees is never replaced.
 */
export const refreshItem: CardActionHandler = async (context, bot, data) => {
  const parsed = parseVerbData(CardVerb.itemRefresh, data);
  if (!parsed.ok) return itemMissingOrGone(parsed.errors);
  return itemCardFor(context, bot, parsed.data.itemId);
};

/**
 * "Update" beside an item in a list ("my actions", an answer). The item card carries a refresh, and
 * teams-ai answers a card with a refresh by replacing the pressed card for everyone: the owner would lose
 * the list. So the item card comes as a new message, and the invoke answers with a short message
 * response, which Teams shows without touching the list. A "Back" action would need the list rebuilt
 * on every press and would still hide it while the item is open.
 */
export const openItemBesideList: CardActionHandler = async (context, bot, data) => {
  const parsed = parseVerbData(CardVerb.itemOpenBesideList, data);
  if (!parsed.ok)
    return namesNoRecord(parsed.errors, "itemId")
      ? `${ITEM_GONE}.`
      : 'That button is missing its item: ask for it again, e.g. "update Rec IR4".';
  await context.sendActivity(asCard(await itemCardFor(context, bot, parsed.data.itemId, { everyone: true })));
  return "The item's card is below; your list stays here.";
};

/** The update form submitted: recorded once, or the card again saying what to fix. */
export const submitUpdate: CardActionHandler = async (context, bot, data) => {
  const parsed = parseVerbData(CardVerb.itemUpdate, data);
  if (!parsed.ok) {
    const { errors, values } = parsed;
    if (namesNoRecord(errors, "itemId")) return itemGone();
    const itemId = parseRecordId(values.itemId);
    if (errors.itemId || errors.version || errors.submissionId || errors.card || itemId === null)
      return message("That card is incomplete", ['Open the item again with "update <label>".']);
    return itemCardFor(context, bot, itemId, {
      banner: "Not saved yet: fix the fields marked below.",
      bannerTone: BannerTone.attention,
      errors,
      values,
    });
  }
  const { itemId, version, submissionId, ...inputs } = parsed.data;
  // A confidential item is updated only from a personal chat: nothing is recorded, nothing shown here.
  if ((await itemVisibleTo(bot.store, await bot.viewer(context), itemId)) === false)
    return confidentialHere("Update it");
  const actor = await bot.actor(context);
  const { config, logger } = bot;
  const rules = { requireSecondVerifier: config.REQUIRE_SECOND_VERIFIER, extensions: extensionSettingsOf(config) };
  const outcome = await recordProgressUpdate(
    bot.store,
    { itemId, version, submissionId, inputs },
    actor,
    bot.clock.now(),
    bot.clock.today(),
    rules,
  );
  logger.info(
    {
      itemId,
      outcome: outcome.ok
        ? outcome.duplicate
          ? "duplicate"
          : outcome.unchanged
            ? "unchanged"
            : "recorded"
        : outcome.reason,
    },
    "update card submitted",
  );
  if (!outcome.ok) {
    switch (outcome.reason) {
      case "not_found":
        return message(ITEM_GONE, []);
      case "forbidden":
        return itemCardFor(context, bot, itemId, {
          banner:
            "Not saved: only the owner, their delegate, the directorate's lead or the improvement team can update this item.",
          bannerTone: BannerTone.attention,
        });
      case "stale":
        return itemCardFor(context, bot, itemId, {
          banner:
            "Not saved: this card was out of date (someone updated the item since). Here is the item as it is now; make your change again.",
          bannerTone: BannerTone.warning,
        });
      case "invalid":
        return itemCardFor(context, bot, itemId, {
          banner: "Not saved yet: fix the fields marked below.",
          bannerTone: BannerTone.attention,
          errors: outcome.errors,
          values: inputs,
        });
    }
  }
  if (outcome.unchanged)
    return itemCardFor(context, bot, itemId, {
      banner:
        'Nothing changed: the item already says this, so nothing was recorded. To confirm it still stands, say so in the progress update (e.g. "No change: still on track.").',
      bannerTone: BannerTone.warning,
    });
  if (!outcome.duplicate) await registerChanged(bot, [itemId]);
  // The improvement team's cards (or, with nobody to verify it, word of that), through the outbox.
  if (outcome.awaitingVerification)
    await offerDecisionsNow(bot, bot.clock.now(), "completion submitted", { completionItemIds: [itemId] });
  const waiting = outcome.extension?.state === ExtensionState.waiting ? outcome.extension : null;
  if (waiting && !outcome.duplicate)
    await offerDecisionsNow(bot, bot.clock.now(), "extension requested", { extensionIds: [waiting.id] });
  // An accepted link the committee may not be able to open is said so once, where it was given.
  const caution = outcome.duplicate || !inputs.evidenceUrl ? null : evidenceLinkCaution(inputs.evidenceUrl.trim());
  const saved = outcome.duplicate
    ? "Already saved: this update was recorded once."
    : waiting
      ? `Saved. Your request to move the target to ${readableDate(waiting.requestedTarget)} is waiting for approval by ${APPROVER_WORDS[waiting.decidedBy ?? ExtensionApprover.either]}${waiting.repeat ? " (a repeat extension, flagged for the committee)" : ""}; the current target stands until it is decided.`
      : outcome.awaitingVerification
        ? "Saved. The improvement team will verify the completion; until then it counts as in progress."
        : outcome.selfVerified
          ? "Saved and closed: verified by the submitter (you) as improvement team."
          : "Saved.";
  const banner = caution ? `${saved} ${caution}` : saved;
  // A milestone is updated from its item's card: the item's card comes back, showing the milestone as it now stands.
  if (outcome.milestoneOf !== null)
    return itemCardFor(context, bot, outcome.milestoneOf.itemId, {
      banner: `${outcome.milestoneOf.ref}: ${banner}`,
      bannerTone: caution ? BannerTone.warning : BannerTone.good,
    });
  return itemCardFor(context, bot, itemId, { banner, bannerTone: caution ? BannerTone.warning : BannerTone.good });
};

const DECISION_REFUSALS = {
  forbidden: "Only the improvement team can verify completions.",
  not_awaiting: "Nothing to decide: this item is not awaiting verification (someone may have decided already).",
  comment_required: "Say what is missing before returning it: the owner sees your comment.",
  stale: "This card was out of date: here is the item as it is now.",
  not_found: "That item is no longer in the register.",
  own_submission: "You submitted this completion, so another member of the improvement team must verify it.",
} as const;

/** The improvement team's decision on a completion; the owner hears of it through the dispatcher. */
async function decide(
  context: TurnContext,
  bot: BotContext,
  sent: unknown,
  verb: typeof CardVerb.itemVerify | typeof CardVerb.itemReturn,
): Promise<AdaptiveCard> {
  const decision = verb === CardVerb.itemVerify ? "approve" : "return";
  const parsed = parseVerbData(verb, sent);
  if (!parsed.ok && namesNoRecord(parsed.errors, "itemId")) return itemGone();
  if (!parsed.ok)
    return message(
      parsed.errors.comment ? "Not saved" : "That card is incomplete",
      parsed.errors.comment ? [parsed.errors.comment] : [],
    );
  const { itemId, version, ...data } = parsed.data;
  // Verification cards go to personal chats only; here, whatever the outcome would be, nothing is decided or shown.
  const visible = await itemVisibleTo(bot.store, await bot.viewer(context), itemId);
  if (visible === null) return message(ITEM_GONE, []);
  if (!visible) return confidentialHere("Verify it");
  const actor = await bot.actor(context);
  const outcome = await decideCompletion(
    bot.store,
    { itemId, version, decision, comment: data.comment ?? null },
    actor,
    bot.clock.now(),
  );
  const view = await loadItemView(bot.store, itemId, bot.clock.today(), atRiskSettingsOf(bot.config));
  if (!view) return message(ITEM_GONE, []);
  if (!outcome.ok) {
    const decidable = outcome.reason === "comment_required" || outcome.reason === "stale";
    return renderVerificationCard(view, {
      decidable,
      banner: DECISION_REFUSALS[outcome.reason],
      bannerTone: BannerTone.attention,
    });
  }
  await registerChanged(bot, [itemId]);
  const approved = outcome.decision === "approved";
  const ownerCard = renderItemCard(view, {
    editable: true,
    banner: approved
      ? "Verified by the improvement team: this item now counts as complete."
      : `Returned by the improvement team: ${data.comment ?? ""}`,
    bannerTone: approved ? BannerTone.good : BannerTone.warning,
  });
  await tellOwnerOfDecision(
    bot.store,
    outcome,
    itemId,
    view.version,
    ownerCard,
    `${view.ref}: ${approved ? "verified" : "returned"}`,
  );
  return renderVerificationCard(view, {
    decidable: false,
    banner: approved ? `Approved by ${actor.email ?? "you"}.` : `Returned to the owner by ${actor.email ?? "you"}.`,
    bannerTone: BannerTone.good,
  });
}

export const verifyCompletion: CardActionHandler = (context, bot, sent) =>
  decide(context, bot, sent, CardVerb.itemVerify);

export const returnCompletion: CardActionHandler = (context, bot, sent) =>
  decide(context, bot, sent, CardVerb.itemReturn);

/** The review form submitted by the improvement team. */
export const createReview: CardActionHandler = async (context, bot, sent) => {
  // A confidential review's name would be echoed on this card: such reviews are added in a personal chat.
  const confidential = sent && typeof sent === "object" ? (sent as { confidential?: unknown }).confidential : undefined;
  if (
    parseBoolean(
      typeof confidential === "string" || typeof confidential === "boolean" ? String(confidential).trim() : "",
    ) === true &&
    !mayShowReview(await bot.viewer(context), { confidential: true })
  ) {
    return renderReviewForm({
      errors: [
        "Nothing added: add a confidential review (a children's home) in a personal chat with me, so its name is not posted here.",
      ],
    });
  }
  const parsed = parseVerbData(CardVerb.reviewCreate, sent);
  if (!parsed.ok) return renderReviewForm({ errors: Object.values(parsed.errors), values: parsed.values });
  const data = parsed.data;
  const outcome = await addReviewFromForm(bot.store, data, await bot.actor(context), bot.clock.now());
  if (!outcome.ok) return renderReviewForm({ errors: outcome.errors, values: parsed.values });
  await registerChanged(bot, []);
  return renderReviewForm({
    banner: `${outcome.message} Add its items with "add items to ${data.review_title ?? "the review"}".`,
  });
};

/** The item form submitted: the new item on its review, and the form again for the next. */
export const createItem: CardActionHandler = async (context, bot, sent) => {
  const parsed = parseVerbData(CardVerb.itemCreate, sent);
  const reviewId = parsed.ok ? parsed.data.reviewId : parseRecordId(parsed.values.reviewId);
  const found = reviewId === null ? null : await reviewForItemForm(bot.store, reviewId);
  if (!found) return message("That review is no longer in the register", []);
  if (!mayShowReview(await bot.viewer(context), found)) return confidentialHere("Add its items");
  const review = { id: found.id, title: found.title };
  if (!parsed.ok) return renderItemForm(review, { errors: Object.values(parsed.errors), values: parsed.values });
  const outcome = await addItemFromForm(bot.store, review.id, parsed.data, await bot.actor(context), bot.clock.now());
  if (!outcome.ok) return renderItemForm(review, { errors: outcome.errors, values: parsed.values });
  await registerChanged(bot, await itemIdsOfReview(bot.store, review.id));
  return renderItemForm(review, { banner: `${outcome.message} Add another below.` });
};
