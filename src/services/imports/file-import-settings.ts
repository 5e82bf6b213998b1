/** A tracker file sent in Teams, as configured: the hosts it may come from, its deadline and size, and its preview's life. */
import { importFileLimitsOf, isLocalMode, LOOPBACK_HOSTS, type Config } from "../../config.js";
import type { ImportFileLimits } from "../../domain/imports/limits.js";
import { DEFAULT_FILE_DOWNLOAD_HOSTS } from "../../domain/imports/file-download.js";

export interface FileImportSettings {
  /** FILE_DOWNLOAD_HOSTS, or SharePoint and OneDrive with credentials and loopback in local mode. */
  hosts: readonly string[];
  /** FILE_DOWNLOAD_TIMEOUT_SECONDS, in milliseconds. */
  timeoutMs: number;
  /** IMPORT_PREVIEW_MINUTES. */
  previewMinutes: number;
  /** IMPORT_MAX_FILE_MB (the download's limit too) and IMPORT_MAX_ROWS. */
  limits: ImportFileLimits;
  priorityLabels: readonly string[];
}

export function fileImportSettingsOf(config: Config): FileImportSettings {
  return {
    hosts: config.FILE_DOWNLOAD_HOSTS ?? (isLocalMode(config) ? LOOPBACK_HOSTS : DEFAULT_FILE_DOWNLOAD_HOSTS),
    timeoutMs: config.FILE_DOWNLOAD_TIMEOUT_SECONDS * 1000,
    previewMinutes: config.IMPORT_PREVIEW_MINUTES,
    limits: importFileLimitsOf(config),
    priorityLabels: config.PRIORITY_LABELS,
  };
}
