/**
 * The reminder sweep (DESIGN.md 4.3), run every few minutes by the scheduler and by `remind`:
 * 1. pick the items whose next reminder has fallen due (Item.nextReminderAt <= now);
 * 2. ask the pure policy which reminders are due for each (one per owner track, plus the escalation);
 * 3. claim each in the database: INSERT into ReminderClaim, whose unique key (item, kind, target date)
 *    makes a second claim fail, so overlapping sweeps, a restart or a second instance never send twice.
 *    The lease is short (a minute) and renewed while the sweep works (a heartbeat), so a claim a crashed
 *    sweep left 'claimed' is taken back by a sweep a minute later;
 * 4. queue ONE card per owner listing all their due items, escalations to the directorate's lead and
 *    leadership channel, and mark the claims 'queued' on that message, in one transaction per batch, so a
 *    crash leaves either nothing queued (the claims are retaken after their lease) or both. The claims
 *    become 'delivered' when Teams accepts the message (the dispatcher), never before;
 * 5. plan those items' next reminders.
 * Owners the bot cannot reach are recorded (claim status unreachable) and listed to the improvement team
 * once a day. Sending happens later, from the outbox (src/bot/proactive-sender.ts), never in a user's turn.
 *
 * `dryRun` looks at every open item (not only those the stored plan says are due), claims and writes
 * nothing, and so gives the same answer every time it is asked.
 */
