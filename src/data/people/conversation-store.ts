/** Conversation references and the Teams identity of people, kept in the database for proactive sends. */
import type { Prisma, PrismaClient } from "../database.js";

type Db = PrismaClient | Prisma.TransactionClient;

export interface ConversationRecord {
  conversationId: string;
  kind: string;
  tenantId: string | null;
  teamId: string | null;
  channelId: string | null;
  name: string | null;
  reference: object;
  personId: number | null;
}

export async function saveConversation(prisma: PrismaClient, record: ConversationRecord): Promise<void> {
  const data = { ...record, reference: JSON.stringify(record.reference) };
  await prisma.conversation.upsert({ where: { conversationId: record.conversationId }, create: data, update: data });
}

/** They (re)installed or wrote to the bot: a past 403/404 no longer stands. */
export async function markPersonReachable(prisma: PrismaClient, personId: number): Promise<void> {
  await prisma.person.updateMany({ where: { id: personId, unreachable: true }, data: { unreachable: false } });
}

export async function forgetConversation(prisma: PrismaClient, conversationId: string): Promise<void> {
  await prisma.conversation.deleteMany({ where: { conversationId } });
}

/** A person's newest personal chat with the bot, if they have one. */
export async function personalConversationOf(db: Db, personId: number): Promise<string | null> {
  const conversation = await db.conversation.findFirst({
    where: { personId, kind: "personal" },
    orderBy: { updatedAt: "desc" },
    select: { conversationId: true },
  });
  return conversation?.conversationId ?? null;
}

/** The stored references (JSON text, as saved) of the conversations among `conversationIds` still kept. */
export async function conversationReferencesOf(db: Db, conversationIds: readonly string[]): Promise<Map<string, string>> {
  const rows = await db.conversation.findMany({
    where: { conversationId: { in: [...new Set(conversationIds)] } },
    select: { conversationId: true, reference: true },
  });
  return new Map(rows.map((row) => [row.conversationId, row.reference]));
}

export interface TeamsIdentity {
  aadObjectId: string | null;
  teamsUserId: string;
  email: string | null;
  name: string | null;
}

/** The person linked to a Teams user, none when nothing names them, or why the link was refused. */
export type TeamsLink = { ok: true; person: { id: number; email: string } | null } | { ok: false; reason: string };

/**
 * Finds the person by Azure AD object id, else by email (linking the two); creates one for a new email.
 * `identity.email` must already be normalised (lower-cased). An email already linked to a different
 * Azure AD account is refused, not taken over: two accounts whose addresses differ only in case are
 * one address but two people to Entra, and the first keeps its conversation, items and roles.
 */
export async function linkTeamsUser(prisma: PrismaClient, identity: TeamsIdentity): Promise<TeamsLink> {
  if (identity.aadObjectId) {
    const known = await prisma.person.findUnique({ where: { aadObjectId: identity.aadObjectId }, select: { id: true, email: true } });
    if (known) return { ok: true, person: known };
  }
  if (!identity.email) return { ok: true, person: null };
  const email = identity.email;
  const existing = await prisma.person.findUnique({ where: { email }, select: { id: true, email: true, aadObjectId: true, teamsUserId: true } });
  if (existing?.aadObjectId && identity.aadObjectId && existing.aadObjectId.toLowerCase() !== identity.aadObjectId.toLowerCase())
    return {
      ok: false,
      reason: `${email} is already linked to Azure AD account ${existing.aadObjectId}; account ${identity.aadObjectId} gives the same address and is not linked to it`,
    };
  const aadObjectId = identity.aadObjectId ?? existing?.aadObjectId ?? null;
  // Already linked as this Teams user: no write, and no audit entry (which would make every instance reload the register).
  if (existing && existing.aadObjectId === aadObjectId && existing.teamsUserId === identity.teamsUserId) return { ok: true, person: { id: existing.id, email: existing.email } };
  const person = await prisma.person.upsert({
    where: { email },
    create: { email, name: identity.name, aadObjectId, teamsUserId: identity.teamsUserId },
    update: { aadObjectId, teamsUserId: identity.teamsUserId, name: identity.name ?? undefined },
    select: { id: true, email: true },
  });
  await prisma.auditEntry.create({
    data: {
      entityType: "person", entityId: person.id, action: "linked", actor: "teams",
      before: existing ? JSON.stringify({ aadObjectId: existing.aadObjectId, teamsUserId: existing.teamsUserId }) : null,
      after: JSON.stringify({ email, aadObjectId, teamsUserId: identity.teamsUserId }),
    },
  });
  return { ok: true, person };
}

/**
 * Keeps the display name Teams' roster gives for a person, at most once a day (profileRefreshedAt), with a
 * history entry when it replaces another. A name the directory gave within the day stands. Returns whether it changed.
 */
export async function refreshRosterName(prisma: PrismaClient, personId: number, name: string, now: Date, dayAgo: Date): Promise<boolean> {
  return prisma.$transaction(async (tx) => {
    // The claim is the first statement, a write: it takes SQLite's write lock at once, and two turns refresh once.
    const claimed = await tx.person.updateMany({
      where: { id: personId, OR: [{ profileRefreshedAt: null }, { profileRefreshedAt: { lte: dayAgo } }] },
      data: { profileRefreshedAt: now },
    });
    if (!claimed.count) return false;
    const person = await tx.person.findUniqueOrThrow({ where: { id: personId }, select: { name: true } });
    const changed = person.name !== name;
    if (changed) await tx.person.update({ where: { id: personId }, data: { name } });
    // A first name fills an empty field (as linking does) and loses nothing; a rename is recorded, before and after.
    if (changed && person.name !== null)
      await tx.auditEntry.create({
        data: {
          entityType: "person", entityId: personId, action: "named", actor: "teams", at: now,
          before: JSON.stringify({ name: person.name }), after: JSON.stringify({ name }),
        },
      });
    return changed;
  });
}
