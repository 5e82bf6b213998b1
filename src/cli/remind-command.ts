/**
 * `remind [--dry-run] [--json] [--as-of YYYY-MM-DD]`: which reminders, escalations and round chases are
 * due, per owner. Without --dry-run it runs one sweep and sends what it queued (waiting out short
 * backoffs), then says how this sweep's reminders stand: delivered only when Teams accepted their card.
 * With --dry-run nothing is claimed or written and the answer is the same each time.
 * --as-of D asks about D at the opening of the send window (09:00 London by default).
 */
import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import type { Config } from "../config.js";
import type { Store } from "../data/database.js";
import { claimStatusCounts } from "../data/reminders/claims.js";
import { ClaimStatus } from "../data/reminders/store.js";
import { formatDay, type IsoDate } from "../domain/dates/calendar-date.js";
import { policyForPriority, type ReminderPolicy } from "../domain/reminders/reminder-policy.js";
import { plural } from "../domain/text/readable-text.js";
import { addWorkingDays, workingDaysBetween } from "../domain/dates/working-days.js";
import { LONDON, londonInstant } from "../domain/reminders/send-window.js";
import type { Logger } from "../logger.js";
import { OutboxDispatcher, sendRatesFromConfig } from "../services/dispatch/dispatch-outbox.js";
import { directoryReachFromConfig } from "../services/directory/directory-from-config.js";
import { reminderPolicyFromConfig } from "../services/reminders/policy-from-config.js";
import { sendDueReminders, type ReminderSweepReport } from "../services/reminders/sweep/send-due-reminders.js";
import type { ReminderLine } from "../services/reminders/card-items.js";
import { chaseUpdateRounds, type RoundChaseLine } from "../services/updates/update-rounds.js";

export interface RemindReport extends ReminderSweepReport {
  round_chases: RoundChaseLine[];
  /** What the dispatcher did (not for a dry run). */
  dispatch?: { sent: number; retried: number; unreachable: number; failed: number; durationMs: number };
  /** This sweep's reminders after the dispatch: delivered (Teams accepted the card), still queued for a retry, unreachable, failed. */
  delivery?: { delivered: number; queued: number; unreachable: number; failed: number };
}

export async function runRemind(
  prisma: Store,
  io: { config: Config; logger: Logger; now: () => Date },
  options: { dryRun: boolean; asOf: IsoDate | null },
): Promise<RemindReport> {
  const policy = reminderPolicyFromConfig(io.config);
  const now = options.asOf ? londonInstant(options.asOf, policy.window.startMinute) : io.now();
  const deps = { prisma, policy, logger: io.logger, improvementTeamAdmins: io.config.IMPROVEMENT_TEAM_ADMINS };
  const clocks = { monotonicClock: () => performance.now(), newLeaseToken: randomUUID };
  const reach = directoryReachFromConfig(io.config, prisma, io.logger);
  const sweep = await sendDueReminders(
    { ...deps, ...clocks, reachThroughDirectory: reach.reachThroughDirectory },
    now,
    { dryRun: options.dryRun },
  );
  const round_chases = await chaseUpdateRounds(deps, options.dryRun ? new Date(sweep.evaluated_at) : now, {
    dryRun: options.dryRun,
  });
  if (options.dryRun) return { ...sweep, round_chases };
  // Loaded only here: the other commands do not need botbuilder.
  const { createTeamsDelivery } = await import("../bot/teams-delivery.js");
  const dispatcher = new OutboxDispatcher({
    store: prisma,
    port: createTeamsDelivery(io.config),
    chatFinder: reach.reachThroughDirectory ? reach.chatFinder : undefined,
    logger: io.logger,
    ...sendRatesFromConfig(io.config),
    // The dispatcher waits out short backoffs in real time, whatever day --as-of names.
    clock: Date.now,
    jitter: Math.random,
    leaseToken: randomUUID(),
  });
  const dispatch = await dispatcher.drainUntilIdle(30_000);
  const claims = await claimStatusCounts(prisma, now);
  const delivery = {
    delivered: claims[ClaimStatus.delivered] ?? 0,
    queued: claims[ClaimStatus.queued] ?? 0,
    unreachable: claims[ClaimStatus.unreachable] ?? 0,
    failed: claims[ClaimStatus.failed] ?? 0,
  };
  return { ...sweep, round_chases, dispatch, delivery };
}

function londonTime(iso: string): string {
  return new Intl.DateTimeFormat("en-GB", {
    timeZone: LONDON,
    weekday: "short",
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
  }).format(new Date(iso));
}

/**
 * Why an overdue item listed for its owner is not escalated: a reader seeing "0 escalations" beside an
 * item weeks late should not have to know the policy to see that nothing is wrong.
 */
