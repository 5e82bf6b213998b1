/**
 * A tracker file sent in Teams, as configured: the hosts it is downloaded from (SharePoint and OneDrive with
 * credentials, this machine in local mode, or FILE_DOWNLOAD_HOSTS), the download's deadline, the preview's
 * life and the size limit it shares with every import; a wrong value stops start-up saying what to write.
 */
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../../src/config.js";
import { fileImportSettingsOf } from "../../../src/services/imports/file-import-settings.js";

describe("settings for a tracker file sent in Teams", () => {
  it("with credentials, download only from SharePoint and OneDrive, within 30 s and 20 MB; previews last 30 minutes", () => {
    const settings = fileImportSettingsOf(loadConfig({ MicrosoftAppId: "app-id", MicrosoftAppPassword: "secret" }));
    expect(settings.hosts).toEqual([
      "*.sharepoint.com",
      "*.sharepoint-df.com",
      "*.files.1drv.com",
      "*.sharepoint.us",
      "*.sharepoint-mil.us",
    ]);
    expect(settings).toMatchObject({ timeoutMs: 30_000, previewMinutes: 30, limits: { fileBytes: 20 * 1024 * 1024 } });
  });

  it("in local mode download only from this machine", () => {
    expect(fileImportSettingsOf(loadConfig({})).hosts).toEqual(["localhost", "127.0.0.1", "[::1]"]);
  });

  it("take a council's own hosts, deadline, preview life and size", () => {
    const settings = fileImportSettingsOf(
      loadConfig({
        FILE_DOWNLOAD_HOSTS: " Contoso.SharePoint.com , *.files.example.org,",
        FILE_DOWNLOAD_TIMEOUT_SECONDS: "10",
        IMPORT_PREVIEW_MINUTES: "90",
        IMPORT_MAX_FILE_MB: "5",
      }),
    );
    expect(settings).toMatchObject({
      hosts: ["contoso.sharepoint.com", "*.files.example.org"],
      timeoutMs: 10_000,
      previewMinutes: 90,
      limits: { fileBytes: 5 * 1024 * 1024 },
    });
    // Empty means the default, never "download from anywhere".
    expect(fileImportSettingsOf(loadConfig({ FILE_DOWNLOAD_HOSTS: " , " })).hosts).toEqual([
      "localhost",
      "127.0.0.1",
      "[::1]",
    ]);
  });

  it.each([
    [{ FILE_DOWNLOAD_TIMEOUT_SECONDS: "0" }, "FILE_DOWNLOAD_TIMEOUT_SECONDS: must be a whole number from 1 to 300"],
    [{ FILE_DOWNLOAD_TIMEOUT_SECONDS: "soon" }, "FILE_DOWNLOAD_TIMEOUT_SECONDS: must be a whole number from 1 to 300"],
    [{ IMPORT_PREVIEW_MINUTES: "1441" }, "IMPORT_PREVIEW_MINUTES: must be a whole number from 1 to 1440"],
  ])("%j stops start-up: %s", (env, message) => {
    expect(() => loadConfig({ ...env })).toThrow(`configuration is not valid: ${message}`);
  });
});
