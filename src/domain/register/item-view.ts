/**
 * One item as its cards show it: the register's facts, the computed status and the recent history. A plain
 * shape, so cards (which import only the domain) and the services that load it share one definition.
 */
import type { DateText } from "../dates/date-text.js";
import type { Progress, StatusOutcome } from "../status/status.js";
import type { AtRiskAssessment, Confidence } from "../status/at-risk.js";
import type { Milestone } from "./milestones.js";

/** One line of an item's history as people read it. */
export interface HistoryLine {
  at: Date;
  actor: string;
  action: string;
  /** "progress: In progress → Complete; revised target: 31 Mar 2026 → 30 Sep 2026" (the audit log keeps the raw values) */
  changes: string;
}

/** The item's extensions as its cards show them. */
export interface ItemExtensions {
  /** "extended twice: 31 Mar 2025 → 30 Sep 2025 → 31 Mar 2026", or "not extended". */
  chain: string;
  count: number;
  /** The request waiting for a decision, in words; null when none waits. */
  waiting: string | null;
  /** The latest request came after the item had reached the repeat threshold. */
  repeat: boolean;
}

/** One of an item's milestones as the item's card lists it (a milestone is stored as an item of its own). */
export interface MilestoneLine extends Milestone {
  id: number;
  ownerId: number | null;
  ownerEmail: string | null;
  /** The owner as people read them; absent where not loaded: the email stands in. */
  ownerLabel?: string;
  delegateId: number | null;
  /** Its own flag, its review's or its item's: what the visibility rule reads before it is shown. */
  confidential: boolean;
  latestUpdate: string | null;
  verification: string;
}

/** The item a milestone is a step towards: named on the milestone's card, and its owner may update the milestone. */
export interface StepTowards {
  id: number;
  ref: string;
  text: string;
  ownerId: number | null;
  delegateId: number | null;
}

export interface ItemView {
  id: number;
  version: number;
  reviewTitle: string;
  directorateId: string;
  confidential: boolean;
  ref: string;
  text: string;
  progress: Progress;
  status: StatusOutcome;
  originalTarget: DateText;
  revisedTarget: DateText;
  ownerId: number | null;
  ownerEmail: string | null;
  /** "Jo Bloggs, Head of Service" (person-label.ts); absent where not loaded: the email stands in. */
  ownerLabel?: string;
  delegateId: number | null;
  delegateEmail: string | null;
  delegateLabel?: string;
  verification: string;
  pendingProgress: string | null;
  evidenceUrl: string | null;
  completionClaimedOn: string | null;
  completionNote: string | null;
  latestUpdate: string | null;
  history: HistoryLine[];
  /** Left out where extensions are not loaded (nothing is shown then). */
  extensions?: ItemExtensions;
  /** The council's priority label; null (absent) for none. */
  priority?: string | null;
  /** The early-warning flag, shown beside the status (never as one). */
  atRisk?: AtRiskAssessment;
  /** The owner's last answer on whether the current target will be met; null when none was given for it. */
  confidenceInCurrentTarget?: Confidence | null;
  /** The item's milestones, earliest target first; empty (or absent where not loaded) for none. */
  milestones?: MilestoneLine[];
  /** Set when this item is itself a milestone: the item it is a step towards. */
  stepTowards?: StepTowards | null;
}
