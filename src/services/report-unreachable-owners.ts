/**
 * The improvement team's daily list of owners the bot cannot reach: owners of open items who have no
 * chat with the bot yet (the app needs installing for them) or who blocked or removed it (Teams answered
 * 403/404), with the directorates whose escalations reached nobody (claims settled unreachable, at queueing
 * or when Teams answered 403/404 to the card), and how many open items have no
 * owner at all. Queued once a day (a dedupe key per day and recipient) at the first sweep inside the
 * send window, to the personal chats of IMPROVEMENT_TEAM_ADMINS and improvement_team role holders.
 */
import type { PrismaClient } from "../data/database.js";
import { cardActivity } from "../cards/reminder-card.js";
import { renderMessageCard } from "../cards/card-text.js";
import { ClaimStatus, personalConversationsOf } from "../data/reminder-store.js";
import { formatDay, londonDate, type IsoDate } from "../domain/calendar-date.js";
import type { ReminderPolicy } from "../domain/reminder-policy.js";
import { isInsideSendWindow } from "../domain/send-window.js";
import type { Logger } from "../logger.js";
import { enqueueMessage, MessagePurpose } from "./outbox.js";
import { RoleName } from "./permissions.js";

export interface UnreachableOwner {
  email: string;
  name: string | null;
  reason: string;
  open_items: number;
}

export interface UnreachableReportOutcome {
  queued: number;
  /** Why nothing was queued, when nothing was. */
  skipped: string | null;
  owners: UnreachableOwner[];
  directorates_without_lead: string[];
  ownerless_open_items: number;
}

const MAX_LISTED = 40;

/** Who the bot cannot reach, as of now (the same list `report` would send). */
export async function findUnreachableOwners(prisma: PrismaClient): Promise<UnreachableOwner[]> {
  const rows = await prisma.$queryRaw<{ id: number; email: string; name: string | null; unreachable: number | boolean; openItems: number | bigint; chats: number | bigint }[]>`
    SELECT p."id", p."email", p."name", p."unreachable", COUNT(i."id") AS "openItems",
      (SELECT COUNT(*) FROM "Conversation" c WHERE c."personId" = p."id" AND c."kind" = 'personal') AS "chats"
    FROM "Person" p JOIN "Item" i ON i."ownerId" = p."id"
    WHERE i."progress" IN ('not_started', 'in_progress')
    GROUP BY p."id", p."email", p."name", p."unreachable"
    ORDER BY p."email"`;
  return rows
    .filter((r) => Boolean(r.unreachable) || Number(r.chats) === 0)
    .map((r) => ({
      email: r.email,
      name: r.name,
      reason: r.unreachable ? "blocked or removed the bot" : "no chat with the bot yet: install the app for them",
      open_items: Number(r.openItems),
    }));
}

async function improvementTeamConversations(prisma: PrismaClient, admins: readonly string[]): Promise<Map<number, string>> {
  const people = await prisma.person.findMany({
    where: { unreachable: false, OR: [{ email: { in: [...admins] } }, { roles: { some: { role: RoleName.improvementTeam } } }] },
    select: { id: true },
  });
  return personalConversationsOf(prisma, people.map((p) => p.id));
}

function reportCard(today: IsoDate, owners: readonly UnreachableOwner[], directorates: readonly string[], ownerless: number) {
  const title = owners.length ? `${owners.length} ${owners.length === 1 ? "owner" : "owners"} the bot cannot reach` : "Reminders nobody receives";
  const paragraphs = [
    owners.length ? "They get no reminders, round cards or escalations until they open a chat with the bot (or unblock it). Their open items:" : "",
    ownerless ? `${ownerless} open ${ownerless === 1 ? "item has" : "items have"} no owner, so nobody is reminded about ${ownerless === 1 ? "it" : "them"}.` : "",
    directorates.length ? `Escalations reached nobody in: ${directorates.join(", ")} (set the directorate's lead, who must have a chat with the bot, or its leadership channel).` : "",
  ].filter(Boolean);
  const listed = owners.slice(0, MAX_LISTED).map((o) => `${o.name ? `${o.name} (${o.email})` : o.email}: ${o.open_items} open ${o.open_items === 1 ? "item" : "items"}; ${o.reason}`);
  if (owners.length > MAX_LISTED) listed.push(`and ${owners.length - MAX_LISTED} more (npm run tracker -- remind --dry-run lists them all)`);
  const card = renderMessageCard(title, paragraphs, { examples: listed, examplesHeading: `As of ${formatDay(today)}:` });
  return { card, summary: title };
}

export async function reportUnreachableOwners(
  deps: { prisma: PrismaClient; logger: Logger; policy: ReminderPolicy; improvementTeamAdmins: readonly string[] },
  now: Date,
): Promise<UnreachableReportOutcome> {
  const { prisma, logger } = deps;
  const today = londonDate(now);
  const outcome = (skipped: string | null, owners: UnreachableOwner[] = [], directorates: string[] = [], ownerless = 0, queued = 0): UnreachableReportOutcome =>
    ({ queued, skipped, owners, directorates_without_lead: directorates, ownerless_open_items: ownerless });
  if (!isInsideSendWindow(now, deps.policy.window)) return outcome("outside the send window");
  const prefix = `unreachable_report:${today}:`;
  if (await prisma.outboundMessage.findFirst({ where: { purpose: MessagePurpose.unreachableReport, dedupeKey: { startsWith: prefix } }, select: { id: true } })) {
    return outcome("already sent today");
  }

  const owners = await findUnreachableOwners(prisma);
  const dayAgo = new Date(now.getTime() - 24 * 3600_000);
  const missedEscalations = await prisma.$queryRaw<{ directorateId: string }[]>`
    SELECT DISTINCT r."directorateId" FROM "ReminderClaim" c JOIN "Item" i ON i."id" = c."itemId" JOIN "Review" r ON r."id" = i."reviewId"
    WHERE c."kind" = 'escalation' AND c."status" = ${ClaimStatus.unreachable} AND c."claimedAt" >= ${dayAgo} ORDER BY r."directorateId"`;
  const directorates = missedEscalations.map((r) => r.directorateId);
  const ownerless = await prisma.item.count({ where: { ownerId: null, progress: { in: ["not_started", "in_progress"] } } });
  if (owners.length === 0 && directorates.length === 0 && ownerless === 0) return outcome("nobody to report", owners, directorates, ownerless);

  const recipients = await improvementTeamConversations(prisma, deps.improvementTeamAdmins);
  if (recipients.size === 0) {
    logger.warn({ owners: owners.length }, "unreachable owners, but no improvement-team member has a chat with the bot to hear about it");
    return outcome("no improvement-team member has a chat with the bot", owners, directorates, ownerless);
  }
  const { card, summary } = reportCard(today, owners, directorates, ownerless);
  let queued = 0;
  for (const [personId, conversationId] of recipients) {
    const result = await enqueueMessage(prisma, {
      conversationId, personId, purpose: MessagePurpose.unreachableReport, activity: cardActivity(card, summary), dedupeKey: `${prefix}${conversationId}`,
    });
    if (result.queued) queued += 1;
  }
  logger.info({ owners: owners.length, ownerless, recipients: recipients.size }, "unreachable owners listed to the improvement team");
  return outcome(null, owners, directorates, ownerless, queued);
}
