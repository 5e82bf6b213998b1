/**
 * The kinds of inspection regime the calendar knows, told from a regime's name and inspectorate, and the
 * deadlines that follow each kind's event (the papers' words): after an LGA Corporate Peer Challenge the
 * report and action plan within 3 months, the plan published by 5, a progress review at about 10 months
 * and its report published by 12. Ofsted's ILACS, CQC's assessment and the area SEND inspection ask for
 * an action plan: the papers give no follow-up deadline of the council's own for them, so none is made.
 * Pure: each deadline is the event's date plus whole months (addMonths keeps month ends).
 */
import { addMonths, type IsoDate } from "../dates/calendar-date.js";

export const RegimeKind = {
  corporatePeerChallenge: "corporate_peer_challenge",
  ilacs: "ilacs",
  cqcAdultSocialCare: "cqc_adult_social_care",
  areaSend: "area_send",
  other: "other",
} as const;
export type RegimeKind = (typeof RegimeKind)[keyof typeof RegimeKind];

/** One deadline after an event: the item it becomes (`ref` is its identity on the linked review). */
export interface FollowUp {
  ref: string;
  months: number;
  text: string;
}

export const FOLLOW_UPS: Record<RegimeKind, readonly FollowUp[]> = {
  [RegimeKind.corporatePeerChallenge]: [
    { ref: "Follow-up 3 months", months: 3, text: "Publish the peer challenge report and the council's action plan." },
    {
      ref: "Follow-up 5 months",
      months: 5,
      text: "Publish the action plan (at most five months after the peer challenge).",
    },
    { ref: "Follow-up 10 months", months: 10, text: "Hold the progress review with the peer team." },
    { ref: "Follow-up 12 months", months: 12, text: "Publish the progress review's report." },
  ],
  [RegimeKind.ilacs]: [],
  [RegimeKind.cqcAdultSocialCare]: [],
  [RegimeKind.areaSend]: [],
  [RegimeKind.other]: [],
};

/** The regime's kind from its name (and inspectorate): "LGA Corporate Peer Challenge", "ILACS", ... */
export function regimeKindOf(regime: string, inspectorate = ""): RegimeKind {
  const text = `${regime} ${inspectorate}`.toLowerCase();
  if (/peer challenge/.test(text)) return RegimeKind.corporatePeerChallenge;
  if (/\bilacs\b|inspection of local authority children/.test(text)) return RegimeKind.ilacs;
  if (/\bsend\b/.test(text)) return RegimeKind.areaSend;
  if (/\bcqc\b|care quality commission/.test(text) && /adult/.test(text)) return RegimeKind.cqcAdultSocialCare;
  return RegimeKind.other;
}

export interface FollowUpDeadline extends FollowUp {
  target: IsoDate;
}

/** The deadlines an event sets, each the event's date plus its months. */
export function followUpDeadlines(kind: RegimeKind, eventDate: IsoDate): FollowUpDeadline[] {
  return FOLLOW_UPS[kind].map((f) => ({ ...f, target: addMonths(eventDate, f.months) }));
}
