/**
 * Records an owner's update from the card, in one transaction with its history: the progress update,
 * any target revision, the audit entry with before and after. The same submission twice records one
 * update (per item and person, checked after permission); a card older than the item's version is refused,
 * never silently applied; a submission that changes nothing records nothing. Closing an item
 * (complete, or no action required) waits for the improvement team's verification unless a member of
 * it made it: then it stands, recorded as verified by the submitter as improvement team, unless the
 * REQUIRE_SECOND_VERIFIER setting asks for a second member. A revised target is an extension request (see
 * extension-requests.ts): waiting for its approver, the item's target and status stay as they are.
 */
import type { Store } from "../../data/database.js";
import { addAuditEntry } from "../../data/register/audit-store.js";
import { findItemRecord, updateItem, withItemLocked, type ItemChange } from "../../data/register/item-store.js";
import { ensurePerson } from "../../data/people/person-store.js";
import { addProgressUpdate, hasSubmission } from "../../data/updates/progress-store.js";
import type { IsoDate } from "../../domain/dates/calendar-date.js";
import type { StoredExtensionRequest } from "../../data/decisions/extension-request-store.js";
import { DEFAULT_EXTENSION_SETTINGS, type ExtensionSettings } from "../../domain/extensions/extension-request.js";
import { storedDate } from "../../domain/register/register.js";
import { validateProgressUpdate, type FieldErrors } from "../../domain/updates/progress-update.js";
import { Progress } from "../../domain/status/status.js";
import { reviseTargetFromUpdate } from "../extensions/extension-requests.js";
import { canEditItem, type Actor } from "../people/permissions.js";

export const Verification = { none: "none", awaiting: "awaiting", returned: "returned" } as const;
export type Verification = (typeof Verification)[keyof typeof Verification];

/** The audit action of a closure made and verified by the same member of the improvement team. */
export const SELF_VERIFIED_ACTION = "self_verified";
export const PROGRESS_UPDATE_ACTION = "progress_update";

export interface UpdateRules {
  /** REQUIRE_SECOND_VERIFIER: the improvement team's own closures wait for another member too. */
  requireSecondVerifier: boolean;
  /** EXTENSION_APPROVER, EXTENSIONS_NEED_APPROVAL, REPEAT_EXTENSION_THRESHOLD; the defaults when left out. */
  extensions?: ExtensionSettings;
}

export interface UpdateSubmission {
  itemId: number;
  version: number;
  submissionId: string;
  inputs: unknown;
}

export type UpdateOutcome =
  /** `unchanged`: the submission matched the item as it is, so nothing was recorded. */
  | {
      ok: true;
      duplicate: boolean;
      unchanged: boolean;
      itemId: number;
      awaitingVerification: boolean;
      targetMoved: boolean;
      closed: boolean;
      selfVerified: boolean;
      /** The extension request this update made, waiting or in effect; null when the target was not revised as one. */
      extension: StoredExtensionRequest | null;
      /** For a milestone, its ref and the id of the item it is a step towards (whose card shows the change); null otherwise. */
      milestoneOf: { ref: string; itemId: number } | null;
    }
  | { ok: false; reason: "not_found" }
  | { ok: false; reason: "forbidden" }
  | { ok: false; reason: "stale"; currentVersion: number }
  | { ok: false; reason: "invalid"; errors: FieldErrors };

const CLOSING: readonly string[] = [Progress.complete, Progress.noActionRequired];

function recorded(itemId: number, milestoneOf: { ref: string; itemId: number } | null) {
  return {
    ok: true as const,
    duplicate: false,
    unchanged: false,
    itemId,
    milestoneOf,
    awaitingVerification: false,
    targetMoved: false,
    closed: false,
    selfVerified: false,
    extension: null,
  };
}

