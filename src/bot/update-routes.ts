/**
 * Progress updates through cards (issue 5): the update card ("update <ref>", from reminder and answer
 * cards), its submission, the improvement team's verification, roles, data entry and history.
 * Every card action answers from the database at once (well inside Teams' 15 s) and queues any
 * messages to other people for the dispatcher.
 */
import type { Application, TurnState } from "@microsoft/teams-ai";
import { CardFactory, type TurnContext } from "botbuilder";
import { CardVerb } from "../cards/verbs.js";
import { parseVerbData } from "../cards/verb-data.js";
import { BannerTone, type ItemCardOptions, renderItemCard, renderItemForm, renderReviewForm, renderVerificationCard } from "../cards/item-cards.js";
import type { AdaptiveCard } from "../cards/render-card.js";
import { renderMessageCard } from "../cards/card-text.js";
import { formatDay } from "../domain/calendar-date.js";
import { findItemsByRef } from "../domain/find-items.js";
import { addItemFromForm, addReviewFromForm, assignOwner } from "../services/enter-register-data.js";
import { itemHistory } from "../services/item-history.js";
import { loadItemView, type ItemView } from "../services/item-view.js";
import { grantRole } from "../services/manage-roles.js";
import { askImprovementTeamToVerify, tellOwnerOfDecision } from "../services/notify-verification.js";
import { canEditItem, RoleName, type Actor } from "../services/permissions.js";
import { recordProgressUpdate } from "../services/record-progress-update.js";
import { decideCompletion } from "../services/verify-completion.js";
import { planItemReminders } from "../services/plan-reminders.js";
import { reminderPolicyFromConfig } from "../services/reminder-policy-from-config.js";
import type { RegisterReview } from "../domain/register.js";
import { parseBoolean } from "../domain/register-row.js";
import { mayShowItem, mayShowReview, type VisibilityViewer } from "../domain/visibility.js";
import type { BotContext } from "./bot-context.js";
import { command, commandArguments } from "./command-selector.js";

const UPDATE = /^update\s+(.+)$/i;
const HISTORY = /^history\s+(?:of\s+)?(.+)$/i;
const MAKE_ROLE = /^make\s+(\S+@\S+)\s+(?:an?\s+|the\s+)?(directorate lead|lead|improvement team|improvement team member|admin|viewer)(?:\s+(?:for|of|in)\s+(.+?))?\.?$/i;
const ADD_REVIEW = /^add\s+(?:a\s+)?(?:new\s+)?review$/i;
const ADD_ITEM = /^add\s+(?:an?\s+)?(?:items?|recommendations?)\s+(?:to|for|on)\s+(.+)$/i;
const ASSIGN = /^(?:assign|reassign)\s+(.+?)\s+(?:of|in|on)\s+(.+?)\s+to\s+(\S+@\S+?)\.?$/i;

function message(title: string, paragraphs: string[], suggestions: string[] = []): AdaptiveCard {
  return renderMessageCard(title, paragraphs, { suggestions });
}

function asCard(card: AdaptiveCard) {
  return { attachments: [CardFactory.adaptiveCard(card)] };
}

/** Said wherever a confidential item or review is asked for outside a personal chat. */
function confidentialHere(what: string): AdaptiveCard {
  return message("This is confidential", [`Children's homes inspections are never shown in a channel or group chat. ${what} in a personal chat with me.`]);
}

/** Suggestions that name only reviews this viewer may see, and a note when some were left out. */
function visibleSuggestions(viewer: VisibilityViewer, suggestions: { text: string; review: RegisterReview }[]): { suggestions: string[]; note: string[] } {
  const shown = suggestions.filter((s) => mayShowReview(viewer, s.review));
  const hidden = suggestions.length - shown.length;
  return { suggestions: shown.map((s) => s.text), note: hidden ? [`${hidden} more ${hidden === 1 ? "is" : "are"} confidential: ask me in a personal chat.`] : [] };
}

function editableBy(actor: Actor, view: ItemView): boolean {
  return canEditItem(actor, { ownerId: view.ownerId, delegateId: view.delegateId, directorateId: view.directorateId });
}

