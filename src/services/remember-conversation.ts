/**
 * The conversations the bot may post to later, and the people it has met: every route that keeps a
 * conversation goes through here, so each is kept the same way (proactive sends need its reference).
 */
import {
  forgetConversation as deleteConversation,
  linkTeamsUser as linkPerson,
  markPersonReachable,
  saveConversation,
  type ConversationRecord,
  type TeamsIdentity,
} from "../data/conversation-store.js";
import type { Store } from "./store.js";

export type { ConversationRecord, TeamsIdentity };

/** Keeps the conversation's reference; a personal chat also makes its person reachable again. */
export async function rememberConversation(store: Store, record: ConversationRecord): Promise<void> {
  await saveConversation(store, record);
  // They (re)installed or wrote to the bot: a past 403/404 no longer stands.
  if (record.personId !== null) await markPersonReachable(store, record.personId);
}

/** The bot was removed: nothing is posted there again. */
export function forgetConversation(store: Store, conversationId: string): Promise<void> {
  return deleteConversation(store, conversationId);
}

/** The person behind a Teams user (linking their Azure AD id to their email), or null when nothing names them. */
export function linkTeamsUser(store: Store, identity: TeamsIdentity): Promise<{ id: number; email: string } | null> {
  return linkPerson(store, identity);
}
