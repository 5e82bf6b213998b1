import { describe, expect, it } from "vitest";
import { rollUpReview } from "../../../src/domain/status/review-status.js";
import { parseDateText } from "../../../src/domain/dates/date-text.js";
import { Status, StatusKey, type ItemDates, type Progress } from "../../../src/domain/status/status.js";

const D0_REPORT_DATE = "2024-01-09";

function items(...rows: [Progress, string, string?][]): ItemDates[] {
  return rows.map(([progress, original, revised]) => ({
    progress,
    originalTarget: parseDateText(original).end,
    revisedTarget: parseDateText(revised ?? "").end,
  }));
}

const complete = (n: number, original = "Mar-23"): [Progress, string][] =>
  Array.from({ length: n }, () => ["complete", original]);

describe("review roll-up, 2024 key, on D0's review rows", () => {
  it.each([
    ["Joint Area SEND: 4 complete", items(...complete(4)), Status.complete, "(4 complete)"],
    [
      "ILACS: 2 complete, 2 delayed, one more than 12 months",
      items(...complete(2), ["in_progress", "Nov-22", "Feb-24"], ["in_progress", "Jun-23", "Jan-24"]),
      Status.significantDelay,
      "(2 complete; 2 delayed; 1 more than 12 months)",
    ],
    [
      "CSE review: 6 complete, 1 delayed exactly 12 months",
      items(...complete(6), ["in_progress", "Mar-23", "Mar-24"]),
      Status.partlyDelayed,
      "(6 complete; 1 delayed)",
    ],
    [
      "Safeguarding Peer Review: 1 complete, 2 in progress, 3 commencing January 2024",
      items(
        ["complete", "Dec-23"],
        ["in_progress", "Jun-24"],
        ["in_progress", "Jun-24"],
        ["not_started", "Jun-24"],
        ["not_started", "Jun-24"],
        ["not_started", "Jun-24"],
      ),
      Status.onTrack,
      "(1 complete; 2 in progress; 3 awaiting start)",
    ],
    ["Changing Places: no recommendations", items(), Status.noActionRequired, "(no items)"],
    [
      "Tree review: all complete, even though one slipped on the way",
      items(...complete(6), ["complete", "Jun-23", "Sep-23"]),
      Status.complete,
      "(7 complete)",
    ],
    [
      "every item delayed, completed ones included, is significant under 2024",
      items(["complete", "Mar-23", "Jun-23"], ["in_progress", "Jun-23", "Mar-24"]),
      Status.significantDelay,
      "(1 complete; 1 delayed)",
    ],
    [
      "Quest: one open item overdue with no revised date",
      items(["complete", "Mar-23"], ["in_progress", "Dec-23"], ["in_progress", "Jun-24"]),
      Status.partlyDelayed,
      "(1 complete; 1 in progress; 1 delayed)",
    ],
  ])("%s", (_case, reviewItems, status, breakdownText) => {
    const outcome = rollUpReview({ outcomeKnown: true }, reviewItems, D0_REPORT_DATE);
    expect(outcome.status).toBe(status);
    expect(outcome.breakdownText).toBe(breakdownText);
  });

  it("an unknown outcome needs no action whatever its items", () => {
    expect(
      rollUpReview({ outcomeKnown: false }, items(["in_progress", "Nov-22", "Feb-24"]), D0_REPORT_DATE).status,
    ).toBe(Status.noActionRequired);
  });
});

describe("the 2025 key drops 'every item delayed'", () => {
  const everyItemSlipped = items(["complete", "Mar-23", "Jun-23"], ["in_progress", "Jun-23", "Mar-24"]);
  it.each([
    [StatusKey.y2024, Status.significantDelay],
    [StatusKey.y2025, Status.partlyDelayed],
  ])("key %s gives %s", (key, status) => {
    expect(rollUpReview({ outcomeKnown: true }, everyItemSlipped, D0_REPORT_DATE, key).status).toBe(status);
  });
});
