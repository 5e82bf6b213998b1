/**
 * The improvement team's daily list of owners the bot cannot reach: owners of open items who have no
 * chat with the bot yet (the app needs installing for them) or who blocked or removed it (Teams answered
 * 403/404); when the bot reaches owners through Graph, only those it truly could not reach, and why (left,
 * unknown to the directory, a guest, install refused, app not in the catalogue), with the directorates whose escalations reached nobody (claims settled unreachable, at queueing
 * or when Teams answered 403/404 to the card), and how many open items have no
 * owner at all. Queued once a day (a dedupe key per day and recipient) at the first sweep inside the
 * send window, to the personal chats of IMPROVEMENT_TEAM_ADMINS and improvement_team role holders.
 */
import { runAlone, WorkLock } from "../../data/work-locks.js";
import { cardActivity } from "../../cards/reminder-card.js";
import { renderMessageCard } from "../../cards/card-text.js";
import type { Store } from "../../data/database.js";
import { hasMessageWithKeyPrefix } from "../../data/dispatch/outbox-store.js";
import { ownerlessOpenItemCount, ownersOfOpenItems } from "../../data/people/owner-store.js";
import { reachablePersonIdsByEmailOrRole } from "../../data/people/person-store.js";
import { directoratesWithUnreachableEscalations, personalConversationsOf } from "../../data/reminders/store.js";
import { directoryStatesOf, refusedReachReasons } from "../../data/directory/reach-store.js";
import { directoryReason, UnreachableReason } from "../../domain/directory/directory-account.js";
import { formatDay, londonDate, type IsoDate } from "../../domain/dates/calendar-date.js";
import type { ReminderPolicy } from "../../domain/reminders/reminder-policy.js";
import { plural } from "../../domain/text/readable-text.js";
import { isInsideSendWindow } from "../../domain/reminders/send-window.js";
import type { Logger } from "../../logger.js";
import { enqueueMessage, MessagePurpose } from "../dispatch/outbox.js";
import { RoleName } from "../people/permissions.js";

