/**
 * Reaching owners through Graph as `npm start`, the scheduler and `remind` set it up from the settings: off
 * (exactly as before) without Graph credentials or with PROACTIVE_INSTALL=false; on, the outbox's chat finder
 * (reach-owner.ts), the sweep's pending chats and the daily profile refresh all share one paced Graph client.
 */
import { isLocalMode, type Config } from "../../config.js";
import type { Store } from "../../data/database.js";
import { directorySettingsOf } from "../../directory-settings.js";
import type { Logger } from "../../logger.js";
import type { ChatFinder } from "../dispatch/delivery-port.js";
import { graphDirectory, type GraphDirectory } from "./graph-directory.js";
import { OwnerReach } from "./reach-owner.js";
import { refreshProfiles } from "./refresh-profiles.js";

export type DirectoryReach =
  | { reachThroughDirectory: false; reason: string }
  | {
      reachThroughDirectory: true;
      directory: GraphDirectory;
      chatFinder: ChatFinder;
      refreshProfiles: (now: Date) => Promise<unknown>;
    };

export function directoryReachFromConfig(config: Config, store: Store, logger: Logger): DirectoryReach {
  const use = directorySettingsOf(config);
  if (!use.enabled) return { reachThroughDirectory: false, reason: use.reason };
  const { settings } = use;
  const directory = graphDirectory(settings);
  const chatFinder = new OwnerReach({
    store,
    directory,
    logger,
    settings: {
      tenantId: settings.tenantId,
      teamsAppId: settings.teamsAppId,
      serviceUrl: settings.serviceUrl,
      botId: isLocalMode(config) ? "" : settings.botId,
    },
    clock: Date.now,
  });
  return {
    reachThroughDirectory: true,
    directory,
    chatFinder,
    refreshProfiles: (now) => refreshProfiles({ store, directory, logger }, now),
  };
}
