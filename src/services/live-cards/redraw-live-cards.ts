/**
 * Cards that stay current: when items change (an update, a verification or return, an extension decision, a
 * reassignment, an import), every message of the last LIVE_CARD_DAYS showing one of them is redrawn as its
 * audience may see it now, and an edit of it is queued in the outbox (paced and retried like any send; a
 * burst of changes edits a message once). A personal reminder card keeps its wording with each item's status
 * as it is now; an item card is drawn for the chat's person, or for anyone in a channel or group chat (no
 * one's buttons); an answer is worked out again for its conversation and says "As at <time>". What the
 * visibility rule does not let the audience see is never drawn: a channel's item card whose item became
 * confidential is replaced by a note saying so.
 */
import { atRiskSettingsOf, type Config } from "../../config.js";
import { liveAnswerCard } from "../../cards/live-cards.js";
import { renderMessageCard } from "../../cards/card-text.js";
import type { AdaptiveCard } from "../../cards/render-card.js";
import { cardActivity, renderReminderCard, type ReminderCardItem } from "../../cards/reminder-card.js";
import { messagesShowing, pruneLiveCards, type ShownMessage } from "../../data/live-cards/live-card-store.js";
import { loadReminderItems } from "../../data/reminders/store.js";
import { londonDate, type IsoDate } from "../../domain/dates/calendar-date.js";
import { DEFAULT_AT_RISK_SETTINGS } from "../../domain/status/at-risk.js";
import { ConversationScope, type VisibilityViewer } from "../../domain/visibility.js";
import { enqueueCardEdit } from "../dispatch/outbox.js";
import { actorFor, type Actor } from "../people/permissions.js";
import { answerAsked, type AnswerSources } from "../questions/answer-question.js";
import type { RegisterSnapshots } from "../register/register-snapshots.js";
import { reminderCardItem } from "../reminders/card-items.js";
import type { Store } from "../store.js";
import { itemCardForViewer } from "./item-card-for-viewer.js";
import { answerRefreshAudience } from "../register/live-card-audience.js";
import {
  LiveCardKind,
  liveCardsSince,
  redrawSchema,
  type LiveCardAudience,
  type LiveCardRedraw,
} from "./live-card-record.js";

/** What redrawing needs: the answer flow's sources (the store among them) and the configured administrators. */
export interface LiveCardSources {
  answers: AnswerSources;
  /** IMPROVEMENT_TEAM_ADMINS: a personal chat's person is an administrator by it as by a role. */
  admins: readonly string[];
}

/** The sources as configured: the same settings the answers in a turn use. */
export function liveCardSourcesOf(config: Config, store: Store, snapshots: RegisterSnapshots): LiveCardSources {
  return {
    answers: {
      store,
      snapshots,
      statusKey: config.STATUS_KEY,
      configuredLastReport: config.LAST_REPORT_DATE ?? null,
      atRisk: atRiskSettingsOf(config),
      extensionsNeedApproval: config.EXTENSIONS_NEED_APPROVAL,
      priorityLabels: config.PRIORITY_LABELS,
    },
    admins: config.IMPROVEMENT_TEAM_ADMINS,
  };
}

export interface LiveCardEdits {
  /** Edits queued, and edits that replaced one still waiting for the same message. */
  queued: number;
  merged: number;
  /** Messages left as they are: their record could not be read, or nothing of them may be drawn now. */
  skipped: number;
}

const NOBODY: Actor = { personId: null, email: null, isImprovementTeam: false, leads: [] };

/** The audience as the visibility rule and the permission checks see them, with their roles as they are now. */
async function whoReads(
  sources: LiveCardSources,
  audience: LiveCardAudience,
): Promise<{ viewer: VisibilityViewer; actor: Actor }> {
  if (audience.scope !== ConversationScope.personal || audience.personId === null)
    return { viewer: { scope: audience.scope, email: null }, actor: NOBODY };
  const actor = await actorFor(sources.answers.store, { id: audience.personId, email: audience.email }, sources.admins);
  const viewer = {
    scope: audience.scope,
    email: actor.email,
    isImprovementTeam: actor.isImprovementTeam,
    leads: actor.leads,
  };
  return { viewer, actor };
}

