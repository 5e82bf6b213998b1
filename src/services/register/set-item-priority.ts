/**
 * The improvement team sets items' priority: one of the council's labels (or "none"), all the items or
 * none, each change with its history entry in the same transaction. Reminders are re-planned by the caller,
 * since a priority may carry its own reminder policy.
 */
import { addAuditEntry } from "../../data/register/audit-store.js";
import type { Store } from "../../data/database.js";
import { findItemRecord, updateItem, withItemsLocked } from "../../data/register/item-store.js";
import { choiceList, refused, type Outcome } from "../../domain/outcome.js";
import { parsePriorityCell } from "../../domain/status/priority.js";
import type { Actor } from "../people/permissions.js";

export const PRIORITY_SET_ACTION = "prioritised";
export const PRIORITY_REFUSED = "Only the improvement team can set priorities.";

/** How many of the items changed (an item already at that priority is left as it is). */
export async function setItemPriority(
  store: Store,
  itemIds: readonly number[],
  labelText: string,
  labels: readonly string[],
  actor: Actor,
  now: Date,
): Promise<Outcome<{ changed: number; priority: string | null }>> {
  if (!actor.isImprovementTeam) return refused(PRIORITY_REFUSED);
  const none = /^(?:none|no priority|clear)$/i.test(labelText.trim());
  const parsed = none ? { ok: true as const, value: null } : parsePriorityCell(labelText, labels);
  if (!parsed.ok || (!none && parsed.value === null)) {
    return refused(
      `"${labelText.trim()}" is not one of the council's priorities: use ${choiceList(labels)}, or none to clear it.`,
    );
  }
  const priority = parsed.value;
  // Every item held for the change, as an owner assignment holds them.
  return withItemsLocked(store, itemIds, async (tx) => {
    let changed = 0;
    for (const itemId of itemIds) {
      const item = await findItemRecord(tx, itemId);
      if (!item || item.priority === priority) continue;
      await updateItem(tx, item.id, { priority });
      await addAuditEntry(tx, {
        entityType: "item",
        entityId: item.id,
        action: PRIORITY_SET_ACTION,
        actor: actor.email ?? "unknown",
        at: now,
        before: JSON.stringify({ priority: item.priority }),
        after: JSON.stringify({ priority }),
      });
      changed += 1;
    }
    return { ok: true, value: { changed, priority } };
  });
}
