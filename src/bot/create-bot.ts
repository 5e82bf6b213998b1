/**
 * The teams-ai Application: the tenant check, then the routes in the order they are tried (installation,
 * commands and card actions, and last the catch-all that answers questions), and the turn-error reply.
 * All teams-ai and botbuilder imports stay in src/bot/.
 */
// Each from its own module: the package's index also loads its AI planners, openai and a tokenizer, which
// this bot never uses (about 0.4 s and 25 MB at start).
import { Application } from "@microsoft/teams-ai/lib/Application.js";
import { TeamsAdapter } from "@microsoft/teams-ai/lib/TeamsAdapter.js";
import { TurnState } from "@microsoft/teams-ai/lib/TurnState.js";
import type { TurnContext } from "botbuilder";
import { allowedServiceUrlHosts, isLocalMode, type Config } from "../config.js";
import type { Logger } from "../logger.js";
import { createBotContext, type BotContext, type BotDependencies } from "./bot-context.js";
import { tenantOf } from "./conversation.js";
import { registerDecisionRoutes } from "./decision-routes.js";
import { registerInstallationRoutes } from "./installation-routes.js";
import { registerQuestionCardActions, registerQuestionRoute } from "./question-routes.js";
import { registerReminderRoutes } from "./reminder-routes.js";
import { registerSummaryRoutes } from "./summary-routes.js";
import { registerUpdateRoutes } from "./update-routes.js";

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
  return new TeamsAdapter({
    MicrosoftAppId: config.MicrosoftAppId,
    MicrosoftAppPassword: config.MicrosoftAppPassword,
    MicrosoftAppType: config.MicrosoftAppType,
    MicrosoftAppTenantId: config.MicrosoftAppTenantId,
  });
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
  registerInstallationRoutes(app, bot);
  registerQuestionCardActions(app, bot);
  // Specific commands and card actions first ...
  registerUpdateRoutes(app, bot);
  registerDecisionRoutes(app, bot);
  registerReminderRoutes(app, bot);
  registerSummaryRoutes(app, bot);
  // ... the catch-all comes last: every other message is a question.
  registerQuestionRoute(app, bot);

  app.error(async (context, error) => {
    logger.error({ err: error, type: context.activity.type }, "the bot failed on a turn");
    await context.sendActivity(
      "Sorry: something went wrong answering that. The improvement team has the details in the bot's log.",
    );
  });

  return {
    app,
    adapter,
    localMode: isLocalMode(config),
    allowedServiceUrlHosts: allowedServiceUrlHosts(config),
    logger,
  };
}