async function redrawItemCard(
  sources: LiveCardSources,
  redraw: LiveCardRedraw,
  itemId: number,
  today: IsoDate,
): Promise<AdaptiveCard | null> {
  const who = await whoReads(sources, redraw.audience);
  const outcome = await itemCardForViewer(
    sources.answers.store,
    itemId,
    who,
    today,
    sources.answers.atRisk ?? DEFAULT_AT_RISK_SETTINGS,
    sources.admins,
    // In a channel or group chat the message is the card everyone sees: read-only, refreshed per viewer.
    { everyone: true },
  );
  if (outcome.ok) return outcome.card;
  // A removed item's card is left as it was; one that may no longer be shown here stops showing it.
  return outcome.reason === "gone"
    ? null
    : renderMessageCard("This is confidential", [
        "Children's homes inspections are never shown in a channel or group chat. Ask me about it in a personal chat.",
      ]);
}

async function redrawAnswer(
  sources: LiveCardSources,
  redraw: Extract<LiveCardRedraw, { kind: "answer" }>,
  now: Date,
  today: IsoDate,
): Promise<AdaptiveCard | null> {
  const { viewer } = await whoReads(sources, redraw.audience);
  const asked = { text: redraw.question, offset: redraw.offset, asker: viewer, today };
  const { answer, privately } = await answerAsked(sources.answers, asked);
  // An answer that belongs in a personal chat is never drawn into this conversation.
  if (privately && viewer.scope !== ConversationScope.personal) return null;
  if (viewer.scope === ConversationScope.personal) return liveAnswerCard(answer.card, { asAt: now });
  // In a channel or group chat the redrawn answer stays live: whoever may act on its items is refreshed their own.
  const audience = await answerRefreshAudience(sources.answers.store, sources.admins, null, answer.itemIds ?? []);
  return liveAnswerCard(answer.card, {
    asAt: now,
    refresh: { question: redraw.question, offset: redraw.offset, userIds: audience.userIds },
  });
}

async function redrawReminder(
  sources: LiveCardSources,
  redraw: Extract<LiveCardRedraw, { kind: "reminder" }>,
  today: IsoDate,
): Promise<AdaptiveCard | null> {
  // Reminders go to personal chats only; a record saying otherwise is not trusted to show items.
  if (redraw.audience.scope !== ConversationScope.personal) return null;
  const rows = new Map(
    (await loadReminderItems(sources.answers.store, { ids: redraw.items.map((i) => i.itemId) })).map((r) => [r.id, r]),
  );
  const items: ReminderCardItem[] = redraw.items.flatMap((line) => {
    const row = rows.get(line.itemId);
    return row ? [reminderCardItem(row, line.reason, line.urgent, today)] : [];
  });
  if (items.length === 0) return null;
  return renderReminderCard({ title: redraw.title, intro: redraw.intro, items, note: redraw.note });
}

async function redrawMessage(
  sources: LiveCardSources,
  message: ShownMessage,
  now: Date,
  today: IsoDate,
): Promise<{ card: AdaptiveCard; summary: string } | null> {
  const parsed = redrawSchema.safeParse(safeJson(message.redraw));
  if (!parsed.success) return null;
  const redraw = parsed.data;
  switch (redraw.kind) {
    case LiveCardKind.item: {
      const card = await redrawItemCard(sources, redraw, message.itemIds[0]!, today);
      return card && { card, summary: "Item updated" };
    }
    case LiveCardKind.answer: {
      const card = await redrawAnswer(sources, redraw, now, today);
      return card && { card, summary: "Answer updated" };
    }
    case LiveCardKind.reminder: {
      const card = await redrawReminder(sources, redraw, today);
      return card && { card, summary: redraw.title };
    }
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** Queues an edit of every message of the last LIVE_CARD_DAYS that shows any of `itemIds`, redrawn as of `now`. */
export async function queueLiveCardEdits(
  sources: LiveCardSources,
  itemIds: readonly number[],
  now: Date,
): Promise<LiveCardEdits> {
  const edits: LiveCardEdits = { queued: 0, merged: 0, skipped: 0 };
  // The record is bounded whichever way messages were recorded (replies prune as they are kept; sent cards do not).
  await pruneLiveCards(sources.answers.store, liveCardsSince(now));
  const messages = await messagesShowing(sources.answers.store, itemIds, liveCardsSince(now));
  if (messages.length === 0) return edits;
  sources.answers.snapshots.invalidate();
  const today = londonDate(now);
  for (const message of messages) {
    const drawn = await redrawMessage(sources, message, now, today);
    if (!drawn) {
      edits.skipped += 1;
      continue;
    }
    const { queued } = await enqueueCardEdit(
      sources.answers.store,
      {
        conversationId: message.conversationId,
        activityId: message.activityId,
        activity: cardActivity(drawn.card, drawn.summary),
      },
      now,
    );
    if (queued) edits.queued += 1;
    else edits.merged += 1;
  }
  return edits;
}
