/**
 * Routing tables: each route file lists its chat commands (pattern → named handler, in the order they
 * are tried) and its card verbs (verb → named handler), and registers them here, so a route file reads
 * as the list of what the bot answers and where each answer is made.
 */
import type { Application } from "@microsoft/teams-ai/lib/Application.js";
import type { TurnState } from "@microsoft/teams-ai/lib/TurnState.js";
import type { TurnContext } from "botbuilder";
import type { AdaptiveCard } from "../cards/render-card.js";
import type { CardVerb } from "../cards/verbs.js";
import type { BotContext } from "./bot-context.js";
import { command } from "./command-selector.js";

/** A chat command's handler: `args` is its pattern matched against the message. */
export type CommandHandler = (context: TurnContext, bot: BotContext, args: RegExpExecArray) => Promise<void>;

export interface CommandRoute {
  pattern: RegExp;
  handle: CommandHandler;
}

/** A card action's handler: the card that replaces the one pressed, or a short message Teams shows beside it. */
export type CardActionHandler = (
  context: TurnContext,
  bot: BotContext,
  data: unknown,
) => Promise<AdaptiveCard | string>;

/** Chat commands are tried in the order listed; the first that matches answers. */
export function registerCommands(app: Application<TurnState>, bot: BotContext, routes: readonly CommandRoute[]): void {
  for (const { pattern, handle } of routes) {
    app.message(command(pattern), (context) =>
      handle(context, bot, pattern.exec((context.activity.text ?? "").trim())!),
    );
  }
}

export function registerCardActions<Verb extends CardVerb>(
  app: Application<TurnState>,
  bot: BotContext,
  table: Record<Verb, CardActionHandler>,
): void {
  for (const [verb, handle] of Object.entries(table) as [Verb, CardActionHandler][]) {
    app.adaptiveCards.actionExecute<unknown>(verb, (context, _state, data) => handle(context, bot, data));
  }
}
