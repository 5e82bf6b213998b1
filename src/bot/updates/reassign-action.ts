/**
 * Reassign on the leavers' card: one of a leaver's open items handed to the email typed beside it. The card
 * comes back as the leaver's items now stand for this viewer, saying what was done, or with the problem
 * beside the item's box (nothing changed). Only the improvement team or the item's directorate's lead may.
 */
import { BannerTone } from "../../cards/item-cards.js";
import { renderLeaverCard } from "../../cards/leaver-card.js";
import { NEW_OWNER_FIELD, parseVerbData } from "../../cards/verb-data.js";
import { CardVerb } from "../../cards/verbs.js";
import { parseRecordId } from "../../domain/register/record-id.js";
import { loadLeaverCardView } from "../../services/people/leaver-view.js";
import { directoratesHandedOnBy, reassignLeaverItem } from "../../services/people/reassign-item.js";
import { namerOf } from "../../services/register/item-history.js";
import type { CardActionHandler } from "../route-table.js";
import { message, registerChanged } from "./replies.js";

const INCOMPLETE = message("That card is incomplete", [
  "Ask the improvement team to look at the owner's items again: the card has lost which item it was about.",
]);

export const reassignFromLeaver: CardActionHandler = async (context, bot, sent) => {
  const parsed = parseVerbData(CardVerb.leaverReassign, sent);
  const leaverId = parsed.ok ? parsed.data.leaverId : parseRecordId(parsed.values.leaverId);
  const itemId = parsed.ok ? parsed.data.itemId : parseRecordId(parsed.values.itemId);
  if (leaverId === null || itemId === null) return INCOMPLETE;
  const field = `${NEW_OWNER_FIELD}${itemId}`;
  const actor = await bot.actor(context);
  const handsOn = await directoratesHandedOnBy(bot.store, actor);
  if (handsOn !== null && handsOn.length === 0)
    return message("Not changed", [
      "Only the improvement team or the directorate's lead can hand on the items of someone who left.",
    ]);
  const viewer = await bot.viewer(context);
  const card = async (options: Parameters<typeof renderLeaverCard>[1]) => {
    const view = await loadLeaverCardView(bot.store, leaverId, viewer, handsOn);
    return view ? renderLeaverCard(view, options) : message("That person is no longer in the register", []);
  };
  const typed = parsed.values[field] ?? "";
  if (!parsed.ok) {
    const problem = parsed.errors[field] ?? Object.values(parsed.errors)[0]!;
    return card({ errors: { [itemId]: problem }, values: { [itemId]: typed }, bannerTone: BannerTone.attention });
  }
  // The item must be on this viewer's card: a confidential one is handed on only in a personal chat.
  const before = await loadLeaverCardView(bot.store, leaverId, viewer, handsOn);
  if (before && !before.items.some((item) => item.itemId === itemId) && before.hidden > 0)
    return card({
      banner:
        "Not changed: that item is not shown here (confidential, or another directorate's). Hand it on in a personal chat.",
      bannerTone: BannerTone.attention,
    });
  const outcome = await reassignLeaverItem(
    bot.store,
    { leaverId, itemId, newOwner: parsed.data[field] ?? "" },
    actor,
    bot.clock.now(),
  );
  bot.logger.info({ leaverId, itemId, outcome: outcome.ok ? "reassigned" : "refused" }, "leaver's item reassigned");
  if (!outcome.ok)
    return outcome.field
      ? card({
          banner: "Not changed yet: fix the email marked below.",
          bannerTone: BannerTone.attention,
          errors: { [itemId]: outcome.reason },
          values: { [itemId]: typed },
        })
      : card({ banner: `Not changed: ${outcome.reason}`, bannerTone: BannerTone.warning });
  await registerChanged(bot, [itemId]);
  const heading = before?.items.find((item) => item.itemId === itemId)?.heading ?? "The item";
  const newOwner = (await namerOf(bot.store, [outcome.newOwner]))(outcome.newOwner);
  return card({
    banner: `Done: ${heading} now belongs to ${newOwner}, recorded in its history by ${actor.email ?? "you"}.`,
    bannerTone: BannerTone.good,
  });
};
