/**
 * Update rounds for reporting points: the improvement team starts one ("updates by 15 December for the
 * January Audit Committee"); every owner of an open item gets one card listing their open items; owners
 * who have not replied are chased 5 and 2 working days before the deadline (from the sweep); and the team
 * can ask how the round stands and who is outstanding. An owner has replied when any of their items got
 * a progress update after the round started (RoundRecipient.repliedAt, filled in on each look). An owner
 * counts as reached once Teams accepted one of the round's cards to them, not when it was queued.
 */
import type { Store } from "../../data/database.js";
import {
  addRoundRecipient,
  claimRoundChase,
  createRound,
  findRound,
  findRunningRound,
  inRoundBatch,
  markRoundReplies,
  openItemCounts,
  roundCardMessages,
  roundRecipients,
  runningRounds,
  waitingRecipients,
  type RoundRow,
} from "../../data/updates/round-store.js";
import { cardActivity, renderReminderCard } from "../../cards/reminder-card.js";
import { loadReminderItems, personalConversationsOf, type ReminderItemRow } from "../../data/reminders/store.js";
import { formatDay, londonDate, type IsoDate } from "../../domain/dates/calendar-date.js";
import { describeReminder, ReminderFamily, type ReminderPolicy } from "../../domain/reminders/reminder-policy.js";
import { dueRoundChase, type RoundChase } from "../../domain/updates/round-chase-policy.js";
import { workingDaysBetween } from "../../domain/dates/working-days.js";
import type { Logger } from "../../logger.js";
import { enqueueMessage, MessagePurpose, MessageStatus } from "../dispatch/outbox.js";
import { isRemindable, targetOf } from "../reminders/plan-reminders.js";
import { reminderCardItem } from "../reminders/card-items.js";

export interface RoundDeps {
  prisma: Store;
  logger: Logger;
  policy: ReminderPolicy;
}

export interface RoundSummary {
  id: number;
  name: string;
  deadline: IsoDate;
  started_at: string;
  started_by: string;
}

export type StartRoundResult =
  | {
      ok: true;
      round: RoundSummary;
      owners: number;
      cards_queued: number;
      unreachable: { email: string; reason: string }[];
    }
  | { ok: false; reason: string };

export interface RoundStatus {
  round: RoundSummary;
  owners: number;
  replied: number;
  /** "23 of 31 owners have replied" */
  summary: string;
  /** `open_milestones`: their open milestones, never counted as items. */
  outstanding: {
    email: string;
    name: string | null;
    open_items: number;
    open_milestones: number;
    reached: boolean;
    card: RoundCardState;
  }[];
}

/** Where the round's cards to an owner stand: one delivered (Teams accepted it), one still in the outbox, or none on its way. */
export const RoundCardState = { delivered: "delivered", waiting: "waiting", notSent: "not_sent" } as const;
export type RoundCardState = (typeof RoundCardState)[keyof typeof RoundCardState];

export interface RoundChaseLine {
  round: string;
  chase: string;
  owner_email: string;
  reachable: boolean;
}

const MAX_ITEMS_PER_CARD = 20;
const RECIPIENTS_PER_BATCH = 200;

/** The dedupe key of a round's card to an owner: `round:<round>:<invite or chase>:<person>`. */
function roundCardKey(roundId: number, step: string, personId: number): string {
  return `round:${roundId}:${step}:${personId}`;
}

/** Per owner, where the round's cards to them stand (read from the outbox). */
async function roundCardStates(store: Store, roundId: number): Promise<Map<number, RoundCardState>> {
  const messages = await roundCardMessages(store, MessagePurpose.round, `round:${roundId}:`);
  const states = new Map<number, RoundCardState>();
  for (const message of messages) {
    const personId = Number(message.dedupeKey.split(":").at(-1));
    const state =
      message.status === MessageStatus.sent
        ? RoundCardState.delivered
        : message.status === MessageStatus.queued || message.status === MessageStatus.sending
          ? RoundCardState.waiting
          : RoundCardState.notSent;
    const known = states.get(personId);
    if (known !== RoundCardState.delivered && (known !== RoundCardState.waiting || state === RoundCardState.delivered))
      states.set(personId, state);
  }
  return states;
}

function summaryOf(round: RoundRow): RoundSummary {
  return {
    id: round.id,
    name: round.name,
    deadline: round.deadline,
    started_at: round.startedAt.toISOString(),
    started_by: round.startedBy,
  };
}

