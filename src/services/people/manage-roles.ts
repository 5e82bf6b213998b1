/** Granting roles by chat command ("make sam@x lead for CYPS"): the improvement team only. */
import type { Store } from "../../data/database.js";
import { grantRoleRecorded } from "../../data/people/role-store.js";
import { findDirectorate, DIRECTORATE_CHOICES } from "../../domain/register/directorates.js";
import { normaliseEmail } from "../../domain/text/identity-text.js";
import { RoleName, type Actor } from "./permissions.js";

export type RoleOutcome =
  | { ok: true; email: string; role: RoleName; directorateId: string | null; alreadyHad: boolean }
  | { ok: false; reason: string };

export async function grantRole(
  store: Store,
  input: { email: string; role: RoleName; directorate?: string | null },
  actor: Actor,
  now: Date,
): Promise<RoleOutcome> {
  if (!actor.isImprovementTeam) return { ok: false, reason: "Only the improvement team can give people roles." };
  const normalised = normaliseEmail(input.email);
  if (!normalised.ok) return normalised;
  const email = normalised.value;
  let directorateId = "";
  if (input.role === RoleName.directorateLead) {
    const directorate = findDirectorate(input.directorate ?? "");
    if (!directorate)
      return {
        ok: false,
        reason: `Say which directorate they lead: one of ${DIRECTORATE_CHOICES}, e.g. "make ${email} lead for CYPS".`,
      };
    directorateId = directorate.id;
  }
  const { alreadyHad } = await grantRoleRecorded(store, {
    email,
    role: input.role,
    directorateId,
    leadsDirectorate: input.role === RoleName.directorateLead,
    grantedBy: actor.email ?? "unknown",
    at: now,
  });
  return { ok: true, email, role: input.role, directorateId: directorateId || null, alreadyHad };
}
