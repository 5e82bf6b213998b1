/**
 * The only code that sends to Teams: the dispatcher's delivery port (services/dispatch/delivery-port.ts)
 * through botbuilder's continueConversationAsync, every answer turned into a DeliveryResult value: a new
 * message (sendActivity, whose id Teams gives back) or an edit of one already sent (updateActivity, a PUT).
 * A send's failure is caught inside the turn: left to propagate, the adapter would hand it to the bot's
 * turn-error handler, which answers the recipient with an apology and reports success (DESIGN.md 4.8).
 */
import type { ConversationReference, TurnContext } from "botbuilder";
import { allowedServiceUrlHosts, type Config } from "../config.js";
import { checkServiceUrl } from "../server/activity-envelope.js";
import type { DeliveryResult, OutgoingMessage, TeamsDeliveryPort } from "../services/dispatch/delivery-port.js";
import { createAdapter } from "./create-bot.js";
import { resultOfFailedSend, withoutBuiltInRetries, withRequestTimeout } from "./send-failure.js";

/** The part of botbuilder's CloudAdapter (TeamsAdapter) delivery uses. */
export interface ProactiveAdapter {
  continueConversationAsync(
    botAppId: string,
    reference: Partial<ConversationReference>,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<void>;
}

export interface TeamsDeliveryOptions {
  adapter: ProactiveAdapter;
  /** MicrosoftAppId ("" in local mode). */
  botAppId: string;
  /** Hosts a stored serviceUrl may name; a message to any other fails without a call (an address planted in the database is never used). */
  allowedServiceUrlHosts?: readonly string[];
  /** Milliseconds each request to the connector waits for an answer (SEND_TIMEOUT_SECONDS); unset, the client's own (none). */
  requestTimeoutMs?: number;
}

export function teamsDelivery(options: TeamsDeliveryOptions): TeamsDeliveryPort {
  return {
    async send(message: OutgoingMessage): Promise<DeliveryResult> {
      const allowed = options.allowedServiceUrlHosts;
      const serviceUrl = typeof message.address.serviceUrl === "string" ? message.address.serviceUrl : "";
      const check = allowed ? checkServiceUrl(serviceUrl, allowed) : { ok: true as const };
      if (!check.ok) {
        const reason = `not sent: the conversation's stored service address is not allowed (${check.message})`;
        return { kind: "failed", permanent: true, retryAfter: null, status: null, reason };
      }
      let failure: { error: unknown } | null = null;
      let accepted = false;
      let activityId: string | null = null;
      try {
        await options.adapter.continueConversationAsync(options.botAppId, message.address, async (context) => {
          withoutBuiltInRetries(context);
          if (options.requestTimeoutMs) withRequestTimeout(context, options.requestTimeoutMs);
          try {
            if (message.kind === "update") {
              await context.updateActivity(message.activity);
              activityId = typeof message.activity.id === "string" ? message.activity.id : null;
            } else {
              activityId = (await context.sendActivity(message.activity))?.id ?? null;
            }
            accepted = true;
          } catch (error) {
            failure = { error };
          }
        });
      } catch (error) {
        failure = { error };
      }
      if (failure) return editRefusedAsFailure(message, resultOfFailedSend(failure.error));
      return accepted
        ? { kind: "sent", activityId }
        : resultOfFailedSend(new Error("the adapter ended the turn without sending the message"));
    },
  };
}

/**
 * An edit Teams refuses with 403/404 means the message is gone (deleted, or too old to edit), not that the
 * conversation is: the edit fails for good, and the person stays reachable.
 */
function editRefusedAsFailure(message: OutgoingMessage, result: DeliveryResult): DeliveryResult {
  if (message.kind !== "update" || result.kind !== "conversation-gone") return result;
  return { kind: "failed", permanent: true, retryAfter: null, status: result.status, reason: result.reason };
}

/** Delivery as `npm start` and `remind` use it: the bot's adapter, or one of its own built from the bot's credentials. */
export function createTeamsDelivery(config: Config, adapter?: ProactiveAdapter): TeamsDeliveryPort {
  return teamsDelivery({
    adapter: adapter ?? createAdapter(config),
    botAppId: config.MicrosoftAppId,
    allowedServiceUrlHosts: allowedServiceUrlHosts(config),
    requestTimeoutMs: config.SEND_TIMEOUT_SECONDS * 1000,
  });
}
