/**
 * Questions about the register: every message no command took ("what's delayed?", "my actions"), and
 * "more" on an answer's page. The answer flow itself is a service (services/questions/answer-question.ts); here
 * it is only decided where the card goes: this conversation, or the asker's personal chat.
 */
import type { Application } from "@microsoft/teams-ai/lib/Application.js";
import type { TurnState } from "@microsoft/teams-ai/lib/TurnState.js";
import { ActivityTypes, CardFactory, type TurnContext } from "botbuilder";
import { renderMessageCard } from "../../cards/card-text.js";
import type { AdaptiveCard } from "../../cards/render-card.js";
import { parseVerbData } from "../../cards/verb-data.js";
import { CardVerb } from "../../cards/verbs.js";
import { ConversationScope } from "../../domain/visibility.js";
import { answerAsked, type Answer } from "../../services/questions/answer-question.js";
import { enqueueMessage, MessagePurpose, personalConversationOf } from "../../services/dispatch/outbox.js";
import type { BotContext } from "../bot-context.js";
import { conversationScope, mentionsBot } from "../conversation.js";
import { registerCardActions, type CardActionHandler } from "../route-table.js";
import { liveAnswerCard } from "../../cards/live-cards.js";
import { answerRefreshAudience } from "../../services/register/live-card-audience.js";
import { atRiskSettingsOf } from "../../config.js";

/** The note left in a channel or group chat when an answer went to the asker's personal chat instead. */
async function sendPrivately(context: TurnContext, bot: BotContext, reply: Answer): Promise<AdaptiveCard> {
  const { personId } = await bot.identify(context);
  const conversationId = personId === null ? null : await personalConversationOf(bot.store, personId);
  if (conversationId === null) {
    const botName = context.activity.recipient?.name ?? "the bot";
    return renderMessageCard("Your actions are shown only in your personal chat with me", [
      `You have no personal chat with me yet: in Teams, select Chat, start a new chat with "${botName}" and say "my actions" there.`,
    ]);
  }
  await enqueueMessage(bot.store, {
    conversationId,
    personId,
    purpose: MessagePurpose.answer,
    activity: { type: "message", summary: "Your actions", attachments: [CardFactory.adaptiveCard(reply.card)] },
    // Teams redelivering the same message queues one answer.
    dedupeKey: `answer:${conversationId}:${context.activity.id ?? bot.clock.now().toISOString()}`,
  });
  return renderMessageCard("I have sent your actions to your personal chat with me", []);
}

/** The card to show in this conversation: the answer, or a note that it went to the personal chat. */
async function answerCard(
  context: TurnContext,
  bot: BotContext,
  text: string,
  offset: number,
  refreshed = false,
): Promise<AdaptiveCard> {
  // Who asks and their roles: the list's decision buttons are offered only to whoever may press them.
  const asker = await bot.viewer(context);
  const { scope } = asker;
  const { config } = bot;
  const { answer, privately, kind } = await answerAsked(
    {
      store: bot.store,
      snapshots: bot.snapshots,
      statusKey: config.STATUS_KEY,
      configuredLastReport: config.LAST_REPORT_DATE ?? null,
      atRisk: atRiskSettingsOf(config),
      extensionsNeedApproval: config.EXTENSIONS_NEED_APPROVAL,
      priorityLabels: config.PRIORITY_LABELS,
    },
    { text, offset, asker, today: bot.clock.today() },
  );
  bot.logger.info({ kind, scope, offset, privately }, "question answered");
  // A refresh sends nothing anywhere: a personal list is sent once, when asked for.
  if (privately && refreshed) return renderMessageCard("Your actions are shown only in your personal chat with me", []);
  if (privately) return sendPrivately(context, bot, answer);
  return liveAnswer(context, bot, answer, text, offset, refreshed ? "Worked out again when you opened it." : undefined);
}

/**
 * The answer saying when its figures are from; in a channel or group chat also live: Teams asks again for the
 * asker and whoever may act on the items listed, when they open it, so a week-old answer shows today's figures.
 */
async function liveAnswer(
  context: TurnContext,
  bot: BotContext,
  answer: Answer,
  question: string,
  offset: number,
  note?: string,
): Promise<AdaptiveCard> {
  const asAt = bot.clock.now();
  const options = note ? { asAt, note } : { asAt };
  if (conversationScope(context.activity) === ConversationScope.personal) return liveAnswerCard(answer.card, options);
  const { personId } = await bot.identify(context);
  const audience = await answerRefreshAudience(
    bot.store,
    bot.config.IMPROVEMENT_TEAM_ADMINS,
    personId,
    answer.itemIds ?? [],
  );
  return liveAnswerCard(answer.card, { ...options, refresh: { question, offset, userIds: audience.userIds } });
}

/** "More" on an answer: the next page of the same question, for whoever pressed it. */
const answerMore: CardActionHandler = async (context, bot, data) => {
  const parsed = parseVerbData(CardVerb.answerMore, data);
  if (!parsed.ok) return renderMessageCard("That card is incomplete", ["Ask the question again."]);
  return answerCard(context, bot, parsed.data.question, parsed.data.offset ?? 0);
};

/**
 * Teams' refresh of an answer in a channel or group chat: the same question and page worked out again now, as
 * this viewer may see it here. The route table answers it to this viewer alone.
 */
const refreshAnswer: CardActionHandler = async (context, bot, data) => {
  const parsed = parseVerbData(CardVerb.answerRefresh, data);
  if (!parsed.ok) return renderMessageCard("That card is incomplete", ["Ask the question again."]);
  return answerCard(context, bot, parsed.data.question, parsed.data.offset ?? 0, true);
};

/** Any other message is a question; in a channel or group chat only when the bot is @mentioned. */
async function answerMessage(context: TurnContext, bot: BotContext): Promise<void> {
  if (conversationScope(context.activity) !== ConversationScope.personal && !mentionsBot(context.activity)) return;
  await bot.rememberConversation(context);
  const text = (context.activity.text ?? "").trim();
  await context.sendActivity({ attachments: [CardFactory.adaptiveCard(await answerCard(context, bot, text, 0))] });
}

export function registerQuestionCardActions(app: Application<TurnState>, bot: BotContext): void {
  registerCardActions(app, bot, { [CardVerb.answerMore]: answerMore, [CardVerb.answerRefresh]: refreshAnswer });
}

/** Registered last: it takes every message the commands before it did not. */
export function registerQuestionRoute(app: Application<TurnState>, bot: BotContext): void {
  app.activity(ActivityTypes.Message, (context) => answerMessage(context, bot));
}
