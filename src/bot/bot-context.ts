/** What every route module gets: the dependencies and the asker's identity for the turn. */
import type { TurnContext } from "botbuilder";
import type { Config } from "../config.js";
import type { PrismaClient } from "../data/database.js";
import type { IsoDate } from "../domain/calendar-date.js";
import type { VisibilityViewer } from "../domain/visibility.js";
import type { Logger } from "../logger.js";
import type { Actor } from "../services/permissions.js";
import type { RegisterSnapshots } from "../services/register-snapshots.js";

export interface BotContext {
  config: Config;
  prisma: PrismaClient;
  snapshots: RegisterSnapshots;
  logger: Logger;
  now: () => Date;
  today: () => IsoDate;
  /** The asker's email and person id (linking their Teams identity on first sight). */
  identify: (context: TurnContext) => Promise<{ email: string | null; personId: number | null }>;
  /** The asker with their roles. */
  actor: (context: TurnContext) => Promise<Actor>;
  /** The asker with their roles and the conversation's scope: what the visibility rule decides on. */
  viewer: (context: TurnContext) => Promise<VisibilityViewer>;
}