export async function recordProgressUpdate(
  store: Store,
  submission: UpdateSubmission,
  actor: Actor,
  now: Date,
  today: IsoDate,
  rules: UpdateRules = { requireSecondVerifier: false },
): Promise<UpdateOutcome> {
  const who = actor.email ?? "unknown";
  // The item is locked first, so a concurrent duplicate waits and then sees this one.
  return withItemLocked(store, submission.itemId, async (tx): Promise<UpdateOutcome> => {
    const item = await findItemRecord(tx, submission.itemId);
    if (!item) return { ok: false, reason: "not_found" };
    const milestoneOf = item.stepTowards ? { ref: item.ref, itemId: item.stepTowards.id } : null;
    if (
      !canEditItem(actor, {
        ownerId: item.ownerId,
        delegateId: item.delegateId,
        directorateId: item.directorateId,
        stepTowards: item.stepTowards,
      })
    )
      return { ok: false, reason: "forbidden" };
    // Only after the permission check, and only this person's submissions for this item: someone else's id proves nothing.
    if (await hasSubmission(tx, { itemId: item.id, actor: who, submissionId: submission.submissionId }))
      return { ...recorded(item.id, milestoneOf), duplicate: true };
    if (submission.version !== item.version) return { ok: false, reason: "stale", currentVersion: item.version };

    const validation = validateProgressUpdate(
      submission.inputs,
      {
        progress: item.progress as Progress,
        originalTarget: storedDate(item.originalTargetRaw),
        revisedTarget: storedDate(item.revisedTargetRaw),
        delegateEmail: item.delegateEmail,
      },
      today,
    );
    if (!validation.ok) return { ok: false, reason: "invalid", errors: validation.errors };
    const update = validation.value;

    const data: ItemChange = { lastUpdateAt: now };
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    const change = (field: string, from: unknown, to: unknown) => {
      if ((from ?? null) === (to ?? null)) return;
      before[field] = from ?? null;
      after[field] = to ?? null;
    };

    if (update.narrative) {
      data.latestUpdate = update.narrative;
      change("latest_update", item.latestUpdate, update.narrative);
    }
    const closing = CLOSING.includes(update.progress);
    let awaitingVerification = false;
    let closed = false;
    // The improvement team verifies closures; one of them closing an item verifies it, unless a second member is required.
    const selfVerified = closing && actor.isImprovementTeam && !rules.requireSecondVerifier;
    if (closing && !selfVerified) {
      awaitingVerification = true;
      data.verification = Verification.awaiting;
      data.pendingProgress = update.progress;
      data.evidenceUrl = update.evidenceUrl;
      data.completionClaimedOn = update.completedOn;
      data.completionNote = update.narrative;
      if (item.progress === Progress.notStarted) data.progress = Progress.inProgress;
      change("verification", item.verification, Verification.awaiting);
      change("pending_progress", item.pendingProgress, update.progress);
      change("evidence_url", item.evidenceUrl, update.evidenceUrl);
      change("completion_claimed_on", item.completionClaimedOn, update.completedOn);
      if (item.progress === Progress.notStarted) change("progress", item.progress, Progress.inProgress);
    } else {
      closed = closing;
      data.progress = update.progress;
      change("progress", item.progress, update.progress);
      if (update.progress === Progress.complete) {
        data.completedOn = update.completedOn;
        data.evidenceUrl = update.evidenceUrl;
        change("completed_on", item.completedOn, update.completedOn);
        change("evidence_url", item.evidenceUrl, update.evidenceUrl);
      }
      if (item.verification !== Verification.none) {
        // A new update supersedes a completion that was waiting or returned.
        data.verification = Verification.none;
        data.pendingProgress = null;
        change("verification", item.verification, Verification.none);
      }
    }

    let targetMoved = false;
    let extension: StoredExtensionRequest | null = null;
    if (update.revisedTarget) {
      const revision = await reviseTargetFromUpdate(
        tx,
        item,
        update.revisedTarget,
        update.revisionReason ?? "",
        actor,
        rules.extensions ?? DEFAULT_EXTENSION_SETTINGS,
        now,
      );
      // Nothing has been written when the rules refuse it: the card comes back with the reason by the date.
      if (!revision.ok) return { ok: false, reason: "invalid", errors: { revisedTarget: revision.reason } };
      extension = revision.request;
      if (revision.change.revisedTargetRaw !== undefined) {
        targetMoved = true;
        Object.assign(data, revision.change);
        change("revised_target", item.revisedTargetRaw, revision.change.revisedTargetRaw);
        change("revision_reason", item.revisionReason, revision.change.revisionReason);
      }
    }

    if (update.delegateEmail !== null) {
      data.delegateId = update.delegateEmail === "" ? null : await ensurePerson(tx, update.delegateEmail);
      change("delegate", item.delegateEmail, update.delegateEmail || null);
    }

    // The confidence speaks about the target the item is held to once this update is applied.
    const confidenceTarget =
      update.confidence === null ? null : (data.revisedTarget ?? item.revisedTarget ?? item.originalTarget);
    if (
      update.confidence !== null &&
      (update.confidence !== item.confidence || confidenceTarget !== item.confidenceTarget)
    ) {
      data.confidence = update.confidence;
      data.confidenceAt = now;
      data.confidenceTarget = confidenceTarget;
      change("confidence", item.confidence, update.confidence);
    }

    // An update that changes nothing records nothing: no version bump, no empty history entry.
    if (Object.keys(after).length === 0 && !extension) return { ...recorded(item.id, milestoneOf), unchanged: true };

    await updateItem(tx, item.id, data);
    await addProgressUpdate(tx, {
      itemId: item.id,
      progress: update.progress,
      narrative: update.narrative,
      evidenceUrl: update.evidenceUrl,
      actor: who,
      at: now,
      submissionId: submission.submissionId,
      confidence: update.confidence,
      confidenceTarget,
    });
    // A request alone has its own history row; the update's row says what else changed.
    if (Object.keys(after).length) {
      await addAuditEntry(tx, {
        entityType: "item",
        entityId: item.id,
        action: selfVerified ? SELF_VERIFIED_ACTION : PROGRESS_UPDATE_ACTION,
        actor: who,
        at: now,
        before: JSON.stringify(before),
        after: JSON.stringify(after),
      });
    }
    return { ...recorded(item.id, milestoneOf), awaitingVerification, targetMoved, closed, selfVerified, extension };
  });
}
