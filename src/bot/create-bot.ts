/**
 * The teams-ai Application: the tenant check, then the routes in the order they are tried (installation,
 * commands and card actions, the compose box's search, and last the catch-all that answers questions), and
 * the turn-error reply.
 * All teams-ai and botbuilder imports stay in src/bot/.
 */
// Each from its own module: the package's index also loads its AI planners, openai and a tokenizer, which
// this bot never uses (about 0.4 s and 25 MB at start).
import { Application } from "@microsoft/teams-ai/lib/Application.js";
import { TeamsAdapter } from "@microsoft/teams-ai/lib/TeamsAdapter.js";
import { TurnState } from "@microsoft/teams-ai/lib/TurnState.js";
import type { TurnContext } from "botbuilder";
import { allowedServiceUrlHosts, isLocalMode, type Config } from "../config.js";
import { controlCharacterProblem } from "../domain/text/identity-text.js";
import { ConversationScope } from "../domain/visibility.js";
import type { Logger } from "../logger.js";
import { createBotContext, type BotContext, type BotDependencies } from "./bot-context.js";
import { conversationScope, mentionsBot, tenantOf } from "./conversation.js";
import { registerDecisionRoutes } from "./decisions/decision-routes.js";
import { registerInstallationRoutes } from "./installation-routes.js";
import { registerQuestionCardActions, registerQuestionRoute } from "./questions/question-routes.js";
import { registerReminderRoutes } from "./reminders/routes.js";
import { registerSearchRoutes } from "./search/search-routes.js";
import { registerSummaryRoutes } from "./questions/summary-routes.js";
import { registerFileConsentRoutes } from "./questions/document-files.js";
import { withRequestTimeout } from "./send-failure.js";
import { answerTurnError } from "./turn-error.js";
import { registerUpdateRoutes } from "./updates/routes.js";

export type { BotDependencies } from "./bot-context.js";

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
  const adapter = new TeamsAdapter({
    MicrosoftAppId: config.MicrosoftAppId,
    MicrosoftAppPassword: config.MicrosoftAppPassword,
    MicrosoftAppType: config.MicrosoftAppType,
    MicrosoftAppTenantId: config.MicrosoftAppTenantId,
  });
  // Every turn's calls to the connector (replies as well as proactive sends) have SEND_TIMEOUT_SECONDS as their
  // deadline: a connector that stops answering fails the turn instead of holding it, and its request, open.
  adapter.use(async (context, next) => {
    withRequestTimeout(context, config.SEND_TIMEOUT_SECONDS * 1000);
    await next();
  });
  return adapter;
}

/** Refuse other tenants before any route runs. Tenant ids are GUIDs, whose case means nothing. */
function fromAllowedTenant(context: TurnContext, bot: BotContext): boolean {
  const allowed = bot.config.ALLOWED_TENANT_IDS;
  if (allowed.length === 0) return true;
  const tenant = tenantOf(context.activity);
  if (tenant && allowed.includes(tenant.toLowerCase())) return true;
  bot.logger.warn(
    { tenant: tenant ?? null, type: context.activity.type },
    "activity from a tenant that is not allowed: ignored",
  );
  return false;
}

/**
 * A message holding NUL or another control character is refused whole, never cut short at it or read in
 * part: the sender is told which character (where the bot would have answered), and no route runs.
 */
async function withoutControlCharacters(context: TurnContext): Promise<boolean> {
  const { activity } = context;
  if (activity.type !== "message" || !activity.text) return true;
  const problem = controlCharacterProblem("Your message", activity.text);
  if (!problem) return true;
  if (conversationScope(activity) === ConversationScope.personal || mentionsBot(activity))
    await context.sendActivity(`${problem} Nothing was changed.`);
  return false;
}

export function createBot(deps: BotDependencies): Bot {
  const { config, logger } = deps;
  const adapter = createAdapter(config);
  const app = new Application<TurnState>({
    adapter,
    botAppId: config.MicrosoftAppId,
    removeRecipientMention: true,
    startTypingTimer: false,
    longRunningMessages: false,
  });
  const bot = createBotContext(deps);

  app.turn("beforeTurn", (context) => Promise.resolve(fromAllowedTenant(context, bot)));
  app.turn("beforeTurn", withoutControlCharacters);
  registerInstallationRoutes(app, bot);
  registerQuestionCardActions(app, bot);
  // Specific commands and card actions first ...
  registerUpdateRoutes(app, bot);
  registerDecisionRoutes(app, bot);
  registerReminderRoutes(app, bot);
  registerSummaryRoutes(app, bot);
  registerSearchRoutes(app, bot);
  registerFileConsentRoutes(app, bot);
  // ... the catch-all comes last: every other message is a question.
  registerQuestionRoute(app, bot);

  app.error((context, error) => answerTurnError(context, bot, error));

  return {
    app,
    adapter,
    localMode: isLocalMode(config),
    allowedServiceUrlHosts: allowedServiceUrlHosts(config),
    logger,
  };
}
