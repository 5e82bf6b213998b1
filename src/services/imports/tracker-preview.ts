/**
 * A tracker file sent in Teams, previewed and then imported or cancelled. The preview is the import's own
 * dry run on the file's bytes (through the same reader as the command line, chosen by the file's name);
 * the bytes are kept with the preview's fingerprint only for the preview's life, so Import applies exactly
 * the file that was previewed, all or nothing, and refuses with a fresh preview if the register has moved.
 */
import { createHash, randomBytes } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Store } from "../../data/database.js";
import {
  dropExpiredImportPreviews,
  findImportPreview,
  ImportPreviewState,
  redateImportPreview,
  returnImportPreview,
  saveImportPreview,
  settleImportPreview,
  takeImportPreview,
} from "../../data/register/import-preview-store.js";
import { formatDay, londonDate, type IsoDate } from "../../domain/dates/calendar-date.js";
import { trackerDateFromFileName } from "../../domain/dates/tracker-date.js";
import { EXPIRED_PREVIEW_KEPT_DAYS } from "../../domain/imports/file-download.js";
import type { ImportReport } from "../../domain/imports/report.js";
import type { FileImportSettings } from "./file-import-settings.js";
import { importRegister } from "./import-register.js";

export interface TrackerFile {
  /** The file's name as Teams gives it: its extension picks the reader, a date in it the as-at day. */
  name: string;
  bytes: Uint8Array;
}

export interface TrackerPreview {
  /** Null when there is nothing to import: a problem in the file, or nothing that would change. */
  previewId: string | null;
  fileName: string;
  report: ImportReport;
  asOf: IsoDate;
  asOfReason: string;
  expiresAt: Date;
}

export interface PreviewRequest {
  actor: string;
  now: Date;
  /** A day asked for on the card; absent, the date in the file's name, else today. */
  asOf?: IsoDate;
}

/** The longest file name kept (a name is shown on the card and in the audit log). */
const MOST_NAME_CHARACTERS = 200;
// eslint-disable-next-line no-control-regex -- removing control characters is its purpose
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/g;

/** The name without folders or control characters, within its bound; its extension is kept. */
export function safeFileName(name: string): string {
  const base =
    name
      .replace(/^.*[\\/]/, "")
      .replace(CONTROL_CHARACTERS, "")
      .trim() || "tracker";
  if (base.length <= MOST_NAME_CHARACTERS) return base;
  const extension = path.extname(base).slice(0, 10);
  return base.slice(0, MOST_NAME_CHARACTERS - extension.length) + extension;
}

