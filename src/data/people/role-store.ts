/**
 * The Role table: who holds which role (a directorate lead per directorate), and granting one with its
 * audit entries in one transaction. A lead role also makes them the directorate's lead, who escalations go to.
 */
import { addAuditEntry } from "../register/audit-store.js";
import type { Store, Tx } from "../database.js";
import { ensurePerson } from "./person-store.js";

export interface HeldRole {
  role: string;
  /** The directorate the role is for; "" for roles that are not per directorate. */
  directorateId: string;
}

export function rolesOf(db: Store | Tx, personId: number): Promise<HeldRole[]> {
  return db.role.findMany({ where: { personId }, select: { role: true, directorateId: true } });
}

/** The emails of everyone holding `role` (not per directorate), sorted, at most `limit`. */
export async function emailsHoldingRole(db: Store | Tx, role: string, limit: number): Promise<string[]> {
  const rows = await db.role.findMany({
    where: { role },
    select: { person: { select: { email: true } } },
    orderBy: { person: { email: "asc" } },
    take: limit,
  });
  return rows.map((r) => r.person.email).filter((e): e is string => Boolean(e));
}

export interface RoleGrant {
  email: string;
  role: string;
  /** "" for roles that are not per directorate. */
  directorateId: string;
  /** Whether the role makes them the directorate's lead (its escalations go to them). */
  leadsDirectorate: boolean;
  grantedBy: string;
  at: Date;
}

/** Grants a role, adding the person when new; `alreadyHad` when they held it, and then nothing is written. */
export function grantRoleRecorded(store: Store, grant: RoleGrant): Promise<{ alreadyHad: boolean }> {
  const { email, role, directorateId, grantedBy, at } = grant;
  return store.$transaction(async (tx) => {
    const personId = await ensurePerson(tx, email);
    const existing = await tx.role.findUnique({
      where: { personId_role_directorateId: { personId, role, directorateId } },
    });
    if (existing) return { alreadyHad: true };
    await tx.role.create({ data: { personId, role, directorateId, grantedBy, grantedAt: at } });
    if (grant.leadsDirectorate) {
      const before = await tx.directorate.findUniqueOrThrow({
        where: { id: directorateId },
        select: { leadEmail: true },
      });
      await tx.directorate.update({ where: { id: directorateId }, data: { leadEmail: email } });
      await addAuditEntry(tx, {
        entityType: "directorate",
        entityId: 0,
        action: "lead_changed",
        actor: grantedBy,
        at,
        before: JSON.stringify({ directorate: directorateId, lead: before.leadEmail }),
        after: JSON.stringify({ directorate: directorateId, lead: email }),
      });
    }
    await addAuditEntry(tx, {
      entityType: "role",
      entityId: personId,
      action: "granted",
      actor: grantedBy,
      at,
      after: JSON.stringify({ email, role, directorate: directorateId || null }),
    });
    return { alreadyHad: false };
  });
}
