/**
 * The compose box's search rule, on a small register: every word typed must begin a word of the item's
 * reference, review title, body, directorate or owner's email; the reference typed exactly comes first;
 * an empty search is the searcher's own open items; a confidential item (or one of a confidential review)
 * never matches; and over-long or control-character text is refused with what to fix.
 */
import { describe, expect, it } from "vitest";
import { parseDateText } from "../../../src/domain/dates/date-text.js";
import type { RegisterItem, RegisterReview } from "../../../src/domain/register/register.js";
import { readSearchText, searchItems, SearchLimit } from "../../../src/domain/search/search-items.js";
import { Progress } from "../../../src/domain/status/status.js";

function item(id: number, ref: string, changes: Partial<RegisterItem> = {}): RegisterItem {
  return {
    id,
    ref,
    kind: "recommendation",
    text: `Text of ${ref}`,
    parentRef: null,
    counted: true,
    responsibleUnit: null,
    ownerEmail: "sam.owner@example.org",
    delegateEmail: null,
    originalTarget: parseDateText("Mar-24"),
    revisedTarget: parseDateText(null),
    revisionReason: null,
    progress: Progress.inProgress,
    recordedStatus: null,
    latestUpdate: null,
    completedOn: null,
    confidential: false,
    version: 1,
    verification: "none",
    ...changes,
  };
}

function review(
  id: number,
  title: string,
  items: RegisterItem[],
  changes: Partial<RegisterReview> = {},
): RegisterReview {
  return {
    id,
    title,
    body: "Ofsted",
    reviewType: "inspection",
    reviewDate: parseDateText("Jan-23"),
    findingsReceived: parseDateText("Feb-23"),
    outcome: null,
    outcomeKnown: true,
    narrative: null,
    purpose: null,
    directorateId: "CYPS",
    confidential: false,
    items,
    ...changes,
  };
}

const REGISTER = [
  review(1, "Front Door focused visit", [
    item(1, "Rec 1"),
    item(2, "Rec IR4", { ownerEmail: "lee.lead@example.org" }),
    item(3, "Rec 14", { progress: Progress.complete }),
    item(4, "Rec 5", { confidential: true, ownerEmail: "lee.lead@example.org" }),
  ]),
  review(2, "Safeguarding Peer Review", [item(5, "Recommendation 1", { delegateEmail: "lee.lead@example.org" })], {
    body: "LGA",
    directorateId: "ACHPH",
  }),
  review(3, "Oakfield Grange Children's Residential Home", [item(6, "Rec 1", { ownerEmail: "lee.lead@example.org" })], {
    confidential: true,
  }),
];

const ids = (words: string[], email: string | null = null) => searchItems(REGISTER, words, email).map((m) => m.item.id);
const wordsOf = (text: string) => {
  const read = readSearchText(text);
  if (!read.ok) throw new Error(read.reason);
  return read.words;
};

describe("searchItems", () => {
  it.each([
    ["Rec IR4", [2]],
    ["ir4", [2]],
    ["front door", [1, 2, 3]],
    ["rec 1", [1, 3, 5]], // "Rec 1" exactly first, then "Rec 14" and "Recommendation 1" by the words of their reference
    ["ACHPH", [5]],
    ["adult care", [5]], // the directorate's name
    ["LGA", [5]],
    ["lee.lead@example.org", [2]], // owner only: a delegate is not the owner
    ["sam", [1, 3, 5]],
    ["oakfield", []],
    ["rec 5", []],
    ["front nothing", []],
  ])("%s finds %j", (text, expected) => {
    expect(ids(wordsOf(text))).toEqual(expected);
  });

  it("with no words, lists the searcher's own open items, as owner or delegate, never a confidential one", () => {
    expect(ids([], "Lee.Lead@example.org")).toEqual([2, 5]);
    expect(ids([], "sam.owner@example.org")).toEqual([1, 5]); // Rec 14 is complete
    expect(ids([], null)).toEqual([]);
  });
});

describe("readSearchText", () => {
  it("reads words at the limit, and refuses longer text or a control character, saying what to fix", () => {
    expect(readSearchText("x".repeat(SearchLimit.text))).toEqual({ ok: true, words: ["x".repeat(SearchLimit.text)] });
    expect(readSearchText("x".repeat(SearchLimit.text + 1))).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^Your search is 201 characters long; search with at most 200/) as unknown,
    });
    expect(readSearchText("Rec\u0000 1")).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^Your search has a control character/) as unknown,
    });
    expect(readSearchText("  ")).toEqual({ ok: true, words: [] });
    expect(readSearchText("?!")).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^Your search has no letters or digits to look for/) as unknown,
    });
  });
});