import { createHash, randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import { Prisma } from "../generated/prisma/client.js";
import type { PrismaClient } from "../data/database.js";
import { cardActivity } from "../cards/reminder-card.js";
import {
  claimReminders as claimInDatabase, claimsStillHeld, ClaimStatus, loadClaims, loadReminderItems, personalConversationsOf, renewClaimLeases,
  settleQueuedClaims, type ClaimSettlement, type ReminderItemRow,
} from "../data/reminder-store.js";
import { londonDate, type IsoDate } from "../domain/calendar-date.js";
import { describeReminder, planReminders, ReminderFamily, type ReminderPolicy, type ScheduledReminder } from "../domain/reminder-policy.js";
import { isInsideSendWindow, nextSendOpportunity } from "../domain/send-window.js";
import type { Logger } from "../logger.js";
import { enqueueMessage, enqueueMessages, MessagePurpose } from "./outbox.js";
import { planItemReminders, planLoadedItems, reminderSubjectOf, type PlanReport } from "./plan-reminders.js";
import { reminderLine, type ReminderLine } from "./reminder-card-items.js";
import { byUrgency, directorateName, escalationCard, ownerCard, type ClaimedReminder } from "./sweep-cards.js";
import { reportUnreachableOwners, type UnreachableReportOutcome } from "./report-unreachable-owners.js";

export type { ClaimedReminder } from "./sweep-cards.js";

export interface ReminderSweepDeps {
  prisma: PrismaClient;
  policy: ReminderPolicy;
  logger: Logger;
  /** IMPROVEMENT_TEAM_ADMINS: who, with the improvement_team role holders, gets the daily unreachable list. */
  improvementTeamAdmins: readonly string[];
  /** How long a claim is held without a heartbeat before another sweep may take it back (default 1 minute; renewed every third of it). */
  leaseMs?: number;
  /** Test seam: runs after the reminders are claimed and before anything is queued (a throw here is a crash). */
  afterClaim?: (claimed: readonly ClaimedReminder[]) => Promise<void> | void;
}

export interface OwnerReminders {
  owner_email: string;
  owner_name: string | null;
  reachable: boolean;
  /** Why the bot cannot reach them, when it cannot. */
  unreachable_reason: string | null;
  items: ReminderLine[];
}

export interface EscalationGroup {
  directorate: string;
  directorate_name: string;
  lead_email: string | null;
  lead_reachable: boolean;
  /** Whether the directorate's leadership channel gets it too (confidential items are left out there). */
  leadership_channel: boolean;
  items: (ReminderLine & { owner_email: string | null })[];
}

export interface ReminderSweepReport {
  dry_run: boolean;
  as_of: IsoDate;
  /** The instant the policy was asked about: now, or for a dry run the next moment sending is allowed. */
  evaluated_at: string;
  sending_allowed: boolean;
  next_send_at: string;
  owners: OwnerReminders[];
  escalations: EscalationGroup[];
  totals: { owners: number; reminders: number; escalations: number; unreachable_owners: number; cards_queued: number };
  planned?: PlanReport;
  unreachable_report?: UnreachableReportOutcome;
}

const DEFAULT_LEASE_MS = 60_000;
/** Owners per transaction when queueing cards. */
const OWNERS_PER_BATCH = 100;
const FULL_PLAN_SETTING = "reminders.fully_planned_on";

const UNREACHABLE_NO_CHAT = "has no chat with the bot yet (the app needs installing for them)";
const UNREACHABLE_BLOCKED = "blocked or removed the bot (Teams answered 403 or 404)";

function hashOf(ids: readonly number[]): string {
  return createHash("sha256").update([...ids].sort((a, b) => a - b).join(",")).digest("hex").slice(0, 20);
}

export async function sendDueReminders(deps: ReminderSweepDeps, now: Date, options: { dryRun?: boolean } = {}): Promise<ReminderSweepReport> {
  const { prisma, policy, logger } = deps;
  const dryRun = options.dryRun ?? false;
  const nextSend = nextSendOpportunity(now, policy.window);
  const evaluatedAt = dryRun ? nextSend : now;
  const today = londonDate(evaluatedAt);
  const sendingAllowed = isInsideSendWindow(evaluatedAt, policy.window);

  const started = performance.now();
  const timings: Record<string, number> = {};
  const lap = (name: string) => (timings[name] = Math.round(performance.now() - started));
  let planned: PlanReport | undefined;
  if (!dryRun) planned = await planEveryItemOnceADay(prisma, now, policy);
  lap("dailyPlanMs");

  const rows = await loadReminderItems(prisma, dryRun ? { all: true } : { dueBy: now });
  const claims = await loadClaims(prisma, rows.map((r) => r.id));
  const due: { row: ReminderItemRow; reminder: ScheduledReminder }[] = [];
  for (const row of rows) {
    const plan = planReminders(reminderSubjectOf(row, claims.get(row.id) ?? []), policy, evaluatedAt);
    for (const reminder of plan.due) due.push({ row, reminder });
  }
  lap("selectMs");

  if (dryRun) return describeDue(prisma, due, today, evaluatedAt, nextSend, sendingAllowed, true);

  const leaseMs = deps.leaseMs ?? DEFAULT_LEASE_MS;
  const leaseToken = randomUUID();
  const claimed = await claimReminders(prisma, due, now, new Date(now.getTime() + leaseMs), leaseToken);
  lap("claimMs");
  const stopHeartbeat = startClaimHeartbeat(deps, leaseToken, now, leaseMs);
  let queued: number;
  try {
    if (deps.afterClaim) await deps.afterClaim(claimed);
    queued = await queueCards(deps, claimed, today, now, leaseToken);
  } finally {
    await stopHeartbeat();
  }
  lap("queueMs");
  // Every item looked at gets its next reminder: the claimed ones move on, the rest wait for theirs.
  const replanned = await planLoadedItems(prisma, await loadReminderItems(prisma, { ids: rows.map((r) => r.id) }), now, policy);
  lap("replanMs");
  planned = planned ? { items: planned.items + replanned.items, changed: planned.changed + replanned.changed, cancelledClaims: planned.cancelledClaims + replanned.cancelledClaims } : replanned;

  const report = await describeDue(prisma, claimed, today, evaluatedAt, nextSend, sendingAllowed, false);
  report.totals.cards_queued = queued;
  report.planned = planned;
  report.unreachable_report = await reportUnreachableOwners({ prisma, logger, policy, improvementTeamAdmins: deps.improvementTeamAdmins }, now);
  lap("totalMs");
  logger.info(
    { owners: report.totals.owners, reminders: report.totals.reminders, escalations: report.totals.escalations, unreachableOwners: report.totals.unreachable_owners, cardsQueued: queued, sendingAllowed, ...timings },
    "reminder sweep finished",
  );
  return report;
}

/**
 * Replans every item at the first sweep of each London day, so changes made without a replan (an
 * import moving targets) are picked up within a day. The Setting row makes it once a day across instances.
 */
async function planEveryItemOnceADay(prisma: PrismaClient, now: Date, policy: ReminderPolicy): Promise<PlanReport | undefined> {
  const today = londonDate(now);
  await prisma.$executeRaw`INSERT INTO "Setting" ("key", "value") VALUES (${FULL_PLAN_SETTING}, '') ON CONFLICT ("key") DO NOTHING`;
  const won = await prisma.$executeRaw`UPDATE "Setting" SET "value" = ${today} WHERE "key" = ${FULL_PLAN_SETTING} AND "value" < ${today}`;
  if (won !== 1) return undefined;
  return planItemReminders(prisma, "all", now, policy);
}

/** Claims each due reminder; returns those this sweep now holds (a reminder another sweep holds is skipped). */
async function claimReminders(
  prisma: PrismaClient,
  due: readonly { row: ReminderItemRow; reminder: ScheduledReminder }[],
  now: Date,
  lease: Date,
  leaseToken: string,
): Promise<ClaimedReminder[]> {
  const held = await claimInDatabase(prisma, due.map(({ row, reminder }) => ({
    itemId: row.id, kind: reminder.kind, targetDate: reminder.targetDate, dueAt: reminder.dueAt,
    recipientId: reminder.family === ReminderFamily.escalation ? null : row.ownerId,
  })), now, lease, leaseToken);
  return [...held].sort(([a], [b]) => a - b).map(([index, claimId]) => ({ claimId, ...due[index]! }));
}

/**
 * Renews this sweep's claims every third of the lease while it works. Leases are on the sweep's own clock
 * (`now`, which a test or `remind --as-of` may set), moved on by the real time since it started.
 */
function startClaimHeartbeat(deps: ReminderSweepDeps, leaseToken: string, now: Date, leaseMs: number): () => Promise<void> {
  const started = performance.now();
  let renewing: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    const until = new Date(now.getTime() + (performance.now() - started) + leaseMs);
    renewing = renewing.then(() => renewClaimLeases(deps.prisma, leaseToken, until))
      .catch((error: unknown) => deps.logger.warn({ err: error }, "could not renew the reminder claims' lease; trying again shortly"));
  }, Math.max(10, Math.floor(leaseMs / 3)));
  return async () => {
    clearInterval(timer);
    await renewing;
  };
}

