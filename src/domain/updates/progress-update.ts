/**
 * What an owner may submit from the update card, checked field by field: every problem is reported
 * against its field so the card can show it there, and nothing is saved until all are fixed.
 */
import { z } from "zod";
import {
  DAY_OR_MONTH_FORMS,
  DateKind,
  impossibleDayReason,
  parseDateText,
  unreadableDateReason,
  type DateText,
} from "../dates/date-text.js";
import { windowProblem } from "../dates/date-window.js";
import { type IsoDate } from "../dates/calendar-date.js";
import { InputLimit } from "../input-limits.js";
import { Progress } from "../status/status.js";
import { parseConfidence, type Confidence } from "../status/at-risk.js";
import { normaliseEmail } from "../text/identity-text.js";

export const UpdateField = {
  progress: "progress",
  narrative: "narrative",
  revisedTarget: "revisedTarget",
  revisionReason: "revisionReason",
  evidenceUrl: "evidenceUrl",
  completedOn: "completedOn",
  delegateEmail: "delegateEmail",
  confidence: "confidence",
} as const;
export type UpdateField = (typeof UpdateField)[keyof typeof UpdateField];

export type FieldErrors = Partial<Record<UpdateField, string>>;

/** The raw card inputs: Adaptive Cards send every input as a string. */
const cardInput = z
  .object({
    progress: z.string().optional(),
    narrative: z.string().optional(),
    revisedTarget: z.string().optional(),
    revisionReason: z.string().optional(),
    evidenceUrl: z.string().optional(),
    completedOn: z.string().optional(),
    delegateEmail: z.string().optional(),
    confidence: z.string().optional(),
  })
  .passthrough();

export interface ValidUpdate {
  progress: Progress;
  narrative: string | null;
  /** Set when the owner moves the target: the new date and why. */
  revisedTarget: DateText | null;
  revisionReason: string | null;
  evidenceUrl: string | null;
  completedOn: IsoDate | null;
  /** "" clears the delegate; null leaves it as it is. */
  delegateEmail: string | null;
  /** The owner's confidence in meeting the target; null when not given. */
  confidence: Confidence | null;
}

export interface CurrentItem {
  progress: Progress;
  originalTarget: DateText;
  revisedTarget: DateText;
  delegateEmail: string | null;
}

function text(value: string | undefined): string | null {
  const trimmed = (value ?? "").trim();
  return trimmed === "" ? null : trimmed;
}

export function validateProgressUpdate(
  input: unknown,
  current: CurrentItem,
  today: IsoDate,
): { ok: true; value: ValidUpdate } | { ok: false; errors: FieldErrors } {
  const parsed = cardInput.safeParse(input ?? {});
  if (!parsed.success)
    return { ok: false, errors: { narrative: "The form could not be read: open the item again and resubmit." } };
  const raw = parsed.data;
  const errors: FieldErrors = {};

  const progressText = text(raw.progress) ?? current.progress;
  const progress = (Object.values(Progress) as string[]).includes(progressText) ? (progressText as Progress) : null;
  if (!progress) errors.progress = `Choose one of: not started, in progress, complete, no action required.`;

  const narrative = text(raw.narrative);
  if (narrative && narrative.length > InputLimit.narrative)
    errors.narrative = `Keep the update under ${InputLimit.narrative.toLocaleString("en-GB")} characters (it is ${narrative.length.toLocaleString("en-GB")}).`;
  for (const [field, max] of [
    [UpdateField.revisionReason, InputLimit.reason],
    [UpdateField.evidenceUrl, InputLimit.url],
    [UpdateField.delegateEmail, InputLimit.email],
  ] as const) {
    const value = raw[field];
    if (value && value.length > max)
      errors[field] =
        `Keep this under ${max.toLocaleString("en-GB")} characters (it is ${value.length.toLocaleString("en-GB")}).`;
  }

  let revisedTarget: DateText | null = null;
  const revisedText = text(raw.revisedTarget);
  const currentTargetRaw = current.revisedTarget.raw ?? null;
  if (revisedText && revisedText !== currentTargetRaw) {
    const date = parseDateText(revisedText);
    if (date.kind === DateKind.unparsed || date.kind === DateKind.notApplicable || date.kind === DateKind.none) {
      errors.revisedTarget = `${unreadableDateReason(revisedText, DAY_OR_MONTH_FORMS)}.`;
    } else if (date.kind === DateKind.tbc) {
      errors.revisedTarget = "A revised target needs a date; leave it blank to keep the current target.";
    } else if (windowProblem(date)) {
      errors.revisedTarget = `${windowProblem(date)}.`;
    } else if (date.end && date.end < today) {
      errors.revisedTarget = `The revised target ${revisedText} is already past: give a date from today on.`;
    } else {
      revisedTarget = date;
    }
  }
  const revisionReason = text(raw.revisionReason);
  if (revisedText && revisedText !== currentTargetRaw && !revisionReason)
    errors.revisionReason = "Say why the target date is moving.";

  const evidenceUrl = text(raw.evidenceUrl);
  if (evidenceUrl && !/^https?:\/\/\S+$/i.test(evidenceUrl))
    errors.evidenceUrl = "Give a link starting https:// to the evidence (a document, a report, a page).";
  if (progress === Progress.complete && !evidenceUrl)
    errors.evidenceUrl = "Completion needs a link to the evidence of the outcome; the improvement team checks it.";
  if (progress === Progress.noActionRequired && !narrative) errors.narrative = "Say why no action is required.";

  let completedOn: IsoDate | null = null;
  const completedText = text(raw.completedOn);
  if (progress === Progress.complete) {
    if (!completedText) completedOn = today;
    else {
      const date = parseDateText(completedText);
      if (date.kind !== DateKind.day || !date.end)
        errors.completedOn = impossibleDayReason(completedText)
          ? `${unreadableDateReason(completedText)}.`
          : "Give the day it was completed, e.g. 2026-11-20.";
      else if (windowProblem(date)) errors.completedOn = `${windowProblem(date)}.`;
      else if (date.end > today) errors.completedOn = "The completion date cannot be in the future.";
      else completedOn = date.end;
    }
  }

  // Blank clears the delegate; anything else must be an address, normalised as every identity is.
  const delegateTyped = raw.delegateEmail === undefined ? null : raw.delegateEmail.trim();
  const delegate = delegateTyped ? normaliseEmail(delegateTyped) : null;
  if (delegate && !delegate.ok) errors.delegateEmail ??= delegate.reason;
  const delegateText = delegate?.ok ? delegate.value : delegate ? null : delegateTyped;
  const delegateEmail = delegateText === null || delegateText === (current.delegateEmail ?? "") ? null : delegateText;

  const confidence = parseConfidence(raw.confidence);
  if (!confidence.ok) errors.confidence = `${confidence.reason}.`;

  if (Object.keys(errors).length) return { ok: false, errors };
  return {
    ok: true,
    value: {
      progress: progress!,
      narrative,
      revisedTarget,
      revisionReason,
      evidenceUrl,
      completedOn,
      delegateEmail,
      confidence: confidence.ok ? confidence.value : null,
    },
  };
}
