/**
 * Roles kept in the database: the improvement team administers everything, a directorate lead their
 * directorate, owners and delegates their own items; everyone else may look. The first
 * administrators come from IMPROVEMENT_TEAM_ADMINS.
 */
import type { Store, Tx } from "../data/database.js";
import { rolesOf } from "../data/role-store.js";

export const RoleName = {
  improvementTeam: "improvement_team",
  directorateLead: "directorate_lead",
  viewer: "viewer",
} as const;
export type RoleName = (typeof RoleName)[keyof typeof RoleName];

export interface Actor {
  personId: number | null;
  email: string | null;
  isImprovementTeam: boolean;
  /** Directorates this person leads. */
  leads: string[];
}

export async function actorFor(
  db: Store | Tx,
  person: { id: number | null; email: string | null },
  admins: readonly string[],
): Promise<Actor> {
  const roles = person.id ? await rolesOf(db, person.id) : [];
  const email = person.email?.toLowerCase() ?? null;
  return {
    personId: person.id,
    email,
    isImprovementTeam:
      Boolean(email && admins.includes(email)) || roles.some((r) => r.role === RoleName.improvementTeam),
    leads: roles.filter((r) => r.role === RoleName.directorateLead).map((r) => r.directorateId),
  };
}

export function canEditItem(
  actor: Actor,
  item: { ownerId: number | null; delegateId: number | null; directorateId: string },
): boolean {
  if (actor.isImprovementTeam) return true;
  if (actor.leads.includes(item.directorateId)) return true;
  return actor.personId !== null && (item.ownerId === actor.personId || item.delegateId === actor.personId);
}
