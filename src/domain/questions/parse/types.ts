/**
 * The shapes of a parsed question: its kind, the item filter it carries, and what the parser needs to know
 * (today, the register's titles and bodies).
 */
import type { ExpectedInspectionsQuestion } from "../../calendar/expected-question.js";
import { type IsoDate } from "../../dates/calendar-date.js";
import type { ItemKind } from "../../register/item-kinds.js";
import { type AtRiskSettings } from "../../status/at-risk.js";
import { Status } from "../../status/status.js";
import { type ReviewAsked } from "./review-question.js";
import type { WaitingDecider } from "../../decisions/waiting-decisions.js";
import type { OmbudsmanQuestion } from "../../ombudsman/ombudsman-question.js";
import type { ScrutinyQuestion } from "../../scrutiny/scrutiny-questions.js";
import type { MeasureQuestion } from "../../measures/measure-questions.js";

export const QuestionKind = {
  help: "help",
  items: "items",
  newReviews: "new_reviews",
  implementedCount: "implemented_count",
  summary: "summary",
  /** "What milestones are due this month?": milestones are steps within items, answered apart from the item lists. */
  milestonesDue: "milestones_due",
  /** "thanks", "ok", "cheers": a short reply, not the help card. */
  courtesy: "courtesy",
  /** "What Ombudsman remedies are due this month?", "upheld cases by directorate this year" (domain/ombudsman). */
  ombudsman: "ombudsman",
  /** "What inspections are we expecting in the next 12 months?": answered from the inspection calendar. */
  expectedInspections: "expected_inspections",
  /** "Which scrutiny recommendations are awaiting a Cabinet response?" (domain/scrutiny/scrutiny-questions.ts). */
  scrutiny: "scrutiny",
  /** Council Plan measures: the exceptions, or one measure's recent readings (domain/measures/measure-questions.ts). */
  measures: "measures",
  unknown: "unknown",
} as const;
export type QuestionKind = (typeof QuestionKind)[keyof typeof QuestionKind];

export const SinceKind = { lastReport: "last_report", date: "date" } as const;
export type SinceKind = (typeof SinceKind)[keyof typeof SinceKind];

/**
 * "Since the last report", or since a date. `date` means as `countPeriod`'s `since` does: what happened
 * after that day counts. "since 1 March 2025" and "since March 2025" therefore give 2025-02-28, so March counts.
 */
export type SinceRef = { kind: typeof SinceKind.lastReport } | { kind: typeof SinceKind.date; date: IsoDate };

/** Which items a question asks about. Every field is optional; the fields set are combined with AND. */
export interface ItemFilter {
  /** Computed status is one of these. */
  statuses?: Status[];
  /** Computed status partly_delayed or significant_delay. */
  delayed?: boolean;
  /** Open and past its effective target (revised, else original). */
  overdue?: boolean;
  /** Computed status significant_delay: more than 12 months past the original target. */
  moreThan12Months?: boolean;
  /** The reporting directorate's canonical ID (directorates.ts). */
  directorateId?: string;
  /** Inspecting body, matched case-insensitively against the review's body or title ("Ofsted", "LGA"). */
  body?: string;
  /** One title from the register, exactly as the register holds it. */
  reviewTitle?: string;
  /** Item kinds as stored ("key_improvement_recommendation", "area_for_improvement"). */
  itemKinds?: ItemKind[];
  /** Owned by the person asking (item.ownerEmail). */
  mine?: boolean;
  /** not_started or in_progress. */
  open?: boolean;
  /** Open, with an effective target (revised, else original) on or before this day. */
  dueBy?: IsoDate;
  /** Revised target set and different from the original. */
  revised?: boolean;
  /** Open and either awaiting start or without a usable target date (TBC, n/a, blank). */
  awaitingStartOrTbc?: boolean;
  /** Responsible unit set and not the reporting directorate (another directorate, a service elsewhere, a partner). */
  deliveredElsewhere?: boolean;
  /** The directorate the responsible unit belongs to ("delivered by housing" -> ACHPH). */
  deliveredBy?: string;
  /** Progress no_action_required: decided not to implement, removed, no further action. */
  notImplementing?: boolean;
  /** An oversight body named in the review's narrative or updates ("CYPS Evidence Challenge Panel"). */
  overseenBy?: string;
  /** Flagged at risk (at-risk.ts) under these settings: carried in the filter so its answers are kept per setting. */
  atRisk?: AtRiskSettings;
  /** The item's priority is this label of the council's ("high"). */
  priority?: string;
  /** Open, with at least this many extensions in its chain of targets (extension-request.ts): 2 for "more than once". */
  extendedAtLeast?: number;
  /** An extension request for the item is waiting for a decision. */
  extensionWaiting?: boolean;
  /** Open, and the later of today and its current target is more than this many months after its original target. */
  slippedMoreThanMonths?: number;
  /** Open, and today is more than this many months after its current target (revised, else original). */
  overdueMoreThanMonths?: number;
  /** Completed (progress complete) on or after this day. */
  completedFrom?: IsoDate;
  /** Completed (progress complete) on or before this day. */
  completedTo?: IsoDate;
  /** A completion of the item waits for the improvement team's check (decision-words.ts). */
  completionWaiting?: boolean;
  /** A decision on the item waits for the asker ("what's waiting for me to decide?"): the answer sets `decider`. */
  waitingForAsker?: boolean;
  /** Who asks, as the permission rule reads them: set by the answer from the viewer, never by the parser. */
  decider?: WaitingDecider;
}

