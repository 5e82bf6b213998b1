/**
 * What reaching owners and refreshing profiles ask of the directory (Microsoft Graph), as values. The Graph
 * client (graph-directory.ts) implements it; each failure says whether waiting would help (`retryable`, with
 * Graph's Retry-After when it gave one) so the outbox can back off as it does for Teams.
 */
import type { RetryAfter } from "../../domain/dispatch/retry-policy.js";
import type { DirectoryUser } from "../../domain/directory/directory-account.js";

/** A call that did not give an answer the caller can use. */
export interface DirectoryFailure {
  ok: false;
  status: number | null;
  retryable: boolean;
  retryAfter: RetryAfter | null;
  reason: string;
}

export type DirectoryAnswer<T> = { ok: true; value: T } | DirectoryFailure;

export type InstallOutcome = "installed" | "already-installed" | "refused" | "app-not-found";

export interface DirectoryPort {
  /** The user by UPN, else by `mail`; null when the directory has nobody by that address. */
  findUser(email: string): Promise<DirectoryAnswer<DirectoryUser | null>>;
  /** The user by their directory id; null when they are gone. */
  userById(id: string): Promise<DirectoryAnswer<DirectoryUser | null>>;
  /** The app's id in the organisation's catalogue, found by the manifest id; null when it is not there. */
  catalogueAppId(manifestId: string): Promise<DirectoryAnswer<string | null>>;
  /** Installs the app for the user; 409 (already installed) is "already-installed". */
  install(userId: string, catalogueAppId: string): Promise<DirectoryAnswer<InstallOutcome>>;
  /** The app's installation for the user; null when it is not installed. */
  installationOf(userId: string, catalogueAppId: string): Promise<DirectoryAnswer<string | null>>;
  /** The personal chat of an installation (its chat id). */
  chatOf(userId: string, installationId: string): Promise<DirectoryAnswer<string>>;
}
