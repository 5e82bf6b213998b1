/**
 * The update routes' chat commands, one named handler each: "update <ref>", "history <ref>", "make
 * <email> <role>", "add review", "add items to <review>" and "assign <refs> of <review> to <email>".
 */
import { renderItemForm, renderReviewForm } from "../../cards/item-cards.js";
import { formatDay } from "../../domain/dates/calendar-date.js";
import { findItemsByRef } from "../../domain/questions/find-items.js";
import { mayShowItem, mayShowReview } from "../../domain/visibility.js";
import { assignOwner } from "../../services/imports/enter-register-data.js";
import { itemHistory } from "../../services/register/item-history.js";
import { grantRole } from "../../services/people/manage-roles.js";
import { RoleName } from "../../services/people/permissions.js";
import { placeItemRefsHere } from "../place-items-here.js";
import { offerDecisionsNow } from "../decisions/decision-offers.js";
import type { CommandHandler } from "../route-table.js";
import { asCard, confidentialHere, itemCardFor, message, registerChanged, visibleSuggestions } from "./replies.js";

export const UPDATE = /^update\s+(.+)$/i;
export const HISTORY = /^history\s+(?:of\s+)?(.+)$/i;
export const MAKE_ROLE =
  /^make\s+(\S+@\S+)\s+(?:an?\s+|the\s+)?(directorate lead|lead|improvement team|improvement team member|admin|viewer)(?:\s+(?:for|of|in)\s+(.+?))?\.?$/i;
export const ADD_REVIEW = /^add\s+(?:a\s+)?(?:new\s+)?review$/i;
export const ADD_ITEM = /^add\s+(?:an?\s+)?(?:items?|recommendations?)\s+(?:to|for|on)\s+(.+)$/i;
export const ASSIGN = /^(?:assign|reassign)\s+(.+?)\s+(?:of|in|on)\s+(.+?)\s+to\s+(\S+@\S+?)\.?$/i;

/** "update <ref>": the item's update card, or which review was meant. */
export const showUpdateCard: CommandHandler = async (context, bot, [, refText]) => {
  const reviews = await bot.snapshots.get();
  const found = findItemsByRef(reviews, refText!);
  if (found.length === 0) {
    await context.sendActivity(
      asCard(
        message(
          `I can't find "${refText}"`,
          [
            'Give the item\'s label as the register has it, and the review if the label is common, e.g. "update Rec IR4 of 2023/24 VFM" or "update Area for improvement 2 in SEND".',
          ],
          ["my actions"],
        ),
      ),
    );
    return;
  }
  if (found.length > 1) {
    const { suggestions, note } = visibleSuggestions(
      await bot.viewer(context),
      found.slice(0, 6).map((f) => ({ text: `update ${f.item.ref} of ${f.review.title}`, review: f.review })),
    );
    await context.sendActivity(
      asCard(message(`"${refText}" is on ${found.length} reviews`, ["Which one do you mean?", ...note], suggestions)),
    );
    return;
  }
  // In a channel or group chat everyone sees the read-only card; each person who may act is refreshed their own.
  await context.sendActivity(asCard(await itemCardFor(context, bot, found[0]!.item.id, { everyone: true })));
};

/** "history <ref>": who changed what on the item, and when. */
export const showHistory: CommandHandler = async (context, bot, [, refText]) => {
  const found = findItemsByRef(await bot.snapshots.get(), refText!);
  const viewer = await bot.viewer(context);
  if (found.length !== 1) {
    const { suggestions, note } = visibleSuggestions(
      viewer,
      found.slice(0, 6).map((f) => ({ text: `history ${f.item.ref} of ${f.review.title}`, review: f.review })),
    );
    await context.sendActivity(
      asCard(
        message(
          found.length ? `"${refText}" is on ${found.length} reviews` : `I can't find "${refText}"`,
          ['Name the item and its review, e.g. "history Rec IR4 of 2023/24 VFM".', ...note],
          suggestions,
        ),
      ),
    );
    return;
  }
  const { review, item } = found[0]!;
  if (!mayShowItem(viewer, item, review)) {
    await context.sendActivity(asCard(confidentialHere("Ask me for its history")));
    return;
  }
  const lines = await itemHistory(bot.store, item.id);
  await context.sendActivity(
    asCard(
      message(`History of ${item.ref}`, [
        review.title,
        ...lines.map(
          (l) =>
            `${formatDay(l.at.toISOString().slice(0, 10))} ${l.at.toISOString().slice(11, 16)} · ${l.actor} ${l.action}${l.changes ? `: ${l.changes}` : ""}`,
        ),
      ]),
    ),
  );
};

