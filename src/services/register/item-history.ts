/** An item's history in words, from the append-only audit log: who, when, and each field before and after. */
import type { Store } from "../../data/database.js";
import { itemAuditEntries } from "../../data/register/audit-store.js";
import { namingsByEmail } from "../../data/people/person-store.js";
import { personLabel } from "../../domain/people/person-label.js";
import { readableFieldName, readableFieldValue } from "../../domain/text/readable-text.js";
import { ExtensionAction } from "../extensions/extension-requests.js";
import { PROGRESS_UPDATE_ACTION, SELF_VERIFIED_ACTION } from "../updates/record-progress-update.js";
import type { HistoryLine } from "../../domain/register/item-view.js";
import { PRIORITY_SET_ACTION } from "./set-item-priority.js";
import { REASSIGNED_ACTION } from "../people/reassign-item.js";

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
  [REASSIGNED_ACTION]: "handed it on from an owner who left",
};

/** The fields whose values are people, recorded by email and read by name. */
const PERSON_FIELDS = new Set(["owner_email", "delegate_email"]);

/** How a recorded email is named to readers; unchanged when nobody is known by it. */
export type NameOf = (email: string) => string;

function show(field: string, value: unknown, nameOf: NameOf = (email) => email): string {
  if (value === null || value === undefined || value === "") return "none";
  if (PERSON_FIELDS.has(field) && typeof value === "string") return nameOf(value);
  const raw = typeof value === "string" ? value : JSON.stringify(value);
  const text = readableFieldValue(field, raw.replace(/\s+/g, " ").trim());
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}

export function describeChanges(before: string | null, after: string | null, nameOf?: NameOf): string {
  const b = (before ? JSON.parse(before) : {}) as Record<string, unknown>;
  const a = (after ? JSON.parse(after) : {}) as Record<string, unknown>;
  if (!before) {
    const keys = ["original_target", "revised_target", "progress", "owner_email"].filter(
      (k) => a[k] !== undefined && a[k] !== null,
    );
    return keys.map((k) => `${readableFieldName(k)} ${show(k, a[k], nameOf)}`).join("; ");
  }
  return Object.keys(a)
    .filter((k) => k !== "comment")
    .map((k) => `${readableFieldName(k)}: ${show(k, b[k], nameOf)} → ${show(k, a[k], nameOf)}`)
    .concat(a.comment ? [`comment: ${show("comment", a.comment)}`] : [])
    .join("; ");
}

export async function itemHistory(store: Store, itemId: number, limit?: number): Promise<HistoryLine[]> {
  const entries = await itemAuditEntries(store, itemId, limit);
  // Who made each change, and the owners and delegates it set, are recorded by email; people read names.
  const nameOf = await namerOf(store, [...entries.map((e) => e.actor), ...entries.flatMap((e) => peopleIn(e))]);
  return entries.map((e) => ({
    at: e.at,
    actor: nameOf(e.actor),
    action: ACTION_WORDS[e.action] ?? e.action,
    changes: describeChanges(e.before, e.after, nameOf),
  }));
}

/** The emails an entry's owner and delegate fields hold, before and after. */
function peopleIn(entry: { before: string | null; after: string | null }): string[] {
  return [entry.before, entry.after].flatMap((json) => {
    const fields = (json ? JSON.parse(json) : {}) as Record<string, unknown>;
    return [...PERSON_FIELDS].map((f) => fields[f]).filter((v): v is string => typeof v === "string" && v !== "");
  });
}

/** Names each of `emails` by name and job title where the register knows them; any other text as it is. */
export async function namerOf(store: Store, emails: readonly string[]): Promise<NameOf> {
  const people = await namingsByEmail(store, emails);
  return (email) => (people.has(email) ? personLabel(people.get(email)) : email);
}
