/**
 * Milestones in tables, with the papers' own example (EHCP compliance 50% by Dec 2025, 60% by Sep 2026): each
 * milestone's status by the council's key, which are due this month (London months, across the clock changes),
 * how the item's own status relates to them, and the import rules for `item_kind` milestone rows.
 */
import { describe, expect, it } from "vitest";
import { parseDateText } from "../../../src/domain/dates/date-text.js";
import {
  checkMilestoneRows,
  countsAsItem,
  describeMilestone,
  isMilestoneKind,
  itemTargetCoversMilestones,
  milestoneTargetWithinItem,
  milestonesDueThisMonth,
  milestoneStatus,
  relateItemToMilestones,
  type Milestone,
  type MilestoneRow,
} from "../../../src/domain/register/milestones.js";
import { computeItemStatus, Progress, type ItemDates } from "../../../src/domain/status/status.js";

const at = (iso: string) => new Date(iso);
const date = (text: string) => parseDateText(text);

function milestone(
  ref: string,
  text: string,
  target: string,
  progress: Progress = Progress.inProgress,
  revised = "",
): Milestone {
  return { ref, text, originalTarget: date(target), revisedTarget: date(revised), progress };
}

const fifty = milestone("M1", "EHCP compliance 50%", "Dec-25");
const sixty = milestone("M2", "EHCP compliance 60%", "Sep-26");

describe("a milestone's status, by the same key as an item's", () => {
  it.each([
    ["before its target", fifty, "2025-11-15", "on_track"],
    ["open a week after its target", fifty, "2026-01-07", "partly_delayed"],
    ["met", { ...fifty, progress: Progress.complete }, "2026-01-07", "complete"],
    ["not started, within its target", { ...fifty, progress: Progress.notStarted }, "2025-11-15", "not_started"],
    [
      "moved exactly 12 months (Dec 2025 to Dec 2026): not more than twelve",
      milestone("M1", "50%", "Dec-25", Progress.inProgress, "Dec-26"),
      "2025-11-15",
      "partly_delayed",
    ],
    [
      "moved 13 months",
      milestone("M1", "50%", "Dec-25", Progress.inProgress, "Jan-27"),
      "2025-11-15",
      "significant_delay",
    ],
    ["TBC: never delayed", milestone("M1", "50%", "TBC"), "2027-01-01", "on_track"],
    ["no action required", { ...fifty, progress: Progress.noActionRequired }, "2026-01-07", "no_action_required"],
  ])("%s", (_case, subject, today, status) => {
    expect(milestoneStatus(subject, today).status.status).toBe(status);
  });

  it("reads as the papers write it", () => {
    expect(describeMilestone(fifty)).toBe("EHCP compliance 50% by 31 Dec 2025");
    expect(describeMilestone(milestone("M1", "EHCP compliance 50%", "Dec-25", Progress.inProgress, "Mar-26"))).toBe(
      "EHCP compliance 50% by 31 Mar 2026",
    );
  });
});

describe("which milestones are due this month", () => {
  const milestones = [
    sixty,
    milestone("M3", "Audit of plans", "2025-12-01", Progress.complete),
    fifty,
    milestone("M4", "Training done", "Nov-25", Progress.inProgress, "Dec-25"),
    milestone("M5", "Panel set up", "Dec-25", Progress.inProgress, "Mar-26"),
    milestone("M6", "Policy agreed", "TBC"),
    milestone("M7", "Recruitment", "2025-11-30"),
    milestone("M8", "Pilot", "2026-01-01"),
  ];
  it.each([
    ["mid-December", "2025-12-10T10:00:00Z", ["M3", "M1", "M4"]],
    ["23:30 on New Year's Eve (winter time: still December)", "2025-12-31T23:30:00Z", ["M3", "M1", "M4"]],
    ["00:00 on New Year's Day", "2026-01-01T00:00:00Z", ["M8"]],
    ["23:30Z on 30 Nov is still November in winter time", "2025-11-30T23:30:00Z", ["M7"]],
    ["23:30Z on 31 Aug is 1 Sep in summer time", "2026-08-31T23:30:00Z", ["M2"]],
    ["22:59Z on 31 Aug is still August in summer time", "2026-08-31T22:59:00Z", []],
  ])("%s: %j", (_case, now, refs) => {
    expect(milestonesDueThisMonth(milestones, at(now)).map((m) => m.milestone.ref)).toEqual(refs);
  });

  it("gives each its status, so a met milestone shows as complete", () => {
    const due = milestonesDueThisMonth(milestones, at("2025-12-10T10:00:00Z"));
    expect(due.map((m) => [m.milestone.ref, m.effectiveTarget, m.status.status])).toEqual([
      ["M3", "2025-12-01", "complete"],
      ["M1", "2025-12-31", "on_track"],
      ["M4", "2025-12-31", "partly_delayed"],
    ]);
  });
});

