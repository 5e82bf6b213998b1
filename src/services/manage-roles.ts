/** Granting roles by chat command ("make sam@x lead for CYPS"): the improvement team only. */
import type { PrismaClient } from "../data/database.js";
import { findDirectorate, DIRECTORATE_CHOICES } from "../domain/directorates.js";
import { RoleName, type Actor } from "./permissions.js";

export type RoleOutcome =
  | { ok: true; email: string; role: RoleName; directorateId: string | null; alreadyHad: boolean }
  | { ok: false; reason: string };

export async function grantRole(
  prisma: PrismaClient,
  input: { email: string; role: RoleName; directorate?: string | null },
  actor: Actor,
  now: Date,
): Promise<RoleOutcome> {
  if (!actor.isImprovementTeam) return { ok: false, reason: "Only the improvement team can give people roles." };
  const email = input.email.trim().toLowerCase();
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) return { ok: false, reason: `"${input.email}" is not an email address.` };
  let directorateId = "";
  if (input.role === RoleName.directorateLead) {
    const directorate = findDirectorate(input.directorate ?? "");
    if (!directorate) return { ok: false, reason: `Say which directorate they lead: one of ${DIRECTORATE_CHOICES}, e.g. "make ${email} lead for CYPS".` };
    directorateId = directorate.id;
  }
  return prisma.$transaction(async (tx) => {
    const person = await tx.person.upsert({ where: { email }, create: { email }, update: {}, select: { id: true } });
    const existing = await tx.role.findUnique({ where: { personId_role_directorateId: { personId: person.id, role: input.role, directorateId } } });
    if (existing) return { ok: true, email, role: input.role, directorateId: directorateId || null, alreadyHad: true };
    await tx.role.create({ data: { personId: person.id, role: input.role, directorateId, grantedBy: actor.email ?? "unknown", grantedAt: now } });
    if (input.role === RoleName.directorateLead) {
      // The lead is who escalations go to.
      const before = await tx.directorate.findUniqueOrThrow({ where: { id: directorateId }, select: { leadEmail: true } });
      await tx.directorate.update({ where: { id: directorateId }, data: { leadEmail: email } });
      await tx.auditEntry.create({ data: { entityType: "directorate", entityId: 0, action: "lead_changed", actor: actor.email ?? "unknown", at: now, before: JSON.stringify({ directorate: directorateId, lead: before.leadEmail }), after: JSON.stringify({ directorate: directorateId, lead: email }) } });
    }
    await tx.auditEntry.create({ data: { entityType: "role", entityId: person.id, action: "granted", actor: actor.email ?? "unknown", at: now, after: JSON.stringify({ email, role: input.role, directorate: directorateId || null }) } });
    return { ok: true, email, role: input.role, directorateId: directorateId || null, alreadyHad: false };
  });
}
