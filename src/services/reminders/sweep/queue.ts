/**
 * The sweep's last step: queue the cards in the outbox and settle the claims, a batch of owners per
 * transaction, so a crash leaves either nothing queued (the claims are retaken after their lease) or
 * both. Inside it the claims are checked again: one a planner cancelled meanwhile (the target moved, the
 * item was completed) or another sweep took back is left out of the card. Each owner and each
 * directorate's escalation is its own small step (queue-owner-cards.ts, queue-escalation.ts). The claims
 * become 'delivered' only when Teams accepts the message (the dispatcher), never here.
 */
import type { Store } from "../../../data/database.js";
import { settleQueuedClaims, withClaimsStillHeld, type ClaimSettlement } from "../../../data/reminders/claims.js";
import type { IsoDate } from "../../../domain/dates/calendar-date.js";
import type { ReminderPolicy } from "../../../domain/reminders/reminder-policy.js";
import type { ClaimedReminder } from "./claim.js";
import { queueEscalation } from "./queue-escalation.js";
import { prepareOwnerCard, queueOwnerCards, type OwnerCardJob } from "./queue-owner-cards.js";
import { groupByRecipient, leadRoutes, ownerRecipients } from "./recipients.js";

/** Owners per transaction when queueing cards. */
const OWNERS_PER_BATCH = 100;

export interface QueueContext {
  store: Store;
  policy: ReminderPolicy;
  today: IsoDate;
  now: Date;
  /** The sweep's lease token: only claims it still holds are queued. */
  leaseToken: string;
  /** Owners with no chat are reached through Graph (the outbox installs the app for them). */
  reachThroughDirectory?: boolean;
}

/** What became of some claims: queued on the message that carries them, or unreachable (no message). */
export interface Settlement {
  claims: readonly ClaimedReminder[];
  status: ClaimSettlement["status"];
  recipientId: number | null;
  messageId: number | null;
}

/** What one step did: how many messages it newly queued, and what became of its claims. */
export interface StepOutcome {
  queued: number;
  settlements: Settlement[];
}

/** Queues the cards for these claims; returns how many messages were newly queued. */
export async function queueCards(context: QueueContext, claimed: readonly ClaimedReminder[]): Promise<number> {
  const { store, policy, today, now, leaseToken } = context;
  if (claimed.length === 0) return 0;
  const groups = groupByRecipient(claimed);
  const owners = await ownerRecipients(store, claimed, context.reachThroughDirectory);
  const leads = await leadRoutes(store, [...groups.escalations.keys()]);
  // Rendered before the transaction (and again inside it only for a card that lost an item), so the write lock is held briefly.
  const ownerJobs = [...groups.owners].map(([ownerId, claims]) =>
    prepareOwnerCard(ownerId, owners.get(ownerId)!.conversationId, claims, today),
  );
  const batches: { owners: OwnerCardJob[]; escalations: [string, ClaimedReminder[]][] }[] = [];
  for (let start = 0; start < ownerJobs.length; start += OWNERS_PER_BATCH) {
    batches.push({ owners: ownerJobs.slice(start, start + OWNERS_PER_BATCH), escalations: [] });
  }
  if (groups.escalations.size) batches.push({ owners: [], escalations: [...groups.escalations] });

  let queued = 0;
  for (const batch of batches) {
    const claimIds = [...batch.owners.flatMap((job) => job.claims), ...batch.escalations.flatMap(([, c]) => c)].map(
      (c) => c.claimId,
    );
    queued += await withClaimsStillHeld(store, claimIds, leaseToken, async (tx, stillOurs) => {
      const steps = [await queueOwnerCards(tx, batch.owners, stillOurs, today)];
      for (const [directorateId, claims] of batch.escalations) {
        const ours = claims.filter((c) => stillOurs.has(c.claimId));
        if (ours.length === 0) continue;
        steps.push(await queueEscalation(tx, leads.get(directorateId)!, directorateId, ours, today, policy));
      }
      await settleQueuedClaims(tx, settlementRows(steps), now);
      return steps.reduce((n, step) => n + step.queued, 0);
    });
  }
  return queued;
}

/** One row per claim, as the data layer settles them. */
function settlementRows(steps: readonly StepOutcome[]): ClaimSettlement[] {
  return steps.flatMap((step) =>
    step.settlements.flatMap(({ claims, status, recipientId, messageId }) =>
      claims.map((c) => ({ claimId: c.claimId, status, recipientId, messageId })),
    ),
  );
}
