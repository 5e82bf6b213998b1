/** An item's history in words, from the append-only audit log: who, when, and each field before and after. */
import type { Store } from "../../data/database.js";
import { itemAuditEntries } from "../../data/register/audit-store.js";
import { readableFieldName, readableFieldValue } from "../../domain/text/readable-text.js";
import { ExtensionAction } from "../extensions/extension-requests.js";
import { PROGRESS_UPDATE_ACTION, SELF_VERIFIED_ACTION } from "../updates/record-progress-update.js";
import type { HistoryLine } from "../../domain/register/item-view.js";
import { PRIORITY_SET_ACTION } from "./set-item-priority.js";

export type { HistoryLine } from "../../domain/register/item-view.js";

const ACTION_WORDS: Record<string, string> = {
  created: "added it",
  updated: "changed it by import",
  [PROGRESS_UPDATE_ACTION]: "updated it",
  [SELF_VERIFIED_ACTION]: "closed it, verified by the submitter as improvement team",
  verified: "verified the completion",
  returned: "returned the completion",
  assigned: "assigned it",
  [ExtensionAction.requested]: "asked to extend the target",
  [ExtensionAction.tookEffect]: "extended the target",
  [ExtensionAction.approved]: "approved the extension",
  [ExtensionAction.declined]: "declined the extension",
  [PRIORITY_SET_ACTION]: "set its priority",
};

function show(field: string, value: unknown): string {
  if (value === null || value === undefined || value === "") return "none";
  const raw = typeof value === "string" ? value : JSON.stringify(value);
  const text = readableFieldValue(field, raw.replace(/\s+/g, " ").trim());
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}

export function describeChanges(before: string | null, after: string | null): string {
  const b = (before ? JSON.parse(before) : {}) as Record<string, unknown>;
  const a = (after ? JSON.parse(after) : {}) as Record<string, unknown>;
  if (!before) {
    const keys = ["original_target", "revised_target", "progress", "owner_email"].filter(
      (k) => a[k] !== undefined && a[k] !== null,
    );
    return keys.map((k) => `${readableFieldName(k)} ${show(k, a[k])}`).join("; ");
  }
  return Object.keys(a)
    .filter((k) => k !== "comment")
    .map((k) => `${readableFieldName(k)}: ${show(k, b[k])} → ${show(k, a[k])}`)
    .concat(a.comment ? [`comment: ${show("comment", a.comment)}`] : [])
    .join("; ");
}

export async function itemHistory(store: Store, itemId: number, limit?: number): Promise<HistoryLine[]> {
  const entries = await itemAuditEntries(store, itemId, limit);
  return entries.map((e) => ({
    at: e.at,
    actor: e.actor,
    action: ACTION_WORDS[e.action] ?? e.action,
    changes: describeChanges(e.before, e.after),
  }));
}