describe("how the item's own status relates to its milestones", () => {
  const item: ItemDates = { progress: Progress.inProgress, originalTarget: "2026-09-30", revisedTarget: null };
  const now = at("2026-01-07T10:00:00Z");

  it("the item's status comes from its own targets; a milestone that slipped is named beside it", () => {
    const related = relateItemToMilestones(item, [sixty, fifty], now);
    expect(related.status).toEqual(computeItemStatus(item, "2026-01-07"));
    expect(related.status.status).toBe("on_track");
    expect(related.milestones.map((m) => m.milestone.ref)).toEqual(["M1", "M2"]);
    expect(related.behind.map((m) => m.milestone.ref)).toEqual(["M1"]);
    expect(related.note).toBe(
      "In progress and on track by its own target, but a milestone is behind: EHCP compliance 50% by 31 Dec 2025 (In progress and partly delayed)",
    );
  });

  it.each([
    ["every milestone on time", [sixty], item, null],
    ["the slipped milestone was met late", [{ ...fifty, progress: Progress.complete }, sixty], item, null],
    ["no milestones", [], item, null],
    ["the item is itself delayed: its status says so", [fifty], { ...item, revisedTarget: "2026-12-31" }, null],
    ["the item is complete", [fifty], { ...item, progress: Progress.complete }, null],
    [
      "two milestones behind",
      [fifty, milestone("M0", "Plan agreed", "Oct-25", Progress.inProgress, "Nov-25")],
      item,
      "In progress and on track by its own target, but 2 milestones are behind: Plan agreed by 30 Nov 2025 (In progress and partly delayed); EHCP compliance 50% by 31 Dec 2025 (In progress and partly delayed)",
    ],
  ])("%s: note %j", (_case, milestones, subject, note) => {
    expect(relateItemToMilestones(subject, milestones, now).note).toBe(note);
  });
});

