/**
 * Readiness reminders, from the reminder sweep: each regime's readiness owner is told, in their personal
 * chat through the outbox, that the next inspection is expected in 6 months, then in 3 (domain/calendar/
 * readiness.ts: on the working day at or after each date, inside the send window; after downtime only the
 * latest one due). The outbox's unique key (regime, expected date, months before) sends each once, and a
 * moved expected date is a new reminder. An owner with no chat with the bot is logged and tried again at
 * the next sweep, as they may open one.
 */
import { cardActivity } from "../../cards/reminder-card.js";
import { renderMessageCard } from "../../cards/card-text.js";
import type { Store } from "../../data/database.js";
import { listRegimes } from "../../data/calendar/regime-store.js";
import { londonDate } from "../../domain/dates/calendar-date.js";
import { dueReadinessReminder, readinessDedupeKey } from "../../domain/calendar/readiness.js";
import { expectedMonth } from "../../domain/calendar/expected-month.js";
import { directorateName } from "../../domain/register/directorates.js";
import { isInsideSendWindow, type SendWindow } from "../../domain/reminders/send-window.js";
import type { Logger } from "../../logger.js";
import { enqueueMessage, MessagePurpose, personalConversationOf } from "../dispatch/outbox.js";

export interface ReadinessOutcome {
  queued: number;
  /** Owners due a reminder who have no chat with the bot yet. */
  unreachable: number;
  skipped: string | null;
}

export async function sendReadinessReminders(
  deps: { prisma: Store; logger: Logger; window: SendWindow },
  now: Date,
): Promise<ReadinessOutcome> {
  if (!isInsideSendWindow(now, deps.window)) return { queued: 0, unreachable: 0, skipped: "outside the send window" };
  const today = londonDate(now);
  let queued = 0;
  let unreachable = 0;
  for (const regime of await listRegimes(deps.prisma)) {
    const due = dueReadinessReminder(regime.nextExpected, today);
    if (!due || !regime.readinessOwner) continue;
    const conversationId = await personalConversationOf(deps.prisma, regime.readinessOwner.id);
    if (!conversationId) {
      unreachable += 1;
      deps.logger.warn({ regimeId: regime.id }, "readiness owner has no chat with the bot: reminder waits");
      continue;
    }
    const when = expectedMonth(regime.nextExpected);
    const title = `${regime.regime} expected in ${when}: ${due.monthsBefore} months to prepare`;
    const card = renderMessageCard(
      title,
      [
        `${regime.inspectorate}'s ${regime.regime} for ${directorateName(regime.directorateId)} is next expected in ${when}${regime.lastEvent ? `, ${regime.cycleMonths} months after the last` : ""}. You are its readiness owner.`,
        "Check that the last event's actions are complete or on track, and that the evidence is ready.",
      ],
      { examples: ["what inspections are we expecting in the next 12 months?"] },
    );
    const result = await enqueueMessage(
      deps.prisma,
      {
        conversationId,
        personId: regime.readinessOwner.id,
        purpose: MessagePurpose.readiness,
        activity: cardActivity(card, title),
        dedupeKey: readinessDedupeKey(regime.id, regime.nextExpected, due.monthsBefore),
      },
      now,
    );
    if (result.queued) queued += 1;
  }
  if (queued) deps.logger.info({ queued }, "readiness reminders queued");
  return { queued, unreachable, skipped: null };
}
