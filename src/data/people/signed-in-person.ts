/**
 * The person a Teams sign-on token names: by their Entra object id, else by their email (case does not
 * matter). Read-only: the tab never creates or links anyone; someone not in the register yet is nobody
 * here, and sees what a person with no role sees in chat.
 */
import type { Store } from "../database.js";

export interface SignedInPerson {
  id: number;
  email: string;
  name: string | null;
}

export async function personBySignOn(
  db: Store,
  identity: { aadObjectId: string | null; email: string | null },
): Promise<SignedInPerson | null> {
  const select = { id: true, email: true, name: true } as const;
  if (identity.aadObjectId) {
    const known = await db.person.findUnique({ where: { aadObjectId: identity.aadObjectId }, select });
    if (known) return known;
  }
  if (!identity.email) return null;
  // Emails are stored lower-cased (normaliseEmail), so the lower-cased address finds them.
  return db.person.findUnique({ where: { email: identity.email.toLowerCase() }, select });
}