describe("importing milestones: parent_ref and item_kind milestone", () => {
  const row = (
    line: number,
    ref: string,
    kind: string,
    parentRef: string | null,
    target: string,
    reviewTitle = "SEND inspection (Ofsted/CQC)",
  ): MilestoneRow => ({ line, reviewTitle, ref, kind, parentRef, effectiveTarget: date(target) });

  it("accepts the papers' example and never counts milestones as items", () => {
    const rows = [
      row(2, "Rec 1", "recommendation", null, "Sep-26"),
      row(3, "Rec 1 M1", "milestone", "Rec 1", "Dec-25"),
      row(4, "Rec 1 M2", "Milestone", "rec 1", "Sep-26"),
    ];
    expect(checkMilestoneRows(rows)).toEqual([]);
    expect(rows.map((r) => countsAsItem(r.kind))).toEqual([true, false, false]);
    expect(["milestone", " MILESTONE ", "action", null].map(isMilestoneKind)).toEqual([true, true, false, false]);
  });

  it.each([
    [
      [row(3, "M1", "milestone", null, "Dec-25")],
      'milestone "M1" of "SEND inspection (Ofsted/CQC)" has no parent_ref: give the item_ref of the item it is a step towards',
    ],
    [
      [row(3, "M1", "milestone", "  ", "Dec-25")],
      'milestone "M1" of "SEND inspection (Ofsted/CQC)" has no parent_ref: give the item_ref of the item it is a step towards',
    ],
    [
      [row(2, "Rec 1", "recommendation", null, "Sep-26"), row(3, "M1", "milestone", "Rec 1", "TBC")],
      'milestone "M1" of "SEND inspection (Ofsted/CQC)" has no target date ("TBC"): a milestone needs one, e.g. Dec-25',
    ],
    [
      [row(2, "Rec 1", "recommendation", null, "Sep-26"), row(3, "M1", "milestone", "Rec 1", "")],
      'milestone "M1" of "SEND inspection (Ofsted/CQC)" has no target date (""): a milestone needs one, e.g. Dec-25',
    ],
    [
      [
        row(2, "Rec 1", "recommendation", null, "Sep-26"),
        row(3, "M1", "milestone", "Rec 1", "Dec-25"),
        row(4, "M1a", "milestone", "M1", "Nov-25"),
      ],
      'milestone "M1a" of "SEND inspection (Ofsted/CQC)" belongs to "M1", which is itself a milestone: give the item_ref of the item',
    ],
    [
      [row(2, "Rec 1", "recommendation", null, "Sep-26"), row(3, "M2", "milestone", "Rec 1", "Oct-26")],
      'milestone "M2" of "SEND inspection (Ofsted/CQC)" is due 31 Oct 2026, after its item "Rec 1" (30 Sep 2026): a milestone comes on or before its item\'s target',
    ],
  ])("case %#: %s", (rows, message) => {
    const errors = checkMilestoneRows(rows);
    expect(errors.map((e) => e.message)).toEqual([message]);
    expect(errors[0]!.line).toBe(rows[rows.length - 1]!.line);
  });

  it("matches a parent within the same review only, and leaves a missing parent to the import's own check", () => {
    const rows = [
      row(2, "Rec 1", "recommendation", null, "Mar-26", "Another review"),
      row(3, "M1", "milestone", "Rec 1", "Sep-26"),
    ];
    expect(checkMilestoneRows(rows)).toEqual([]);
    const tbcParent = [row(2, "Rec 1", "recommendation", null, "TBC"), row(3, "M1", "milestone", "Rec 1", "Sep-26")];
    expect(checkMilestoneRows(tbcParent)).toEqual([]);
  });
});

describe("a new target keeps milestones within their item, as the import does", () => {
  const item = { ref: "Rec 3", effectiveTarget: parseDateText("Sep-26") };
  it.each([
    ["before the item's target", "Jun-26", true],
    ["on the item's target", "30 September 2026", true],
    ["a day after", "1 October 2026", false],
  ])("a milestone's target %s", (_name, target, fits) => {
    expect(milestoneTargetWithinItem("M1", parseDateText(target), item).ok).toBe(fits);
  });

  it("a milestone's refusal gives both dates and what to do", () => {
    expect(milestoneTargetWithinItem("M1", parseDateText("Dec-26"), item)).toEqual({
      ok: false,
      reason:
        'Milestone "M1" would be due 31 Dec 2026, after its item "Rec 3" (30 Sep 2026): a milestone comes on or before its item\'s target. Give a date on or before 30 Sep 2026, or extend the item\'s target first.',
    });
  });

  it("a TBC item bounds nothing, and a TBC milestone is never after", () => {
    expect(
      milestoneTargetWithinItem("M1", parseDateText("Dec-30"), { ref: "Rec 3", effectiveTarget: parseDateText("TBC") })
        .ok,
    ).toBe(true);
    expect(
      itemTargetCoversMilestones(parseDateText("Jun-26"), [{ ref: "M1", effectiveTarget: parseDateText("TBC") }]).ok,
    ).toBe(true);
  });

  it("an item's earlier target names every milestone it would leave after it, and the latest date that would do", () => {
    const milestones = [
      { ref: "M1", effectiveTarget: parseDateText("Mar-26") },
      { ref: "M2", effectiveTarget: parseDateText("Sep-26") },
      { ref: "M3", effectiveTarget: parseDateText("Aug-26") },
    ];
    expect(itemTargetCoversMilestones(parseDateText("Sep-26"), milestones).ok).toBe(true);
    expect(itemTargetCoversMilestones(parseDateText("Jun-26"), milestones)).toEqual({
      ok: false,
      reason:
        'Milestones "M2" (30 Sep 2026) and "M3" (31 Aug 2026) would be after the item\'s target 30 Jun 2026: a milestone comes on or before its item\'s target. Move those milestones earlier first, or give the item a date on or after 30 Sep 2026.',
    });
  });
});