function sha256(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** What the preview showed would change: a different fingerprint at Import means the register moved. */
function fingerprintOf(report: ImportReport): string {
  const shown = { ok: report.ok, reviews: report.reviews, items: report.items, changes: report.changes };
  return createHash("sha256").update(JSON.stringify(shown)).digest("hex");
}

function asOfFor(file: TrackerFile, request: PreviewRequest): { asOf: IsoDate; asOfReason: string } {
  if (request.asOf) return { asOf: request.asOf, asOfReason: "the date asked for" };
  const fromName = trackerDateFromFileName(file.name);
  if (fromName) return { asOf: fromName, asOfReason: "the date in the file's name" };
  return { asOf: londonDate(request.now), asOfReason: "today: the file's name gives no date" };
}

/** Runs the import on the bytes written to a private temporary folder under the file's own name, then removes them. */
async function importBytes(
  store: Store,
  file: TrackerFile,
  options: {
    dryRun: boolean;
    actor: string;
    now: Date;
    asOf: IsoDate;
    settings: FileImportSettings;
    afterWrite?: (changedItemIds: readonly number[]) => Promise<void>;
  },
  writeIf?: (report: ImportReport) => boolean,
): Promise<ImportReport> {
  const folder = await mkdtemp(path.join(os.tmpdir(), "tracker-file-"));
  try {
    const name = safeFileName(file.name);
    const where = path.join(folder, name);
    await writeFile(where, file.bytes, { mode: 0o600 });
    const report = await importRegister(store, {
      file: where,
      dryRun: options.dryRun,
      actor: options.actor,
      today: options.asOf,
      now: options.now,
      priorityLabels: options.settings.priorityLabels,
      limits: options.settings.limits,
      fileFacts: { bytes: file.bytes.byteLength, sha256: sha256(file.bytes) },
      writeIf,
      ...(options.afterWrite ? { afterWrite: options.afterWrite } : {}),
    });
    // The report names the file as it was sent, never the temporary folder.
    return { ...report, file: name };
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

/** Drops every expired preview's file (and long-expired rows): called on every preview and every press. */
async function dropExpired(store: Store, now: Date): Promise<void> {
  await dropExpiredImportPreviews(store, now, new Date(now.getTime() - EXPIRED_PREVIEW_KEPT_DAYS * 86_400_000));
}

/** The dry run of a file sent in Teams, kept for Import when it would change something. */
export async function previewTrackerFile(
  store: Store,
  file: TrackerFile,
  request: PreviewRequest,
  settings: FileImportSettings,
): Promise<TrackerPreview> {
  await dropExpired(store, request.now);
  const { asOf, asOfReason } = asOfFor(file, request);
  const report = await importBytes(store, file, { dryRun: true, ...request, asOf, settings });
  const expiresAt = new Date(request.now.getTime() + settings.previewMinutes * 60_000);
  const preview = { previewId: null, fileName: safeFileName(file.name), report, asOf, asOfReason, expiresAt };
  if (!report.ok || report.changes.length === 0) return preview;
  const previewId = randomBytes(18).toString("base64url");
  await saveImportPreview(store, {
    id: previewId,
    fileName: preview.fileName,
    fileBytes: file.bytes,
    sha256: sha256(file.bytes),
    asOf,
    asOfReason,
    fingerprint: fingerprintOf(report),
    requestedBy: request.actor,
    createdAt: request.now,
    expiresAt,
  });
  return { ...preview, previewId };
}

export type ImportPreviewOutcome =
  | { ok: true; fileName: string; report: ImportReport }
  | { ok: false; reason: "gone" | "expired" | "busy" }
  | { ok: false; reason: "already_imported" | "cancelled"; fileName: string; by: string; at: Date }
  /** The register moved since the preview: nothing written; `preview` is the file previewed again. */
  | { ok: false; reason: "stale"; preview: TrackerPreview };

function decided(found: {
  state: ImportPreviewState;
  fileName: string;
  decidedBy: string | null;
  decidedAt: Date | null;
}): NotImported | null {
  if (found.state !== ImportPreviewState.imported && found.state !== ImportPreviewState.cancelled) return null;
  return {
    ok: false,
    reason: found.state === ImportPreviewState.imported ? "already_imported" : "cancelled",
    fileName: found.fileName,
    by: found.decidedBy ?? "someone",
    at: found.decidedAt ?? new Date(0),
  };
}

/** Why a preview cannot be taken now: decided already, expired, another press applying it, or unknown. */
type NotImported = Exclude<ImportPreviewOutcome, { ok: true }>;

async function whyNotTaken(store: Store, id: string, now: Date): Promise<NotImported> {
  const found = await findImportPreview(store, id);
  if (!found) return { ok: false, reason: "gone" };
  const settled = decided(found);
  if (settled) return settled;
  if (found.expiresAt <= now || !found.fileBytes) return { ok: false, reason: "expired" };
  return { ok: false, reason: "busy" };
}

/** Import pressed: exactly the previewed file, all or nothing, once; refused with a fresh preview if the register moved. */
export async function importPreviewedFile(
  store: Store,
  previewId: string,
  request: {
    actor: string;
    now: Date;
    /** Called with the items the import changed, once written: the messages showing them are redrawn. */
    afterWrite?: (changedItemIds: readonly number[]) => Promise<void>;
  },
  settings: FileImportSettings,
): Promise<ImportPreviewOutcome> {
  await dropExpired(store, request.now);
  if (!(await takeImportPreview(store, previewId, request.now))) return whyNotTaken(store, previewId, request.now);
  const stored = (await findImportPreview(store, previewId))!;
  const file = { name: stored.fileName, bytes: stored.fileBytes! };
  let applied = true;
  let report: ImportReport;
  try {
    report = await importBytes(
      store,
      file,
      {
        dryRun: false,
        actor: request.actor,
        now: request.now,
        asOf: stored.asOf,
        settings,
        ...(request.afterWrite ? { afterWrite: request.afterWrite } : {}),
      },
      (planned) => (applied = fingerprintOf(planned) === stored.fingerprint),
    );
  } catch (error) {
    await returnImportPreview(store, previewId, stored.fingerprint);
    throw error;
  }
  if (!applied || !report.ok || report.changes.length === 0) {
    await returnImportPreview(store, previewId, fingerprintOf(report));
    const fresh = { ...report, dry_run: true };
    const preview: TrackerPreview = {
      previewId: report.ok && report.changes.length > 0 ? previewId : null,
      fileName: stored.fileName,
      report: fresh,
      asOf: stored.asOf,
      asOfReason: stored.asOfReason,
      expiresAt: stored.expiresAt,
    };
    if (!preview.previewId)
      await settleImportPreview(
        store,
        previewId,
        ImportPreviewState.pending,
        ImportPreviewState.cancelled,
        "the register",
        request.now,
      );
    return { ok: false, reason: "stale", preview };
  }
  await settleImportPreview(
    store,
    previewId,
    ImportPreviewState.importing,
    ImportPreviewState.imported,
    request.actor,
    request.now,
  );
  return { ok: true, fileName: stored.fileName, report };
}

/**
 * "Compare as at" pressed with a day: the same file previewed again with its recorded statuses compared as
 * at that day (the tracker's own date when its name gives none). What Import applies does not change.
 */
export async function redatePreviewedFile(
  store: Store,
  previewId: string,
  request: { actor: string; now: Date; asOf: IsoDate },
  settings: FileImportSettings,
): Promise<{ ok: true; preview: TrackerPreview } | Exclude<ImportPreviewOutcome, { ok: true }>> {
  await dropExpired(store, request.now);
  const stored = await findImportPreview(store, previewId);
  if (!stored || stored.state !== ImportPreviewState.pending || !stored.fileBytes || stored.expiresAt <= request.now)
    return whyNotTaken(store, previewId, request.now);
  const file = { name: stored.fileName, bytes: stored.fileBytes };
  const asOfReason = "the date asked for on the card";
  const report = await importBytes(store, file, {
    dryRun: true,
    actor: request.actor,
    now: request.now,
    asOf: request.asOf,
    settings,
  });
  const redated = await redateImportPreview(
    store,
    previewId,
    { asOf: request.asOf, asOfReason, fingerprint: fingerprintOf(report) },
    request.now,
  );
  if (!redated) return whyNotTaken(store, previewId, request.now);
  const stillImports = report.ok && report.changes.length > 0;
  return {
    ok: true,
    preview: {
      previewId: stillImports ? previewId : null,
      fileName: stored.fileName,
      report,
      asOf: request.asOf,
      asOfReason,
      expiresAt: stored.expiresAt,
    },
  };
}

/** The day a waiting preview is compared as at: what its card comes back with when a day given is refused. */
export async function waitingPreviewAsOf(store: Store, previewId: string, now: Date): Promise<IsoDate | null> {
  const stored = await findImportPreview(store, previewId);
  if (!stored || stored.state !== ImportPreviewState.pending || stored.expiresAt <= now) return null;
  return stored.asOf;
}

/** Cancel pressed: the file is deleted at once; a preview already imported says so. */
export async function cancelPreviewedFile(
  store: Store,
  previewId: string,
  request: { actor: string; now: Date },
): Promise<{ ok: true; fileName: string } | Exclude<ImportPreviewOutcome, { ok: true }>> {
  await dropExpired(store, request.now);
  const found = await findImportPreview(store, previewId);
  if (found && found.state === ImportPreviewState.pending && found.expiresAt > request.now) {
    const cancelled = await settleImportPreview(
      store,
      previewId,
      ImportPreviewState.pending,
      ImportPreviewState.cancelled,
      request.actor,
      request.now,
    );
    if (cancelled) return { ok: true, fileName: found.fileName };
  }
  return whyNotTaken(store, previewId, request.now);
}

/** The as-at sentence the preview card shows. */
export function describeAsOf(preview: Pick<TrackerPreview, "asOf" | "asOfReason">): string {
  return `Recorded statuses compared with the status key as at ${formatDay(preview.asOf)} (${preview.asOfReason}).`;
}