interface Recipient {
  personId: number | null;
  conversationId: string | null;
  unreachableReason: string | null;
}

async function ownerRecipients(prisma: PrismaClient, claimed: readonly ClaimedReminder[]): Promise<Map<number, Recipient>> {
  const owners = new Map<number, ReminderItemRow>();
  for (const c of claimed) if (c.row.ownerId !== null) owners.set(c.row.ownerId, c.row);
  const conversations = await personalConversationsOf(prisma, [...owners.keys()]);
  const recipients = new Map<number, Recipient>();
  for (const [personId, row] of owners) {
    const conversationId = conversations.get(personId) ?? null;
    const unreachableReason = row.ownerUnreachable ? UNREACHABLE_BLOCKED : conversationId ? null : UNREACHABLE_NO_CHAT;
    recipients.set(personId, { personId, conversationId: unreachableReason ? null : conversationId, unreachableReason });
  }
  return recipients;
}

interface LeadRoute {
  directorateId: string;
  lead: Recipient & { email: string | null };
  channelConversationId: string | null;
}

async function leadRoutes(prisma: PrismaClient, directorateIds: readonly string[]): Promise<Map<string, LeadRoute>> {
  const directorates = await prisma.directorate.findMany({ where: { id: { in: [...directorateIds] } }, select: { id: true, leadEmail: true, leadershipConversationId: true } });
  const emails = directorates.map((d) => d.leadEmail?.trim().toLowerCase()).filter((e): e is string => Boolean(e));
  const people = await prisma.person.findMany({ where: { email: { in: emails } }, select: { id: true, email: true, unreachable: true } });
  const byEmail = new Map(people.map((p) => [p.email.toLowerCase(), p]));
  const conversations = await personalConversationsOf(prisma, people.map((p) => p.id));
  const routes = new Map<string, LeadRoute>();
  for (const id of directorateIds) {
    const directorate = directorates.find((d) => d.id === id);
    const email = directorate?.leadEmail?.trim().toLowerCase() ?? null;
    const person = email ? byEmail.get(email) : undefined;
    const conversationId = person ? conversations.get(person.id) ?? null : null;
    const unreachableReason = !email
      ? "no directorate lead is set (Directorate.leadEmail)"
      : person?.unreachable ? UNREACHABLE_BLOCKED : conversationId ? null : UNREACHABLE_NO_CHAT;
    routes.set(id, {
      directorateId: id,
      lead: { personId: person?.id ?? null, email, conversationId: unreachableReason ? null : conversationId, unreachableReason },
      channelConversationId: directorate?.leadershipConversationId ?? null,
    });
  }
  return routes;
}

