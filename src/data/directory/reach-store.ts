/**
 * Reaching people through Microsoft Graph, as stored: each step of PersonReach (found, installed, reached,
 * refused) written before the next is taken, what the directory said of the person (name, job title, account
 * state) on Person, and the personal chat Graph gave saved as a Conversation, so every later card finds it
 * and nobody reached is looked up again.
 */
import type { Store, Tx } from "../database.js";

type Db = Store | Tx;

/** Ids per `IN (...)` list: SQLite allows 999 parameters in one statement. */
const CHUNK = 500;

/** `ids` in chunks of CHUNK, each looked up by `find`, the rows together. */
async function inChunks<T>(ids: readonly number[], find: (chunk: number[]) => Promise<T[]>): Promise<T[]> {
  const rows: T[] = [];
  for (let start = 0; start < ids.length; start += CHUNK) rows.push(...(await find(ids.slice(start, start + CHUNK))));
  return rows;
}

export interface StoredReach {
  personId: number;
  email: string;
  directoryState: string | null;
  step: string | null;
  graphUserId: string | null;
  installationId: string | null;
  chatId: string | null;
}

/** A person and how far reaching them got (step null: never tried). Null when there is no such person. */
export async function reachOf(db: Db, personId: number): Promise<StoredReach | null> {
  const person = await db.person.findUnique({
    where: { id: personId },
    select: { id: true, email: true, directoryState: true, reach: true },
  });
  if (!person) return null;
  return {
    personId: person.id,
    email: person.email,
    directoryState: person.directoryState,
    step: person.reach?.step ?? null,
    graphUserId: person.reach?.graphUserId ?? null,
    installationId: person.reach?.installationId ?? null,
    chatId: person.reach?.chatId ?? null,
  };
}

/** What the directory said of a person: their account's state and, when found, their name and job title. */
export async function recordDirectoryProfile(
  db: Db,
  personId: number,
  profile: { state: string; displayName: string | null; jobTitle: string | null },
  at: Date,
): Promise<void> {
  const found = profile.state !== "unknown";
  await db.person.update({
    where: { id: personId },
    data: {
      directoryState: profile.state,
      directoryCheckedAt: at,
      ...(found ? { name: profile.displayName ?? undefined, jobTitle: profile.jobTitle, profileRefreshedAt: at } : {}),
    },
  });
}

/** Writes how far reaching a person got; the fields not given keep their value. */
export async function recordReachStep(
  db: Db,
  personId: number,
  step: string,
  fields: { graphUserId?: string; installationId?: string; chatId?: string; refusedReason?: string | null },
  at: Date,
): Promise<void> {
  const data = { step, updatedAt: at, ...fields, ...(step === "refused" ? {} : { refusedReason: null }) };
  await db.personReach.upsert({
    where: { personId },
    create: { personId, ...data, attempts: 1 },
    update: { ...data, attempts: { increment: 1 } },
  });
}

/**
 * Saves the personal chat Graph gave as the person's Conversation (unless Teams already told the bot of it)
 * and marks them reached, in one transaction: from then on every card finds the chat as any other.
 */
export async function recordReached(
  store: Store,
  personId: number,
  chat: { chatId: string; tenantId: string; reference: object },
  at: Date,
): Promise<void> {
  await store.$transaction(async (tx) => {
    await tx.personReach.update({ where: { personId }, data: { step: "reached", chatId: chat.chatId, updatedAt: at } });
    await tx.conversation.upsert({
      where: { conversationId: chat.chatId },
      create: {
        conversationId: chat.chatId,
        kind: "personal",
        tenantId: chat.tenantId,
        reference: JSON.stringify(chat.reference),
        personId,
        installedAt: at,
      },
      update: {},
    });
  });
}

/** Why reaching each of these people stopped for good, by person id (install refused, app not in the catalogue). */
export async function refusedReachReasons(db: Db, personIds: readonly number[]): Promise<Map<number, string>> {
  const rows = await inChunks(personIds, (ids) =>
    db.personReach.findMany({
      where: { personId: { in: ids }, step: "refused" },
      select: { personId: true, refusedReason: true },
    }),
  );
  return new Map(rows.map((r) => [r.personId, r.refusedReason ?? "could not be reached"]));
}

/** The directory's state of each of these people (null: never looked up), by person id. */
export async function directoryStatesOf(db: Db, personIds: readonly number[]): Promise<Map<number, string | null>> {
  const rows = await inChunks(personIds, (ids) =>
    db.person.findMany({ where: { id: { in: ids } }, select: { id: true, directoryState: true } }),
  );
  return new Map(rows.map((r) => [r.id, r.directoryState]));
}

/**
 * People whose name and job title are due a refresh from the directory: looked up before and still enabled,
 * refreshed before `olderThan` (or never), oldest first, at most `limit`.
 */
export async function peopleDueProfileRefresh(
  db: Db,
  olderThan: Date,
  limit: number,
): Promise<{ personId: number; email: string; graphUserId: string | null }[]> {
  const rows = await db.person.findMany({
    where: {
      directoryState: "enabled",
      OR: [{ profileRefreshedAt: null }, { profileRefreshedAt: { lt: olderThan } }],
    },
    orderBy: [{ profileRefreshedAt: "asc" }, { id: "asc" }],
    take: limit,
    select: { id: true, email: true, reach: { select: { graphUserId: true } } },
  });
  return rows.map((r) => ({ personId: r.id, email: r.email, graphUserId: r.reach?.graphUserId ?? null }));
}

/** A stored reference of a chat Teams itself told the bot of, in this tenant: its serviceUrl is the real one. */
export async function knownServiceUrl(db: Db, tenantId: string): Promise<string | null> {
  const rows = await db.conversation.findMany({
    where: { tenantId },
    orderBy: { updatedAt: "desc" },
    take: 20,
    select: { reference: true },
  });
  for (const row of rows) {
    try {
      const url = (JSON.parse(row.reference) as { serviceUrl?: unknown }).serviceUrl;
      if (typeof url === "string" && url) return url;
    } catch {
      // An unreadable reference says nothing about the address.
    }
  }
  return null;
}
