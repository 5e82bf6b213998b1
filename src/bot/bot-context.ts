/**
 * What every route handler gets: the dependencies, one clock, and the asker's identity for the turn
 * (who they are, their roles, what they may see here), plus the one way a conversation is remembered.
 */
import { TeamsInfo, type TurnContext } from "botbuilder";
import type { Config } from "../config.js";
import { londonDate, type IsoDate } from "../domain/dates/calendar-date.js";
import type { ReminderPolicy } from "../domain/reminders/reminder-policy.js";
import { ConversationScope, type VisibilityViewer } from "../domain/visibility.js";
import type { Logger } from "../logger.js";
import { actorFor, type Actor } from "../services/people/permissions.js";
import { reminderPolicyFromConfig } from "../services/reminders/policy-from-config.js";
import type { RegisterSnapshots } from "../services/register/register-snapshots.js";
import {
  forgetConversation,
  keepRosterName,
  linkTeamsUser,
  rememberConversation,
} from "../services/people/remember-conversation.js";
import type { Store } from "../services/store.js";
import { baseConversationId, conversationRecord, conversationScope } from "./conversation.js";
import { offerDecisionsNow } from "./decisions/decision-offers.js";

export interface BotDependencies {
  config: Config;
  prisma: Store;
  snapshots: RegisterSnapshots;
  logger: Logger;
  now: () => Date;
}

/** The one clock handlers read: tests set it, so every answer and change is as of a known moment. */
export interface BotClock {
  now: () => Date;
  /** Today in Europe/London. */
  today: () => IsoDate;
}

export interface Identity {
  email: string | null;
  personId: number | null;
}

export interface BotContext {
  config: Config;
  store: Store;
  snapshots: RegisterSnapshots;
  logger: Logger;
  clock: BotClock;
  /** As configured; read once at start, so a bad setting stops the bot there rather than on a turn. */
  reminderPolicy: ReminderPolicy;
  /** The asker's email and person id (linking their Teams identity on first sight). */
  identify: (context: TurnContext) => Promise<Identity>;
  /** The asker with their roles. */
  actor: (context: TurnContext) => Promise<Actor>;
  /** The asker with their roles and the conversation's scope: what the visibility rule decides on. */
  viewer: (context: TurnContext) => Promise<VisibilityViewer>;
  /**
   * Keeps this conversation so proactive messages can reach it; returns its id. Written once per process
   * unless `refresh` (a new installation, or a post that must find it kept).
   */
  rememberConversation: (context: TurnContext, options?: { refresh?: boolean }) => Promise<string>;
  /** The bot was removed from this conversation: nothing is posted there again. */
  forgetConversation: (context: TurnContext) => Promise<void>;
}

export function createBotContext(deps: BotDependencies): BotContext {
  const { config, prisma: store, snapshots, logger } = deps;
  const knownConversations = new Set<string>();
  const knownUsers = new Map<string, Identity>();

  async function identify(context: TurnContext): Promise<Identity> {
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
    const { person, refused } = await linkTeamsUser(store, {
      aadObjectId: from.aadObjectId ?? null,
      teamsUserId: from.id,
      email,
      name,
    });
    // Safest is to know them by nobody's email: they see what anyone may, and own nothing until it is put right.
    if (refused)
      logger.warn(
        { aadObjectId: from.aadObjectId ?? null, teamsUserId: from.id, reason: refused },
        "Teams user not linked by email",
      );
    // Teams' roster names them (once a day at most): cards and answers name people rather than show emails.
    if (person) await keepRosterName(store, person, name, deps.now());
    const identity = { email: person?.email ?? null, personId: person?.id ?? null };
    knownUsers.set(key, identity);
    return identity;
  }

  /** Each turn's sender and roles, read once however many checks the turn makes (viewer and actor alike). */
  const actorsByTurn = new WeakMap<TurnContext, Promise<Actor>>();

  function actor(context: TurnContext): Promise<Actor> {
    let found = actorsByTurn.get(context);
    if (!found) {
      found = identify(context).then(({ email, personId }) =>
        actorFor(store, { id: personId, email }, config.IMPROVEMENT_TEAM_ADMINS),
      );
      actorsByTurn.set(context, found);
    }
    return found;
  }

  async function rememberThisConversation(context: TurnContext, options: { refresh?: boolean } = {}): Promise<string> {
    const conversationId = baseConversationId(context.activity.conversation.id);
    if (!options.refresh && knownConversations.has(conversationId)) return conversationId;
    // Only a personal chat belongs to a person: elsewhere the sender is not looked up for this.
    const { personId } =
      conversationScope(context.activity) === ConversationScope.personal ? await identify(context) : { personId: null };
    await rememberConversation(store, conversationRecord(context.activity, personId));
    knownConversations.add(conversationId);
    // Someone who can now be reached may be the decider a waiting request or completion needs.
    if (personId !== null) await offerDecisionsNow({ store, config, logger }, deps.now(), "personal chat remembered");
    return conversationId;
  }

  return {
    config,
    store,
    snapshots,
    logger,
    clock: { now: deps.now, today: () => londonDate(deps.now()) },
    reminderPolicy: reminderPolicyFromConfig(config),
    identify,
    actor,
    viewer: async (context) => {
      const { email, isImprovementTeam, leads } = await actor(context);
      return { scope: conversationScope(context.activity), email, isImprovementTeam, leads };
    },
    rememberConversation: rememberThisConversation,
    forgetConversation: async (context) => {
      const conversationId = baseConversationId(context.activity.conversation.id);
      knownConversations.delete(conversationId);
      await forgetConversation(store, conversationId);
    },
  };
}