export function registerUpdateRoutes(app: Application<TurnState>, bot: BotContext): void {
  const { prisma, logger, config } = bot;
  const reminderPolicy = reminderPolicyFromConfig(config);

  /** After a change commits: answers see it at once, and reminders follow the new target or stop for a closed item. */
  async function changed(itemIds: readonly number[]): Promise<void> {
    bot.snapshots.invalidate();
    if (itemIds.length) await planItemReminders(prisma, itemIds, bot.now(), reminderPolicy);
  }

  /** Whether this viewer may see the item here (confidential items only in a personal chat); null when it is gone. */
  async function itemVisibleTo(context: TurnContext, itemId: number): Promise<boolean | null> {
    const item = await prisma.item.findUnique({ where: { id: itemId }, select: { confidential: true, review: { select: { confidential: true } } } });
    if (!item) return null;
    return mayShowItem(await bot.viewer(context), item, item.review);
  }

  /** The item's card for whoever is looking: editable only for those who may edit; confidential items only in a personal chat. */
  async function itemCardFor(context: TurnContext, itemId: number, options: Omit<ItemCardOptions, "editable"> = {}): Promise<AdaptiveCard> {
    const view = await loadItemView(prisma, itemId, bot.today());
    if (!view) return message("That item is no longer in the register", ["It may have been removed or merged; ask the improvement team."]);
    if (!mayShowItem(await bot.viewer(context), view)) return confidentialHere("Ask me about it");
    const actor = await bot.actor(context);
    return renderItemCard(view, { ...options, editable: editableBy(actor, view) });
  }

  app.message(command(UPDATE), async (context) => {
    const [, refText] = commandArguments(context, UPDATE)!;
    const reviews = await bot.snapshots.get();
    const found = findItemsByRef(reviews, refText!);
    if (found.length === 0) {
      await context.sendActivity(asCard(message(`I can't find "${refText}"`, ["Give the item's label as the register has it, and the review if the label is common, e.g. \"update Rec IR4 of 2023/24 VFM\" or \"update Area for improvement 2 in SEND\"."], ["my actions"])));
      return;
    }
    if (found.length > 1) {
      const { suggestions, note } = visibleSuggestions(await bot.viewer(context), found.slice(0, 6).map((f) => ({ text: `update ${f.item.ref} of ${f.review.title}`, review: f.review })));
      await context.sendActivity(asCard(message(`"${refText}" is on ${found.length} reviews`, ["Which one do you mean?", ...note], suggestions)));
      return;
    }
    await context.sendActivity(asCard(await itemCardFor(context, found[0]!.item.id)));
  });

  app.message(command(HISTORY), async (context) => {
    const [, refText] = commandArguments(context, HISTORY)!;
    const found = findItemsByRef(await bot.snapshots.get(), refText!);
    const viewer = await bot.viewer(context);
    if (found.length !== 1) {
      const { suggestions, note } = visibleSuggestions(viewer, found.slice(0, 6).map((f) => ({ text: `history ${f.item.ref} of ${f.review.title}`, review: f.review })));
      await context.sendActivity(asCard(message(found.length ? `"${refText}" is on ${found.length} reviews` : `I can't find "${refText}"`, ["Name the item and its review, e.g. \"history Rec IR4 of 2023/24 VFM\".", ...note], suggestions)));
      return;
    }
    const { review, item } = found[0]!;
    if (!mayShowItem(viewer, item, review)) {
      await context.sendActivity(asCard(confidentialHere("Ask me for its history")));
      return;
    }
    const lines = await itemHistory(prisma, item.id);
    await context.sendActivity(asCard(message(`History of ${item.ref}`, [review.title, ...lines.map((l) => `${formatDay(l.at.toISOString().slice(0, 10))} ${l.at.toISOString().slice(11, 16)} · ${l.actor} ${l.action}${l.changes ? `: ${l.changes}` : ""}`)])));
  });

  app.message(command(MAKE_ROLE), async (context) => {
    const [, email, roleText, directorate] = commandArguments(context, MAKE_ROLE)!;
    const role = /lead/i.test(roleText!) ? RoleName.directorateLead : /viewer/i.test(roleText!) ? RoleName.viewer : RoleName.improvementTeam;
    const outcome = await grantRole(prisma, { email: email!, role, directorate: directorate ?? null }, await bot.actor(context), bot.now());
    if (!outcome.ok) {
      await context.sendActivity(outcome.reason);
      return;
    }
    const what = outcome.role === RoleName.directorateLead ? `lead for ${outcome.directorateId}` : outcome.role === RoleName.improvementTeam ? "a member of the improvement team" : "a viewer";
    await context.sendActivity(outcome.alreadyHad ? `${outcome.email} is already ${what}.` : `Done: ${outcome.email} is now ${what}.`);
  });

  app.message(command(ADD_REVIEW), async (context) => {
    const actor = await bot.actor(context);
    if (!actor.isImprovementTeam) {
      await context.sendActivity("Only the improvement team can add reviews.");
      return;
    }
    await context.sendActivity(asCard(renderReviewForm({})));
  });

  app.message(command(ADD_ITEM), async (context) => {
    const [, reviewText] = commandArguments(context, ADD_ITEM)!;
    const reviews = await bot.snapshots.get();
    const wanted = reviewText!.toLowerCase().split(/\s+/).filter((w) => w.length > 1);
    const matches = reviews.filter((r) => wanted.every((w) => r.title.toLowerCase().includes(w)));
    const viewer = await bot.viewer(context);
    if (matches.length !== 1) {
      const { suggestions, note } = visibleSuggestions(viewer, matches.slice(0, 6).map((r) => ({ text: `add items to ${r.title}`, review: r })));
      await context.sendActivity(asCard(message(matches.length ? "Which review?" : `I can't find a review called "${reviewText}"`, ["Name the review as the register has it.", ...note], suggestions)));
      return;
    }
    if (!mayShowReview(viewer, matches[0]!)) {
      await context.sendActivity(asCard(confidentialHere("Add its items")));
      return;
    }
    const actor = await bot.actor(context);
    if (!actor.isImprovementTeam && !actor.leads.includes(matches[0]!.directorateId)) {
      await context.sendActivity("Only the improvement team or the directorate's lead can add items.");
      return;
    }
    await context.sendActivity(asCard(renderItemForm({ id: matches[0]!.id, title: matches[0]!.title }, {})));
  });

  app.message(command(ASSIGN), async (context) => {
    const [, refsText, reviewText, email] = commandArguments(context, ASSIGN)!;
    const reviews = await bot.snapshots.get();
    const refs = refsText!.split(/\s*(?:,|\band\b)\s*/i).filter(Boolean);
    const ids: number[] = [];
    const missing: string[] = [];
    for (const ref of refs) {
      const found = findItemsByRef(reviews, `${ref} of ${reviewText}`);
      if (found.length === 1) ids.push(found[0]!.item.id);
      else missing.push(ref);
    }
    if (missing.length) {
      await context.sendActivity(`Nothing assigned: I can't place ${missing.map((m) => `"${m}"`).join(", ")} on "${reviewText}". Name items as the register labels them, e.g. "assign Rec IR4, Rec IR6 of 2023/24 VFM to sam@council.gov.uk".`);
      return;
    }
    const outcome = await assignOwner(prisma, ids, email!, await bot.actor(context), bot.now());
    if (!outcome.ok) {
      await context.sendActivity(outcome.reason);
      return;
    }
    await changed(ids);
    await context.sendActivity(`Done: ${email} owns ${ids.length} item${ids.length === 1 ? "" : "s"} (${outcome.changed} changed).`);
  });

  app.adaptiveCards.actionExecute<unknown>([CardVerb.itemOpen, CardVerb.itemRefresh], async (context, _state, data) => {
    const parsed = parseVerbData(CardVerb.itemOpen, data);
    if (!parsed.ok) return message("That card is missing its item", ["Ask for the item again, e.g. \"update Rec IR4\"."]);
    return itemCardFor(context, parsed.data.itemId);
  });

  // "Update" beside an item in a list ("my actions", an answer). The item card carries a refresh, and
  // teams-ai answers a card with a refresh by replacing the pressed card for everyone: the owner would lose
  // the list. So the item card comes as a new message, and the invoke answers with a short message
  // response, which Teams shows without touching the list. A "Back" action would need the list rebuilt
  // on every press and would still hide it while the item is open.
  app.adaptiveCards.actionExecute<unknown>(CardVerb.itemOpenBesideList, async (context, _state, data) => {
    const parsed = parseVerbData(CardVerb.itemOpenBesideList, data);
    if (!parsed.ok) return "That button is missing its item: ask for it again, e.g. \"update Rec IR4\".";
    await context.sendActivity(asCard(await itemCardFor(context, parsed.data.itemId)));
    return "The item's card is below; your list stays here.";
  });

  app.adaptiveCards.actionExecute<unknown>(CardVerb.itemUpdate, async (context, _state, data) => {
    const parsed = parseVerbData(CardVerb.itemUpdate, data);
    if (!parsed.ok) {
      const { errors, values } = parsed;
      const itemId = Number(values.itemId);
      if (errors.itemId || errors.version || errors.submissionId || errors.card || !Number.isInteger(itemId)) return message("That card is incomplete", ["Open the item again with \"update <label>\"."]);
      return itemCardFor(context, itemId, { banner: "Not saved yet: fix the fields marked below.", bannerTone: BannerTone.attention, errors, values });
    }
    const { itemId, version, submissionId, ...inputs } = parsed.data;
    // A confidential item is updated only from a personal chat: nothing is recorded, nothing shown here.
    if ((await itemVisibleTo(context, itemId)) === false) return confidentialHere("Update it");
    const actor = await bot.actor(context);
    const outcome = await recordProgressUpdate(prisma, { itemId, version, submissionId, inputs }, actor, bot.now(), bot.today(), { requireSecondVerifier: config.REQUIRE_SECOND_VERIFIER });
    logger.info({ itemId, outcome: outcome.ok ? (outcome.duplicate ? "duplicate" : outcome.unchanged ? "unchanged" : "recorded") : outcome.reason }, "update card submitted");
    if (!outcome.ok) {
      switch (outcome.reason) {
        case "not_found":
          return message("That item is no longer in the register", []);
        case "forbidden":
          return itemCardFor(context, itemId, { banner: "Not saved: only the owner, their delegate, the directorate's lead or the improvement team can update this item.", bannerTone: BannerTone.attention });
        case "stale":
          return itemCardFor(context, itemId, { banner: "Not saved: this card was out of date (someone updated the item since). Here is the item as it is now; make your change again.", bannerTone: BannerTone.warning });
        case "invalid":
          return itemCardFor(context, itemId, { banner: "Not saved yet: fix the fields marked below.", bannerTone: BannerTone.attention, errors: outcome.errors, values: inputs });
      }
    }
    if (outcome.unchanged) return itemCardFor(context, itemId, { banner: "Nothing changed: the item already says this, so nothing was recorded. To confirm it still stands, say so in the progress update (e.g. \"No change: still on track.\").", bannerTone: BannerTone.warning });
    if (!outcome.duplicate) await changed([itemId]);
    if (outcome.awaitingVerification) {
      const view = await loadItemView(prisma, itemId, bot.today());
      if (view) {
        const queued = await askImprovementTeamToVerify(prisma, config.IMPROVEMENT_TEAM_ADMINS, itemId, view.version, renderVerificationCard(view, { decidable: true }), `Verify: ${view.reviewTitle} / ${view.ref}`);
        if (queued.unreachable.length) logger.warn({ itemId, unreachable: queued.unreachable.length }, "some of the improvement team have no chat with the bot yet");
      }
    }
    const banner = outcome.duplicate
      ? "Already saved: this update was recorded once."
      : outcome.awaitingVerification
        ? "Saved. The improvement team will verify the completion; until then it counts as in progress."
        : outcome.selfVerified
          ? "Saved and closed: verified by the submitter (you) as improvement team."
          : "Saved.";
    return itemCardFor(context, itemId, { banner, bannerTone: BannerTone.good });
  });

  app.adaptiveCards.actionExecute<unknown>([CardVerb.itemVerify, CardVerb.itemReturn], async (context, _state, sent) => {
    const decision = context.activity.value?.action?.verb === CardVerb.itemVerify ? "approve" : "return";
    const parsed = parseVerbData(decision === "approve" ? CardVerb.itemVerify : CardVerb.itemReturn, sent);
    if (!parsed.ok) return message(parsed.errors.comment ? "Not saved" : "That card is incomplete", parsed.errors.comment ? [parsed.errors.comment] : []);
    const { itemId, version, ...data } = parsed.data;
    // Verification cards go to personal chats only; here, whatever the outcome would be, nothing is decided or shown.
    const visible = await itemVisibleTo(context, itemId);
    if (visible === null) return message("That item is no longer in the register", []);
    if (!visible) return confidentialHere("Verify it");
    const actor = await bot.actor(context);
    const outcome = await decideCompletion(prisma, { itemId, version, decision, comment: data.comment ?? null }, actor, bot.now());
    const view = await loadItemView(prisma, itemId, bot.today());
    if (!view) return message("That item is no longer in the register", []);
    if (!outcome.ok) {
      const banner = {
        forbidden: "Only the improvement team can verify completions.",
        not_awaiting: "Nothing to decide: this item is not awaiting verification (someone may have decided already).",
        comment_required: "Say what is missing before returning it: the owner sees your comment.",
        stale: "This card was out of date: here is the item as it is now.",
        not_found: "That item is no longer in the register.",
        own_submission: "You submitted this completion, so another member of the improvement team must verify it.",
      }[outcome.reason];
      return renderVerificationCard(view, { decidable: outcome.reason === "comment_required" || outcome.reason === "stale", banner, bannerTone: BannerTone.attention });
    }
    await changed([itemId]);
    const ownerCard = renderItemCard(view, {
      editable: true,
      banner: outcome.decision === "approved" ? "Verified by the improvement team: this item now counts as complete." : `Returned by the improvement team: ${data.comment ?? ""}`,
      bannerTone: outcome.decision === "approved" ? BannerTone.good : BannerTone.warning,
    });
    await tellOwnerOfDecision(prisma, outcome, itemId, view.version, ownerCard, `${view.ref}: ${outcome.decision === "approved" ? "verified" : "returned"}`);
    return renderVerificationCard(view, { decidable: false, banner: outcome.decision === "approved" ? `Approved by ${actor.email ?? "you"}.` : `Returned to the owner by ${actor.email ?? "you"}.`, bannerTone: BannerTone.good });
  });

  app.adaptiveCards.actionExecute<unknown>(CardVerb.reviewCreate, async (context, _state, sent) => {
    // A confidential review's name would be echoed on this card: such reviews are added in a personal chat.
    const confidential = sent && typeof sent === "object" ? (sent as { confidential?: unknown }).confidential : undefined;
    if (parseBoolean(String(confidential ?? "").trim()) === true && !mayShowReview(await bot.viewer(context), { confidential: true })) {
      return renderReviewForm({ errors: ["Nothing added: add a confidential review (a children's home) in a personal chat with me, so its name is not posted here."] });
    }
    const parsed = parseVerbData(CardVerb.reviewCreate, sent);
    if (!parsed.ok) return renderReviewForm({ errors: Object.values(parsed.errors), values: parsed.values });
    const data = parsed.data;
    const outcome = await addReviewFromForm(prisma, data, await bot.actor(context), bot.today());
    if (!outcome.ok) return renderReviewForm({ errors: outcome.errors, values: parsed.values });
    await changed([]);
    return renderReviewForm({ banner: `${outcome.message} Add its items with "add items to ${data.review_title ?? "the review"}".` });
  });

  app.adaptiveCards.actionExecute<unknown>(CardVerb.itemCreate, async (context, _state, sent) => {
    const parsed = parseVerbData(CardVerb.itemCreate, sent);
    const reviewId = parsed.ok ? parsed.data.reviewId : Number(parsed.values.reviewId);
    const found = Number.isInteger(reviewId) && reviewId > 0 ? await prisma.review.findUnique({ where: { id: reviewId }, select: { id: true, title: true, confidential: true } }) : null;
    if (!found) return message("That review is no longer in the register", []);
    if (!mayShowReview(await bot.viewer(context), found)) return confidentialHere("Add its items");
    const review = { id: found.id, title: found.title };
    if (!parsed.ok) return renderItemForm(review, { errors: Object.values(parsed.errors), values: parsed.values });
    const data = parsed.data;
    const outcome = await addItemFromForm(prisma, review.id, data, await bot.actor(context), bot.today());
    if (!outcome.ok) return renderItemForm(review, { errors: outcome.errors, values: parsed.values });
    await changed((await prisma.item.findMany({ where: { reviewId: review.id }, select: { id: true } })).map((i) => i.id));
    return renderItemForm(review, { banner: `${outcome.message} Add another below.` });
  });
}
