/**
 * The sweep's outcome as a value: per owner (with whether the bot can reach them) and per directorate
 * for escalations, with the totals. `remind` prints it (as text or JSON) and the scheduler logs its totals.
 */
import type { Store } from "../../../data/database.js";
import type { IsoDate } from "../../../domain/dates/calendar-date.js";
import { describeClockReminder } from "../../../domain/reminders/response-clock.js";
import type { PlanReport } from "../plan-reminders.js";
import { reminderLine, type ReminderLine } from "../card-items.js";
import type { UnreachableReportOutcome } from "../report-unreachable-owners.js";
import type { LeaversOutcome } from "../../people/report-leavers.js";
import type { ReadinessOutcome } from "../../calendar/readiness-reminders.js";
import { directorateName } from "../../../domain/register/directorates.js";
import { byUrgency } from "./cards.js";
import type { ClaimedReminder } from "./claim.js";
import { groupByRecipient, leadRoutes, ownerRecipients } from "./recipients.js";
import type { DueReminder } from "./select.js";

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
  /** Owners who left or whom the directory does not know, reported now with their open items. */
  leavers?: LeaversOutcome;
  /** The inspection calendar's readiness reminders queued by this sweep. */
  readiness?: ReadinessOutcome;
  /** Another instance was sweeping at that moment, so this one left the work to it. */
  swept_elsewhere?: boolean;
}

/** When the sweep looked and whether it could send. */
export interface SweepMoment {
  today: IsoDate;
  evaluatedAt: Date;
  nextSend: Date;
  sendingAllowed: boolean;
  dryRun: boolean;
}

/** The report of these reminders (those due for a dry run, those claimed otherwise); nothing queued yet. */
export async function describeReminders(
  store: Store,
  reminders: readonly DueReminder[],
  moment: SweepMoment,
  reachThroughDirectory = false,
): Promise<ReminderSweepReport> {
  const { today } = moment;
  // Grouped as claims are; a dry run's reminders have no claim, so they take ids no claim has.
  const asClaimed: ClaimedReminder[] = reminders.map((d, index) => ({ claimId: -index - 1, ...d }));
  const owners = await ownerRecipients(store, asClaimed, reachThroughDirectory);
  const groups = groupByRecipient(asClaimed);
  const leads = await leadRoutes(store, [...groups.escalations.keys()]);
  const line = (c: DueReminder) =>
    reminderLine(c.row, c.reminder.kind, describeClockReminder(c.reminder, today, c.row.reviewSource ?? ""), today);
  const ownerLines: OwnerReminders[] = [...groups.owners]
    .map(([ownerId, claims]) => {
      const recipient = owners.get(ownerId)!;
      const first = claims[0]!.row;
      return {
        owner_email: first.ownerEmail ?? "",
        owner_name: first.ownerName,
        reachable: recipient.unreachableReason === null,
        unreachable_reason: recipient.unreachableReason,
        items: [...claims].sort(byUrgency).map(line),
      };
    })
    .sort((a, b) => a.owner_email.localeCompare(b.owner_email));
  const escalations: EscalationGroup[] = [...groups.escalations]
    .map(([directorateId, claims]) => {
      const route = leads.get(directorateId)!;
      return {
        directorate: directorateId,
        directorate_name: directorateName(directorateId),
        lead_email: route.lead.email,
        lead_reachable: route.lead.unreachableReason === null,
        leadership_channel: route.channelConversationId !== null,
        items: [...claims].sort(byUrgency).map((c) => ({ ...line(c), owner_email: c.row.ownerEmail })),
      };
    })
    .sort((a, b) => a.directorate.localeCompare(b.directorate));
  return {
    dry_run: moment.dryRun,
    as_of: today,
    evaluated_at: moment.evaluatedAt.toISOString(),
    sending_allowed: moment.sendingAllowed,
    next_send_at: moment.nextSend.toISOString(),
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
