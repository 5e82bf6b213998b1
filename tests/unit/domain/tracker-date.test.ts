/** An imported tracker's own date, read from its file name. */
import { describe, expect, it } from "vitest";
import { trackerDateFromFileName } from "../../../src/domain/dates/tracker-date.js";

describe("a tracker's date from its file name", () => {
  it.each([
    ["Inspections tracker May 2025.xlsx", "2025-05-31"],
    ["/data/tracker_may_2025.csv", "2025-05-31"],
    ["tracker-2025-05-15.csv", "2025-05-15"],
    ["External reviews 15 May 2025.xlsx", "2025-05-15"],
    ["register-15th-May-2025.csv", "2025-05-15"],
  ])("%s is as at %s", (name, date) => {
    expect(trackerDateFromFileName(name)).toBe(date);
  });

  it.each(["d1-tracker.csv", "register v2.xlsx", "2025 plan.csv"])("%s names no date", (name) => {
    expect(trackerDateFromFileName(name)).toBeNull();
  });
});