/**
 * Queues the cards and settles the claims, a batch of owners per transaction. Inside it the claims are
 * checked again: one a planner cancelled meanwhile (the target moved, the item was completed) or another
 * sweep took back is left out of the card. Owners' cards are rendered before the transaction (and again
 * inside it only for a card that lost an item), so the write lock is held briefly.
 */
async function queueCards(deps: ReminderSweepDeps, claimed: readonly ClaimedReminder[], today: IsoDate, now: Date, leaseToken: string): Promise<number> {
  const { prisma, policy } = deps;
  if (claimed.length === 0) return 0;
  const ownerClaims = new Map<number, ClaimedReminder[]>();
  const escalations = new Map<string, ClaimedReminder[]>();
  for (const c of claimed) {
    if (c.reminder.family === ReminderFamily.escalation) escalations.set(c.row.directorateId, [...(escalations.get(c.row.directorateId) ?? []), c]);
    else if (c.row.ownerId !== null) ownerClaims.set(c.row.ownerId, [...(ownerClaims.get(c.row.ownerId) ?? []), c]);
  }
  const owners = await ownerRecipients(prisma, claimed);
  const leads = await leadRoutes(prisma, [...escalations.keys()]);

  const ownerMessage = (ownerId: number, conversationId: string, ours: readonly ClaimedReminder[]) => {
    const { card, summary } = ownerCard(ours, today);
    return {
      conversationId, personId: ownerId, purpose: MessagePurpose.reminder, activity: cardActivity(card, summary),
      dedupeKey: `reminder:${ownerId}:${hashOf(ours.map((c) => c.claimId))}`,
    };
  };
  const ownerJobs = [...ownerClaims].map(([ownerId, claims]) => {
    const conversationId = owners.get(ownerId)!.conversationId;
    return { ownerId, claims, conversationId, prepared: conversationId ? ownerMessage(ownerId, conversationId, claims) : null };
  });

  let queued = 0;
  const batches: { owners: typeof ownerJobs; escalations: [string, ClaimedReminder[]][] }[] = [];
  for (let start = 0; start < ownerJobs.length; start += OWNERS_PER_BATCH) batches.push({ owners: ownerJobs.slice(start, start + OWNERS_PER_BATCH), escalations: [] });
  if (escalations.size) batches.push({ owners: [], escalations: [...escalations] });

  for (const batch of batches) {
    const ids = [...batch.owners.flatMap((j) => j.claims), ...batch.escalations.flatMap(([, claims]) => claims)].map((c) => c.claimId);
    queued += await prisma.$transaction(async (tx) => {
      // A write first takes SQLite's write lock at once (DESIGN.md 2.1), so the check below cannot go stale.
      await tx.$executeRaw`UPDATE "ReminderClaim" SET "leaseUntil" = "leaseUntil" WHERE "id" IN (${Prisma.join(ids)})`;
      const stillOurs = await claimsStillHeld(tx, ids, leaseToken);
      const settlements: Settlement[] = [];
      const messages: ReturnType<typeof ownerMessage>[] = [];
      const carried: ClaimedReminder[][] = [];
      for (const job of batch.owners) {
        const ours = job.claims.filter((c) => stillOurs.has(c.claimId));
        if (ours.length === 0) continue;
        if (!job.conversationId) {
          settlements.push({ claims: ours, status: ClaimStatus.unreachable, recipientId: job.ownerId, messageId: null });
          continue;
        }
        messages.push(ours.length === job.claims.length ? job.prepared! : ownerMessage(job.ownerId, job.conversationId, ours));
        carried.push(ours);
      }
      const results = await enqueueMessages(tx, messages);
      results.forEach((result, index) => {
        settlements.push({ claims: carried[index]!, status: ClaimStatus.queued, recipientId: messages[index]!.personId, messageId: result.id });
      });
      let count = results.filter((r) => r.queued).length;
      for (const [directorateId, claims] of batch.escalations) {
        const ours = claims.filter((c) => stillOurs.has(c.claimId));
        if (ours.length) count += await queueEscalation(tx, leads.get(directorateId)!, directorateId, ours, today, policy, settlements);
      }
      await settle(tx, settlements, now);
      return count;
    }, { maxWait: 30_000, timeout: 120_000 });
  }
  return queued;
}