export type Question =
  | { kind: typeof QuestionKind.help }
  | ScrutinyQuestion
  | {
      kind: typeof QuestionKind.items;
      filter: ItemFilter;
      /** A short heading for the answer card: "Delayed items in Children and Young People's Services". */
      description: string;
      /** "Which of my actions need an update before the July Audit Committee?": the day updates are wanted by. */
      updateBy?: IsoDate;
      /** Words of the question the reading did not apply, as typed: the answer names them. */
      unused?: string[];
      /** How a word open to more than one reading was read ("Q3 2027" as a financial-year quarter). */
      readings?: string[];
      /** "Is the peer challenge on track?": the review's own status answers first. */
      reviewAsked?: ReviewAsked;
    }
  /** `unused`: words of the question the reading did not apply, as typed, for the answer to name. */
  | { kind: typeof QuestionKind.newReviews; since: SinceRef; directorateId?: string; unused?: string[] }
  | {
      kind: typeof QuestionKind.implementedCount;
      since: SinceRef;
      byDirectorate: boolean;
      directorateId?: string;
      unused?: string[];
    }
  | { kind: typeof QuestionKind.summary }
  | {
      kind: typeof QuestionKind.milestonesDue;
      /** The reporting directorate's canonical ID, when the question names one. */
      directorateId?: string;
      /** "My milestones": only those the asker owns or is delegate for. */
      mine?: boolean;
    }
  | { kind: typeof QuestionKind.courtesy }
  | ExpectedInspectionsQuestion
  | { kind: typeof QuestionKind.measures; asked: MeasureQuestion }
  | ({ kind: typeof QuestionKind.ombudsman } & OmbudsmanQuestion)
  | {
      kind: typeof QuestionKind.unknown;
      /** 3 to 5 example questions close to what was asked; each one parses to an answerable question. */
      suggestions: string[];
      /** Why it cannot be answered, when that is known ("the register does not hold Council Plan measures"). */
      note?: string;
    };

export interface QuestionContext {
  /** A date in Europe/London. */
  today: IsoDate;
  /** Review titles from the register, for loose title matching. */
  reviewTitles: readonly string[];
  /** Inspecting bodies from the register. */
  bodies: readonly string[];
  /** The council's priority labels, highest first (PRIORITY_LABELS); absent, the default labels. */
  priorityLabels?: readonly string[];
  /** The at-risk rule's settings (AT_RISK_WORKING_DAYS, AT_RISK_STALE_DAYS); absent, the defaults. */
  atRisk?: AtRiskSettings;
}
