/**
 * Extension requests wired to the register: a revised target from the update card becomes a request (or takes
 * effect at once when approval is off), and an approver's decision moves the target or leaves it. The rules
 * are the domain's (extension-request.ts); this file reads the item and its requests, writes the request,
 * the decision, the target change and their history rows in the caller's transaction or its own, and says
 * who must decide.
 */
import { addAuditEntry } from "../../data/register/audit-store.js";
import type { Store, Tx } from "../../data/database.js";
import {
  addExtensionRequest,
  findExtensionRequest,
  itemExtensionRequests,
  settleExtensionRequest,
  type StoredExtensionRequest,
} from "../../data/decisions/extension-request-store.js";
import {
  findItemRecord,
  itemMilestoneRecords,
  updateItem,
  withItemLocked,
  type ItemChange,
  type ItemRecord,
} from "../../data/register/item-store.js";
import { reachablePersonIdsWithRole } from "../../data/people/person-store.js";
import { addTargetRevision } from "../../data/updates/progress-store.js";
import type { DateText } from "../../domain/dates/date-text.js";
import {
  approveExtension,
  declineExtension,
  ExtensionApprover,
  ExtensionState,
  mayDecide,
  requestExtension,
  type ExtensionItem,
  type ExtensionSettings,
} from "../../domain/extensions/extension-request.js";
import { heldTarget, itemTargetCoversMilestones, milestoneTargetWithinItem } from "../../domain/register/milestones.js";
import type { Outcome } from "../../domain/outcome.js";
import { storedDate } from "../../domain/register/register.js";
import type { Progress } from "../../domain/status/status.js";
import { improvementTeamIds } from "../decisions/notify-verification.js";
import { RoleName, type Actor } from "../people/permissions.js";

export type { StoredExtensionRequest } from "../../data/decisions/extension-request-store.js";

export const ExtensionAction = {
  requested: "extension_requested",
  tookEffect: "extension_took_effect",
  approved: "extension_approved",
  declined: "extension_declined",
} as const;

export const ExtensionDecisionKind = { approve: "approve", decline: "decline" } as const;
export type ExtensionDecisionKind = (typeof ExtensionDecisionKind)[keyof typeof ExtensionDecisionKind];

/** The item as the extension rules read it, with every request made for it. */
export function extensionItemOf(
  item: Pick<ItemRecord, "progress" | "originalTargetRaw" | "revisedTargetRaw">,
  requests: readonly StoredExtensionRequest[],
): ExtensionItem {
  return {
    progress: item.progress as Progress,
    originalTarget: storedDate(item.originalTargetRaw),
    revisedTarget: storedDate(item.revisedTargetRaw),
    requests,
  };
}

/** The item's revised target moved to `to`, with the target-revision row; the caller writes the audit entry. */
async function moveTarget(
  tx: Tx,
  item: ItemRecord,
  to: DateText,
  reason: string,
  who: string,
  now: Date,
): Promise<ItemChange> {
  await addTargetRevision(tx, {
    itemId: item.id,
    fromRaw: item.revisedTargetRaw ?? item.originalTargetRaw,
    fromDate: item.revisedTarget ?? item.originalTarget,
    toRaw: to.raw,
    toDate: to.end,
    reason,
    actor: who,
    at: now,
  });
  return { revisedTargetRaw: to.raw, revisedTarget: to.end, revisedTargetKind: to.kind, revisionReason: reason };
}

/**
 * A new target for `item` keeps milestones within their item (as the import does): a milestone's comes on or
 * before its item's target, and an item's comes on or after each of its milestones'.
 */
async function targetWithinItsItem(tx: Tx, item: ItemRecord, target: DateText): Promise<Outcome<true>> {
  if (item.stepTowards) {
    const parent = item.stepTowards;
    const effectiveTarget = heldTarget(storedDate(parent.originalTargetRaw), storedDate(parent.revisedTargetRaw));
    return milestoneTargetWithinItem(item.ref, target, { ref: parent.ref, effectiveTarget }, item.reviewSource);
  }
  const milestones = (await itemMilestoneRecords(tx, item.id)).map((m) => ({
    ref: m.ref,
    effectiveTarget: heldTarget(storedDate(m.originalTargetRaw), storedDate(m.revisedTargetRaw)),
  }));
  return itemTargetCoversMilestones(target, milestones, { ref: item.ref, source: item.reviewSource });
}

export type TargetRevisionOutcome =
  { ok: true; change: ItemChange; request: StoredExtensionRequest | null } | { ok: false; reason: string };

/**
 * A revised target typed in the update card, inside the update's transaction. A first target for a TBC item
 * set by the improvement team stands at once (nobody else may set one); otherwise it is an extension request,
 * waiting for its approver, or in effect at once when approval is off. `change` holds the item fields to write.
 */
export async function reviseTargetFromUpdate(
  tx: Tx,
  item: ItemRecord,
  revised: DateText,
  reason: string,
  actor: Actor,
  settings: ExtensionSettings,
  now: Date,
): Promise<TargetRevisionOutcome> {
  const who = actor.email ?? "unknown";
  const fits = await targetWithinItsItem(tx, item, revised);
  if (!fits.ok) return fits;
  const currentTarget = item.revisedTarget ?? item.originalTarget;
  if (!currentTarget && actor.isImprovementTeam)
    return { ok: true, change: await moveTarget(tx, item, revised, reason, who, now), request: null };
  const requests = await itemExtensionRequests(tx, item.id);
  const asked = requestExtension(
    extensionItemOf(item, requests),
    { requestedTarget: revised.raw ?? "", reason, requestedBy: who },
    settings,
    now,
  );
  if (!asked.ok) return asked;
  const { request, newRevisedTarget } = asked.value;
  const id = await addExtensionRequest(tx, item.id, request);
  const change = newRevisedTarget ? await moveTarget(tx, item, newRevisedTarget, request.reason, who, now) : {};
  await addAuditEntry(tx, {
    entityType: "item",
    entityId: item.id,
    action: newRevisedTarget ? ExtensionAction.tookEffect : ExtensionAction.requested,
    actor: who,
    at: now,
    before: JSON.stringify({ target: request.fromTarget.raw }),
    after: JSON.stringify({ target: request.requestedTarget.raw, comment: request.reason }),
  });
  return { ok: true, change, request: { ...request, id, itemId: item.id } };
}

