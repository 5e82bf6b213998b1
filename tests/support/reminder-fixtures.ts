/**
 * A small register for reminder tests, written straight into the test database: owners with personal
 * chats whose stored conversation references point at the stand-in connector, and items with the
 * targets a test needs. Targets are ISO dates (the raw text the import would keep).
 */
import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import type { PrismaClient } from "../../src/data/database.js";
import { TENANT_ID } from "./bot-fixtures.js";

export interface OwnerFixture {
  personId: number;
  email: string;
  conversationId: string | null;
}

/** The sweep's clock and lease tokens as production passes them: real elapsed time, random tokens. */
export const realSweepClocks = { monotonicClock: () => performance.now(), newLeaseToken: () => randomUUID() };

let reviewCounter = 0;

export function conversationReference(
  serviceUrl: string,
  conversationId: string,
  kind: "personal" | "channel" = "personal",
): object {
  return {
    channelId: "msteams",
    serviceUrl,
    conversation: { id: conversationId, conversationType: kind, tenantId: TENANT_ID },
    bot: { id: "28:00000000-0000-4000-8000-00000000b0b0", name: "Recommendation tracker" },
    user: kind === "personal" ? { id: `29:${conversationId}` } : undefined,
  };
}

/** A person, with a personal chat with the bot unless `chat` is false. */
export async function addPerson(
  prisma: PrismaClient,
  serviceUrl: string,
  email: string,
  options: { chat?: boolean; name?: string; unreachable?: boolean } = {},
): Promise<OwnerFixture> {
  const person = await prisma.person.create({
    data: { email, name: options.name ?? null, unreachable: options.unreachable ?? false },
  });
  if (options.chat === false) return { personId: person.id, email, conversationId: null };
  const conversationId = `a:personal-${person.id}-${email}`;
  await prisma.conversation.create({
    data: {
      conversationId,
      kind: "personal",
      tenantId: TENANT_ID,
      reference: JSON.stringify(conversationReference(serviceUrl, conversationId)),
      personId: person.id,
    },
  });
  return { personId: person.id, email, conversationId };
}

/** A channel the bot is in (a directorate's leadership channel). */
export async function addChannel(prisma: PrismaClient, serviceUrl: string, conversationId: string): Promise<string> {
  await prisma.conversation.create({
    data: {
      conversationId,
      kind: "channel",
      tenantId: TENANT_ID,
      reference: JSON.stringify(conversationReference(serviceUrl, conversationId, "channel")),
    },
  });
  return conversationId;
}

export interface ItemFixture {
  ownerId?: number | null;
  originalTarget: string | null;
  revisedTarget?: string | null;
  progress?: string;
  directorateId?: string;
  confidential?: boolean;
  reviewTitle?: string;
  ref?: string;
  latestUpdate?: string;
}

export async function addItem(prisma: PrismaClient, fixture: ItemFixture): Promise<number> {
  reviewCounter += 1;
  const title = fixture.reviewTitle ?? `Review ${reviewCounter}`;
  const review = await prisma.review.upsert({
    where: { titleKey: title.toLowerCase() },
    create: {
      titleKey: title.toLowerCase(),
      title,
      directorateId: fixture.directorateId ?? "CYPS",
      confidential: fixture.confidential ?? false,
    },
    update: {},
  });
  const item = await prisma.item.create({
    data: {
      reviewId: review.id,
      ref: fixture.ref ?? `Recommendation ${reviewCounter}`,
      text: `Improve the thing numbered ${reviewCounter}`,
      ownerId: fixture.ownerId ?? null,
      originalTargetRaw: fixture.originalTarget,
      originalTarget: fixture.originalTarget,
      originalTargetKind: fixture.originalTarget ? "day" : "tbc",
      revisedTargetRaw: fixture.revisedTarget ?? null,
      revisedTarget: fixture.revisedTarget ?? null,
      revisedTargetKind: fixture.revisedTarget ? "day" : "none",
      progress: fixture.progress ?? "in_progress",
      confidential: fixture.confidential ?? false,
      latestUpdate: fixture.latestUpdate ?? null,
    },
  });
  return item.id;
}

/** Moves an item's target, as an update would (the caller then replans it). */
export async function reviseTarget(prisma: PrismaClient, itemId: number, revisedTarget: string): Promise<void> {
  await prisma.item.update({
    where: { id: itemId },
    data: { revisedTargetRaw: revisedTarget, revisedTarget, revisedTargetKind: "day" },
  });
}

/** What was delivered, per conversation. */
export function deliveriesByConversation(sent: readonly { conversationId: string }[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const s of sent) counts.set(s.conversationId, (counts.get(s.conversationId) ?? 0) + 1);
  return counts;
}
