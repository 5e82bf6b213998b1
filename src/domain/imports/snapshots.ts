/**
 * The two sides an import compares: the reviews and items the register already holds, and a review's or
 * item's fields as the file names them (the same shape the audit log records before and after).
 */
import type { ItemFields, ReviewFields } from "../register/register-row.js";
import type { OmbudsmanItemFields } from "../ombudsman/ombudsman-row.js";

/** An item the register holds, as the plan compares it (owner by email, parent by ref). */
export interface ExistingItem {
  id: number;
  ref: string;
  kind: string;
  text: string;
  parentRef: string | null;
  responsibleUnit: string | null;
  ownerEmail: string | null;
  originalTargetRaw: string | null;
  originalTarget: string | null;
  revisedTargetRaw: string | null;
  revisedTarget: string | null;
  revisionReason: string | null;
  progress: string;
  recordedStatus: string | null;
  latestUpdate: string | null;
  completedOn: string | null;
  confidential: boolean;
  /** The council's priority label; absent or null for none. */
  priority?: string | null;
  /** An Ombudsman remedy's facts (absent for other items). */
  caseRef?: string | null;
  decisionDate?: string | null;
  remedyKind?: string | null;
  publicReport?: boolean | null;
  /** The response clock (ISO days): a scrutiny recommendation's or a public report's; absent or null for others. */
  sentToExecutive?: string | null;
  executiveResponse?: string | null;
  responseDate?: string | null;
  responseDue?: string | null;
}

/** A review the register holds, with its items. */
export interface ExistingReview {
  id: number;
  titleKey: string;
  directorateId: string;
  body: string | null;
  reviewType: string | null;
  reviewDateRaw: string | null;
  findingsReceivedRaw: string | null;
  outcome: string | null;
  narrative: string | null;
  purpose: string | null;
  confidential: boolean;
  /** Review.source: where the review comes from (review-sources.ts). */
  source?: string;
  items: ExistingItem[];
}

/** A review's and an item's fields as the file names them: what is compared, and what the audit log records. */
export type ReviewSnapshot = {
  directorate: string;
  body: string | null;
  review_type: string | null;
  review_date: string | null;
  findings_received: string | null;
  outcome: string | null;
  narrative: string | null;
  purpose: string | null;
  confidential: boolean;
  source: string | null;
};
export type ItemSnapshot = {
  kind: string;
  text: string;
  parent_ref: string | null;
  responsible_unit: string | null;
  owner_email: string | null;
  original_target: string | null;
  revised_target: string | null;
  revision_reason: string | null;
  progress: string;
  recorded_status: string | null;
  progress_update: string | null;
  completed_on: string | null;
  confidential: boolean;
  priority: string | null;
  /** An Ombudsman remedy's facts: given only for an Ombudsman item. */
  case_ref?: string | null;
  decision_date?: string | null;
  remedy_kind?: string | null;
  public_report?: boolean | null;
  sent_to_executive: string | null;
  executive_response: string | null;
  response_date: string | null;
  response_due: string | null;
};

export function reviewSnapshot(r: ReviewFields): ReviewSnapshot {
  return {
    directorate: r.directorateId,
    body: r.body,
    review_type: r.reviewType,
    review_date: r.reviewDate.raw,
    findings_received: r.findingsReceived.raw,
    outcome: r.outcome,
    narrative: r.narrative,
    purpose: r.purpose,
    confidential: r.confidential,
    source: r.source,
  };
}

export function itemSnapshot(i: ItemFields): ItemSnapshot {
  return {
    kind: i.kind,
    text: i.text,
    parent_ref: i.parentRef,
    responsible_unit: i.responsibleUnit,
    owner_email: i.ownerEmail,
    original_target: i.originalTarget.raw,
    revised_target: i.revisedTarget.raw,
    revision_reason: i.revisionReason,
    progress: i.progress,
    recorded_status: i.recordedStatus,
    progress_update: i.progressUpdate,
    completed_on: i.completedOn,
    confidential: i.confidential,
    priority: i.priority,
    ...(i.ombudsman ? ombudsmanSnapshot(i.ombudsman) : {}),
    sent_to_executive: i.scrutiny.sentToExecutive,
    executive_response: i.scrutiny.executiveResponse,
    response_date: i.scrutiny.responseDate,
    response_due: i.scrutiny.responseDue,
  };
}

/** An Ombudsman remedy's facts as the file names them. */
export function ombudsmanSnapshot(o: OmbudsmanItemFields): Required<Pick<ItemSnapshot, OmbudsmanSnapshotKey>> {
  return {
    case_ref: o.caseRef,
    decision_date: o.decisionDate,
    remedy_kind: o.remedyKind,
    public_report: o.publicReport,
  };
}
type OmbudsmanSnapshotKey = "case_ref" | "decision_date" | "remedy_kind" | "public_report";