function whyNotEscalated(item: ReminderLine, report: RemindReport, policy: ReminderPolicy): string | null {
  if (!item.target || item.target >= report.as_of) return null;
  if (report.escalations.some((group) => group.items.some((e) => e.item_id === item.item_id))) return null;
  if (item.last_update && item.last_update >= item.target) {
    return `not escalated: updated on ${formatDay(item.last_update)}, after its target (an update since the target stops the escalation; a progress note loaded by an import counts as one)`;
  }
  // The item's own priority may escalate it sooner or later than the base policy.
  const afterDays = policyForPriority(policy, item.priority).escalateAfterWorkingDays;
  if (workingDaysBetween(item.target, report.as_of) < afterDays) {
    const priority = item.priority ? ` (${item.priority} priority)` : "";
    return `not escalated yet: it goes to the directorate's lead ${afterDays} working days after its target${priority}, on ${formatDay(addWorkingDays(item.target, afterDays))}, if there is still no update`;
  }
  return "not escalated again: its escalation has already been sent";
}

export function describeRemind(report: RemindReport, config: Config): string {
  const policy = reminderPolicyFromConfig(config);
  const lines: string[] = [];
  const when = londonTime(report.evaluated_at);
  if (report.dry_run)
    lines.push(`Due at the next send opportunity, ${when} (dry run: nothing claimed, queued or sent)`);
  else if (!report.sending_allowed)
    lines.push(`Outside the send window: nothing sent. Reminders go from ${londonTime(report.next_send_at)}.`);
  else lines.push(`Reminder sweep at ${when}`);
  for (const owner of report.owners) {
    const who = owner.owner_name ? `${owner.owner_name} <${owner.owner_email}>` : owner.owner_email;
    lines.push(
      `${who}: ${plural(owner.items.length, "item")}${owner.reachable ? "" : ` (cannot be reached: ${owner.unreachable_reason})`}`,
    );
    for (const item of owner.items) {
      lines.push(
        `  ${item.reminder.padEnd(10)} ${item.directorate} / ${item.review_title} / ${item.item_ref}: ${item.reason}`,
      );
      const why = whyNotEscalated(item, report, policy);
      if (why) lines.push(`  ${"".padEnd(10)} ${why}`);
    }
  }
  if (report.escalations.length) lines.push("Escalations:");
  for (const group of report.escalations) {
    const to = [
      group.lead_email ? `${group.lead_email}${group.lead_reachable ? "" : " (cannot be reached)"}` : "no lead set",
      group.leadership_channel ? "leadership channel" : "",
    ]
      .filter(Boolean)
      .join(" and ");
    lines.push(`  ${group.directorate} to ${to}: ${plural(group.items.length, "item")}`);
    for (const item of group.items)
      lines.push(`    ${item.review_title} / ${item.item_ref} (owner ${item.owner_email ?? "none"}): ${item.reason}`);
  }
  if (report.round_chases.length) {
    lines.push(`Update round chases: ${report.round_chases.length}`);
    for (const chase of report.round_chases)
      lines.push(
        `  ${chase.round} ${chase.chase}: ${chase.owner_email}${chase.reachable ? "" : " (cannot be reached)"}`,
      );
  }
  const t = report.totals;
  if (t.owners + t.escalations + report.round_chases.length === 0)
    lines.push(`Nothing is due${report.dry_run ? "" : " now"}.`);
  else
    lines.push(
      `Totals: ${plural(t.owners, "owner")}, ${plural(t.reminders, "reminder")}, ${plural(t.escalations, "escalation")}; ${plural(t.unreachable_owners, "owner")} cannot be reached.`,
    );
  if (report.dispatch)
    lines.push(
      `Sent ${plural(report.dispatch.sent, "message")} (${report.dispatch.retried} to retry later, ${report.dispatch.unreachable} unreachable, ${report.dispatch.failed} failed).`,
    );
  if (report.delivery && t.reminders + t.escalations > 0) {
    const d = report.delivery;
    lines.push(
      `Reminders delivered: ${d.delivered}; still queued for a retry: ${d.queued}; unreachable: ${d.unreachable}; failed: ${d.failed}.`,
    );
  }
  if (report.unreachable_report?.queued)
    lines.push(
      `The improvement team's daily list of owners the bot cannot reach was queued (${plural(report.unreachable_report.owners.length, "owner")}).`,
    );
  for (const leaver of report.leavers?.reported ?? [])
    lines.push(
      `${leaver.email} ${leaver.state === "disabled" ? "has left (account disabled)" : "is not known to the directory"}: ${plural(leaver.open_items, "open item")} reported to ${plural(leaver.queued, "person", "people")} to hand on.`,
    );
  if (report.leavers?.waiting.length)
    lines.push(
      `Not yet reported, as nobody who can hand their items on has a chat with the bot: ${report.leavers.waiting.join(", ")}.`,
    );
  return lines.join("\n");
}
