/**
 * The teams-ai Application: installation and welcome, card actions, then the catch-all message route
 * that answers questions. All teams-ai and botbuilder imports stay in src/bot/.
 */
import { Application, TeamsAdapter, TurnState } from "@microsoft/teams-ai";
import { ActivityTypes, CardFactory, TeamsInfo, TurnContext, type Activity, type ConversationReference } from "botbuilder";
import type { Config } from "../config.js";
import type { PrismaClient } from "../data/database.js";
import { forgetConversation, linkTeamsUser, saveConversation } from "../data/conversation-store.js";
import { addMonths, londonDate, type IsoDate } from "../domain/calendar-date.js";
import { parseQuestion } from "../domain/question.js";
import type { Logger } from "../logger.js";
import { answerQuestion, ConversationScope, welcomeAnswer, type Answer } from "../services/answer-question.js";
import { memoise, memoiseAsync, type RegisterSnapshots } from "../services/register-snapshots.js";
import { lastReportingPointBy } from "../services/reporting-points.js";
import { actorFor } from "../services/permissions.js";
import type { BotContext } from "./bot-context.js";
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
}

export function conversationScope(activity: Partial<Activity>): ConversationScope {
  const type = activity.conversation?.conversationType;
  if (type === "channel") return ConversationScope.channel;
  if (type === "groupChat") return ConversationScope.groupChat;
  return ConversationScope.personal;
}

export function tenantOf(activity: Partial<Activity>): string | undefined {
  return activity.conversation?.tenantId ?? (activity.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id;
}

/** A channel thread's id carries ";messageid=…": the channel itself is the conversation to keep. */
function baseConversationId(id: string): string {
  return id.split(";messageid=")[0]!;
}

function mentionsBot(activity: Partial<Activity>): boolean {
  const botId = activity.recipient?.id;
  return (activity.entities ?? []).some((e) => e.type === "mention" && (e as { mentioned?: { id?: string } }).mentioned?.id === botId);
}

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
    const activity = context.activity;
    const conversationId = baseConversationId(activity.conversation.id);
    if (knownConversations.has(conversationId)) return;
    const reference = TurnContext.getConversationReference(activity) as Partial<ConversationReference>;
    reference.conversation = { ...reference.conversation!, id: conversationId };
    const channelData = (activity.channelData ?? {}) as { team?: { id?: string; name?: string }; channel?: { id?: string; name?: string } };
    await saveConversation(prisma, {
      conversationId,
      kind: conversationScope(activity),
      tenantId: tenantOf(activity) ?? null,
      teamId: channelData.team?.id ?? null,
      channelId: channelData.channel?.id ?? null,
      name: channelData.channel?.name ?? activity.conversation.name ?? channelData.team?.name ?? null,
      reference,
      personId: conversationScope(activity) === ConversationScope.personal ? personId : null,
    });
    if (personId !== null && conversationScope(activity) === ConversationScope.personal) {
      // They (re)installed or wrote to the bot: a past 403/404 no longer stands.
      await prisma.person.updateMany({ where: { id: personId, unreachable: true }, data: { unreachable: false } });
    }
    knownConversations.add(conversationId);
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

  async function answer(context: TurnContext, text: string, offset: number): Promise<Answer> {
    const scope = conversationScope(context.activity);
    const [{ email }, snapshot] = await Promise.all([identify(context), snapshots.snapshot()]);
    const day = today();
    const normalised = text.toLowerCase().replace(/\s+/g, " ").trim();
    // Only "my …" answers depend on who asks; the rest are shared by everyone in the same kind of chat.
    const key = `${day}|${scope}|${offset}|${/\bmy\b|\bme\b|\bi\b/.test(normalised) ? email : ""}|${normalised}`;
    const reviews = snapshot.reviews;
    // "Since the last report": the latest named reporting point, else LAST_REPORT_DATE, else six months ago.
    // Naming a point writes an audit entry, so a new snapshot (and a fresh memo) follows it.
    const lastReportDate = (await memoiseAsync(snapshot, `last-report|${day}`, async () => (await lastReportingPointBy(prisma, day))?.cutOff))
      ?? config.LAST_REPORT_DATE ?? addMonths(day, -6);
    const reply = memoise(snapshot, key, () => {
      const question = parseQuestion(text, memoise(snapshot, `context|${day}`, () => ({
        today: day,
        reviewTitles: reviews.map((r) => r.title),
        bodies: [...new Set(reviews.map((r) => r.body).filter((b): b is string => Boolean(b)))],
      })));
      return { kind: question.kind, answer: answerQuestion(question, text, reviews, { email, scope }, { today: day, lastReportDate, statusKey: config.STATUS_KEY }, offset) };
    });
    logger.info({ kind: reply.kind, scope, offset }, "question answered");
    return reply.answer;
  }

  // Refuse other tenants before any route runs.
  app.turn("beforeTurn", async (context) => {
    if (config.ALLOWED_TENANT_IDS.length === 0) return true;
    const tenant = tenantOf(context.activity);
    if (tenant && config.ALLOWED_TENANT_IDS.includes(tenant)) return true;
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

  app.adaptiveCards.actionExecute<{ question?: string; offset?: string }>("answer.more", async (context, _state, data) => {
    const offset = Math.max(0, Number.parseInt(String(data.offset ?? "0"), 10) || 0);
    return (await answer(context, String(data.question ?? ""), offset)).card;
  });

  const botContext: BotContext = {
    config, prisma, snapshots, logger, now: deps.now, today, identify,
    actor: async (context) => {
      const { email, personId } = await identify(context);
      return actorFor(prisma, { id: personId, email }, config.IMPROVEMENT_TEAM_ADMINS);
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
    const reply = await answer(context, text, 0);
    await context.sendActivity({ attachments: [CardFactory.adaptiveCard(reply.card)] });
  });

  app.error(async (context, error) => {
    logger.error({ err: error, type: context.activity.type }, "the bot failed on a turn");
    await context.sendActivity("Sorry: something went wrong answering that. The improvement team has the details in the bot's log.");
  });

  return { app, adapter, localMode: !config.MicrosoftAppId };
}
