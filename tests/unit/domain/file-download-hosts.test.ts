/**
 * Which hosts a tracker file sent in Teams may be downloaded from: SharePoint and OneDrive by default, a
 * wildcard allowing names under a domain (never the bare domain, nor a look-alike that merely ends the same).
 */
import { describe, expect, it } from "vitest";
import { DEFAULT_FILE_DOWNLOAD_HOSTS, isAllowedDownloadHost } from "../../../src/domain/imports/file-download.js";

describe("isAllowedDownloadHost", () => {
  it.each([
    ["contoso.sharepoint.com", true],
    ["contoso-my.sharepoint.com", true],
    ["CONTOSO.SharePoint.com", true],
    ["contoso.sharepoint.com.", true],
    ["public.files.1drv.com", true],
    ["contoso.sharepoint-df.com", true],
    ["sharepoint.com", false],
    ["evilsharepoint.com", false],
    ["contoso.sharepoint.com.attacker.example", false],
    ["127.0.0.1", false],
    ["169.254.169.254", false],
  ])("%s with the defaults: %s", (host, allowed) => {
    expect(isAllowedDownloadHost(host, DEFAULT_FILE_DOWNLOAD_HOSTS)).toBe(allowed);
  });

  it("names without a wildcard allow exactly that host", () => {
    expect(isAllowedDownloadHost("127.0.0.1", ["localhost", "127.0.0.1", "[::1]"])).toBe(true);
    expect(isAllowedDownloadHost("[::1]", ["localhost", "127.0.0.1", "[::1]"])).toBe(true);
    expect(isAllowedDownloadHost("files.example.org", ["example.org"])).toBe(false);
  });
});
