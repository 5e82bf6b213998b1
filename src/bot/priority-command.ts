/** "set priority of <refs> of <review> to <label>": the improvement team's way to give items the council's priority. */
import { PRIORITY_REFUSED, setItemPriority } from "../services/register/set-item-priority.js";
import { placeItemRefsHere } from "./place-items-here.js";
import type { CommandHandler } from "./route-table.js";
import { registerChanged } from "./updates/replies.js";

export const SET_PRIORITY =
  /^(?:set\s+)?(?:the\s+)?priority\s+(?:of\s+|for\s+)?(.+?)\s+(?:of|in|on)\s+(.+?)\s+to\s+(.+?)\.?$/i;

/**
 * All the named items or none: an item that cannot be placed changes nothing. The role is checked before the
 * items are looked up, and only items the asker may see here are placed, as every other write route does.
 */
export const setPriority: CommandHandler = async (context, bot, [, refsText, reviewText, label]) => {
  const actor = await bot.actor(context);
  if (!actor.isImprovementTeam) {
    await context.sendActivity(PRIORITY_REFUSED);
    return;
  }
  const reviews = await bot.snapshots.get();
  const { ids, missing, note } = placeItemRefsHere(await bot.viewer(context), reviews, refsText!, reviewText!);
  if (missing.length) {
    await context.sendActivity(
      `No priority set: I can't place ${missing.map((m) => `"${m}"`).join(", ")} on "${reviewText}". Name items as the register labels them, e.g. "set priority of Rec IR4, Rec IR6 of 2023/24 VFM to high".${note}`,
    );
    return;
  }
  const outcome = await setItemPriority(bot.store, ids, label!, bot.config.PRIORITY_LABELS, actor, bot.clock.now());
  if (!outcome.ok) {
    await context.sendActivity(outcome.reason);
    return;
  }
  // A priority may carry its own reminder policy: the items' reminders are planned again.
  await registerChanged(bot, ids);
  const { changed, priority } = outcome.value;
  await context.sendActivity(
    `Done: ${ids.length} item${ids.length === 1 ? "" : "s"} ${priority ? `now ${priority} priority` : "without a priority"} (${changed} changed).`,
  );
};
