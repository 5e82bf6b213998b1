/**
 * The bot joining and leaving conversations: added to a chat or team, it keeps the conversation (for
 * proactive messages) and says hello; removed, it forgets it.
 */
import type { Application } from "@microsoft/teams-ai/lib/Application.js";
import type { TurnState } from "@microsoft/teams-ai/lib/TurnState.js";
import { ActivityTypes, CardFactory, type TurnContext } from "botbuilder";
import { welcomeAnswer } from "../services/questions/answer-question.js";
import type { BotContext } from "./bot-context.js";
import { conversationScope } from "./conversation.js";

/** Added to a conversation: keep it afresh (it may have been removed before) and say what the bot does. */
async function welcomeWhenAdded(context: TurnContext, bot: BotContext): Promise<void> {
  const added = context.activity.membersAdded ?? [];
  if (!added.some((m) => m.id === context.activity.recipient.id)) return;
  await bot.rememberConversation(context, { refresh: true });
  await context.sendActivity({ attachments: [CardFactory.adaptiveCard(welcomeAnswer().card)] });
}

/** Installed or removed (the app, rather than the bot as a member). */
async function followInstallation(context: TurnContext, bot: BotContext): Promise<void> {
  if (context.activity.action?.startsWith("remove")) {
    await bot.forgetConversation(context);
    bot.logger.info({ kind: conversationScope(context.activity) }, "bot removed from a conversation");
  } else {
    await bot.rememberConversation(context);
  }
}

export function registerInstallationRoutes(app: Application<TurnState>, bot: BotContext): void {
  app.conversationUpdate("membersAdded", (context) => welcomeWhenAdded(context, bot));
  app.activity(ActivityTypes.InstallationUpdate, (context) => followInstallation(context, bot));
}