/** Open items of each owner, oldest target first. */
async function openItemsByOwner(store: Store): Promise<Map<number, ReminderItemRow[]>> {
  const byOwner = new Map<number, ReminderItemRow[]>();
  for (const row of await loadReminderItems(store, { all: true })) {
    if (row.ownerId === null || !isRemindable(row)) continue;
    byOwner.set(row.ownerId, [...(byOwner.get(row.ownerId) ?? []), row]);
  }
  for (const rows of byOwner.values())
    rows.sort((a, b) => (targetOf(a) ?? "9999").localeCompare(targetOf(b) ?? "9999") || a.id - b.id);
  return byOwner;
}

function roundCard(
  round: { name: string; deadline: IsoDate },
  rows: readonly ReminderItemRow[],
  today: IsoDate,
  chase: RoundChase | null,
) {
  const deadline = formatDay(round.deadline);
  const daysLeft = workingDaysBetween(today, round.deadline);
  const title = chase
    ? `Reminder: updates needed by ${deadline} (${daysLeft} working ${daysLeft === 1 ? "day" : "days"} left)`
    : `Updates needed by ${deadline}`;
  const n = rows.length;
  const intro = `The improvement team is collecting updates for ${round.name}. Please update ${n === 1 ? "your open action" : `each of your ${n} open actions`} by ${deadline}: progress so far, a revised date with the reason, or completion with evidence.`;
  const shown = rows.slice(0, MAX_ITEMS_PER_CARD);
  const items = shown.map((row) => {
    const target = targetOf(row);
    const reason = target
      ? describeReminder({ family: ReminderFamily.before, targetDate: target }, today)
      : "No target date yet (TBC)";
    return reminderCardItem(row, reason, Boolean(target && target < today), today);
  });
  const note = n > shown.length ? `And ${n - shown.length} more: ask me "my actions" to see them all.` : "";
  return { card: renderReminderCard({ title, intro, items, note }), summary: title };
}

/** Starts a round and queues one card to every owner of an open item. Refuses a deadline in the past and a duplicate. */
export async function startUpdateRound(
  deps: RoundDeps,
  input: { name: string; deadline: IsoDate; startedBy: string; now: Date },
): Promise<StartRoundResult> {
  const { prisma: store, logger } = deps;
  const today = londonDate(input.now);
  const name = input.name.trim();
  if (!name) return { ok: false, reason: "Give the round a name, e.g. the reporting point it is for." };
  if (input.deadline < today)
    return { ok: false, reason: `The deadline ${formatDay(input.deadline)} has already passed.` };
  const running = await findRunningRound(store, name, input.deadline);
  if (running) {
    return {
      ok: false,
      reason: `"${name}" (updates by ${formatDay(input.deadline)}) is already running: it started on ${formatDay(londonDate(running.startedAt))}. Ask "round status" to see how it stands.`,
    };
  }

  const byOwner = await openItemsByOwner(store);
  if (byOwner.size === 0)
    return { ok: false, reason: "No open item has an owner, so there is nobody to ask: assign owners first." };
  const ownerIds = [...byOwner.keys()];
  const conversations = await personalConversationsOf(store, ownerIds);
  const unreachable: { email: string; reason: string }[] = [];
  let queued = 0;

  const round = await createRound(store, {
    name,
    deadline: input.deadline,
    startedBy: input.startedBy,
    startedAt: input.now,
  });
  for (let start = 0; start < ownerIds.length; start += RECIPIENTS_PER_BATCH) {
    const batch = ownerIds.slice(start, start + RECIPIENTS_PER_BATCH);
    queued += await inRoundBatch(store, async (tx) => {
      let count = 0;
      for (const personId of batch) {
        const rows = byOwner.get(personId)!;
        const conversationId = rows[0]!.ownerUnreachable ? null : (conversations.get(personId) ?? null);
        // The recipient row is written first: it is the transaction's first statement and a write (DESIGN.md 2.1).
        await addRoundRecipient(tx, { roundId: round.id, personId, invitedAt: conversationId ? input.now : null });
        if (!conversationId) {
          unreachable.push({
            email: rows[0]!.ownerEmail ?? String(personId),
            reason: rows[0]!.ownerUnreachable ? "blocked or removed the bot" : "no chat with the bot yet",
          });
          continue;
        }
        const { card, summary } = roundCard(round, rows, today, null);
        const result = await enqueueMessage(tx, {
          conversationId,
          personId,
          purpose: MessagePurpose.round,
          activity: cardActivity(card, summary),
          dedupeKey: roundCardKey(round.id, "invite", personId),
        });
        if (result.queued) count += 1;
      }
      return count;
    });
  }
  logger.info(
    { roundId: round.id, owners: ownerIds.length, queued, unreachable: unreachable.length },
    "update round started",
  );
  return { ok: true, round: summaryOf(round), owners: ownerIds.length, cards_queued: queued, unreachable };
}

