/** Tolerant matching: small misspellings of the parser's own words still match; courtesies get a courtesy. */
import { describe, expect, it } from "vitest";
import { parseQuestion, QuestionKind, type QuestionContext } from "../../../src/domain/questions/question.js";
import { correctWord } from "../../../src/domain/questions/words/spelling.js";

const context: QuestionContext = {
  today: "2025-05-15",
  reviewTitles: [
    "Ofsted Focused Visit",
    "Pegasus House Children's Residential Home",
    "2023/24 VFM arrangements (Grant Thornton)",
    "Adult Social Care Peer Review (led by the Local Government Association)",
    "Relayed Messages Review",
  ],
  bodies: ["Ofsted", "Grant Thornton", "LGA"],
};

describe("misspelt questions mean what the spelt ones do", () => {
  it.each([
    ["whats dleayed", "what's delayed?"],
    ["what's delayd in CYPS?", "what's delayed in CYPS?"],
    ["what is overdeu?", "what is overdue?"],
    ["my actoins", "my actions"],
    ["list my opne actions", "list my open actions"],
    ["whats delyaed in chidlren's services", "what's delayed in children's services"],
    ["anything overdue in adutl care?", "anything overdue in adult care?"],
    ["what's delayed in Finanse?", "what's delayed in Finance?"],
    ["which targets have been revsied?", "which targets have been revised?"],
    ["is anything signficantly delayed?", "is anything significantly delayed?"],
    ["which items have been extnded more than once?", "which items have been extended more than once?"],
    ["what extentions are waiting for aproval?", "what extensions are waiting for approval?"],
  ])("%j parses as %j", (misspelt, spelt) => {
    const expected = parseQuestion(spelt, context);
    expect(expected.kind).toBe(QuestionKind.items);
    expect(parseQuestion(misspelt, context)).toEqual(expected);
  });

  it("a misspelt milestone question is the milestone question", () => {
    expect(parseQuestion("what milestons are due this month?", context)).toEqual({
      kind: QuestionKind.milestonesDue,
    });
  });
});

describe("corrections come only from the parser's vocabulary, with one clear answer", () => {
  it.each([
    ["dleayed", "delayed"],
    ["delayd", "delayed"],
    ["overdeu", "overdue"],
    ["actoins", "actions"],
    ["chidlren", "children"],
    ["recomendations", "recommendations"],
    ["extentions", "extensions"],
    ["milestons", "milestones"],
    ["aproval", "approval"],
  ])("%j -> %j", (word, expected) => {
    expect(correctWord(word, new Set())).toBe(expected);
  });

  it.each([
    ["delays", "already a word the parser knows"],
    ["later", "a real word near 'late'"],
    ["relayed", "a real word near 'delayed'"],
    ["extensive", "a real word near 'extension'"],
    ["expended", "a real word near 'extended'"],
    ["pegasus", "not near any vocabulary word"],
    ["cyps", "too short to correct by distance"],
    ["xyzzyplugh", "arbitrary"],
  ])("%j is left alone (%s)", (word) => {
    expect(correctWord(word, new Set())).toBeNull();
  });

  it("a word from a review title is never corrected", () => {
    expect(correctWord("relayd", new Set(["relayd"]))).toBeNull();
    const question = parseQuestion("show progress on Relayed Messages Review", context);
    expect(question).toMatchObject({ kind: QuestionKind.items, filter: { reviewTitle: "Relayed Messages Review" } });
  });
});

describe("courtesies", () => {
  it.each([
    "thanks",
    "Thanks!",
    "thank you",
    "thank you very much",
    "ok",
    "OK.",
    "okay thanks",
    "cheers",
    "ta",
    "great, thanks",
    "brilliant",
  ])("%j gets a courtesy, not the help card", (text) => {
    expect(parseQuestion(text, context)).toEqual({ kind: QuestionKind.courtesy });
  });

  it("a question with thanks on the end is still the question", () => {
    expect(parseQuestion("what's delayed? thanks", context)).toEqual(parseQuestion("what's delayed?", context));
  });

  it("draft the period summary is the summary", () => {
    expect(parseQuestion("draft the period summary", context)).toEqual({ kind: QuestionKind.summary });
  });
});
