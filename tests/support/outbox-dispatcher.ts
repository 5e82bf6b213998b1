/**
 * The outbox dispatcher as tests build it: the real service sending through the bot's real delivery port
 * (botbuilder's adapter) with the real clock and jitter, and a lease token of its own. Options as the
 * dispatcher's, plus the adapter, app id and serviceUrl allow-list the port takes.
 */
import { randomUUID } from "node:crypto";
import { teamsDelivery, type TeamsDeliveryOptions } from "../../src/bot/teams-delivery.js";
import { OutboxDispatcher, type OutboxDispatcherOptions } from "../../src/services/dispatch/dispatch-outbox.js";

export type TestDispatcherOptions = Omit<OutboxDispatcherOptions, "port" | "clock" | "jitter" | "leaseToken"> &
  TeamsDeliveryOptions &
  Partial<Pick<OutboxDispatcherOptions, "clock" | "jitter" | "leaseToken">>;

export function outboxDispatcher(options: TestDispatcherOptions): OutboxDispatcher {
  const { adapter, botAppId, allowedServiceUrlHosts, ...rest } = options;
  return new OutboxDispatcher({
    port: teamsDelivery({ adapter, botAppId, allowedServiceUrlHosts }),
    clock: Date.now,
    jitter: Math.random,
    leaseToken: randomUUID(),
    ...rest,
  });
}
