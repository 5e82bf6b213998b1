/**
 * A chat command: its pattern matched against the message (teams-ai has already removed the bot's
 * @mention). In a channel or group chat only an @mention counts, as for questions.
 */
import type { TurnContext } from "botbuilder";
import { ConversationScope } from "../domain/visibility.js";
import { conversationScope, mentionsBot } from "./conversation.js";

export function command(pattern: RegExp): (context: TurnContext) => Promise<boolean> {
  return (context) => {
    const activity = context.activity;
    if (activity.type !== "message" || !activity.text) return Promise.resolve(false);
    if (conversationScope(activity) !== ConversationScope.personal && !mentionsBot(activity))
      return Promise.resolve(false);
    return Promise.resolve(pattern.test(activity.text.trim()));
  };
}
