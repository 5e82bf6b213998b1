/**
 * The improvement team's check of a completion: approve (it now counts as complete) or return it to
 * the owner with a comment. D3's risk, "actions reported as completed without substance", is why.
 * With REQUIRE_SECOND_VERIFIER a member of the team cannot approve a completion they submitted.
 */
import type { Store } from "../../data/database.js";
import { addAuditEntry } from "../../data/register/audit-store.js";
import { findItemRecord, updateItem, withItemLocked } from "../../data/register/item-store.js";
import { addProgressUpdate, latestUpdateActor } from "../../data/updates/progress-store.js";
import { Progress } from "../../domain/status/status.js";
import type { Actor } from "../people/permissions.js";
import { Verification } from "../updates/record-progress-update.js";

export type VerificationOutcome =
  | { ok: true; itemId: number; decision: "approved" | "returned"; ownerId: number | null; delegateId: number | null }
  | { ok: false; reason: "not_found" | "forbidden" | "not_awaiting" | "comment_required" | "own_submission" }
  | { ok: false; reason: "stale"; currentVersion: number };

export async function decideCompletion(
  store: Store,
  input: { itemId: number; version: number; decision: "approve" | "return"; comment: string | null },
  actor: Actor,
  now: Date,
): Promise<VerificationOutcome> {
  if (!actor.isImprovementTeam) return { ok: false, reason: "forbidden" };
  const comment = input.comment?.trim() || null;
  if (input.decision === "return" && !comment) return { ok: false, reason: "comment_required" };
  const who = actor.email ?? "unknown";
  return withItemLocked(store, input.itemId, async (tx): Promise<VerificationOutcome> => {
    const item = await findItemRecord(tx, input.itemId);
    if (!item) return { ok: false, reason: "not_found" };
    if (item.verification !== Verification.awaiting) return { ok: false, reason: "not_awaiting" };
    if (item.version !== input.version) return { ok: false, reason: "stale", currentVersion: item.version };
    if (input.decision === "approve") {
      // The submission awaiting verification is the item's latest update: whoever made it may not approve it.
      const submitter = await latestUpdateActor(tx, item.id);
      if (submitter && actor.email && submitter.toLowerCase() === actor.email.toLowerCase())
        return { ok: false, reason: "own_submission" };
      const progress =
        item.pendingProgress === Progress.noActionRequired ? Progress.noActionRequired : Progress.complete;
      await updateItem(tx, item.id, {
        progress,
        completedOn: progress === Progress.complete ? item.completionClaimedOn : item.completedOn,
        verification: Verification.none,
        pendingProgress: null,
        lastUpdateAt: now,
      });
      await addAuditEntry(tx, {
        entityType: "item",
        entityId: item.id,
        action: "verified",
        actor: who,
        at: now,
        before: JSON.stringify({
          progress: item.progress,
          verification: item.verification,
          completed_on: item.completedOn,
        }),
        after: JSON.stringify({
          progress,
          verification: Verification.none,
          completed_on: progress === Progress.complete ? item.completionClaimedOn : item.completedOn,
          comment,
        }),
      });
      await addProgressUpdate(tx, {
        itemId: item.id,
        progress,
        narrative: comment ? `Verified: ${comment}` : "Verified by the improvement team",
        evidenceUrl: item.evidenceUrl,
        actor: who,
        at: now,
      });
      return { ok: true, itemId: item.id, decision: "approved", ownerId: item.ownerId, delegateId: item.delegateId };
    }
    await updateItem(tx, item.id, {
      verification: Verification.returned,
      pendingProgress: null,
      completionNote: comment,
    });
    await addAuditEntry(tx, {
      entityType: "item",
      entityId: item.id,
      action: "returned",
      actor: who,
      at: now,
      before: JSON.stringify({ verification: item.verification, pending_progress: item.pendingProgress }),
      after: JSON.stringify({ verification: Verification.returned, comment }),
    });
    await addProgressUpdate(tx, {
      itemId: item.id,
      progress: item.progress,
      narrative: `Returned by the improvement team: ${comment}`,
      actor: who,
      at: now,
    });
    return { ok: true, itemId: item.id, decision: "returned", ownerId: item.ownerId, delegateId: item.delegateId };
  });
}
