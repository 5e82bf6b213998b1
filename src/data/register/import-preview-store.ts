/**
 * Tracker files waiting on their preview card (ImportPreview): kept with their bytes only while the card
 * can be acted on. Taking a preview to import succeeds only while it is pending, so two presses of Import
 * (or Import and Cancel at once, on two instances) decide it once; the bytes are dropped with the decision.
 */
import type { Store } from "../database.js";

export const ImportPreviewState = {
  pending: "pending",
  /** Taken by one Import press while it applies; back to pending if the register moved meanwhile. */
  importing: "importing",
  imported: "imported",
  cancelled: "cancelled",
} as const;
export type ImportPreviewState = (typeof ImportPreviewState)[keyof typeof ImportPreviewState];

export interface NewImportPreview {
  id: string;
  fileName: string;
  fileBytes: Uint8Array;
  sha256: string;
  asOf: string;
  asOfReason: string;
  fingerprint: string;
  requestedBy: string;
  createdAt: Date;
  expiresAt: Date;
}

export interface StoredImportPreview {
  id: string;
  fileName: string;
  /** Null once the preview was imported or cancelled. */
  fileBytes: Uint8Array | null;
  sizeBytes: number;
  sha256: string;
  asOf: string;
  asOfReason: string;
  fingerprint: string;
  requestedBy: string;
  state: ImportPreviewState;
  expiresAt: Date;
  decidedBy: string | null;
  decidedAt: Date | null;
}

export async function saveImportPreview(db: Store, preview: NewImportPreview): Promise<void> {
  const { fileBytes, ...rest } = preview;
  await db.importPreview.create({
    data: { ...rest, fileBytes: Buffer.from(fileBytes), sizeBytes: fileBytes.byteLength },
  });
}

export async function findImportPreview(db: Store, id: string): Promise<StoredImportPreview | null> {
  const row = await db.importPreview.findUnique({ where: { id } });
  return row ? { ...row, state: row.state as ImportPreviewState } : null;
}

/** Takes a pending, unexpired preview for one Import press: false when another press, or Cancel, had it first. */
export async function takeImportPreview(db: Store, id: string, now: Date): Promise<boolean> {
  const { count } = await db.importPreview.updateMany({
    where: { id, state: ImportPreviewState.pending, expiresAt: { gt: now } },
    data: { state: ImportPreviewState.importing },
  });
  return count === 1;
}

/** A waiting preview compared as at another day: false when it is no longer waiting. */
export async function redateImportPreview(
  db: Store,
  id: string,
  change: { asOf: string; asOfReason: string; fingerprint: string },
  now: Date,
): Promise<boolean> {
  const { count } = await db.importPreview.updateMany({
    where: { id, state: ImportPreviewState.pending, expiresAt: { gt: now } },
    data: change,
  });
  return count === 1;
}

/** A taken preview goes back to pending (the register moved: the card shows the fresh preview's fingerprint). */
export async function returnImportPreview(db: Store, id: string, fingerprint: string): Promise<void> {
  await db.importPreview.updateMany({
    where: { id, state: ImportPreviewState.importing },
    data: { state: ImportPreviewState.pending, fingerprint },
  });
}

/**
 * Settles a preview as imported or cancelled, dropping its bytes: `from` is the state it must still be in
 * (importing for an Import that applied, pending for a Cancel); false when it was no longer in it.
 */
export async function settleImportPreview(
  db: Store,
  id: string,
  from: ImportPreviewState,
  to: typeof ImportPreviewState.imported | typeof ImportPreviewState.cancelled,
  by: string,
  at: Date,
): Promise<boolean> {
  const { count } = await db.importPreview.updateMany({
    where: { id, state: from },
    data: { state: to, fileBytes: null, decidedBy: by, decidedAt: at },
  });
  return count === 1;
}

/**
 * Deletes the bytes of every preview past its life, and the rows themselves once `forgetBefore` has passed
 * too (a press on a card that old is answered as expired). Returns how many files were dropped.
 */
export async function dropExpiredImportPreviews(db: Store, now: Date, forgetBefore: Date): Promise<number> {
  await db.importPreview.deleteMany({ where: { expiresAt: { lt: forgetBefore } } });
  const { count } = await db.importPreview.updateMany({
    where: { expiresAt: { lte: now }, fileBytes: { not: null } },
    data: { fileBytes: null },
  });
  return count;
}
