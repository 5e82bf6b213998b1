/** What people read: dates as "31 Mar 2027", progress and statuses as labels, plurals right, placeholders not values. */
import { describe, expect, it } from "vitest";
import { parseDateText } from "../../../src/domain/dates/date-text.js";
import {
  isPlaceholderDate,
  plural,
  readableDate,
  readableEventDate,
  readableFieldValue,
} from "../../../src/domain/text/readable-text.js";
import { describeChanges } from "../../../src/services/register/item-history.js";
import { rollUpReview } from "../../../src/domain/status/review-status.js";

describe("plural", () => {
  it.each([
    [0, "item", "0 items"],
    [1, "item", "1 item"],
    [2, "item", "2 items"],
    [1, "new review", "1 new review"],
    [3, "new review", "3 new reviews"],
  ])("%i %s -> %s", (count, noun, expected) => {
    expect(plural(count, noun)).toBe(expected);
  });
});

describe("readableDate", () => {
  it.each([
    ["2027-03-31", "31 Mar 2027"],
    ["31/03/2028", "31 Mar 2028"],
    ["Sep-26", "30 Sep 2026"],
    ["September 2026", "30 Sep 2026"],
    ["TBC", "TBC"],
    ["n/a", "none"],
    ["", "none"],
  ])("%j reads as %j", (raw, expected) => {
    expect(readableDate(parseDateText(raw))).toBe(expected);
  });
});

describe("readableEventDate", () => {
  it.each([
    ["2024-07-12", "12 Jul 2024"],
    ["12/07/2024", "12 Jul 2024"],
    ["July 2024", "July 2024"],
    ["5-9 July 2021", "5-9 July 2021"],
  ])("%j reads as %j", (raw, expected) => {
    expect(readableEventDate(parseDateText(raw))).toBe(expected);
  });
});

describe("placeholders are not values", () => {
  it.each([
    ["n/a", true],
    ["N/A", true],
    ["TBC", true],
    ["-", true],
    [null, true],
    ["Sep-26", false],
    ["2026-09-30", false],
  ])("%j placeholder: %s", (raw, expected) => {
    expect(isPlaceholderDate(raw)).toBe(expected);
  });
});

describe("history lines read as words, not codes", () => {
  it.each([
    ["progress", "in_progress", "In progress"],
    ["progress", "no_action_required", "No action required"],
    ["status", "partly_delayed", "In progress and partly delayed"],
    ["revised_target", "2026-11-30", "30 Nov 2026"],
    ["original_target", "31/03/2028", "31 Mar 2028"],
    ["narrative", "in_progress", "in_progress"],
    ["latest_update", "Done by March 2026", "Done by March 2026"],
    ["completed_on", "2026-05-20", "20 May 2026"],
  ])("%s %j -> %j", (field, value, expected) => {
    expect(readableFieldValue(field, value)).toBe(expected);
  });

  it("a progress update's changes use labels and readable dates", () => {
    const line = describeChanges(
      JSON.stringify({ progress: "not_started", revised_target: "31/03/2028" }),
      JSON.stringify({ progress: "in_progress", revised_target: "2026-11-30" }),
    );
    expect(line).toBe("progress: Not started → In progress; revised target: 31 Mar 2028 → 30 Nov 2026");
  });

  it("a completion waiting for verification names its fields and states in words, not as stored", () => {
    const line = describeChanges(
      JSON.stringify({ verification: "none", pending_progress: null, evidence_url: null, latest_update: "Half done" }),
      JSON.stringify({
        verification: "awaiting",
        pending_progress: "complete",
        evidence_url: "https://council.example/evidence",
        latest_update: "All done",
      }),
    );
    expect(line).toBe(
      "verification: not waiting → waiting for the improvement team; completion claimed: none → Complete; " +
        "evidence link: none → https://council.example/evidence; progress note: Half done → All done",
    );
  });
});

describe("review reasons count their items in words", () => {
  it("one item behind reads '1 open item', not '1 open item(s)'", () => {
    const outcome = rollUpReview(
      { outcomeKnown: true },
      [
        { progress: "in_progress", originalTarget: "2025-03-31", revisedTarget: "2025-09-30" },
        { progress: "in_progress", originalTarget: "2026-03-31", revisedTarget: null },
      ],
      "2025-06-01",
      "2025",
    );
    expect(outcome.reason).toBe("1 open item behind the original target");
  });
});