/** Who gets the approver's card: the directorate's leads, the improvement team, or both; never the person who asked. */
export async function approverIds(
  store: Store,
  admins: readonly string[],
  request: StoredExtensionRequest,
  directorateId: string,
  requesterId: number | null,
): Promise<number[]> {
  const role = request.decidedBy ?? ExtensionApprover.either;
  const ids = new Set<number>();
  if (role !== ExtensionApprover.directorateLead) for (const id of await improvementTeamIds(store, admins)) ids.add(id);
  if (role !== ExtensionApprover.improvementTeam)
    for (const id of await reachablePersonIdsWithRole(store, RoleName.directorateLead, directorateId)) ids.add(id);
  if (requesterId !== null) ids.delete(requesterId);
  return [...ids];
}

export type ExtensionDecisionOutcome =
  | { ok: true; request: StoredExtensionRequest; ownerId: number | null; delegateId: number | null }
  | { ok: false; reason: "not_found" }
  /** The decider may not decide it, or it is already decided: `message` says why and who may. */
  | { ok: false; reason: "refused"; message: string }
  /** The comment is missing or too long: shown by the comment field. */
  | { ok: false; reason: "comment"; message: string };

/** The request and its item, for the approver's card. */
export async function loadExtensionRequest(
  store: Store,
  requestId: number,
): Promise<{ request: StoredExtensionRequest; item: ItemRecord; requests: StoredExtensionRequest[] } | null> {
  const request = await findExtensionRequest(store, requestId);
  if (!request) return null;
  const item = await findItemRecord(store, request.itemId);
  if (!item) return null;
  return { request, item, requests: await itemExtensionRequests(store, item.id) };
}

/** Approve or decline: the decision, the target change on approval and the history, in one transaction. */
export async function decideExtension(
  store: Store,
  input: { requestId: number; decision: ExtensionDecisionKind; comment: string | null },
  actor: Actor,
  now: Date,
): Promise<ExtensionDecisionOutcome> {
  const found = await findExtensionRequest(store, input.requestId);
  if (!found) return { ok: false, reason: "not_found" };
  return withItemLocked(store, found.itemId, async (tx): Promise<ExtensionDecisionOutcome> => {
    const item = await findItemRecord(tx, found.itemId);
    const request = await findExtensionRequest(tx, input.requestId);
    if (!item || !request) return { ok: false, reason: "not_found" };
    const decider = {
      email: actor.email ?? "",
      isImprovementTeam: actor.isImprovementTeam,
      leadsItemsDirectorate: actor.leads.includes(item.directorateId),
    };
    const allowed = mayDecide(request, decider);
    if (!allowed.ok) return { ok: false, reason: "refused", message: allowed.reason };
    // The item's target may have moved since the request was made: an approval still keeps a milestone within it.
    if (input.decision === ExtensionDecisionKind.approve) {
      const fits = await targetWithinItsItem(tx, item, request.requestedTarget);
      if (!fits.ok) return { ok: false, reason: "refused", message: `${fits.reason} Or decline the request.` };
    }
    const decide = input.decision === ExtensionDecisionKind.approve ? approveExtension : declineExtension;
    const decided = decide(request, decider, input.comment, now);
    if (!decided.ok) return { ok: false, reason: "comment", message: decided.reason };
    const { request: settled, newRevisedTarget } = decided.value;
    if (!(await settleExtensionRequest(tx, request.id, settled)))
      return {
        ok: false,
        reason: "refused",
        message: "Someone decided this request a moment ago: here it is as it stands.",
      };
    const who = decider.email;
    const comment = settled.decision?.comment ?? null;
    if (newRevisedTarget) {
      await updateItem(tx, item.id, await moveTarget(tx, item, newRevisedTarget, request.reason, who, now));
      await addAuditEntry(tx, {
        entityType: "item",
        entityId: item.id,
        action: ExtensionAction.approved,
        actor: who,
        at: now,
        before: JSON.stringify({ revised_target: item.revisedTargetRaw }),
        after: JSON.stringify({ revised_target: newRevisedTarget.raw, comment }),
      });
    } else {
      // A decline changes no field of the item; the version moves on so cards showing the waiting request refresh.
      await updateItem(tx, item.id, {});
      await addAuditEntry(tx, {
        entityType: "item",
        entityId: item.id,
        action: ExtensionAction.declined,
        actor: who,
        at: now,
        before: JSON.stringify({}),
        after: JSON.stringify({ comment }),
      });
    }
    return {
      ok: true,
      request: { ...settled, id: request.id, itemId: item.id },
      ownerId: item.ownerId,
      delegateId: item.delegateId,
    };
  });
}

/** The id of the item's extension request still waiting for a decision, if any (one waits at a time). */
export async function waitingRequestIdOf(store: Store, itemId: number): Promise<number | null> {
  const requests = await itemExtensionRequests(store, itemId);
  return requests.find((r) => r.state === ExtensionState.waiting)?.id ?? null;
}
