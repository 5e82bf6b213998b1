/**
 * The improvement team's data entry from cards. A form is a one-row import: it gets the import's
 * validation, its audit entries and its idempotency (submitting the same form twice changes nothing).
 */
import { addAuditEntry } from "../../data/register/audit-store.js";
import type { Store } from "../../data/database.js";
import { updateItem, withItemsLocked } from "../../data/register/item-store.js";
import { itemsToAssign } from "../../data/people/owner-store.js";
import { ensurePerson } from "../../data/people/person-store.js";
import { reviewHeading } from "../../data/register/register-store.js";
import { londonDate } from "../../domain/dates/calendar-date.js";
import { normaliseEmail } from "../../domain/text/identity-text.js";
import type { CanonicalColumn } from "../../domain/register/register-row.js";
import { importTable } from "./import-register.js";
import type { Actor } from "../people/permissions.js";

export type EntryOutcome = { ok: true; created: boolean; message: string } | { ok: false; errors: string[] };

function pickColumns(inputs: Record<string, unknown>, columns: readonly CanonicalColumn[]): Record<string, string> {
  return Object.fromEntries(columns.map((c) => [c, typeof inputs[c] === "string" ? inputs[c] : ""]));
}

async function importOneRow(
  store: Store,
  cells: Record<string, string>,
  actor: Actor,
  now: Date,
  source: string,
): Promise<{ ok: true; reviewsCreated: number; itemsCreated: number } | { ok: false; errors: string[] }> {
  const headers = Object.keys(cells);
  const report = await importTable(
    store,
    { headers, records: [{ line: 1, cells }] },
    { file: source, dryRun: false, actor: actor.email ?? "unknown", today: londonDate(now), now },
  );
  if (!report.ok) return { ok: false, errors: report.errors.map((e) => e.message) };
  return { ok: true, reviewsCreated: report.reviews.created, itemsCreated: report.items.created };
}

export async function addReviewFromForm(
  store: Store,
  inputs: Record<string, unknown>,
  actor: Actor,
  now: Date,
): Promise<EntryOutcome> {
  if (!actor.isImprovementTeam) return { ok: false, errors: ["Only the improvement team can add reviews."] };
  const cells = pickColumns(inputs, [
    "directorate",
    "review_title",
    "review_body",
    "review_type",
    "review_date",
    "findings_received",
    "outcome",
    "confidential",
  ]);
  const result = await importOneRow(store, cells, actor, now, "add review card");
  if (!result.ok) return result;
  return {
    ok: true,
    created: result.reviewsCreated > 0,
    message: result.reviewsCreated
      ? `Added "${cells.review_title}".`
      : `"${cells.review_title}" was already in the register; nothing changed.`,
  };
}

export async function addItemFromForm(
  store: Store,
  reviewId: number,
  inputs: Record<string, unknown>,
  actor: Actor,
  now: Date,
): Promise<EntryOutcome> {
  const review = await reviewHeading(store, reviewId);
  if (!review) return { ok: false, errors: ["That review is no longer in the register."] };
  if (!actor.isImprovementTeam && !actor.leads.includes(review.directorateId))
    return { ok: false, errors: ["Only the improvement team or the directorate's lead can add items."] };
  const cells: Record<string, string> = {
    directorate: review.directorateId,
    review_title: review.title,
    ...pickColumns(inputs, ["item_ref", "item_text", "original_target", "owner_email", "responsible_unit"]),
  };
  const result = await importOneRow(store, cells, actor, now, "add item card");
  if (!result.ok) return result;
  return {
    ok: true,
    created: result.itemsCreated > 0,
    message: result.itemsCreated
      ? `Added ${cells.item_ref} to "${review.title}".`
      : `${cells.item_ref} was already on "${review.title}"; nothing changed.`,
  };
}

/** Assigns (or reassigns) one owner to one or many items, with the change in each item's history. */
export async function assignOwner(
  store: Store,
  itemIds: readonly number[],
  email: string,
  actor: Actor,
  now: Date,
): Promise<{ ok: true; changed: number; owner: string } | { ok: false; reason: string }> {
  const normalised = normaliseEmail(email);
  if (!normalised.ok) return normalised;
  const owner = normalised.value;
  // Every item held for the change, so a concurrent update waits and then sees it.
  return withItemsLocked(store, itemIds, async (tx) => {
    const items = await itemsToAssign(tx, itemIds);
    for (const item of items) {
      if (!actor.isImprovementTeam && !actor.leads.includes(item.directorateId))
        return { ok: false, reason: `Only the improvement team or the ${item.directorateId} lead can assign owners.` };
    }
    const ownerId = await ensurePerson(tx, owner);
    let changed = 0;
    for (const item of items) {
      if (item.ownerId === ownerId) continue;
      await updateItem(tx, item.id, { ownerId });
      await addAuditEntry(tx, {
        entityType: "item",
        entityId: item.id,
        action: "assigned",
        actor: actor.email ?? "unknown",
        at: now,
        before: JSON.stringify({ owner_email: item.ownerEmail }),
        after: JSON.stringify({ owner_email: owner }),
      });
      changed += 1;
    }
    return { ok: true, changed, owner };
  });
}