interface Settlement {
  claims: readonly ClaimedReminder[];
  status: ClaimSettlement["status"];
  recipientId: number | null;
  messageId: number | null;
}

/** The escalation to the lead's personal chat and to the leadership channel (never with confidential items there). */
async function queueEscalation(
  tx: Prisma.TransactionClient, route: LeadRoute, directorateId: string, ours: readonly ClaimedReminder[], today: IsoDate, policy: ReminderPolicy, settlements: Settlement[],
): Promise<number> {
  let queued = 0;
  let messageId: number | null = null;
  const key = hashOf(ours.map((c) => c.claimId));
  if (route.lead.conversationId) {
    const { card, summary } = escalationCard(ours, directorateId, today, policy);
    const message = await enqueueMessage(tx, {
      conversationId: route.lead.conversationId, personId: route.lead.personId, purpose: MessagePurpose.escalation,
      activity: cardActivity(card, summary), dedupeKey: `escalation:${directorateId}:lead:${key}`,
    });
    messageId = message.id;
    queued += message.queued ? 1 : 0;
  }
  // Confidential items (children's homes) never go to a channel (DESIGN.md 4.6).
  const shareable = ours.filter((c) => !c.row.confidential);
  if (route.channelConversationId && shareable.length) {
    const { card, summary } = escalationCard(shareable, directorateId, today, policy);
    const message = await enqueueMessage(tx, {
      conversationId: route.channelConversationId, personId: null, purpose: MessagePurpose.escalation,
      activity: cardActivity(card, summary), dedupeKey: `escalation:${directorateId}:channel:${key}`,
    });
    messageId ??= message.id;
    queued += message.queued ? 1 : 0;
  }
  // Queued when it goes anywhere; a confidential item with only a channel to go to reached nobody.
  const reached = ours.filter((c) => route.lead.conversationId || (route.channelConversationId && !c.row.confidential));
  const missed = ours.filter((c) => !reached.includes(c));
  if (reached.length) settlements.push({ claims: reached, status: ClaimStatus.queued, recipientId: route.lead.personId, messageId });
  if (missed.length) settlements.push({ claims: missed, status: ClaimStatus.unreachable, recipientId: route.lead.personId, messageId: null });
  return queued;
}

