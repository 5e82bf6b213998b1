/**
 * Roles kept in the database: the improvement team administers everything, a directorate lead their
 * directorate, owners and delegates their own items and those items' milestones; everyone else may look.
 * The first administrators come from IMPROVEMENT_TEAM_ADMINS.
 */
import type { Store, Tx } from "../../data/database.js";
import { emailsHoldingRole, rolesOf } from "../../data/people/role-store.js";

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

export interface EditableItem {
  ownerId: number | null;
  delegateId: number | null;
  directorateId: string;
  /** For a milestone, the item it is a step towards: that item's owner and delegate may update it too. */
  stepTowards?: { ownerId: number | null; delegateId: number | null } | null;
}

export function canEditItem(actor: Actor, item: EditableItem): boolean {
  if (actor.isImprovementTeam) return true;
  if (actor.leads.includes(item.directorateId)) return true;
  const ownsOrActsFor = (owned: { ownerId: number | null; delegateId: number | null }) =>
    actor.personId !== null && (owned.ownerId === actor.personId || owned.delegateId === actor.personId);
  return ownsOrActsFor(item) || (item.stepTowards ? ownsOrActsFor(item.stepTowards) : false);
}

/** Who is in the improvement team (IMPROVEMENT_TEAM_ADMINS and the role's holders), at most `limit`: to name them. */
export async function improvementTeamEmails(db: Store, admins: readonly string[], limit = 10): Promise<string[]> {
  const holders = await emailsHoldingRole(db, RoleName.improvementTeam, limit);
  return [...new Set([...admins, ...holders])].slice(0, limit);
}
