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
