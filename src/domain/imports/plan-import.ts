/**
 * The import's plan, from the checked rows and what the register already holds: which reviews and items
 * to create, which to update (with each field's before and after, limited to the fields the file gives),
 * which are unchanged, and every recorded status the key disagrees with. Pure: the apply step writes it.
 */
import type { IsoDate } from "../dates/calendar-date.js";
import type { CanonicalColumn, ItemFields } from "../register/register-row.js";
import { compareRecordedStatus, computeItemStatus } from "../status/status.js";
import type { IncomingReview } from "./check-rows.js";
import type { ImportReport } from "./report.js";
import { storedDate } from "../register/register.js";
import {
  countsAsItem,
  heldTarget,
  isMilestoneKind,
  itemTargetCoversMilestones,
  type TargetHolder,
} from "../register/milestones.js";
import {
  itemSnapshot,
  reviewSnapshot,
  type ExistingReview,
  type ItemSnapshot,
  type ReviewSnapshot,
} from "./snapshots.js";

export type FieldChange = { before: Record<string, unknown>; after: Record<string, unknown> };

/** One item to create (`existing` null) or update (`change` its fields' before and after). */
export interface ItemPlan {
  line: number;
  fields: ItemFields;
  existing: {
    id: number;
    revisedTargetRaw: string | null;
    revisedTarget: string | null;
    originalTargetRaw: string | null;
    originalTarget: string | null;
  } | null;
  change: FieldChange | null;
}

/** One review to create (`existingId` null) or update, with the items of it to create or update. */
export interface ReviewPlan {
  key: string;
  review: IncomingReview;
  existingId: number | null;
  change: FieldChange | null;
  items: ItemPlan[];
}

const REVIEW_COLUMN: Record<keyof ReviewSnapshot, CanonicalColumn | null> = {
  directorate: "directorate",
  body: "review_body",
  review_type: "review_type",
  review_date: "review_date",
  findings_received: "findings_received",
  outcome: "outcome",
  narrative: null,
  purpose: null,
  confidential: "confidential",
  // A blank source keeps the review's: compared only when a row names one.
  source: null,
};
const ITEM_COLUMN: Record<keyof ItemSnapshot, CanonicalColumn> = {
  kind: "item_kind",
  text: "item_text",
  parent_ref: "parent_ref",
  responsible_unit: "responsible_unit",
  owner_email: "owner_email",
  original_target: "original_target",
  revised_target: "revised_target",
  revision_reason: "revision_reason",
  progress: "progress",
  recorded_status: "recorded_status",
  progress_update: "progress_update",
  completed_on: "completed_on",
  confidential: "confidential",
  priority: "priority",
  case_ref: "case_ref",
  decision_date: "decision_date",
  remedy_kind: "remedy_kind",
  public_report: "public_report",
  sent_to_executive: "sent_to_executive",
  executive_response: "executive_response",
  response_date: "response_date",
  response_due: "response_due",
};
/** What D1's own columns always give, whatever machine columns sit beside them. */
const D1_ITEM_FIELDS = new Set<keyof ItemSnapshot>([
  "text",
  "original_target",
  "revised_target",
  "recorded_status",
  "progress",
  "progress_update",
]);
const D1_REVIEW_FIELDS = new Set<keyof ReviewSnapshot>([
  "directorate",
  "review_date",
  "findings_received",
  "outcome",
  "narrative",
  "purpose",
]);

/** Fields that differ, limited to those the file gives (a file without owner_email leaves owners alone). */
function diff<T extends Record<string, unknown>>(
  before: T,
  after: T,
  provided: (key: keyof T, value: unknown) => boolean,
) {
  const changedBefore: Record<string, unknown> = {};
  const changedAfter: Record<string, unknown> = {};
  for (const key of Object.keys(after) as (keyof T & string)[]) {
    if (!provided(key, after[key])) continue;
    const a = before[key] ?? null;
    const b = after[key] ?? null;
    if (a !== b) {
      changedBefore[key] = a;
      changedAfter[key] = b;
    }
  }
  return Object.keys(changedAfter).length ? { before: changedBefore, after: changedAfter } : null;
}

