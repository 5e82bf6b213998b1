import { describe, expect, it } from "vitest";
import {
  computeItemStatus,
  compareRecordedStatus,
  parseRecordedStatus,
  splitStatusCell,
  Progress,
  Status,
  type ItemDates,
} from "../../../src/domain/status/status.js";
import { parseDateText } from "../../../src/domain/dates/date-text.js";

function item(progress: ItemDates["progress"], original: string, revised = ""): ItemDates {
  return { progress, originalTarget: parseDateText(original).end, revisedTarget: parseDateText(revised).end };
}

describe("item status by the council's key", () => {
  it.each([
    // case, item, today, status
    [
      "D0 ILACS: Nov 2022 -> Feb 2024 is 15 months late",
      item("in_progress", "Nov-22", "Feb-24"),
      "2024-01-09",
      Status.significantDelay,
    ],
    [
      "D0 CSE review: Mar 2023 -> Mar 2024 is exactly 12 months",
      item("in_progress", "Mar-23", "Mar-24"),
      "2024-01-09",
      Status.partlyDelayed,
    ],
    [
      "D0 ILACS care leavers: Jun 2023 -> Jan 2024",
      item("in_progress", "Jun-23", "Jan-24"),
      "2024-01-09",
      Status.partlyDelayed,
    ],
    [
      "D1 VFM: Mar 2025 -> Sep 2025 (D1 said on track)",
      item("in_progress", "March 2025", "September 2025"),
      "2025-05-15",
      Status.partlyDelayed,
    ],
    ["on track before the original target", item("in_progress", "Dec-25"), "2025-05-15", Status.onTrack],
    ["awaiting start before the original target", item("not_started", "March 2026"), "2025-05-15", Status.notStarted],
    ["awaiting start but overdue is delayed", item("not_started", "March 2025"), "2025-05-15", Status.partlyDelayed],
    ["due today is not overdue", item("in_progress", "2025-05-15"), "2025-05-15", Status.onTrack],
    ["one day overdue", item("in_progress", "2025-05-15"), "2025-05-16", Status.partlyDelayed],
    ["overdue exactly 12 months is partly delayed", item("in_progress", "Mar-24"), "2025-03-31", Status.partlyDelayed],
    [
      "overdue 12 months and a day is significant",
      item("in_progress", "Mar-24"),
      "2025-04-01",
      Status.significantDelay,
    ],
    [
      "revised then overdue counts from today",
      item("in_progress", "Jan-24", "Jun-24"),
      "2025-02-01",
      Status.significantDelay,
    ],
    [
      "revised earlier than the original is on track",
      item("in_progress", "Dec-25", "Sep-25"),
      "2025-05-15",
      Status.onTrack,
    ],
    ["TBC is never delayed", item("in_progress", "TBC"), "2030-01-01", Status.onTrack],
    ["n/a revised keeps the original", item("in_progress", "March 2026", "n/a"), "2025-05-15", Status.onTrack],
    ["complete wins over dates", item("complete", "Nov-22", "Feb-24"), "2025-01-09", Status.complete],
    ["no action required", item("no_action_required", "Nov-22"), "2025-01-09", Status.noActionRequired],
    [
      "end of February in a leap year + 12",
      item("in_progress", "2023-02-28", "2024-02-29"),
      "2024-01-01",
      Status.partlyDelayed,
    ],
  ])("%s", (_case, dates, today, status) => {
    expect(computeItemStatus(dates, today).status).toBe(status);
  });

  it("explains the delay in words", () => {
    expect(computeItemStatus(item("in_progress", "March 2025", "September 2025"), "2025-05-15").reason).toBe(
      "revised target 30 Sep 2025 is 6 months after the original 31 Mar 2025 (not more than 12 months)",
    );
    expect(computeItemStatus(item("in_progress", "Nov-22", "Feb-24"), "2024-01-09").reason).toBe(
      "revised target 29 Feb 2024 is 15 months after the original 30 Nov 2022 (more than 12 months)",
    );
    expect(computeItemStatus(item("in_progress", "TBC"), "2025-05-15").reason).toMatch(/TBC/);
  });
});

describe("recorded statuses as the papers write them", () => {
  it.each([
    ["Complete", Status.complete],
    ["Complete.", Status.complete],
    ["In Progress and On Track", Status.onTrack],
    ["In progress and partly delayed", Status.partlyDelayed],
    ["slightly delayed", Status.partlyDelayed],
    ["Significant delay", Status.significantDelay],
    ["Awaiting start", Status.notStarted],
    ["not yet scheduled to start", Status.notStarted],
    ["no further action", Status.noActionRequired],
    ["removed", Status.noActionRequired],
    ["outcome unknown", Status.noActionRequired],
    ["", null],
  ])("%j", (text, status) => {
    expect(parseRecordedStatus(text)).toBe(status);
  });

  it("splits D1's combined status and narrative cell", () => {
    expect(
      splitStatusCell(
        "In progress and partly delayed The remaining action to implement a revised Plan template has been delayed",
      ),
    ).toEqual({
      label: "In progress and partly delayed",
      status: Status.partlyDelayed,
      rest: "The remaining action to implement a revised Plan template has been delayed",
    });
    expect(splitStatusCell("Complete.")).toMatchObject({ label: "Complete", status: Status.complete, rest: "" });
    expect(splitStatusCell("Something else")).toMatchObject({ label: null, status: null });
  });

  it("keeps both when the recorded status disagrees with the key, and says which rule", () => {
    const computed = computeItemStatus(item(Progress.inProgress, "March 2025", "September 2025"), "2025-05-15");
    const disagreement = compareRecordedStatus("In progress and on track", computed);
    expect(disagreement).toMatchObject({ recorded: Status.onTrack, computed: Status.partlyDelayed });
    expect(disagreement?.explanation).toContain("6 months after the original 31 Mar 2025");
    expect(compareRecordedStatus("In progress and partly delayed", computed)).toBeNull();
  });
});
