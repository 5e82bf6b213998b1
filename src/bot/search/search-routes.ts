/**
 * The search message extension (manifest `composeExtensions`): its commands by id ("Find a recommendation")
 * and the selection of a result, which inserts the item's card as a channel sees it. A search's text,
 * page and command are checked here; a request that cannot be one gets a 400 saying what is wrong.
 */
import type { Application, Query } from "@microsoft/teams-ai/lib/Application.js";
import type { TurnState } from "@microsoft/teams-ai/lib/TurnState.js";
import {
  ActivityTypes,
  CardFactory,
  type MessagingExtensionAttachment,
  type MessagingExtensionResult,
  type TurnContext,
} from "botbuilder";
import { atRiskSettingsOf } from "../../config.js";
import { parseRecordId } from "../../domain/register/record-id.js";
import { SearchLimit } from "../../domain/search/search-items.js";
import { searchRegister, type SearchResult } from "../../services/search/search-register.js";
import { NotShared, sharedItemCard } from "../../services/search/shared-item-card.js";
import type { BotContext } from "../bot-context.js";

/** The command's id and its one parameter, as appPackage/manifest.json names them. */
export const SearchCommand = { findItem: "findItem" } as const;
export const SEARCH_PARAMETER = "query";
/** What Teams sends in place of the parameters when it runs a command with `initialRun` as it opens. */
const INITIAL_RUN_PARAMETER = "initialRun";

type SearchHandler = (
  context: TurnContext,
  bot: BotContext,
  query: Query<Record<string, unknown>>,
) => Promise<MessagingExtensionResult>;

/** botbuilder's CardFactory.contentTypes.thumbnailCard, which its typings leave untyped. */
const THUMBNAIL_CARD = "application/vnd.microsoft.card.thumbnail";

const COMPOSE_INVOKES = { query: "composeExtension/query", selectItem: "composeExtension/selectItem" } as const;

/** Answers the invoke with `status` and what to fix; teams-ai then sends no answer of its own. */
async function refuse(context: TurnContext, status: 400, error: string): Promise<MessagingExtensionResult> {
  await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status, body: { error } } });
  return {};
}

function resultMessage(text: string): MessagingExtensionResult {
  return { type: "message", text };
}

function asAttachment(result: SearchResult): MessagingExtensionAttachment {
  return {
    ...CardFactory.adaptiveCard(result.card),
    preview: { contentType: THUMBNAIL_CARD, content: result.preview },
  };
}

const NOTHING_FOUND_HINT =
  'Search by a reference ("Rec IR4"), a review\'s title, its inspecting body, a directorate ("CYPS") or an owner\'s email. Confidential items are never found here.';

/** "Find a recommendation": the items matching the words typed, or with none, the searcher's own open items. */
const findItems: SearchHandler = async (context, bot, query) => {
  const { parameters } = query;
  const typed = parameters[SEARCH_PARAMETER];
  if (typed === undefined && parameters[INITIAL_RUN_PARAMETER] === undefined)
    return refuse(
      context,
      400,
      `this search has no "${SEARCH_PARAMETER}" parameter: send the words to search for in it`,
    );
  if (typed !== undefined && typeof typed !== "string")
    return refuse(context, 400, `the "${SEARCH_PARAMETER}" parameter must be text`);
  const { skip, count } = query;
  if (!Number.isInteger(skip) || skip < 0 || skip > SearchLimit.skip)
    return refuse(context, 400, `queryOptions.skip must be a whole number from 0 to ${SearchLimit.skip}`);
  if (!Number.isInteger(count) || count < 1 || count > SearchLimit.page)
    return refuse(context, 400, `queryOptions.count must be a whole number from 1 to ${SearchLimit.page}`);
  const { email } = await bot.identify(context);
  const outcome = await searchRegister(
    {
      store: bot.store,
      snapshots: bot.snapshots,
      today: bot.clock.today(),
      atRiskSettings: atRiskSettingsOf(bot.config),
    },
    { text: typed ?? "", skip, count, email },
  );
  if (!outcome.ok) return resultMessage(outcome.reason);
  bot.logger.info(
    { words: outcome.words.length, skip, total: outcome.total, shown: outcome.results.length },
    "compose box search",
  );
  // Only the first page explains an empty answer: a later page that is empty just ends the list.
  if (outcome.total === 0 && skip === 0) {
    if (outcome.words.length > 0) return resultMessage(`No item matches every word you typed. ${NOTHING_FOUND_HINT}`);
    return resultMessage(
      email
        ? `You have no open items to share. ${NOTHING_FOUND_HINT}`
        : `I could not find your email address in Teams, so I cannot list your own items. ${NOTHING_FOUND_HINT}`,
    );
  }
  return { type: "result", attachmentLayout: "list", attachments: outcome.results.map(asAttachment) };
};

/** The search commands by id, as the manifest lists them. */
const SEARCH_COMMANDS: Record<string, SearchHandler> = {
  [SearchCommand.findItem]: findItems,
};

/** A result selected: its card, read-only as a channel sees it, for the compose box to insert. */
async function insertItem(context: TurnContext, bot: BotContext, selected: unknown): Promise<MessagingExtensionResult> {
  const itemId = parseRecordId((selected as { itemId?: unknown } | null)?.itemId);
  if (itemId === null)
    return refuse(context, 400, "this selection names no item: its value must be { itemId } from a search result");
  const shared = await sharedItemCard(bot.store, itemId, bot.clock.today(), atRiskSettingsOf(bot.config));
  if (!shared.ok) {
    return resultMessage(
      shared.reason === NotShared.confidential
        ? "This item is confidential, so it cannot be shared from here: ask me about it in a personal chat."
        : "That item is no longer in the register: it may have been removed or merged. Search again.",
    );
  }
  return { type: "result", attachmentLayout: "list", attachments: [CardFactory.adaptiveCard(shared.card)] };
}

export function registerSearchRoutes(app: Application<TurnState>, bot: BotContext): void {
  // Every search invoke comes here, so one naming no command the bot has gets a 400 rather than no answer.
  const isSearch = (context: TurnContext) =>
    Promise.resolve(
      context.activity.type === (ActivityTypes.Invoke as string) && context.activity.name === COMPOSE_INVOKES.query,
    );
  app.messageExtensions.query<Record<string, unknown>>(isSearch, (context, _state, query) => {
    const commandId = (context.activity.value as { commandId?: unknown } | undefined)?.commandId;
    // Own keys only: "constructor" or "__proto__" sent as a command id must name nothing.
    if (typeof commandId !== "string" || !Object.hasOwn(SEARCH_COMMANDS, commandId))
      return refuse(
        context,
        400,
        `this bot has no search command ${JSON.stringify(String(commandId).slice(0, 64))}: its command is "${SearchCommand.findItem}"`,
      );
    return SEARCH_COMMANDS[commandId]!(context, bot, query);
  });
  app.messageExtensions.selectItem((context, _state, selected) => insertItem(context, bot, selected));
}
