/**
 * The committee's slippage questions: repeat extensions, extension requests waiting for a decision and the
 * milestones due this month, as people ask them, each read to the question the answer works from.
 */
import { describe, expect, it } from "vitest";
import { parseQuestion, type QuestionContext } from "../../../src/domain/questions/question.js";
import { readExtendedAtLeast } from "../../../src/domain/questions/words/extension-words.js";

const context: QuestionContext = {
  today: "2026-12-01",
  reviewTitles: ["Joint Area SEND Inspection", "Corporate Peer Challenge"],
  bodies: ["Ofsted", "LGA"],
};
const CYPS = "Children and Young People's Services";

describe("which items have been extended more than once?", () => {
  it.each([
    [
      "which items have been extended more than once?",
      { extendedAtLeast: 2, open: true },
      "Open items extended more than once",
    ],
    [
      "Which items have been extended more than once in CYPS?",
      { extendedAtLeast: 2, open: true, directorateId: "CYPS" },
      `Open items extended more than once in ${CYPS}`,
    ],
    ["repeat extensions", { extendedAtLeast: 2, open: true }, "Open items extended more than once"],
    [
      "show repeat extensions in R&E",
      { extendedAtLeast: 2, open: true, directorateId: "RE" },
      "Open items extended more than once in Regeneration and Environment",
    ],
    [
      "which actions have been extended at least twice",
      { extendedAtLeast: 2, open: true },
      "Open items extended more than once",
    ],
    // A target word makes it look like "which target dates have been revised?": the count decides.
    [
      "which target dates have been extended more than once",
      { extendedAtLeast: 2, open: true },
      "Open items extended more than once",
    ],
    [
      "which targets have moved more than twice?",
      { extendedAtLeast: 3, open: true },
      "Open items extended at least 3 times",
    ],
    ["items extended 3 times or more", { extendedAtLeast: 3, open: true }, "Open items extended at least 3 times"],
    [
      "which items in the SEND inspection have had multiple extensions",
      { extendedAtLeast: 2, open: true, reviewTitle: "Joint Area SEND Inspection" },
      "Open items extended more than once in Joint Area SEND Inspection",
    ],
  ])("%s", (text, filter, description) => {
    expect(parseQuestion(text, context)).toEqual({ kind: "items", filter, description });
  });

  it.each([
    // Twelve months is a delay, not a count of extensions.
    ["is anything more than 12 months past its original target?", null],
    ["which target dates have been revised?", null],
    ["extended once", null],
    ["extended more than once", 2],
    ["revised more than 2 times", 3],
    ["moved 4+ times", 4],
  ])("reads %j as at least %j extensions", (text, count) => {
    expect(readExtendedAtLeast(text)).toBe(count);
  });

  it("the revised-targets question is unchanged", () => {
    expect(parseQuestion("which target dates have been revised?", context)).toMatchObject({
      filter: { revised: true },
    });
  });
});

describe("what extensions are waiting for approval?", () => {
  const waiting = "Items with an extension request waiting for approval";
  it.each([
    ["what extensions are waiting for approval?", { extensionWaiting: true }, waiting],
    [
      "What extensions are waiting for approval in CYPS?",
      { extensionWaiting: true, directorateId: "CYPS" },
      `${waiting} in ${CYPS}`,
    ],
    ["pending extensions", { extensionWaiting: true }, waiting],
    ["which extension requests are pending", { extensionWaiting: true }, waiting],
    ["what's awaiting approval?", { extensionWaiting: true }, waiting],
    // The approver's "my" is not an owner's "my actions".
    ["what needs my approval?", { extensionWaiting: true }, waiting],
    ["which revision requests are undecided?", { extensionWaiting: true }, waiting],
  ])("%s", (text, filter, description) => {
    expect(parseQuestion(text, context)).toEqual({ kind: "items", filter, description });
  });

  it("an owner asking about their own requests still gets their own", () => {
    expect(parseQuestion("which of my extensions are pending?", context)).toMatchObject({
      filter: { extensionWaiting: true, mine: true },
    });
  });
});

describe("what milestones are due this month?", () => {
  it.each([
    ["what milestones are due this month?", { kind: "milestones_due" }],
    ["What milestones are due this month in CYPS?", { kind: "milestones_due", directorateId: "CYPS" }],
    ["which milestones fall due in December", { kind: "milestones_due" }],
    ["show milestones", { kind: "milestones_due" }],
    ["mile stones due this month in adult care", { kind: "milestones_due", directorateId: "ACHPH" }],
    ["my milestones", { kind: "milestones_due", mine: true }],
    [
      "which of my milestones are due this month in CYPS?",
      { kind: "milestones_due", directorateId: "CYPS", mine: true },
    ],
    ["milestones assigned to me", { kind: "milestones_due", mine: true }],
  ])("%s", (text, question) => {
    expect(parseQuestion(text, context)).toEqual(question);
  });

  it.each(["milestones due next month", "what milestones are due by March 2027?", "milestones due this year"])(
    "%s: another period is told what can be answered, not answered for the wrong month",
    (text) => {
      const question = parseQuestion(text, context);
      expect(question).toMatchObject({ kind: "unknown", note: "I list the milestones due in the current month." });
      if (question.kind !== "unknown") throw new Error(question.kind);
      expect(question.suggestions[0]).toBe("What milestones are due this month?");
      expect(parseQuestion(question.suggestions[0]!, context)).toEqual({ kind: "milestones_due" });
    },
  );

  it("items due this month are still items", () => {
    expect(parseQuestion("what's due this month?", context)).toMatchObject({
      kind: "items",
      filter: { dueBy: "2026-12-31" },
    });
  });
});
