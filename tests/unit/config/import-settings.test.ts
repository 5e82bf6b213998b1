/**
 * The import's limits a council may change: the most rows and the largest file an import reads, their
 * defaults, the values that may be set, and the message that stops start-up when a value is wrong.
 */
import { describe, expect, it } from "vitest";
import { importFileLimitsOf, loadConfig } from "../../../src/config.js";

describe("the import's row and file-size limits", () => {
  it("default to 50,000 rows and 20 MB", () => {
    expect(importFileLimitsOf(loadConfig({}))).toEqual({
      rows: 50_000,
      fileBytes: 20 * 1024 * 1024,
      readSeconds: 120,
    });
  });

  it("take a council's own values", () => {
    expect(importFileLimitsOf(loadConfig({ IMPORT_MAX_ROWS: "120000", IMPORT_MAX_FILE_MB: "64" }))).toEqual({
      rows: 120_000,
      fileBytes: 64 * 1024 * 1024,
      readSeconds: 120,
    });
  });

  it.each([
    [{ IMPORT_MAX_ROWS: "0" }, "IMPORT_MAX_ROWS: must be a whole number from 1 to 1000000"],
    [{ IMPORT_MAX_ROWS: "lots" }, "IMPORT_MAX_ROWS: must be a whole number from 1 to 1000000"],
    [{ IMPORT_MAX_FILE_MB: "501" }, "IMPORT_MAX_FILE_MB: must be a whole number from 1 to 500"],
    [{ IMPORT_MAX_FILE_MB: "2.5" }, "IMPORT_MAX_FILE_MB: must be a whole number from 1 to 500"],
  ])("%j stops start-up: %s", (env, message) => {
    expect(() => loadConfig({ ...env })).toThrow(`configuration is not valid: ${message}`);
  });
});