export interface UnreachableOwner {
  email: string;
  name: string | null;
  reason: string;
  open_items: number;
  /** Open milestones they own, never counted as items. */
  open_milestones: number;
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

/**
 * Who the bot cannot reach, as of now (the same list `report` would send). Reaching through Graph, an owner
 * with no chat is still on the way (the outbox is installing for them) unless the directory ruled them out or
 * installing was refused: only those are listed, with the directory's reason first.
 */
export async function findUnreachableOwners(store: Store, reachThroughDirectory = false): Promise<UnreachableOwner[]> {
  const owners = await ownersOfOpenItems(store);
  const ids = owners.map((o) => o.personId);
  const states = await directoryStatesOf(store, ids);
  const refused = reachThroughDirectory ? await refusedReachReasons(store, ids) : new Map<number, string>();
  return owners
    .map((o) => {
      const reason =
        directoryReason(states.get(o.personId) ?? null) ??
        (o.unreachable
          ? UnreachableReason.blocked
          : o.personalChats > 0
            ? null
            : reachThroughDirectory
              ? (refused.get(o.personId) ?? null)
              : UnreachableReason.noChat);
      return { o, reason };
    })
    .filter((entry): entry is { o: (typeof owners)[number]; reason: string } => entry.reason !== null)
    .map(({ o, reason }) => ({
      email: o.email,
      name: o.name,
      reason,
      open_items: o.openItems,
      open_milestones: o.openMilestones,
    }));
}

async function improvementTeamConversations(store: Store, admins: readonly string[]): Promise<Map<number, string>> {
  return personalConversationsOf(store, await reachablePersonIdsByEmailOrRole(store, admins, RoleName.improvementTeam));
}

/** "2 open items and 1 milestone": milestones are steps of items, never counted as items. */
function openWork(owner: UnreachableOwner): string {
  const items = `${plural(owner.open_items, "open item")}`;
  return owner.open_milestones ? `${items} and ${plural(owner.open_milestones, "milestone")}` : items;
}

function reportCard(
  today: IsoDate,
  owners: readonly UnreachableOwner[],
  directorates: readonly string[],
  ownerless: number,
  reachThroughDirectory = false,
) {
  const title = owners.length
    ? `${owners.length} ${owners.length === 1 ? "owner" : "owners"} the bot cannot reach`
    : "Reminders nobody receives";
  const paragraphs = [
    owners.length
      ? reachThroughDirectory
        ? "The bot cannot reach them, for the reason beside each: they get no reminders, round cards or escalations until it is put right (or their items are reassigned). Their open items:"
        : "They get no reminders, round cards or escalations until they open a chat with the bot (or unblock it). Their open items:"
      : "",
    ownerless
      ? `${ownerless} open ${ownerless === 1 ? "item has" : "items have"} no owner, so nobody is reminded about ${ownerless === 1 ? "it" : "them"}.`
      : "",
    directorates.length
      ? `Escalations reached nobody in: ${directorates.join(", ")} (set the directorate's lead, who must have a chat with the bot, or its leadership channel).`
      : "",
  ].filter(Boolean);
  const listed = owners
    .slice(0, MAX_LISTED)
    .map((o) => `${o.name ? `${o.name} (${o.email})` : o.email}: ${openWork(o)}; ${o.reason}`);
  if (owners.length > MAX_LISTED)
    listed.push(`and ${owners.length - MAX_LISTED} more (npm run tracker -- remind --dry-run lists them all)`);
  const card = renderMessageCard(title, paragraphs, {
    examples: listed,
    examplesHeading: `As of ${formatDay(today)}:`,
  });
  return { card, summary: title };
}

interface UnreachableReportDeps {
  prisma: Store;
  logger: Logger;
  policy: ReminderPolicy;
  improvementTeamAdmins: readonly string[];
  reachThroughDirectory?: boolean;
}

/** Once a day, from whichever instance sweeps first; one instance at a time looks (a database lock on PostgreSQL). */
export async function reportUnreachableOwners(
  deps: UnreachableReportDeps,
  now: Date,
): Promise<UnreachableReportOutcome> {
  const outcome = await runAlone(deps.prisma, WorkLock.unreachableReport, () =>
    reportUnreachableOwnersAlone(deps, now),
  );
  if (outcome.ran) return outcome.value;
  return {
    queued: 0,
    skipped: "another instance is listing them",
    owners: [],
    directorates_without_lead: [],
    ownerless_open_items: 0,
  };
}

async function reportUnreachableOwnersAlone(deps: UnreachableReportDeps, now: Date): Promise<UnreachableReportOutcome> {
  const { prisma, logger } = deps;
  const today = londonDate(now);
  const outcome = (
    skipped: string | null,
    owners: UnreachableOwner[] = [],
    directorates: string[] = [],
    ownerless = 0,
    queued = 0,
  ): UnreachableReportOutcome => ({
    queued,
    skipped,
    owners,
    directorates_without_lead: directorates,
    ownerless_open_items: ownerless,
  });
  if (!isInsideSendWindow(now, deps.policy.window)) return outcome("outside the send window");
  const prefix = `unreachable_report:${today}:`;
  if (await hasMessageWithKeyPrefix(prisma, MessagePurpose.unreachableReport, prefix)) {
    return outcome("already sent today");
  }

  const owners = await findUnreachableOwners(prisma, deps.reachThroughDirectory);
  const dayAgo = new Date(now.getTime() - 24 * 3600_000);
  const directorates = await directoratesWithUnreachableEscalations(prisma, dayAgo);
  const ownerless = await ownerlessOpenItemCount(prisma);
  if (owners.length === 0 && directorates.length === 0 && ownerless === 0)
    return outcome("nobody to report", owners, directorates, ownerless);

  const recipients = await improvementTeamConversations(prisma, deps.improvementTeamAdmins);
  if (recipients.size === 0) {
    logger.warn(
      { owners: owners.length },
      "unreachable owners, but no improvement-team member has a chat with the bot to hear about it",
    );
    return outcome("no improvement-team member has a chat with the bot", owners, directorates, ownerless);
  }
  const { card, summary } = reportCard(today, owners, directorates, ownerless, deps.reachThroughDirectory);
  let queued = 0;
  for (const [personId, conversationId] of recipients) {
    const result = await enqueueMessage(prisma, {
      conversationId,
      personId,
      purpose: MessagePurpose.unreachableReport,
      activity: cardActivity(card, summary),
      dedupeKey: `${prefix}${conversationId}`,
    });
    if (result.queued) queued += 1;
  }
  logger.info(
    { owners: owners.length, ownerless, recipients: recipients.size },
    "unreachable owners listed to the improvement team",
  );
  return outcome(null, owners, directorates, ownerless, queued);
}
