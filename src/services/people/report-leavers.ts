/**
 * Leavers and unknowns: an owner of open items whose account the directory says is disabled, or whom it does
 * not know, is reported ONCE per person and state, through the outbox, to the improvement team (IMPROVEMENT_TEAM_ADMINS
 * and improvement_team role holders) and to the lead of each directorate whose items they own (its
 * directorate_lead role holders and Directorate.leadEmail), in their personal chats. The outbox's unique dedupe
 * key (`leaver:<person>:<state>:<recipient>`) is the record of each report, so however many sweeps or
 * instances race, each recipient gets it once; a later change of state (disabled, then unknown) reports again.
 * Run from the reminder sweep (scheduler and `remind`), at most MAX_LEAVERS_PER_RUN people a run.
 */
import { cardActivity } from "../../cards/reminder-card.js";
import { renderLeaverCard } from "../../cards/leaver-card.js";
import type { Store } from "../../data/database.js";
import { hasMessageWithKeyPrefix } from "../../data/dispatch/outbox-store.js";
import {
  leadEmailsOf,
  ownersInDirectoryStates,
  reachablePersonIdsByEmails,
  type Leaver,
} from "../../data/people/leaver-store.js";
import { reachablePersonIdsByEmailOrRole, reachablePersonIdsWithRole } from "../../data/people/person-store.js";
import { personalConversationsOf } from "../../data/reminders/store.js";
import { LEAVER_STATES } from "../../domain/people/directory-state.js";
import { ConversationScope, type VisibilityViewer } from "../../domain/visibility.js";
import type { Logger } from "../../logger.js";
import { enqueueMessages, MessagePurpose } from "../dispatch/outbox.js";
import { RoleName } from "./permissions.js";
import { leaverCardView, type HandsOn } from "./leaver-view.js";

/** The most people reported in one run; the rest wait for the next sweep (minutes later). */
export const MAX_LEAVERS_PER_RUN = 20;
/** How many candidates are read at a time while looking for people not yet reported. */
const PAGE = 50;

export interface LeaverReport {
  email: string;
  state: string;
  open_items: number;
  /** Recipients whose card was queued now. */
  queued: number;
}

export interface LeaversOutcome {
  reported: LeaverReport[];
  /** People found whom nobody could be told about yet (no recipient has a chat with the bot): tried again next run. */
  waiting: string[];
}

const keyOf = (leaver: Leaver) => `leaver:${leaver.personId}:${leaver.directoryState}:`;

/** The card each goes to personal chats only: the viewer the visibility rule is asked about. */
const PERSONAL: VisibilityViewer = { scope: ConversationScope.personal, email: null };

export async function reportLeavers(
  deps: { prisma: Store; logger: Logger; improvementTeamAdmins: readonly string[] },
  now: Date,
): Promise<LeaversOutcome> {
  const { prisma, logger } = deps;
  const outcome: LeaversOutcome = { reported: [], waiting: [] };
  let afterId = 0;
  for (;;) {
    const page = await ownersInDirectoryStates(prisma, LEAVER_STATES, { limit: PAGE, afterId });
    for (const leaver of page) {
      if (outcome.reported.length >= MAX_LEAVERS_PER_RUN) break;
      if (await hasMessageWithKeyPrefix(prisma, MessagePurpose.leaverReport, keyOf(leaver))) continue;
      const queued = await reportOne(deps, leaver, now);
      if (queued === null) outcome.waiting.push(leaver.email);
      else
        outcome.reported.push({
          email: leaver.email,
          state: leaver.directoryState,
          open_items: leaver.items.length,
          queued,
        });
    }
    if (page.length < PAGE || outcome.reported.length >= MAX_LEAVERS_PER_RUN) break;
    afterId = page.at(-1)!.personId;
  }
  if (outcome.reported.length || outcome.waiting.length)
    logger.info(
      { reported: outcome.reported.length, waiting: outcome.waiting.length },
      "owners who left or whom the directory does not know reported with their open items",
    );
  return outcome;
}

/** Queues the card to each recipient; null when none can be reached yet (nothing is recorded, so it is tried again). */
async function reportOne(
  deps: { prisma: Store; improvementTeamAdmins: readonly string[] },
  leaver: Leaver,
  now: Date,
): Promise<number | null> {
  const { prisma } = deps;
  const recipients = await recipientsOf(prisma, deps.improvementTeamAdmins, leaver);
  recipients.delete(leaver.personId);
  const conversations = await personalConversationsOf(prisma, [...recipients.keys()]);
  const messages = [];
  for (const [personId, conversationId] of conversations) {
    const view = leaverCardView(leaver, PERSONAL, recipients.get(personId)!);
    // A lead with none of their directorate's items on the card has nothing to do.
    if (!view.items.length) continue;
    messages.push({
      conversationId,
      personId,
      purpose: MessagePurpose.leaverReport,
      activity: cardActivity(renderLeaverCard(view), `${view.label}: open items to hand on`),
      dedupeKey: `${keyOf(leaver)}${personId}`,
    });
  }
  if (!messages.length) return null;
  return (await enqueueMessages(prisma, messages, now)).filter((m) => m.queued).length;
}

/** Who hears of a leaver, each with the directorates they may hand on in (null: all, the improvement team). */
async function recipientsOf(prisma: Store, admins: readonly string[], leaver: Leaver): Promise<Map<number, HandsOn>> {
  const recipients = new Map<number, HandsOn>();
  for (const id of await reachablePersonIdsByEmailOrRole(prisma, admins, RoleName.improvementTeam))
    recipients.set(id, null);
  const directorates = [...new Set(leaver.items.map((i) => i.directorateId))];
  const leadEmails = await leadEmailsOf(prisma, directorates);
  for (const directorateId of directorates) {
    const leads = await reachablePersonIdsWithRole(prisma, RoleName.directorateLead, directorateId);
    const email = leadEmails.get(directorateId);
    if (email) leads.push(...(await reachablePersonIdsByEmails(prisma, [email])));
    for (const id of leads) {
      const handsOn = recipients.get(id);
      if (handsOn === null) continue;
      recipients.set(id, [...(handsOn ?? []), directorateId]);
    }
  }
  return recipients;
}
