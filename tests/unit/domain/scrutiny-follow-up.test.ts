/**
 * A scrutiny recommendation's follow-up report against the rule that a milestone comes on or before its
 * item's target: exempt in the import's check and in the live checks (a milestone's new target, an item's
 * target moved earlier), while every other milestone is still held to it, an inspection's with the same ref too.
 */
import { describe, expect, it } from "vitest";
import { parseDateText } from "../../../src/domain/dates/date-text.js";
import {
  checkMilestoneRows,
  itemTargetCoversMilestones,
  milestoneTargetWithinItem,
} from "../../../src/domain/register/milestones.js";
import { followUpRef, isScrutinyFollowUp } from "../../../src/domain/scrutiny/follow-up-milestone.js";

const day = (text: string) => parseDateText(text);
const ITEM = { ref: "Rec 1", effectiveTarget: day("Dec-20") };

describe("the scrutiny follow-up milestone", () => {
  it("is named after its recommendation and recognised only in a scrutiny review", () => {
    expect(followUpRef("Recommendation 2")).toBe("Recommendation 2 follow-up report");
    expect(isScrutinyFollowUp("scrutiny", "rec 1 FOLLOW-UP report", "Rec 1")).toBe(true);
    expect(isScrutinyFollowUp("inspection", "Rec 1 follow-up report", "Rec 1")).toBe(false);
    expect(isScrutinyFollowUp("scrutiny", "Rec 1 milestone 1", "Rec 1")).toBe(false);
    expect(isScrutinyFollowUp("scrutiny", "Rec 2 follow-up report", "Rec 1")).toBe(false);
  });

  it("may fall after its item's target in an import; any other milestone may not", () => {
    const rows = (source: string) => [
      {
        line: 2,
        reviewTitle: "Review",
        ref: "Rec 1",
        kind: "recommendation",
        parentRef: null,
        effectiveTarget: day("Dec-20"),
        source,
      },
      {
        line: 3,
        reviewTitle: "Review",
        ref: "Rec 1 follow-up report",
        kind: "milestone",
        parentRef: "Rec 1",
        effectiveTarget: day("2021-12-31"),
        source,
      },
      {
        line: 4,
        reviewTitle: "Review",
        ref: "Rec 1 milestone 1",
        kind: "milestone",
        parentRef: "Rec 1",
        effectiveTarget: day("2021-01-31"),
        source,
      },
    ];
    expect(checkMilestoneRows(rows("scrutiny")).map((e) => e.line)).toEqual([4]);
    expect(checkMilestoneRows(rows("inspection")).map((e) => e.line)).toEqual([3, 4]);
  });

  it("may be moved later than its item's target on its card; another milestone is refused", () => {
    expect(milestoneTargetWithinItem("Rec 1 follow-up report", day("2022-03-31"), ITEM, "scrutiny").ok).toBe(true);
    const other = milestoneTargetWithinItem("Rec 1 milestone 1", day("2022-03-31"), ITEM, "scrutiny");
    expect(other).toEqual({
      ok: false,
      reason: expect.stringContaining("a milestone comes on or before its item's target"),
    });
    expect(milestoneTargetWithinItem("Rec 1 follow-up report", day("2022-03-31"), ITEM, "inspection").ok).toBe(false);
  });

  it("does not stop its item's target moving earlier; another milestone after the new target still does", () => {
    const followUp = { ref: "Rec 1 follow-up report", effectiveTarget: day("2021-12-31") };
    const step = { ref: "Rec 1 milestone 1", effectiveTarget: day("2020-11-30") };
    const scrutiny = { ref: "Rec 1", source: "scrutiny" };
    expect(itemTargetCoversMilestones(day("Jun-20"), [followUp], scrutiny).ok).toBe(true);
    const refused = itemTargetCoversMilestones(day("Jun-20"), [followUp, step], scrutiny);
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.reason).toContain('Milestone "Rec 1 milestone 1"');
    expect(!refused.ok && refused.reason).not.toContain("follow-up report");
    expect(itemTargetCoversMilestones(day("Jun-20"), [followUp], { ref: "Rec 1", source: "inspection" }).ok).toBe(
      false,
    );
  });
});