/** How the latest round (or the one given) stands; null when no round was ever started. */
export async function roundStatus(store: Store, roundId?: number): Promise<RoundStatus | null> {
  const round = await findRound(store, roundId);
  if (!round) return null;
  await markRoundReplies(store, round);
  const recipients = await roundRecipients(store, round.id);
  const openCounts = await openItemCounts(
    store,
    recipients.map((r) => r.personId),
  );
  const cards = await roundCardStates(store, round.id);
  const replied = recipients.filter((r) => r.repliedAt !== null).length;
  const outstanding = recipients
    .filter((r) => r.repliedAt === null)
    .map((r) => {
      const card = r.unreachable ? RoundCardState.notSent : (cards.get(r.personId) ?? RoundCardState.notSent);
      return {
        email: r.email,
        name: r.name,
        open_items: openCounts.get(r.personId)?.items ?? 0,
        open_milestones: openCounts.get(r.personId)?.milestones ?? 0,
        reached: card === RoundCardState.delivered,
        card,
      };
    })
    .sort((a, b) => a.email.localeCompare(b.email));
  return {
    round: summaryOf(round),
    owners: recipients.length,
    replied,
    summary: `${replied} of ${recipients.length} ${recipients.length === 1 ? "owner has" : "owners have"} replied`,
    outstanding,
  };
}

/**
 * Chases owners who have not replied to a running round, when a chase falls due. Each chase is claimed by
 * a compare-and-set on RoundRecipient.chasedAt inside the transaction that queues its card, so two sweeps
 * never chase the same owner twice. `dryRun` lists the chases and writes nothing.
 */
export async function chaseUpdateRounds(
  deps: RoundDeps,
  now: Date,
  options: { dryRun?: boolean } = {},
): Promise<RoundChaseLine[]> {
  const { prisma: store, policy, logger } = deps;
  const today = londonDate(now);
  const rounds = await runningRounds(store, today);
  const lines: RoundChaseLine[] = [];
  let byOwner: Map<number, ReminderItemRow[]> | null = null;
  for (const round of rounds) {
    if (!options.dryRun) await markRoundReplies(store, round);
    const waiting = await waitingRecipients(store, round.id);
    const chases = waiting
      .map((r) => ({
        recipient: r,
        chased: JSON.parse(r.chasedAt) as string[],
        chase: dueRoundChase(round, JSON.parse(r.chasedAt) as string[], policy, now),
      }))
      .filter((c): c is typeof c & { chase: RoundChase } => c.chase !== null);
    if (chases.length === 0) continue;
    const conversations = await personalConversationsOf(
      store,
      chases.map((c) => c.recipient.personId),
    );
    byOwner ??= await openItemsByOwner(store);
    const owners = byOwner;
    for (const c of chases) {
      const reachable =
        !c.recipient.unreachable &&
        conversations.has(c.recipient.personId) &&
        (owners.get(c.recipient.personId)?.length ?? 0) > 0;
      lines.push({ round: round.name, chase: c.chase.kind, owner_email: c.recipient.email, reachable });
    }
    if (options.dryRun) continue;
    for (let start = 0; start < chases.length; start += RECIPIENTS_PER_BATCH) {
      const batch = chases.slice(start, start + RECIPIENTS_PER_BATCH);
      await inRoundBatch(store, async (tx) => {
        for (const c of batch) {
          const before = c.recipient.chasedAt;
          const after = JSON.stringify([...c.chased, c.chase.kind]);
          // Compare-and-set: only the sweep that changes chasedAt from what it read may chase.
          const won = await claimRoundChase(tx, c.recipient.id, before, after);
          const conversationId = conversations.get(c.recipient.personId);
          const rows = owners.get(c.recipient.personId) ?? [];
          if (!won || !conversationId || c.recipient.unreachable || rows.length === 0) continue;
          const { card, summary } = roundCard(round, rows, today, c.chase);
          await enqueueMessage(tx, {
            conversationId,
            personId: c.recipient.personId,
            purpose: MessagePurpose.round,
            activity: cardActivity(card, summary),
            dedupeKey: roundCardKey(round.id, c.chase.kind, c.recipient.personId),
          });
        }
      });
    }
    logger.info({ roundId: round.id, chased: chases.length }, "update round chases queued");
  }
  return lines;
}
