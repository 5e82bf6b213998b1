/**
 * The directory's (Entra's) view of a person's account, as Person.directoryState keeps it (null: never looked
 * up). An owner whose account is disabled has left; one the directory does not know cannot be reached either:
 * both are reported once with their open items so that someone hands those on.
 */
export const DirectoryState = { enabled: "enabled", disabled: "disabled", guest: "guest", unknown: "unknown" } as const;
export type DirectoryState = (typeof DirectoryState)[keyof typeof DirectoryState];

/** The states whose owners' open items go nowhere: reported to the improvement team and the directorate's lead. */
export const LEAVER_STATES = [DirectoryState.disabled, DirectoryState.unknown] as const;
export type LeaverState = (typeof LEAVER_STATES)[number];

export function isLeaverState(state: string | null | undefined): state is LeaverState {
  return (LEAVER_STATES as readonly string[]).includes(state ?? "");
}
