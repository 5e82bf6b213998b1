/**
 * What the asker is told when a turn fails: "Sorry" with a reference that the log carries beside the
 * error, so the improvement team can find one from the other. It never goes into a channel or group chat
 * (the room would read about someone else's failed action): a card press is answered privately in its
 * invoke response, which only the presser sees; a message elsewhere than a personal chat is answered in the
 * asker's personal chat through the outbox, or only logged when they have none.
 */
import { randomUUID } from "node:crypto";
import { ActivityTypes, INVOKE_RESPONSE_KEY, type TurnContext } from "botbuilder";
import { ConversationScope } from "../domain/visibility.js";
import { enqueueMessage, MessagePurpose, personalConversationOf } from "../services/dispatch/outbox.js";
import type { BotContext } from "./bot-context.js";
import { conversationScope } from "./conversation.js";

function turnErrorText(reference: string): string {
  return `Sorry: something went wrong answering that. Try again; if it keeps happening, give the improvement team the reference ${reference}.`;
}

export async function answerTurnError(context: TurnContext, bot: BotContext, error: unknown): Promise<void> {
  const reference = randomUUID();
  const { activity } = context;
  const scope = conversationScope(activity);
  bot.logger.error({ err: error, reference, type: activity.type, scope }, "the bot failed on a turn");
  const text = turnErrorText(reference);
  // A failure to tell them fails the turn as before: the server then answers 500 with its own logged reference.
  if (activity.type === (ActivityTypes.Invoke as string)) {
    // Teams shows a message response to the presser alone; a response already sent stands.
    if (context.turnState.get(INVOKE_RESPONSE_KEY)) return;
    await context.sendActivity({
      type: ActivityTypes.InvokeResponse,
      value: {
        status: 200,
        body: { statusCode: 200, type: "application/vnd.microsoft.activity.message", value: text },
      },
    });
    return;
  }
  if (scope === ConversationScope.personal) {
    await context.sendActivity(text);
    return;
  }
  const { personId } = await bot.identify(context);
  const conversationId = personId === null ? null : await personalConversationOf(bot.store, personId);
  if (conversationId === null) {
    bot.logger.warn({ reference }, "the asker has no personal chat with the bot: the failure is only logged");
    return;
  }
  await enqueueMessage(bot.store, {
    conversationId,
    personId,
    purpose: MessagePurpose.answer,
    activity: { type: "message", text },
    // Teams redelivering the same message queues one apology.
    dedupeKey: `turn-error:${conversationId}:${activity.id ?? reference}`,
  });
}
