// The one vocabulary of item kinds: what an item_kind cell or a label names, and how reports word each kind.
import { describe, expect, it } from "vitest";
import {
  ITEM_KIND_NOUNS,
  ITEM_KINDS,
  itemKindNouns,
  kindFromRef,
  readItemKind,
} from "../../../src/domain/register/item-kinds.js";
import { describeItemFilter } from "../../../src/domain/questions/question.js";

describe("reading an item_kind cell", () => {
  it.each([
    ["area_for_improvement", "area_for_improvement"],
    ["Area for improvement", "area_for_improvement"],
    ["  AREAS FOR IMPROVEMENT ", "area_for_improvement"],
    ["follow-up recommendation", "follow_up_recommendation"],
    ["Follow up recommendations", "follow_up_recommendation"],
    ["key improvement recommendation", "key_improvement_recommendation"],
    ["improvements/comments", "comment"],
    ["Improvement action", "action"],
    ["action", "action"],
    ["Theme", "theme"],
    ["Milestone", "milestone"],
  ])("%j is %s", (cell, kind) => {
    expect(readItemKind(cell)).toBe(kind);
  });

  it.each(["widget", "key_recommendation", "recommendation please", ""])("%j names no kind", (cell) => {
    expect(readItemKind(cell)).toBeNull();
  });
});

describe("the kind a label implies", () => {
  it.each([
    ["Area for improvement 3", "area_for_improvement"],
    ["AFI 2", "area_for_improvement"],
    ["THEME 1", "theme"],
    ["REC KR1", "key_improvement_recommendation"],
    ["Rec IR5", "improvement_recommendation"],
    ["Suggestion 14", "suggestion"],
    ["Consideration 2", "consideration"],
    ["Requirement 1", "requirement"],
    ["Comment 7", "comment"],
    ["Action 3", "action"],
    ["Financial sustainability Rec 1", "recommendation"],
    ["Recommendation 2", "recommendation"],
  ])("%j is %s", (ref, kind) => {
    expect(kindFromRef(ref)).toBe(kind);
  });
});

describe("the nouns each kind is worded by", () => {
  it("gives every kind its own singular and plural", () => {
    const singulars = ITEM_KINDS.map((k) => ITEM_KIND_NOUNS[k].singular);
    const plurals = ITEM_KINDS.map((k) => ITEM_KIND_NOUNS[k].plural);
    expect(new Set(singulars).size).toBe(ITEM_KINDS.length);
    expect(new Set(plurals).size).toBe(ITEM_KINDS.length);
    for (const kind of ITEM_KINDS) expect(readItemKind(ITEM_KIND_NOUNS[kind].plural)).toBe(kind);
  });

  it("words a kind stored before kinds were checked as it was written", () => {
    expect(itemKindNouns("follow_up_recommendation")).toEqual({
      singular: "follow-up recommendation",
      plural: "follow-up recommendations",
    });
    expect(itemKindNouns("peer_observation")).toEqual({ singular: "peer observation", plural: "peer observations" });
  });

  it("names the kinds a question asks about with the same nouns as the report", () => {
    expect(describeItemFilter({ itemKinds: ["key_improvement_recommendation", "area_for_improvement"] })).toBe(
      "Key improvement recommendations and areas for improvement",
    );
  });
});
