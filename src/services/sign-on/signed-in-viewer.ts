/**
 * Who a tab request is from, with their roles as chat reads them (permissions.ts): the person a sign-on token
 * names (by object id, else email), or the local-mode user. Someone not in the register yet keeps the email
 * the token gives, so an improvement-team administrator named in IMPROVEMENT_TEAM_ADMINS is one at once, and
 * anyone else sees what a person with no role sees in chat.
 */
import { personBySignOn } from "../../data/people/signed-in-person.js";
import { actorFor, type Actor } from "../people/permissions.js";
import type { Store } from "../store.js";

export interface SignedInViewer {
  actor: Actor;
  name: string | null;
  /** Acting as LOCAL_TAB_USER without sign-on. */
  local: boolean;
}

export async function signedInViewer(
  store: Store,
  identity: { aadObjectId: string | null; email: string | null; name: string | null; local: boolean },
  admins: readonly string[],
): Promise<SignedInViewer> {
  const person = await personBySignOn(store, identity);
  const actor = await actorFor(store, { id: person?.id ?? null, email: person?.email ?? identity.email }, admins);
  return { actor, name: person?.name ?? identity.name, local: identity.local };
}
