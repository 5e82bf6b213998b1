/**
 * Routing tables: each route file lists its chat commands (pattern → named handler, in the order they
 * are tried) and its card verbs (verb → named handler), and registers them here, so a route file reads
 * as the list of what the bot answers and where each answer is made. Each card verb is reached two ways, by
 * the same handler and so the same permission checks: an Action.Execute invoke, and the Action.Submit message
 * older Teams clients send instead (its data carries the verb).
 */
import type { Application } from "@microsoft/teams-ai/lib/Application.js";
import type { TurnState } from "@microsoft/teams-ai/lib/TurnState.js";
import { ActivityTypes, CardFactory, type TurnContext } from "botbuilder";
import type { AdaptiveCard } from "../cards/render-card.js";
import type { CardVerb } from "../cards/verbs.js";
import type { BotContext } from "./bot-context.js";
import { command } from "./command-selector.js";
import { conversationScope } from "./conversation.js";
import { ConversationScope } from "../domain/visibility.js";

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

/**
 * Whether this answer is one viewer's own view of a live card: a card carrying `refresh`, answered to a refresh
 * or outside a personal chat. teams-ai 1.7.4 replaces the message for everyone (updateActivity) whenever the
 * card it is given carries `refresh`, which would put one person's buttons on the card everyone sees.
 */
function isPersonalView(context: TurnContext, result: AdaptiveCard | string): result is AdaptiveCard {
  if (typeof result === "string" || !result.refresh) return false;
  const trigger = (context.activity.value as { trigger?: unknown } | undefined)?.trigger;
  return trigger === "automatic" || conversationScope(context.activity) !== ConversationScope.personal;
}

/**
 * Answers the invoke with the card for the person who pressed (or whose client refreshed) alone. teams-ai sends
 * no response of its own once one is set, so the message itself is never replaced.
 */
async function answerViewerAlone(context: TurnContext, card: AdaptiveCard): Promise<void> {
  await context.sendActivity({
    type: ActivityTypes.InvokeResponse,
    value: { status: 200, body: { statusCode: 200, type: "application/vnd.microsoft.card.adaptive", value: card } },
  });
}

/**
 * An Action.Submit from a client without Universal Actions: the handler's card comes as a new message. Outside
 * a personal chat a viewer's own view (one with a refresh) would show everyone their buttons, so its plain
 * text comes instead.
 */
async function answerSubmit(context: TurnContext, result: AdaptiveCard | string): Promise<void> {
  if (typeof result === "string") {
    await context.sendActivity(result);
    return;
  }
  if (result.refresh && conversationScope(context.activity) !== ConversationScope.personal) {
    await context.sendActivity(typeof result.fallbackText === "string" ? result.fallbackText : "Done.");
    return;
  }
  await context.sendActivity({ attachments: [CardFactory.adaptiveCard(result)] });
}

export function registerCardActions<Verb extends CardVerb>(
  app: Application<TurnState>,
  bot: BotContext,
  table: Record<Verb, CardActionHandler>,
): void {
  for (const [verb, handle] of Object.entries(table) as [Verb, CardActionHandler][]) {
    app.adaptiveCards.actionExecute<unknown>(verb, async (context, _state, data) => {
      const result = await handle(context, bot, data);
      if (isPersonalView(context, result)) await answerViewerAlone(context, result);
      return result;
    });
    app.adaptiveCards.actionSubmit<Record<string, unknown>>(verb, async (context, _state, data) => {
      await answerSubmit(context, await handle(context, bot, data));
    });
  }
}
