/**
 * Adapts the teams-ai Application to the server's POST /api/messages, in three steps with their own
 * answers: an activity the bot cannot read or that names a serviceUrl off the allow-list gets a 4xx at
 * once; a request that cannot be authenticated (a forged token, or sign-in metadata out of reach) gets
 * 401 with the reason logged; a failure while running the turn is left to the server, which answers
 * 5xx with a reference and never the error's text. botbuilder's own `process` would answer 500 with
 * the error message in both of the last two cases, so the steps are run here.
 */
import type restify from "restify";
import {
  ConfigurationBotFrameworkAuthentication,
  type Activity,
  type InvokeResponse,
  type TurnContext,
} from "botbuilder";
import { checkActivityEnvelope } from "../server/activity-envelope.js";
import type { MessageEndpoint } from "../server/create-server.js";
import { answerInternalError } from "../server/internal-error.js";
import type { Bot } from "./create-bot.js";

type AuthenticateRequestResult = Awaited<ReturnType<ConfigurationBotFrameworkAuthentication["authenticateRequest"]>>;

/** CloudAdapterBase's step under `process`, protected in its typings: called directly so this endpoint chooses the answers. */
interface ActivityProcessor {
  processActivity(
    auth: AuthenticateRequestResult,
    activity: Activity,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<InvokeResponse | undefined>;
}

/** What botbuilder's own request handling does to the dates Teams sends as text. */
function withDates(body: Record<string, unknown>): Activity {
  const activity = { ...body };
  for (const [field, raw] of [
    ["timestamp", "rawTimestamp"],
    ["localTimestamp", "rawLocalTimestamp"],
    ["expiration", "rawExpiration"],
  ] as const) {
    const value = activity[field];
    if (typeof value === "string") {
      activity[raw] = value;
      activity[field] = new Date(value);
    }
  }
  return activity as unknown as Activity;
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function messageEndpoint(bot: Bot): MessageEndpoint {
  const { logger } = bot;
  // The same settings and credentials as the adapter: only the inbound check is run from here.
  const authentication = new ConfigurationBotFrameworkAuthentication(
    bot.adapter.botFrameworkAuthConfig ?? {},
    bot.adapter.credentialsFactory,
  );
  const processor = bot.adapter as unknown as ActivityProcessor;

  return {
    async process(req: restify.Request, res: restify.Response): Promise<void> {
      const check = checkActivityEnvelope(req.body, bot.allowedServiceUrlHosts);
      if (!check.ok) {
        logger.warn({ status: check.status, problem: check.message }, "activity refused before processing");
        res.json(check.status, { error: check.message });
        return;
      }
      const activity = withDates(req.body as Record<string, unknown>);
      const header = req.headers.authorization;
      let auth: AuthenticateRequestResult;
      try {
        auth = await authentication.authenticateRequest(activity, typeof header === "string" ? header : "");
      } catch (error) {
        logger.warn(
          { reason: reasonOf(error), hasToken: Boolean(header), type: activity.type },
          "request not authenticated: answered 401",
        );
        res.json(401, {
          error:
            "This request could not be authenticated as coming from Microsoft Teams. If it is the bot's own traffic, check that MicrosoftAppId and its secret match the Azure Bot registration; the bot's log has the reason.",
        });
        return;
      }
      const invokeResponse = await processor.processActivity(auth, activity, async (context) => {
        await bot.app.run(context);
      });
      const status = invokeResponse?.status ?? 200;
      if (status >= 500) {
        answerInternalError(
          res,
          logger,
          { status, body: invokeResponse?.body as unknown },
          "the bot could not answer this card action",
          status,
        );
      } else if (invokeResponse?.body === undefined) {
        res.status(status);
        res.end();
      } else {
        res.json(status, invokeResponse.body);
      }
    },
  };
}