/** Settles claims: queued on the message that carries them, or unreachable. */
async function settle(tx: Prisma.TransactionClient, settlements: readonly Settlement[], now: Date): Promise<void> {
  const rows: ClaimSettlement[] = settlements.flatMap((s) => s.claims.map((c) => ({ claimId: c.claimId, status: s.status, recipientId: s.recipientId, messageId: s.messageId })));
  await settleQueuedClaims(tx, rows, now);
}

/** The report: per owner (with whether the bot can reach them) and per directorate for escalations. */
async function describeDue(
  prisma: PrismaClient,
  due: readonly { row: ReminderItemRow; reminder: ScheduledReminder }[],
  today: IsoDate,
  evaluatedAt: Date,
  nextSend: Date,
  sendingAllowed: boolean,
  dryRun: boolean,
): Promise<ReminderSweepReport> {
  const asClaimed = due.map((d, index) => ({ claimId: -index - 1, ...d }));
  const owners = await ownerRecipients(prisma, asClaimed);
  const escalationGroups = new Map<string, ClaimedReminder[]>();
  const ownerGroups = new Map<number, ClaimedReminder[]>();
  for (const c of asClaimed) {
    if (c.reminder.family === ReminderFamily.escalation) escalationGroups.set(c.row.directorateId, [...(escalationGroups.get(c.row.directorateId) ?? []), c]);
    else if (c.row.ownerId !== null) ownerGroups.set(c.row.ownerId, [...(ownerGroups.get(c.row.ownerId) ?? []), c]);
  }
  const leads = await leadRoutes(prisma, [...escalationGroups.keys()]);
  const line = (c: ClaimedReminder) => reminderLine(c.row, c.reminder.kind, describeReminder(c.reminder, today), today);
  const ownerLines: OwnerReminders[] = [...ownerGroups].map(([ownerId, claims]) => {
    const recipient = owners.get(ownerId)!;
    const first = claims[0]!.row;
    return {
      owner_email: first.ownerEmail ?? "",
      owner_name: first.ownerName,
      reachable: recipient.unreachableReason === null,
      unreachable_reason: recipient.unreachableReason,
      items: [...claims].sort(byUrgency).map(line),
    };
  }).sort((a, b) => a.owner_email.localeCompare(b.owner_email));
  const escalations: EscalationGroup[] = [...escalationGroups].map(([directorateId, claims]) => {
    const route = leads.get(directorateId)!;
    return {
      directorate: directorateId,
      directorate_name: directorateName(directorateId),
      lead_email: route.lead.email,
      lead_reachable: route.lead.unreachableReason === null,
      leadership_channel: route.channelConversationId !== null,
      items: [...claims].sort(byUrgency).map((c) => ({ ...line(c), owner_email: c.row.ownerEmail })),
    };
  }).sort((a, b) => a.directorate.localeCompare(b.directorate));
  return {
    dry_run: dryRun,
    as_of: today,
    evaluated_at: evaluatedAt.toISOString(),
    sending_allowed: sendingAllowed,
    next_send_at: nextSend.toISOString(),
    owners: ownerLines,
    escalations,
    totals: {
      owners: ownerLines.length,
      reminders: ownerLines.reduce((n, o) => n + o.items.length, 0),
      escalations: escalations.reduce((n, e) => n + e.items.length, 0),
      unreachable_owners: ownerLines.filter((o) => !o.reachable).length,
      cards_queued: 0,
    },
  };
}

