/**
 * Early warning: an open item is "at risk" before its target passes (Herefordshire's committee asked to see
 * red items before their dates). It is a flag beside the council's status, never a status value: the key
 * (status.ts) is the council's and stays as it is, so an item can be "In progress and on track" and at risk.
 *
 * An open item is at risk, up to and including its target day, when
 * - its owner's latest confidence, given for the current target, is "at risk" or "will miss the date"; or
 * - it is within `workingDaysBeforeTarget` working days of its effective target (England and Wales working
 *   days) and has had no update for `staleAfterDays` calendar days or more (or none at all).
 * Once the target has passed the status key itself shows the delay, so the flag is no longer raised.
 */
import { daysBetween, formatDay, londonDate, type IsoDate } from "../dates/calendar-date.js";
import { choiceList, type Outcome } from "../outcome.js";
import { isOpen, type Progress } from "./status.js";
import { workingDaysBetween } from "../dates/working-days.js";

/** What the owner says in the update card about meeting the current target. */
export const Confidence = { onTrack: "on_track", atRisk: "at_risk", willMiss: "will_miss" } as const;
export type Confidence = (typeof Confidence)[keyof typeof Confidence];
export const CONFIDENCE_VALUES = Object.values(Confidence);

export const CONFIDENCE_LABELS: Record<Confidence, string> = {
  on_track: "On track",
  at_risk: "At risk",
  will_miss: "Will miss the date",
};

/** Why an item is at risk. */
export const AtRiskCause = { ownerConfidence: "owner_confidence", quietNearTarget: "quiet_near_target" } as const;
export type AtRiskCause = (typeof AtRiskCause)[keyof typeof AtRiskCause];

export interface AtRiskSettings {
  /** Working days before the effective target from which a quiet item is at risk. */
  workingDaysBeforeTarget: number;
  /** Calendar days without an update after which an item near its target is at risk. */
  staleAfterDays: number;
}

export const DEFAULT_AT_RISK_SETTINGS: AtRiskSettings = { workingDaysBeforeTarget: 20, staleAfterDays: 30 };

export interface StatedConfidence {
  value: Confidence;
  at: Date;
  /** The effective target it was given for: after an extension it speaks about the old date, so it no longer counts. */
  forTarget: IsoDate | null;
}

/** An owner's confidence as the rule reads it, from what was stored: null when none was given or it is not one the rule knows. */
export function statedConfidence(
  value: string | null | undefined,
  at: Date | null | undefined,
  forTarget: IsoDate | null,
): StatedConfidence | null {
  if (!value || !at || !(CONFIDENCE_VALUES as readonly string[]).includes(value)) return null;
  return { value: value as Confidence, at, forTarget };
}

export interface AtRiskSubject {
  progress: Progress;
  /** The revised target if any, else the original; null when TBC. */
  effectiveTarget: IsoDate | null;
  latestConfidence: StatedConfidence | null;
  /** The owner's last update of any kind (a confidence counts as one); null when never updated. */
  lastUpdateAt: Date | null;
  /** A progress note with no date is on record (imported from the tracker): "never updated" would contradict it. */
  undatedNote?: boolean;
}

export interface AtRiskReason {
  cause: AtRiskCause;
  /** In words, for answers and the report: "the owner said on 3 Jun 2025 it will miss its target 30 Jun 2025". */
  text: string;
}

export interface AtRiskAssessment {
  atRisk: boolean;
  reasons: AtRiskReason[];
}

/** A confidence choice from the card, or its label as people write it ("At risk", "will miss"). */
export function parseConfidence(text: string | null | undefined): Outcome<Confidence | null> {
  const t = (text ?? "")
    .replace(/[\s_-]+/g, " ")
    .trim()
    .toLowerCase();
  if (t === "") return { ok: true, value: null };
  if (t === "on track") return { ok: true, value: Confidence.onTrack };
  if (t === "at risk") return { ok: true, value: Confidence.atRisk };
  if (/^will miss( (the|its) (date|target))?$/.test(t)) return { ok: true, value: Confidence.willMiss };
  const labels = CONFIDENCE_VALUES.map((c) => CONFIDENCE_LABELS[c].toLowerCase());
  return { ok: false, reason: `"${(text ?? "").trim()}" is not a confidence: choose ${choiceList(labels)}` };
}

function laterInstant(a: Date | null, b: Date | null): Date | null {
  if (!a) return b;
  if (!b) return a;
  return a.getTime() >= b.getTime() ? a : b;
}

/** Whether an open item is at risk as of `now`, with every reason that applies. */
export function assessAtRisk(subject: AtRiskSubject, settings: AtRiskSettings, now: Date): AtRiskAssessment {
  const target = subject.effectiveTarget;
  const today = londonDate(now);
  if (!isOpen(subject.progress) || (target !== null && today > target)) return { atRisk: false, reasons: [] };
  const reasons: AtRiskReason[] = [];

  const said = subject.latestConfidence;
  if (said && said.value !== Confidence.onTrack && said.forTarget === target) {
    const what = said.value === Confidence.willMiss ? "it will miss" : "it is at risk of missing";
    const targetText = target ? `its target ${formatDay(target)}` : "its target";
    reasons.push({
      cause: AtRiskCause.ownerConfidence,
      text: `the owner said on ${formatDay(londonDate(said.at))} ${what} ${targetText}`,
    });
  }

  if (target !== null) {
    const workingDaysLeft = workingDaysBetween(today, target);
    const lastUpdate = laterInstant(subject.lastUpdateAt, said?.at ?? null);
    const quietDays = lastUpdate ? daysBetween(londonDate(lastUpdate), today) : null;
    if (
      workingDaysLeft <= settings.workingDaysBeforeTarget &&
      (quietDays === null || quietDays >= settings.staleAfterDays)
    ) {
      const due =
        today === target
          ? `due today (${formatDay(target)})`
          : workingDaysLeft === 0
            ? `due ${formatDay(target)} (no working day left before it)`
            : `due in ${workingDaysLeft} working day${workingDaysLeft === 1 ? "" : "s"} (${formatDay(target)})`;
      const quiet =
        quietDays !== null
          ? `no update for ${quietDays} days`
          : subject.undatedNote
            ? "no dated update (its progress note was imported without a date)"
            : "no update yet";
      reasons.push({ cause: AtRiskCause.quietNearTarget, text: `${due} with ${quiet}` });
    }
  }
  return { atRisk: reasons.length > 0, reasons };
}
