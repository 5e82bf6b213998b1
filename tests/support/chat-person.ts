/**
 * A person the bot knows by their Teams identity, with a personal chat the outbox can reach through the
 * stand-in connector, and optionally the lead of a directorate: the people extension and decision tests act as.
 */
import type { PrismaClient } from "../../src/data/database.js";
import { conversationReference } from "./reminder-fixtures.js";

export interface ChatPerson {
  id: number;
  /** The activity's `from`, as Teams sends it for this person. */
  from: { id: string; name: string; aadObjectId: string };
}

export async function personWithChat(
  prisma: PrismaClient,
  connectorUrl: string,
  email: string,
  key: string,
  lead?: string,
): Promise<ChatPerson> {
  const aadObjectId = `aad-${key}`;
  const { id } = await prisma.person.upsert({
    where: { email },
    create: { email, aadObjectId },
    update: { aadObjectId },
  });
  await prisma.conversation.create({
    data: {
      conversationId: `a:chat-${key}`,
      kind: "personal",
      reference: JSON.stringify(conversationReference(connectorUrl, `a:chat-${key}`)),
      personId: id,
    },
  });
  if (lead)
    await prisma.role.create({
      data: { personId: id, role: "directorate_lead", directorateId: lead, grantedBy: "test" },
    });
  return { id, from: { id: `29:${key}`, name: key, aadObjectId } };
}
