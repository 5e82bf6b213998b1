/** Small settings kept in the database so every instance agrees on them (the document-link signing key). */
import type { Store } from "./database.js";
import { addAuditEntry } from "./register/audit-store.js";

export async function readSetting(store: Store, key: string): Promise<string | null> {
  const row = await store.setting.findUnique({ where: { key } });
  return row?.value ?? null;
}

/**
 * Stores `candidate` under `key` unless a value is there already, and returns whichever value is
 * stored: two instances starting together both call this, and the first write wins. Only the
 * setting's name goes into the audit log, never its value (it may be a secret).
 */
export async function createSettingOnce(store: Store, key: string, candidate: string): Promise<string> {
  return store.$transaction(async (tx) => {
    const row = await tx.setting.upsert({ where: { key }, create: { key, value: candidate }, update: {} });
    if (row.value === candidate) await addAuditEntry(tx, { entityType: "setting", entityId: 0, action: "created", actor: "system", after: JSON.stringify({ key }) });
    return row.value;
  });
}
