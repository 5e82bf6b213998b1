/**
 * When owners who have not replied to an update round are chased: 5 and 2 working days before the
 * round's deadline by default, when the send window opens. As with reminders, a chase missed while
 * nothing was sending is caught up once (only the latest that fell due), and a chase that would fall on
 * or before the day the round started is skipped: those owners have just been asked.
 */
import { londonDate, type IsoDate } from "../dates/calendar-date.js";
import type { ReminderPolicy } from "../reminders/reminder-policy.js";
import { isInsideSendWindow, windowOpening } from "../reminders/send-window.js";
import { subtractWorkingDays } from "../dates/working-days.js";

export interface RoundChase {
  /** chase_5, chase_2: recorded in RoundRecipient.chasedAt so each goes once. */
  kind: string;
  workingDaysBefore: number;
  sendOn: IsoDate;
  dueAt: Date;
}

export function roundChases(deadline: IsoDate, startedOn: IsoDate, policy: ReminderPolicy): RoundChase[] {
  return [...new Set(policy.roundChaseWorkingDaysBefore)]
    .sort((a, b) => b - a)
    .map((days) => {
      const sendOn = subtractWorkingDays(deadline, days);
      return { kind: `chase_${days}`, workingDaysBefore: days, sendOn, dueAt: windowOpening(sendOn, policy.window) };
    })
    .filter((chase) => chase.sendOn > startedOn);
}

/** The chase to send now to an owner who has not replied, given the chases they already had; null if none. */
export function dueRoundChase(
  round: { deadline: IsoDate; startedAt: Date },
  alreadyChased: readonly string[],
  policy: ReminderPolicy,
  now: Date,
): RoundChase | null {
  if (!isInsideSendWindow(now, policy.window)) return null;
  const chases = roundChases(round.deadline, londonDate(round.startedAt), policy);
  const fallen = chases.filter((c) => c.dueAt.getTime() <= now.getTime() && c.sendOn <= round.deadline);
  const latest = fallen[fallen.length - 1];
  if (!latest) return null;
  // A later chase already sent covers the earlier ones.
  const latestIndex = chases.indexOf(latest);
  if (chases.slice(latestIndex).some((c) => alreadyChased.includes(c.kind))) return null;
  return latest;
}
