/**
 * Keeps people's names and job titles as the directory has them (issue 21, item 4's refresh): people Graph
 * has found before whose profile is more than a day old, oldest first, at most `limit` a run, each looked up
 * by their directory id (else their email) and written back with the account's state. A person who left shows
 * as disabled from then on; one the directory no longer has, as unknown. A Graph failure stops the run: the
 * rest wait for the next one.
 */
import { peopleDueProfileRefresh, recordDirectoryProfile } from "../../data/directory/reach-store.js";
import type { Store } from "../../data/database.js";
import { directoryStateOf } from "../../domain/directory/directory-account.js";
import type { Logger } from "../../logger.js";
import type { DirectoryPort } from "./directory-port.js";

/** A profile is refreshed at most this often. */
export const PROFILE_REFRESH_MS = 24 * 3600_000;
/** People looked up in one run at most (a run happens each sweep). */
export const PROFILES_PER_RUN = 50;

export async function refreshProfiles(
  deps: { store: Store; directory: DirectoryPort; logger: Logger },
  now: Date,
  limit = PROFILES_PER_RUN,
): Promise<{ refreshed: number; stopped: string | null }> {
  const due = await peopleDueProfileRefresh(deps.store, new Date(now.getTime() - PROFILE_REFRESH_MS), limit);
  let refreshed = 0;
  for (const person of due) {
    const answer = person.graphUserId
      ? await deps.directory.userById(person.graphUserId)
      : await deps.directory.findUser(person.email);
    if (!answer.ok) {
      deps.logger.warn({ refreshed, reason: answer.reason }, "profile refresh stopped: the rest wait for the next run");
      return { refreshed, stopped: answer.reason };
    }
    const user = answer.value;
    await recordDirectoryProfile(
      deps.store,
      person.personId,
      { state: directoryStateOf(user), displayName: user?.displayName ?? null, jobTitle: user?.jobTitle ?? null },
      now,
    );
    refreshed += 1;
  }
  if (refreshed) deps.logger.info({ refreshed }, "names and job titles refreshed from the directory");
  return { refreshed, stopped: null };
}
