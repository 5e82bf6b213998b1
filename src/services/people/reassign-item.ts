/**
 * Handing one of a leaver's open items to a new owner, from the leavers' card. Only the improvement team or
 * the lead of the item's directorate (by role, or named as its lead) may; the new owner's email is checked
 * as every identity is, and may not be someone the directory says has left or does not know. The new owner
 * and the history entry (who, when, owner before and after) are written in one transaction, holding the
 * item, and only while the leaver still owns it: a card pressed after someone else handed it on changes nothing.
 */
import type { Store } from "../../data/database.js";
import { directoratesLedByEmail, personByEmail } from "../../data/people/leaver-store.js";
import { itemsToAssign } from "../../data/people/owner-store.js";
import { ensurePerson } from "../../data/people/person-store.js";
import { addAuditEntry } from "../../data/register/audit-store.js";
import { updateItem, withItemsLocked } from "../../data/register/item-store.js";
import { isLeaverState } from "../../domain/people/directory-state.js";
import { normaliseEmail } from "../../domain/text/identity-text.js";
import type { Actor } from "./permissions.js";

/** The history's word for a hand-on, beside the other assignment ("assigned"). */
export const REASSIGNED_ACTION = "reassigned_from_leaver";

export type ReassignOutcome =
  | { ok: true; newOwner: string; itemId: number }
  /** `field`: the problem is with the email typed (shown beside its box); otherwise with the request. */
  | { ok: false; reason: string; field: boolean };

/** The directorates an actor may hand items on in: every one (null) for the improvement team. */
export async function directoratesHandedOnBy(store: Store, actor: Actor): Promise<readonly string[] | null> {
  if (actor.isImprovementTeam) return null;
  const named = actor.email ? await directoratesLedByEmail(store, actor.email) : [];
  return [...new Set([...actor.leads, ...named])];
}

export async function reassignLeaverItem(
  store: Store,
  request: { leaverId: number; itemId: number; newOwner: string },
  actor: Actor,
  now: Date,
): Promise<ReassignOutcome> {
  const typed = request.newOwner.trim();
  if (!typed) return { ok: false, reason: "Give the new owner's email.", field: true };
  const normalised = normaliseEmail(typed);
  if (!normalised.ok) return { ok: false, reason: normalised.reason, field: true };
  const newOwner = normalised.value;
  const known = await personByEmail(store, newOwner);
  if (known?.id === request.leaverId)
    return { ok: false, reason: "That is the person who left: give someone else's email.", field: true };
  if (known && isLeaverState(known.directoryState))
    return {
      ok: false,
      reason: `${newOwner} ${known.directoryState === "disabled" ? "has left too (their account is disabled)" : "is not known to the directory"}: give someone who can be reached.`,
      field: true,
    };
  const handsOn = await directoratesHandedOnBy(store, actor);
  return withItemsLocked(store, [request.itemId], async (tx) => {
    const [item] = await itemsToAssign(tx, [request.itemId]);
    if (!item) return { ok: false, reason: "That item is no longer in the register.", field: false };
    if (handsOn !== null && !handsOn.includes(item.directorateId))
      return {
        ok: false,
        reason: `Only the improvement team or the ${item.directorateId} lead can hand this item on.`,
        field: false,
      };
    if (item.ownerId !== request.leaverId)
      return {
        ok: false,
        reason: `Already handed on: ${item.ownerEmail ?? "nobody"} owns it now.`,
        field: false,
      };
    const ownerId = await ensurePerson(tx, newOwner);
    await updateItem(tx, item.id, { ownerId });
    await addAuditEntry(tx, {
      entityType: "item",
      entityId: item.id,
      action: REASSIGNED_ACTION,
      actor: actor.email ?? "unknown",
      at: now,
      before: JSON.stringify({ owner_email: item.ownerEmail }),
      after: JSON.stringify({ owner_email: newOwner }),
    });
    return { ok: true, newOwner, itemId: item.id };
  });
}
