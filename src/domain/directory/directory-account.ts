/**
 * The directory's (Microsoft Graph's) view of a person, and what it means for reaching them: which accounts
 * the bot installs itself for (enabled members only, never guests, leavers or people it cannot find), and the
 * words the improvement team's list uses for each reason. Pure: no clock, no I/O.
 */

/** Person.directoryState: null means never looked up. */
export const DirectoryState = {
  enabled: "enabled",
  disabled: "disabled",
  guest: "guest",
  unknown: "unknown",
} as const;
export type DirectoryState = (typeof DirectoryState)[keyof typeof DirectoryState];

/** The fields of a Graph user this product reads. */
export interface DirectoryUser {
  id: string;
  displayName: string | null;
  jobTitle: string | null;
  accountEnabled: boolean | null;
  userType: string | null;
}

/** A found user's state: a guest first (never installed for), then a disabled account (a leaver). */
export function directoryStateOf(user: DirectoryUser | null): DirectoryState {
  if (!user) return DirectoryState.unknown;
  if (user.userType?.toLowerCase() === "guest") return DirectoryState.guest;
  return user.accountEnabled === false ? DirectoryState.disabled : DirectoryState.enabled;
}

/** Only an enabled member account is installed for. */
export function mayInstallFor(state: DirectoryState): boolean {
  return state === DirectoryState.enabled;
}

/** PersonReach.step: how far reaching a person got; each is written before the next step is taken. */
export const ReachStep = {
  /** Graph found an enabled account (graphUserId kept). */
  found: "found",
  /** The app is installed for them (installationId kept). */
  installed: "installed",
  /** Their personal chat is known (chatId kept, a Conversation row saved): never looked up again. */
  reached: "reached",
  /** Installing was refused, or the app is not in the catalogue (refusedReason kept); tried again with their next card. */
  refused: "refused",
} as const;
export type ReachStep = (typeof ReachStep)[keyof typeof ReachStep];

/** Why an owner is on the improvement team's unreachable list: the words it shows. */
export const UnreachableReason = {
  left: "left the council: their account is disabled",
  unknown: "not found in the directory (check the email address)",
  guest: "a guest account: the app is not installed for guests",
  installRefused: "installing the app for them was refused",
  notInCatalogue: "the app is not in the organisation's app catalogue",
  blocked: "blocked or removed the bot",
  noChat: "no chat with the bot yet: install the app for them",
} as const;

/** The list's reason for an account the directory will not let the bot reach, or null when it may. */
export function directoryReason(state: string | null): string | null {
  if (state === DirectoryState.disabled) return UnreachableReason.left;
  if (state === DirectoryState.unknown) return UnreachableReason.unknown;
  if (state === DirectoryState.guest) return UnreachableReason.guest;
  return null;
}

/**
 * The outbox's stand-in conversation for an owner the bot is still to reach: the dispatcher finds (or makes,
 * through Graph) their personal chat before sending. Teams' conversation ids never contain "reach:".
 */
const PENDING_CHAT_PREFIX = "reach:person:";

export function pendingChatOf(personId: number): string {
  return `${PENDING_CHAT_PREFIX}${personId}`;
}

/** The person a pending conversation stands for, or null for a real conversation id. */
export function personOfPendingChat(conversationId: string): number | null {
  if (!conversationId.startsWith(PENDING_CHAT_PREFIX)) return null;
  const id = Number(conversationId.slice(PENDING_CHAT_PREFIX.length));
  return Number.isSafeInteger(id) && id > 0 ? id : null;
}
