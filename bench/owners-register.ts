/**
 * The register the reminder benchmarks send to, written in bulk: `owners` people, each with a personal chat
 * through the stand-in connector and one item due on 30 June 2025.
 */
import type { PrismaClient } from "../src/data/database.js";
import { insertMany } from "../src/data/insert-many.js";
import { conversationReference } from "../tests/support/reminder-fixtures.js";

/** Each owner's personal chat, as the benchmarks look for it among the connector's sends. */
export const benchConversationOf = (personId: number) => `a:bench-${personId}`;

export async function writeOwnersRegister(
  prisma: PrismaClient,
  connectorUrl: string,
  owners: number,
): Promise<{ id: number; email: string }[]> {
  const stamp = new Date("2025-01-01T00:00:00Z");
  const people = await insertMany<{ id: number; email: string }>(
    prisma,
    "Person",
    Array.from({ length: owners }, (_, i) => ({
      email: `owner${i}@example.org`,
      name: `Owner ${i}`,
      unreachable: false,
      createdAt: stamp,
    })),
    ["id", "email"],
  );
  await insertMany(
    prisma,
    "Conversation",
    people.map((p) => ({
      conversationId: benchConversationOf(Number(p.id)),
      kind: "personal",
      tenantId: "bench",
      reference: JSON.stringify(conversationReference(connectorUrl, benchConversationOf(Number(p.id)))),
      personId: Number(p.id),
      installedAt: stamp,
      updatedAt: stamp,
    })),
  );
  const [review] = await insertMany<{ id: number }>(
    prisma,
    "Review",
    [{ titleKey: "bench review", title: "Bench review", directorateId: "CYPS", createdAt: stamp, updatedAt: stamp }],
    ["id"],
  );
  await insertMany(
    prisma,
    "Item",
    people.map((p, i) => ({
      reviewId: Number(review!.id),
      ref: `Rec ${i + 1}`,
      text: `Recommendation ${i + 1}`,
      ownerId: Number(p.id),
      originalTargetRaw: "2025-06-30",
      originalTarget: "2025-06-30",
      originalTargetKind: "day",
      progress: "in_progress",
      createdAt: stamp,
      updatedAt: stamp,
    })),
  );
  return people;
}
