/**
 * The register as it was recorded by the end of a reporting point's cut-off day, rebuilt from the audit
 * history (every change keeps its fields before and after): items, milestones and reviews added later are
 * left out, and each field changed later (progress, the progress note, priority, owner, targets, ...)
 * takes the value it had before the first later change. Reports and snapshots are usually built days
 * after the cut-off, and must say only what the committee's figures were taken from.
 */
import { countsAsItem } from "./milestones.js";
import { storedDate, type RegisterItem, type RegisterReview } from "./register.js";
import { PROGRESS_VALUES, type Progress } from "../status/status.js";

/** One audit entry written after the day, as stored: `before` is JSON of the changed fields before. */
export interface LaterChange {
  entityType: string;
  entityId: number;
  action: string;
  before: string | null;
}

/** The audit action that adds an item or a review (the import, the add-item and add-review cards). */
const CREATED = "created";

type Fields = Record<string, unknown>;

function parsedFields(json: string | null): Fields {
  if (!json) return {};
  try {
    const value: unknown = JSON.parse(json);
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Fields) : {};
  } catch {
    return {};
  }
}

const text = (value: unknown): string | null => (typeof value === "string" ? value : null);

/**
 * How each recorded field (as the audit history names it) sets the item. Confidentiality is never
 * reverted: an item made confidential later stays confidential in a document posted to channels now.
 */
const ITEM_FIELDS: Record<string, (item: RegisterItem, value: unknown) => RegisterItem> = {
  progress: (item, value) =>
    PROGRESS_VALUES.includes(value as Progress) ? { ...item, progress: value as Progress } : item,
  completed_on: (item, value) => ({ ...item, completedOn: text(value) }),
  // The progress note: "latest_update" from an owner's update, "progress_update" from an import.
  latest_update: (item, value) => ({ ...item, latestUpdate: text(value) }),
  progress_update: (item, value) => ({ ...item, latestUpdate: text(value) }),
  priority: (item, value) => ({ ...item, priority: text(value) }),
  // The label named the later owner: the earlier one is named by their email.
  owner_email: (item, value) => ({ ...item, ownerEmail: text(value), ownerLabel: null }),
  delegate: (item, value) => ({ ...item, delegateEmail: text(value) }),
  original_target: (item, value) => ({ ...item, originalTarget: storedDate(text(value)) }),
  revised_target: (item, value) => ({ ...item, revisedTarget: storedDate(text(value)) }),
  revision_reason: (item, value) => ({ ...item, revisionReason: text(value) }),
  text: (item, value) => (typeof value === "string" ? { ...item, text: value } : item),
  responsible_unit: (item, value) => ({ ...item, responsibleUnit: text(value) }),
  recorded_status: (item, value) => ({ ...item, recordedStatus: text(value) }),
  verification: (item, value) => (typeof value === "string" ? { ...item, verification: value } : item),
  // An item re-imported as a milestone later (or the other way) was counted as it was then.
  kind: (item, value) => (typeof value === "string" ? { ...item, kind: value, counted: countsAsItem(value) } : item),
};

const REVIEW_FIELDS: Record<string, (review: RegisterReview, value: unknown) => RegisterReview> = {
  body: (review, value) => ({ ...review, body: text(value) }),
  review_type: (review, value) => ({ ...review, reviewType: text(value) }),
  review_date: (review, value) => ({ ...review, reviewDate: storedDate(text(value)) }),
  findings_received: (review, value) => ({ ...review, findingsReceived: storedDate(text(value)) }),
  outcome: (review, value) => ({ ...review, outcome: text(value) }),
  narrative: (review, value) => ({ ...review, narrative: text(value) }),
  purpose: (review, value) => ({ ...review, purpose: text(value) }),
};

/** Per entity, each field's value before its first later change; and the entities added later. */
function valuesBefore(changes: readonly LaterChange[], entityType: string) {
  const added = new Set<number>();
  const before = new Map<number, Fields>();
  for (const change of changes) {
    if (change.entityType !== entityType) continue;
    if (change.action === CREATED) {
      added.add(change.entityId);
      continue;
    }
    const earliest = before.get(change.entityId) ?? {};
    for (const [field, value] of Object.entries(parsedFields(change.before))) {
      if (!(field in earliest)) earliest[field] = value;
    }
    before.set(change.entityId, earliest);
  }
  return { added, before };
}

function revert<T>(value: T, fields: Fields | undefined, setters: Record<string, (v: T, f: unknown) => T>): T {
  if (!fields) return value;
  let reverted = value;
  for (const [field, was] of Object.entries(fields)) reverted = setters[field]?.(reverted, was) ?? reverted;
  return reverted;
}

/**
 * The register as recorded by the end of the day, given the audit entries written after it, oldest
 * first. Objects nothing changed later are kept as they are.
 */
export function registerAsRecorded(
  register: readonly RegisterReview[],
  laterChanges: readonly LaterChange[],
): RegisterReview[] {
  if (laterChanges.length === 0) return [...register];
  const items = valuesBefore(laterChanges, "item");
  const reviews = valuesBefore(laterChanges, "review");
  const result: RegisterReview[] = [];
  for (const review of register) {
    if (reviews.added.has(review.id)) continue;
    const touched = review.items.some((i) => items.added.has(i.id) || items.before.has(i.id));
    const asRecorded = revert(review, reviews.before.get(review.id), REVIEW_FIELDS);
    if (!touched) {
      result.push(asRecorded);
      continue;
    }
    result.push({
      ...asRecorded,
      items: review.items
        .filter((item) => !items.added.has(item.id))
        .map((item) => revert(item, items.before.get(item.id), ITEM_FIELDS)),
    });
  }
  return result;
}
