/**
 * docs/configuration.md is generated from the settings' schema: it must match a fresh rendering, so a setting
 * added, removed, re-defaulted or re-described in src/config.ts shows up in the page a council reads.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CONFIGURATION_DOC, renderConfigurationDoc } from "../../../scripts/configuration-doc.js";
import { configSchema, loadConfig } from "../../../src/config.js";

describe("docs/configuration.md", () => {
  const page = readFileSync(CONFIGURATION_DOC, "utf8");

  it("is what the schema renders today", () => {
    expect(page, "docs/configuration.md is out of date: run `npx tsx scripts/configuration-doc.ts`").toBe(
      renderConfigurationDoc(),
    );
  });

  it("has one row for every setting start-up reads, with its default", () => {
    for (const name of Object.keys(configSchema.shape)) expect(page).toContain(`| \`${name}\` |`);
    const defaults = loadConfig({});
    expect(page).toContain(`| \`PORT\` | \`${defaults.PORT}\` |`);
    expect(page).toContain(`| \`DOCUMENT_LINK_MINUTES\` | \`${defaults.DOCUMENT_LINK_MINUTES}\` |`);
    expect(page).toContain("| `REMINDER_WORKING_DAYS_BEFORE` | `20,10,3,0` |");
    expect(page).toContain("| `HOST` | unset |");
  });
});
