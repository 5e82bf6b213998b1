/**
 * The teams-ai Application: installation and welcome, card actions, then the catch-all message route
 * that answers questions. All teams-ai and botbuilder imports stay in src/bot/.
 */
// Each from its own module: the package's index also loads its AI planners, openai and a tokenizer, which
// this bot never uses (about 0.4 s and 25 MB at start).
import { Application } from "@microsoft/teams-ai/lib/Application.js";
import { TeamsAdapter } from "@microsoft/teams-ai/lib/TeamsAdapter.js";
import { TurnState } from "@microsoft/teams-ai/lib/TurnState.js";
import { ActivityTypes, CardFactory, TeamsInfo, TurnContext } from "botbuilder";
import { parseVerbData } from "../cards/verb-data.js";
import { CardVerb } from "../cards/verbs.js";
import { allowedServiceUrlHosts, isLocalMode, type Config } from "../config.js";
import type { PrismaClient } from "../data/database.js";
import { forgetConversation, linkTeamsUser, saveConversation } from "../data/conversation-store.js";
import { londonDate, type IsoDate } from "../domain/calendar-date.js";
import { answerCacheKey, answersPrivately } from "../domain/answer-audience.js";
import { parseQuestion } from "../domain/question.js";
import type { AdaptiveCard } from "../cards/render-card.js";
import { renderMessageCard } from "../cards/card-text.js";
import { enqueueMessage, MessagePurpose, personalConversationOf } from "../services/outbox.js";
import type { Logger } from "../logger.js";
import { ConversationScope } from "../domain/visibility.js";
import { answerQuestion, welcomeAnswer, type Answer } from "../services/answer-question.js";
import { memoise, memoiseAsync, memoiseShape, type RegisterSnapshots } from "../services/register-snapshots.js";
import { lastReportAsOf } from "../services/reporting-points.js";
import { actorFor } from "../services/permissions.js";
import type { BotContext } from "./bot-context.js";
import { baseConversationId, conversationRecord, conversationScope, mentionsBot, tenantOf } from "./conversation.js";
import { registerReminderRoutes } from "./reminder-routes.js";
import { registerSummaryRoutes } from "./summary-routes.js";
import { registerUpdateRoutes } from "./update-routes.js";

export interface BotDependencies {
  config: Config;
  prisma: PrismaClient;
  snapshots: RegisterSnapshots;
  logger: Logger;
  now: () => Date;
}

export interface Bot {
  app: Application<TurnState>;
  adapter: TeamsAdapter;
  localMode: boolean;
  /** Hosts an activity's serviceUrl may name: the bot sends nowhere else. */
  allowedServiceUrlHosts: readonly string[];
  logger: Logger;
}

export { conversationScope, tenantOf } from "./conversation.js";

export function createAdapter(config: Config): TeamsAdapter {
  return new TeamsAdapter({
    MicrosoftAppId: config.MicrosoftAppId,
    MicrosoftAppPassword: config.MicrosoftAppPassword,
    MicrosoftAppType: config.MicrosoftAppType,
    MicrosoftAppTenantId: config.MicrosoftAppTenantId,
  });
}

