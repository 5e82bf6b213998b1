/**
 * Update rounds and their recipients: starting a round, who was asked and who has replied, the chases
 * already sent, and where each round card stands in the outbox. A reply is any progress update on one
 * of the recipient's items since the round started, filled in on each look.
 */
import type { Store, Tx } from "../database.js";
import { Progress } from "../../domain/status/status.js";

export interface RoundRow {
  id: number;
  name: string;
  /** ISO date. */
  deadline: string;
  startedBy: string;
  startedAt: Date;
}

export interface RoundRecipientRow {
  personId: number;
  repliedAt: Date | null;
  email: string;
  name: string | null;
  unreachable: boolean;
}

/** A recipient who has not replied, with the chases already sent to them (a JSON list of chase kinds). */
export interface WaitingRecipientRow {
  id: number;
  personId: number;
  chasedAt: string;
  email: string;
  unreachable: boolean;
}

const roundFields = { id: true, name: true, deadline: true, startedBy: true, startedAt: true } as const;

/** A round still running under this name and deadline, the latest started. */
export async function findRunningRound(store: Store, name: string, deadline: string): Promise<RoundRow | null> {
  return store.updateRound.findFirst({ where: { name, deadline, closedAt: null }, orderBy: { startedAt: "desc" }, select: roundFields });
}

export async function createRound(store: Store, round: { name: string; deadline: string; startedBy: string; startedAt: Date }): Promise<RoundRow> {
  return store.updateRound.create({ data: round, select: roundFields });
}

/** The round given, or else the latest started; null when there is none. */
export async function findRound(store: Store, roundId?: number): Promise<RoundRow | null> {
  return roundId
    ? store.updateRound.findUnique({ where: { id: roundId }, select: roundFields })
    : store.updateRound.findFirst({ orderBy: [{ startedAt: "desc" }, { id: "desc" }], select: roundFields });
}

/** Rounds not closed whose deadline is today or later, oldest first. */
export async function runningRounds(store: Store, today: string): Promise<RoundRow[]> {
  return store.updateRound.findMany({ where: { closedAt: null, deadline: { gte: today } }, orderBy: { id: "asc" }, select: roundFields });
}

/** One batch of a round's recipients and their cards, all or nothing. */
export function inRoundBatch<T>(store: Store, work: (tx: Tx) => Promise<T>): Promise<T> {
  return store.$transaction(work, { maxWait: 30_000, timeout: 120_000 });
}

export async function addRoundRecipient(tx: Tx, recipient: { roundId: number; personId: number; invitedAt: Date | null }): Promise<void> {
  await tx.roundRecipient.create({ data: recipient });
}

/** Marks as replied every recipient with a progress update on any of their items since the round started; how many. */
export async function markRoundReplies(store: Store, round: { id: number; startedAt: Date }): Promise<number> {
  return store.$executeRaw`UPDATE "RoundRecipient" SET "repliedAt" = (
      SELECT MIN(pu."at") FROM "ProgressUpdate" pu JOIN "Item" i ON i."id" = pu."itemId"
      WHERE i."ownerId" = "RoundRecipient"."personId" AND pu."at" >= ${round.startedAt})
    WHERE "roundId" = ${round.id} AND "repliedAt" IS NULL AND EXISTS (
      SELECT 1 FROM "ProgressUpdate" pu JOIN "Item" i ON i."id" = pu."itemId"
      WHERE i."ownerId" = "RoundRecipient"."personId" AND pu."at" >= ${round.startedAt})`;
}

export async function roundRecipients(store: Store, roundId: number): Promise<RoundRecipientRow[]> {
  const rows = await store.roundRecipient.findMany({
    where: { roundId },
    select: { personId: true, repliedAt: true, person: { select: { email: true, name: true, unreachable: true } } },
  });
  return rows.map((r) => ({ personId: r.personId, repliedAt: r.repliedAt, ...r.person }));
}

/** Recipients of the round who have not replied, in the order they were asked. */
export async function waitingRecipients(store: Store, roundId: number): Promise<WaitingRecipientRow[]> {
  const rows = await store.roundRecipient.findMany({
    where: { roundId, repliedAt: null },
    select: { id: true, personId: true, chasedAt: true, person: { select: { email: true, unreachable: true } } },
    orderBy: { id: "asc" },
  });
  return rows.map((r) => ({ id: r.id, personId: r.personId, chasedAt: r.chasedAt, ...r.person }));
}

/**
 * Records a chase by compare-and-set on the recipient's chase list: true only for the caller that
 * changed it from `before`, so two sweeps never chase the same owner twice.
 */
export async function claimRoundChase(tx: Tx, recipientId: number, before: string, after: string): Promise<boolean> {
  const changed = await tx.$executeRaw`UPDATE "RoundRecipient" SET "chasedAt" = ${after} WHERE "id" = ${recipientId} AND "chasedAt" = ${before}`;
  return changed === 1;
}

/** How many items (and, apart, milestones) not started or in progress each of these people owns. */
export async function openItemCounts(
  store: Store,
  ownerIds: readonly number[],
): Promise<Map<number | null, { items: number; milestones: number }>> {
  const groups = await store.item.groupBy({
    by: ["ownerId", "counted"],
    where: { ownerId: { in: [...ownerIds] }, progress: { in: [Progress.notStarted, Progress.inProgress] } },
    _count: { _all: true },
  });
  const counts = new Map<number | null, { items: number; milestones: number }>();
  for (const group of groups) {
    const owner = counts.get(group.ownerId) ?? { items: 0, milestones: 0 };
    // A milestone is a step of an item, never counted as one.
    if (group.counted) owner.items += group._count._all;
    else owner.milestones += group._count._all;
    counts.set(group.ownerId, owner);
  }
  return counts;
}

/** The round's cards in the outbox (their dedupe keys start with `keyPrefix`) and where each stands. */
export async function roundCardMessages(store: Store, purpose: string, keyPrefix: string): Promise<{ dedupeKey: string; status: string }[]> {
  const messages = await store.outboundMessage.findMany({
    where: { purpose, dedupeKey: { startsWith: keyPrefix } },
    select: { dedupeKey: true, status: true },
  });
  return messages.map((m) => ({ dedupeKey: m.dedupeKey!, status: m.status }));
}
