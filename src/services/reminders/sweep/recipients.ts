/**
 * Who gets each claimed reminder: the owner's reminders go to their personal chat with the bot; an
 * escalation goes to the directorate's lead (Directorate.leadEmail) and its leadership channel. Says why
 * someone cannot be reached, so the report and the improvement team's list can tell people what to fix.
 */
import type { Store } from "../../../data/database.js";
import { directoryStatesOf } from "../../../data/directory/reach-store.js";
import { loadDirectorateContacts, loadPeopleByEmail, personalConversationsOf } from "../../../data/reminders/store.js";
import { directoryReason, pendingChatOf } from "../../../domain/directory/directory-account.js";
import { ReminderFamily } from "../../../domain/reminders/reminder-policy.js";
import type { ClaimedReminder } from "./claim.js";

const UNREACHABLE_NO_CHAT = "has no chat with the bot yet (the app needs installing for them)";
const UNREACHABLE_BLOCKED = "blocked or removed the bot (Teams answered 403 or 404)";
const NO_LEAD = "no directorate lead is set (Directorate.leadEmail)";

export interface Recipient {
  personId: number | null;
  /** Their personal chat, when the bot can reach them. */
  conversationId: string | null;
  /** Why the bot cannot reach them, when it cannot. */
  unreachableReason: string | null;
}

export interface LeadRoute {
  directorateId: string;
  lead: Recipient & { email: string | null };
  channelConversationId: string | null;
}

/** The claimed reminders split by who they go to: each owner's, and each directorate's escalations. */
export interface RecipientGroups {
  owners: Map<number, ClaimedReminder[]>;
  escalations: Map<string, ClaimedReminder[]>;
}

export function groupByRecipient(claimed: readonly ClaimedReminder[]): RecipientGroups {
  const owners = new Map<number, ClaimedReminder[]>();
  const escalations = new Map<string, ClaimedReminder[]>();
  for (const c of claimed) {
    if (c.reminder.family === ReminderFamily.escalation) {
      escalations.set(c.row.directorateId, [...(escalations.get(c.row.directorateId) ?? []), c]);
    } else if (c.row.ownerId !== null) {
      owners.set(c.row.ownerId, [...(owners.get(c.row.ownerId) ?? []), c]);
    }
  }
  return { owners, escalations };
}

/**
 * Each owner of these reminders, by person id, with their chat or why the bot cannot reach them. With
 * `reachThroughDirectory` (Graph and PROACTIVE_INSTALL), an owner with no chat whom the directory has not
 * ruled out gets a pending chat: the outbox installs the app for them and finds the chat before sending.
 */
export async function ownerRecipients(
  store: Store,
  claimed: readonly ClaimedReminder[],
  reachThroughDirectory = false,
): Promise<Map<number, Recipient>> {
  const owners = new Map<number, ClaimedReminder["row"]>();
  for (const c of claimed) if (c.row.ownerId !== null) owners.set(c.row.ownerId, c.row);
  const conversations = await personalConversationsOf(store, [...owners.keys()]);
  const states = reachThroughDirectory
    ? await directoryStatesOf(store, [...owners.keys()])
    : new Map<number, string | null>();
  const recipients = new Map<number, Recipient>();
  for (const [personId, row] of owners) {
    const ruledOut = directoryReason(states.get(personId) ?? null);
    const conversationId =
      conversations.get(personId) ?? (reachThroughDirectory && !ruledOut ? pendingChatOf(personId) : null);
    const unreachableReason = ruledOut
      ? ruledOut
      : row.ownerUnreachable
        ? UNREACHABLE_BLOCKED
        : conversationId
          ? null
          : UNREACHABLE_NO_CHAT;
    recipients.set(personId, {
      personId,
      conversationId: unreachableReason ? null : conversationId,
      unreachableReason,
    });
  }
  return recipients;
}

/** Where each directorate's escalations go: its lead's personal chat and its leadership channel. */
export async function leadRoutes(store: Store, directorateIds: readonly string[]): Promise<Map<string, LeadRoute>> {
  const directorates = await loadDirectorateContacts(store, directorateIds);
  const emails = directorates.map((d) => d.leadEmail?.trim().toLowerCase()).filter((e): e is string => Boolean(e));
  const people = await loadPeopleByEmail(store, emails);
  const byEmail = new Map(people.map((p) => [p.email.toLowerCase(), p]));
  const conversations = await personalConversationsOf(
    store,
    people.map((p) => p.id),
  );
  const routes = new Map<string, LeadRoute>();
  for (const id of directorateIds) {
    const directorate = directorates.find((d) => d.id === id);
    const email = directorate?.leadEmail?.trim().toLowerCase() ?? null;
    const person = email ? byEmail.get(email) : undefined;
    const conversationId = person ? (conversations.get(person.id) ?? null) : null;
    const unreachableReason = !email
      ? NO_LEAD
      : person?.unreachable
        ? UNREACHABLE_BLOCKED
        : conversationId
          ? null
          : UNREACHABLE_NO_CHAT;
    routes.set(id, {
      directorateId: id,
      lead: {
        personId: person?.id ?? null,
        email,
        conversationId: unreachableReason ? null : conversationId,
        unreachableReason,
      },
      channelConversationId: directorate?.leadershipConversationId ?? null,
    });
  }
  return routes;
}
