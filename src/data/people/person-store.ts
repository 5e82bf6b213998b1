/** People known to the register by email: made on first mention, and found by role. */
import type { Store, Tx } from "../database.js";

/** The person with this email, made now if nobody has it yet; their id. */
export async function ensurePerson(db: Store | Tx, email: string): Promise<number> {
  const person = await db.person.upsert({ where: { email }, create: { email }, update: {}, select: { id: true } });
  return person.id;
}

/** Everyone whose email is one of `emails` or who holds `role` (in any directorate). */
export async function personIdsByEmailOrRole(db: Store | Tx, emails: readonly string[], role: string): Promise<number[]> {
  const people = await db.person.findMany({
    where: { OR: [{ email: { in: [...emails] } }, { roles: { some: { role } } }] },
    select: { id: true },
  });
  return people.map((p) => p.id);
}

/** As personIdsByEmailOrRole, leaving out people who blocked or removed the bot (Teams answered 403/404). */
export async function reachablePersonIdsByEmailOrRole(db: Store | Tx, emails: readonly string[], role: string): Promise<number[]> {
  const people = await db.person.findMany({
    where: { unreachable: false, OR: [{ email: { in: [...emails] } }, { roles: { some: { role } } }] },
    select: { id: true },
  });
  return people.map((p) => p.id);
}

/** Everyone holding `role` in this directorate (a directorate's leads), leaving out people who blocked or removed the bot. */
export async function reachablePersonIdsWithRole(db: Store | Tx, role: string, directorateId: string): Promise<number[]> {
  const people = await db.person.findMany({ where: { unreachable: false, roles: { some: { role, directorateId } } }, select: { id: true } });
  return people.map((p) => p.id);
}

/** The name and job title of each person among `emails` the register knows, by email: to name them to readers. */
export async function namingsByEmail(
  db: Store | Tx,
  emails: readonly string[],
): Promise<Map<string, { email: string; name: string | null; jobTitle: string | null }>> {
  if (!emails.length) return new Map();
  const people = await db.person.findMany({
    where: { email: { in: [...new Set(emails)] } },
    select: { email: true, name: true, jobTitle: true },
  });
  return new Map(people.map((p) => [p.email, p]));
}

/** The Teams user ids the bot has seen these people use, by person id; people never seen in Teams are left out. */
export async function teamsUserIdsOf(db: Store | Tx, personIds: readonly number[]): Promise<Map<number, string>> {
  const people = await db.person.findMany({
    where: { id: { in: [...personIds] }, teamsUserId: { not: null } },
    select: { id: true, teamsUserId: true },
  });
  return new Map(people.map((p) => [p.id, p.teamsUserId!]));
}

/** Each item's owner, delegate and directorate: who may act on it, for a live card listing these items. */
export async function ownershipOfItems(
  db: Store | Tx,
  itemIds: readonly number[],
): Promise<{ id: number; ownerId: number | null; delegateId: number | null; directorateId: string }[]> {
  const items = await db.item.findMany({
    where: { id: { in: [...itemIds] } },
    select: { id: true, ownerId: true, delegateId: true, review: { select: { directorateId: true } } },
  });
  return items.map((i) => ({ id: i.id, ownerId: i.ownerId, delegateId: i.delegateId, directorateId: i.review.directorateId }));
}
