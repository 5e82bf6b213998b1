/**
 * The conversations the bot may post to later, and the people it has met: every route that keeps a
 * conversation goes through here, so each is kept the same way (proactive sends need its reference).
 */
import {
  forgetConversation as deleteConversation,
  linkTeamsUser as linkPerson,
  markPersonReachable,
  refreshRosterName,
  saveConversation,
  type ConversationRecord,
  type TeamsIdentity,
} from "../../data/people/conversation-store.js";
import { normaliseEmail } from "../../domain/text/identity-text.js";
import { shownPart } from "../../domain/people/person-label.js";
import { InputLimit } from "../../domain/input-limits.js";
import type { Store } from "../store.js";

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

/** Who a Teams user is: their person (null when nothing names them) and, when something was refused, why. */
export interface TeamsUserLink {
  person: { id: number; email: string } | null;
  /** For the log: an address Teams gave that is not one, or an address another account already holds. */
  refused: string | null;
}

/**
 * The person behind a Teams user (linking their Azure AD id to their email). The email Teams gives is
 * normalised as every identity is; one that is not a plain address (an invisible character, mixed
 * alphabets) names nobody, and an address already linked to another Azure AD account is not taken over.
 */
export async function linkTeamsUser(store: Store, identity: TeamsIdentity): Promise<TeamsUserLink> {
  let refused: string | null = null;
  let email: string | null = null;
  if (identity.email) {
    const normalised = normaliseEmail(identity.email);
    if (normalised.ok) email = normalised.value;
    else refused = `the email Teams gives for this account is not used: ${normalised.reason}`;
  }
  const link = await linkPerson(store, { ...identity, email });
  return link.ok ? { person: link.person, refused } : { person: null, refused: link.reason };
}

/** How long a name taken from the directory or Teams' roster stands before the roster may refresh it. */
export const PROFILE_REFRESH_MS = 24 * 3600_000;

/**
 * The display name Teams' roster gives for someone the bot meets in a turn, kept as their name when Graph is
 * off (or has not looked yet), at most once a day. Cleaned and bounded as names are shown; a "name" that is
 * only their email address names nobody better and is not kept.
 */
export async function keepRosterName(
  store: Store,
  person: { id: number; email: string },
  rosterName: string | null,
  now: Date,
): Promise<boolean> {
  const name = shownPart(rosterName, InputLimit.name);
  if (!name || name.toLowerCase() === person.email.toLowerCase()) return false;
  return refreshRosterName(store, person.id, name, now, new Date(now.getTime() - PROFILE_REFRESH_MS));
}