/** "make <email> <role> [for <directorate>]": grants a role, if the asker may. */
export const makeRole: CommandHandler = async (context, bot, [, email, roleText, directorate]) => {
  const role = /lead/i.test(roleText!)
    ? RoleName.directorateLead
    : /viewer/i.test(roleText!)
      ? RoleName.viewer
      : RoleName.improvementTeam;
  const outcome = await grantRole(
    bot.store,
    { email: email!, role, directorate: directorate ?? null },
    await bot.actor(context),
    bot.clock.now(),
  );
  if (!outcome.ok) {
    await context.sendActivity(outcome.reason);
    return;
  }
  // A new lead or improvement-team member may be the decider a waiting request or completion needs.
  if (!outcome.alreadyHad) await offerDecisionsNow(bot, bot.clock.now(), "role given");
  const what =
    outcome.role === RoleName.directorateLead
      ? `lead for ${outcome.directorateId}`
      : outcome.role === RoleName.improvementTeam
        ? "a member of the improvement team"
        : "a viewer";
  await context.sendActivity(
    outcome.alreadyHad ? `${outcome.email} is already ${what}.` : `Done: ${outcome.email} is now ${what}.`,
  );
};

/** "add review": the form for a new review, for the improvement team. */
export const showReviewForm: CommandHandler = async (context, bot) => {
  const actor = await bot.actor(context);
  if (!actor.isImprovementTeam) {
    await context.sendActivity("Only the improvement team can add reviews.");
    return;
  }
  await context.sendActivity(asCard(renderReviewForm({})));
};

const ADD_ITEMS_REFUSED = "Only the improvement team or the directorate's lead can add items.";

/** "add items to <review>": the form for a review's new items, for the improvement team or the directorate's lead. */
export const showItemForm: CommandHandler = async (context, bot, [, reviewText]) => {
  // Who may add items is known before any review is looked up, so a refusal says nothing about what exists.
  const actor = await bot.actor(context);
  if (!actor.isImprovementTeam && actor.leads.length === 0) {
    await context.sendActivity(ADD_ITEMS_REFUSED);
    return;
  }
  const reviews = await bot.snapshots.get();
  const wanted = reviewText!
    .toLowerCase()
    .split(/\s+/)
    .filter((w) => w.length > 1);
  const matches = reviews.filter((r) => wanted.every((w) => r.title.toLowerCase().includes(w)));
  const viewer = await bot.viewer(context);
  if (matches.length !== 1) {
    const { suggestions, note } = visibleSuggestions(
      viewer,
      matches.slice(0, 6).map((r) => ({ text: `add items to ${r.title}`, review: r })),
    );
    await context.sendActivity(
      asCard(
        message(
          matches.length ? "Which review?" : `I can't find a review called "${reviewText}"`,
          ["Name the review as the register has it.", ...note],
          suggestions,
        ),
      ),
    );
    return;
  }
  const review = matches[0]!;
  if (!mayShowReview(viewer, review)) {
    await context.sendActivity(asCard(confidentialHere("Add its items")));
    return;
  }
  if (!actor.isImprovementTeam && !actor.leads.includes(review.directorateId)) {
    await context.sendActivity(ADD_ITEMS_REFUSED);
    return;
  }
  await context.sendActivity(asCard(renderItemForm({ id: review.id, title: review.title }, {})));
};

/**
 * "assign <refs> of <review> to <email>": all of them or none. Only the improvement team or a directorate's
 * lead is answered about the items, and only items they may see here are placed.
 */
export const assignItems: CommandHandler = async (context, bot, [, refsText, reviewText, email]) => {
  const actor = await bot.actor(context);
  if (!actor.isImprovementTeam && actor.leads.length === 0) {
    await context.sendActivity("Only the improvement team or the directorate's lead can assign owners.");
    return;
  }
  const reviews = await bot.snapshots.get();
  const { ids, missing, note } = placeItemRefsHere(await bot.viewer(context), reviews, refsText!, reviewText!);
  if (missing.length) {
    await context.sendActivity(
      `Nothing assigned: I can't place ${missing.map((m) => `"${m}"`).join(", ")} on "${reviewText}". Name items as the register labels them, e.g. "assign Rec IR4, Rec IR6 of 2023/24 VFM to sam@council.gov.uk".${note}`,
    );
    return;
  }
  const outcome = await assignOwner(bot.store, ids, email!, actor, bot.clock.now());
  if (!outcome.ok) {
    await context.sendActivity(outcome.reason);
    return;
  }
  await registerChanged(bot, ids);
  await context.sendActivity(
    `Done: ${outcome.owner} owns ${ids.length} item${ids.length === 1 ? "" : "s"} (${outcome.changed} changed).`,
  );
};