/**
 * Plans the import of `incoming` against the `registered` reviews with the same title keys. `headerSet`
 * (lower case) says which columns the file gives; `today` dates the status each recorded status is compared with.
 * The report that comes back is `checked` with its counts, changes and disagreements filled in.
 */
export function planImport(
  checked: ImportReport,
  incoming: ReadonlyMap<string, IncomingReview>,
  registered: readonly ExistingReview[],
  headerSet: ReadonlySet<string>,
  today: IsoDate,
): { plan: ReviewPlan[]; report: ImportReport } {
  const report: ImportReport = {
    ...checked,
    reviews: { ...checked.reviews },
    items: { ...checked.items },
    milestones: { ...checked.milestones },
    changes: [...checked.changes],
    disagreements: [...checked.disagreements],
  };
  const { layout } = report;
  const itemProvided = (key: keyof ItemSnapshot, value: unknown) =>
    headerSet.has(ITEM_COLUMN[key]) ||
    (layout === "d1" && D1_ITEM_FIELDS.has(key)) ||
    (key === "progress" && headerSet.has("recorded_status")) ||
    (value !== null && value !== "" && value !== false);
  const reviewProvided = (key: keyof ReviewSnapshot, value: unknown) => {
    const column = REVIEW_COLUMN[key];
    return (
      (column !== null && headerSet.has(column)) ||
      (layout === "d1" && D1_REVIEW_FIELDS.has(key)) ||
      (value !== null && value !== "" && value !== false)
    );
  };

  const existingByKey = new Map(registered.map((r) => [r.titleKey, r]));
  // An item's target from the file may not come before milestones already in the register that the file leaves as
  // they are (the file's own milestone rows are checked against their items with the rows).
  const outrunMilestones: { line: number; message: string }[] = [];

  const plan: ReviewPlan[] = [];
  for (const [key, review] of incoming) {
    const existing = existingByKey.get(key);
    const after = reviewSnapshot(review.fields);
    const reviewPlan: ReviewPlan = { key, review, existingId: existing?.id ?? null, change: null, items: [] };
    if (!existing) {
      report.reviews.created += 1;
      report.changes.push({
        line: review.line,
        review_title: review.fields.title,
        item_ref: null,
        action: "created",
        before: null,
        after,
      });
    } else {
      const before: ReviewSnapshot = {
        directorate: existing.directorateId,
        body: existing.body,
        review_type: existing.reviewType,
        review_date: existing.reviewDateRaw,
        findings_received: existing.findingsReceivedRaw,
        outcome: existing.outcome,
        narrative: existing.narrative,
        purpose: existing.purpose,
        confidential: existing.confidential,
        source: existing.source ?? null,
      };
      reviewPlan.change = diff(before, after, reviewProvided);
      if (reviewPlan.change) {
        report.reviews.updated += 1;
        report.changes.push({
          line: review.line,
          review_title: review.fields.title,
          item_ref: null,
          action: "updated",
          ...reviewPlan.change,
        });
      } else report.reviews.unchanged += 1;
    }
    const existingItems = new Map((existing?.items ?? []).map((i) => [i.ref.toLowerCase(), i]));
    const storedMilestones = storedMilestonesLeftAsTheyAre(existing, review);
    for (const { line, fields, compared } of review.items) {
      const current = existingItems.get(fields.ref.toLowerCase());
      const counts = countsAsItem(fields.kind) ? report.items : report.milestones;
      const steps = storedMilestones.get(fields.ref.toLowerCase());
      if (steps && !isMilestoneKind(fields.kind)) {
        const covered = itemTargetCoversMilestones(heldTarget(fields.originalTarget, fields.revisedTarget), steps, {
          ref: fields.ref,
          source: review.fields.source ?? existing?.source ?? null,
        });
        if (!covered.ok)
          outrunMilestones.push({ line, message: `${fields.ref} of "${review.fields.title}": ${covered.reason}` });
      }
      const after = itemSnapshot(fields);
      const computed = computeItemStatus(
        {
          progress: fields.progress,
          originalTarget: fields.originalTarget.end,
          revisedTarget: fields.revisedTarget.end,
        },
        today,
      );
      const disagreement = compareRecordedStatus(fields.recordedStatus, computed);
      if (disagreement) {
        report.disagreements.push({
          line,
          review_title: review.fields.title,
          item_ref: fields.ref,
          recorded_status: disagreement.recorded,
          status: disagreement.computed,
          reason: disagreement.explanation,
        });
      }
      if (!current) {
        counts.created += 1;
        report.changes.push({
          line,
          review_title: review.fields.title,
          item_ref: fields.ref,
          action: "created",
          before: null,
          after,
        });
        reviewPlan.items.push({ line, fields, existing: null, change: null });
        continue;
      }
      const before: ItemSnapshot = {
        kind: current.kind,
        text: current.text,
        parent_ref: current.parentRef,
        responsible_unit: current.responsibleUnit,
        owner_email: current.ownerEmail,
        original_target: current.originalTargetRaw,
        revised_target: current.revisedTargetRaw,
        revision_reason: current.revisionReason,
        progress: current.progress,
        recorded_status: current.recordedStatus,
        progress_update: current.latestUpdate,
        completed_on: current.completedOn,
        confidential: current.confidential,
        priority: current.priority ?? null,
        ...(current.caseRef != null
          ? {
              case_ref: current.caseRef,
              decision_date: current.decisionDate ?? null,
              remedy_kind: current.remedyKind ?? null,
              public_report: current.publicReport ?? null,
            }
          : {}),
        sent_to_executive: current.sentToExecutive ?? null,
        executive_response: current.executiveResponse ?? null,
        response_date: current.responseDate ?? null,
        response_due: current.responseDue ?? null,
      };
      const change = diff(before, after, compared ? (key) => compared.includes(key) : itemProvided);
      if (!change) {
        counts.unchanged += 1;
        continue;
      }
      counts.updated += 1;
      report.changes.push({
        line,
        review_title: review.fields.title,
        item_ref: fields.ref,
        action: "updated",
        ...change,
      });
      reviewPlan.items.push({
        line,
        fields,
        existing: {
          id: current.id,
          revisedTargetRaw: current.revisedTargetRaw,
          revisedTarget: current.revisedTarget,
          originalTargetRaw: current.originalTargetRaw,
          originalTarget: current.originalTarget,
        },
        change,
      });
    }
    plan.push(reviewPlan);
  }
  if (outrunMilestones.length > 0)
    return { plan: [], report: { ...checked, ok: false, errors: [...checked.errors, ...outrunMilestones] } };
  report.ok = true;
  return { plan, report };
}

/** The register's milestones of a review that the file does not mention, by the ref of the item each belongs to. */
function storedMilestonesLeftAsTheyAre(
  existing: ExistingReview | undefined,
  review: IncomingReview,
): Map<string, TargetHolder[]> {
  const inFile = new Set(review.items.map((i) => i.fields.ref.toLowerCase()));
  const byItem = new Map<string, TargetHolder[]>();
  for (const stored of existing?.items ?? []) {
    if (!isMilestoneKind(stored.kind) || !stored.parentRef || inFile.has(stored.ref.toLowerCase())) continue;
    const key = stored.parentRef.toLowerCase();
    const target = heldTarget(storedDate(stored.originalTargetRaw), storedDate(stored.revisedTargetRaw));
    byItem.set(key, [...(byItem.get(key) ?? []), { ref: stored.ref, effectiveTarget: target }]);
  }
  return byItem;
}
