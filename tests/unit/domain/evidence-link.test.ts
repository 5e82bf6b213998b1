/** An evidence link the committee may not be able to open is named as such; an ordinary HTTPS link is not. */
import { describe, expect, it } from "vitest";
import { evidenceLinkCaution } from "../../../src/domain/register/evidence-link.js";

describe("evidenceLinkCaution", () => {
  it.each([
    "https://council.sharepoint.com/sites/audit/evidence.docx",
    "https://www.gov.uk/government/publications/report",
    "https://example.org:8443/evidence?id=4",
  ])("says nothing of %s", (link) => {
    expect(evidenceLinkCaution(link)).toBeNull();
  });

  it.each([
    ["http://www.example.org/report.pdf", "is not HTTPS:"],
    ["http://intranet/x", "is not HTTPS and names an intranet host (intranet):"],
    ["https://intranet/x", "names an intranet host (intranet):"],
    ["https://sharepoint.council.local/x", "names an internal host (sharepoint.council.local):"],
    ["https://10.2.3.4/x", "points at a private network address (10.2.3.4):"],
    ["https://172.20.0.1/x", "points at a private network address (172.20.0.1):"],
    ["https://192.168.1.10/x", "points at a private network address (192.168.1.10):"],
    ["https://127.0.0.1/x", "points at a private network address (127.0.0.1):"],
    ["https://[fd12:3456::1]/x", "points at a private network address ([fd12:3456::1]):"],
    ["https://[::1]/x", "points at a private network address ([::1]):"],
  ])("%s %s", (link, words) => {
    const caution = evidenceLinkCaution(link);
    expect(caution).toContain(`The evidence link ${words}`);
    expect(caution).toContain("the committee may not be able to open it");
  });

  it("a public address outside the private ranges is not internal", () => {
    expect(evidenceLinkCaution("https://172.32.0.1/x")).toBeNull();
    expect(evidenceLinkCaution("https://8.8.8.8/x")).toBeNull();
  });
});