export function createBot(deps: BotDependencies): Bot {
  const { config, prisma, snapshots, logger } = deps;
  const adapter = createAdapter(config);
  const app = new Application<TurnState>({
    adapter,
    botAppId: config.MicrosoftAppId,
    removeRecipientMention: true,
    startTypingTimer: false,
    longRunningMessages: false,
  });
  const knownConversations = new Set<string>();
  const knownUsers = new Map<string, { email: string | null; personId: number | null }>();

  const today = (): IsoDate => londonDate(deps.now());

  async function rememberConversation(context: TurnContext, personId: number | null): Promise<void> {
    const record = conversationRecord(context.activity, personId);
    if (knownConversations.has(record.conversationId)) return;
    await saveConversation(prisma, record);
    if (record.personId !== null) {
      // They (re)installed or wrote to the bot: a past 403/404 no longer stands.
      await prisma.person.updateMany({ where: { id: record.personId, unreachable: true }, data: { unreachable: false } });
    }
    knownConversations.add(record.conversationId);
  }

  /** The asker's email: their linked person, else the connector's member look-up (which links them). */
  async function identify(context: TurnContext): Promise<{ email: string | null; personId: number | null }> {
    const from = context.activity.from;
    const key = from.aadObjectId ?? from.id;
    const known = knownUsers.get(key);
    if (known) return known;
    let email: string | null = null;
    let name: string | null = from.name ?? null;
    try {
      const member = await TeamsInfo.getMember(context, from.id);
      email = member.email ?? member.userPrincipalName ?? null;
      name = member.name ?? name;
    } catch (error) {
      logger.debug({ err: error }, "member look-up unavailable; matching by Azure AD object id only");
    }
    const person = await linkTeamsUser(prisma, { aadObjectId: from.aadObjectId ?? null, teamsUserId: from.id, email, name });
    const identity = { email: person?.email ?? null, personId: person?.id ?? null };
    knownUsers.set(key, identity);
    return identity;
  }

  /**
   * The answer for this asker in this conversation, or `privately` when it is theirs alone ("my actions"
   * outside a personal chat): then `answer` is what their personal chat should get.
   */
  async function answer(context: TurnContext, text: string, offset: number): Promise<{ answer: Answer; privately: boolean }> {
    const scope = conversationScope(context.activity);
    const [{ email }, snapshot] = await Promise.all([identify(context), snapshots.snapshot()]);
    const day = today();
    const normalised = text.toLowerCase().replace(/\s+/g, " ").trim();
    const reviews = snapshot.reviews;
    // "Since the last report": one definition for answers, cards, documents and the CLI (reporting-period.ts).
    // Naming a point writes an audit entry, so a new snapshot (and a fresh memo) follows it.
    const lastReportDate = await memoiseAsync(snapshot, `last-report|${day}`, async () => (await lastReportAsOf(prisma, day, config.LAST_REPORT_DATE ?? null)).date);
    // Parsing does not depend on who asks; the answer may, and the cache key says so from the parsed meaning.
    // Parsing depends on the review titles and bodies only, so it is kept across a change to items.
    const question = memoiseShape(snapshot, `question|${day}|${normalised}`, () => parseQuestion(text, memoiseShape(snapshot, `context|${day}`, () => ({
      today: day,
      reviewTitles: reviews.map((r) => r.title),
      bodies: [...new Set(reviews.map((r) => r.body).filter((b): b is string => Boolean(b)))],
    }))));
    const asked = { email, scope };
    const privately = answersPrivately(question, asked);
    // A private answer is built as the personal chat would show it.
    const viewer = privately ? { email, scope: ConversationScope.personal } : asked;
    const key = `answer|${answerCacheKey(question, viewer, { day, offset, text: normalised })}`;
    const reply = memoise(snapshot, key, () =>
      answerQuestion(question, text, reviews, viewer, { today: day, lastReportDate, statusKey: config.STATUS_KEY }, offset));
    logger.info({ kind: question.kind, scope, offset, privately }, "question answered");
    return { answer: reply, privately };
  }

  /** The note left in a channel or group chat when an answer went to the asker's personal chat instead. */
  async function sendPrivately(context: TurnContext, reply: Answer): Promise<AdaptiveCard> {
    const { personId } = await identify(context);
    const conversationId = personId === null ? null : await personalConversationOf(prisma, personId);
    if (conversationId === null) {
      const botName = context.activity.recipient?.name ?? "the bot";
      return renderMessageCard("Your actions are shown only in your personal chat with me", [
        `You have no personal chat with me yet: in Teams, select Chat, start a new chat with "${botName}" and say "my actions" there.`,
      ]);
    }
    await enqueueMessage(prisma, {
      conversationId,
      personId,
      purpose: MessagePurpose.answer,
      activity: { type: "message", summary: "Your actions", attachments: [CardFactory.adaptiveCard(reply.card)] },
      // Teams redelivering the same message queues one answer.
      dedupeKey: `answer:${conversationId}:${context.activity.id ?? deps.now().toISOString()}`,
    });
    return renderMessageCard("I have sent your actions to your personal chat with me", []);
  }

  /** The card to show in this conversation: the answer, or a note that it went to the personal chat. */
  async function answerCard(context: TurnContext, text: string, offset: number): Promise<AdaptiveCard> {
    const { answer: reply, privately } = await answer(context, text, offset);
    return privately ? sendPrivately(context, reply) : reply.card;
  }

  // Refuse other tenants before any route runs. Tenant ids are GUIDs, whose case means nothing.
  app.turn("beforeTurn", async (context) => {
    if (config.ALLOWED_TENANT_IDS.length === 0) return true;
    const tenant = tenantOf(context.activity);
    if (tenant && config.ALLOWED_TENANT_IDS.includes(tenant.toLowerCase())) return true;
    logger.warn({ tenant: tenant ?? null, type: context.activity.type }, "activity from a tenant that is not allowed: ignored");
    return false;
  });

  app.conversationUpdate("membersAdded", async (context) => {
    const added = context.activity.membersAdded ?? [];
    if (!added.some((m) => m.id === context.activity.recipient.id)) return;
    const { personId } = conversationScope(context.activity) === ConversationScope.personal ? await identify(context) : { personId: null };
    knownConversations.delete(baseConversationId(context.activity.conversation.id));
    await rememberConversation(context, personId);
    const welcome = welcomeAnswer();
    await context.sendActivity({ attachments: [CardFactory.adaptiveCard(welcome.card)] });
  });

  app.activity(ActivityTypes.InstallationUpdate, async (context) => {
    const conversationId = baseConversationId(context.activity.conversation.id);
    if (context.activity.action?.startsWith("remove")) {
      knownConversations.delete(conversationId);
      await forgetConversation(prisma, conversationId);
      logger.info({ kind: conversationScope(context.activity) }, "bot removed from a conversation");
    } else {
      await rememberConversation(context, null);
    }
  });

  app.adaptiveCards.actionExecute<unknown>(CardVerb.answerMore, async (context, _state, data) => {
    const parsed = parseVerbData(CardVerb.answerMore, data);
    if (!parsed.ok) return renderMessageCard("That card is incomplete", ["Ask the question again."]);
    return answerCard(context, parsed.data.question, parsed.data.offset ?? 0);
  });

  const actor = async (context: TurnContext) => {
    const { email, personId } = await identify(context);
    return actorFor(prisma, { id: personId, email }, config.IMPROVEMENT_TEAM_ADMINS);
  };
  const botContext: BotContext = {
    config, prisma, snapshots, logger, now: deps.now, today, identify, actor,
    viewer: async (context) => {
      const { email, isImprovementTeam, leads } = await actor(context);
      return { scope: conversationScope(context.activity), email, isImprovementTeam, leads };
    },
  };
  // Specific commands and card actions first ...
  registerUpdateRoutes(app, botContext);
  registerReminderRoutes(app, botContext);
  registerSummaryRoutes(app, botContext);

  // ... the catch-all comes last: every other message is a question.
  app.activity(ActivityTypes.Message, async (context) => {
    const scope = conversationScope(context.activity);
    if (scope !== ConversationScope.personal && !mentionsBot(context.activity)) return;
    const { personId } = await identify(context);
    await rememberConversation(context, personId);
    const text = (context.activity.text ?? "").trim();
    await context.sendActivity({ attachments: [CardFactory.adaptiveCard(await answerCard(context, text, 0))] });
  });

  app.error(async (context, error) => {
    logger.error({ err: error, type: context.activity.type }, "the bot failed on a turn");
    await context.sendActivity("Sorry: something went wrong answering that. The improvement team has the details in the bot's log.");
  });

  return { app, adapter, localMode: isLocalMode(config), allowedServiceUrlHosts: allowedServiceUrlHosts(config), logger };
}
