/**
 * Where a file's bytes may go: HTTPS to SharePoint or OneDrive for Business in production, and also this
 * machine in local mode; every other address is refused with a reason naming its host.
 */
import { describe, expect, it } from "vitest";
import { allowedFileUrl } from "../../../src/domain/files/file-hosts.js";

const what = "The upload address";

describe("allowedFileUrl", () => {
  it.each([
    ["https://contoso-my.sharepoint.com/personal/sam/_api/v2.0/drive/upload?x=1", false],
    // An upload session's own token makes its address long.
    [`https://contoso-my.sharepoint.com/personal/sam/uploadSession?tempauth=${"t".repeat(3000)}`, false],
    ["https://contoso.sharepoint.us/sites/x/upload", false],
    ["https://agency-my.sharepoint-mil.us/upload", false],
    ["http://127.0.0.1:4000/upload", true],
    ["http://localhost:4000/upload", true],
    ["https://[::1]:4000/upload", true],
  ])("allows %s (local mode %s)", (url, localMode) => {
    const check = allowedFileUrl(url, { localMode, what });
    expect(check.ok && check.value.href).toBe(new URL(url).href);
  });

  it.each([
    [
      "http://contoso-my.sharepoint.com/upload",
      false,
      "on contoso-my.sharepoint.com, not a SharePoint or OneDrive host over HTTPS",
    ],
    [
      "https://contoso-my.sharepoint.com.example.net/upload",
      true,
      "on contoso-my.sharepoint.com.example.net, not a SharePoint or OneDrive host or this machine",
    ],
    ["https://sharepoint.com/upload", false, "on sharepoint.com, not a SharePoint"],
    ["https://evilsharepoint.com/upload", false, "on evilsharepoint.com, not a SharePoint"],
    ["http://127.0.0.1:4000/upload", false, "on 127.0.0.1, not a SharePoint or OneDrive host over HTTPS"],
    ["http://127.0.0.2:4000/upload", true, "on 127.0.0.2, not a SharePoint or OneDrive host or this machine"],
    ["ftp://localhost/upload", true, "on localhost, not a SharePoint"],
    ["https://sam:secret@contoso-my.sharepoint.com/upload", false, "carries a user name or password"],
    ["not a url", false, "is not a web address"],
    [`https://contoso-my.sharepoint.com/${"a".repeat(8192)}`, false, "is longer than 8192 characters"],
  ])("refuses %s (local mode %s): %s", (url, localMode, reason) => {
    const check = allowedFileUrl(url, { localMode, what });
    expect(check.ok).toBe(false);
    expect(!check.ok && check.reason).toContain(`${what} `);
    expect(!check.ok && check.reason).toContain(reason);
  });
});
