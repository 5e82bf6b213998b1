/**
 * Questions about decisions waiting for someone, as people ask them, each read to the filter the answer works
 * from; and the "approve/decline the extension for …" command's wording.
 */
import { describe, expect, it } from "vitest";
import { parseQuestion, type QuestionContext } from "../../../src/domain/questions/question.js";
import { DECIDE_EXTENSION_COMMAND } from "../../../src/domain/questions/words/decision-words.js";
import { answerCacheKey, answersPrivately, isViewerSpecific } from "../../../src/domain/questions/answer-audience.js";
import { ConversationScope, type VisibilityViewer } from "../../../src/domain/visibility.js";

const context: QuestionContext = {
  today: "2026-12-01",
  reviewTitles: ["Joint Area SEND Inspection", "Safeguarding Peer Review"],
  bodies: ["Ofsted", "LGA"],
};

function filterOf(text: string) {
  const question = parseQuestion(text, context);
  if (question.kind !== "items") throw new Error(`"${text}" was read as ${question.kind}`);
  return question;
}

describe("decisions waiting for the asker", () => {
  it.each([
    "what's waiting for me to decide?",
    "What is waiting for my decision?",
    "what's waiting for my approval?",
    "anything for me to approve?",
    "do I need to decide anything?",
  ])("%s", (text) => {
    const { filter, description } = filterOf(text);
    expect(filter).toMatchObject({ waitingForAsker: true });
    // About the asker's decisions, not their own items.
    expect(filter.mine).toBeUndefined();
    expect(description).toContain("waiting for your decision");
  });
});

describe("completions waiting to be verified", () => {
  it.each([
    ["what completions are waiting to be verified?", {}],
    ["which completions need verifying?", {}],
    ["what is awaiting verification?", {}],
    ["completions waiting to be verified in CYPS", { directorateId: "CYPS" }],
    ["what needs verifying?", {}],
  ])("%s", (text, also) => {
    const { filter, description } = filterOf(text);
    expect(filter).toMatchObject({ completionWaiting: true, ...also });
    expect(description).toContain("with a completion waiting to be verified");
  });

  it("is not read into other questions", () => {
    expect(filterOf("what's delayed?").filter.completionWaiting).toBeUndefined();
    expect(filterOf("what extensions are waiting for approval?").filter).toMatchObject({ extensionWaiting: true });
    expect(filterOf("what extensions are waiting for approval?").filter.completionWaiting).toBeUndefined();
    expect(filterOf("my actions").filter.waitingForAsker).toBeUndefined();
  });
});

describe("approve or decline the extension for an item", () => {
  it.each([
    [
      "approve the extension for Recommendation 3 of Safeguarding Peer Review",
      "approve",
      "Recommendation 3 of Safeguarding Peer Review",
    ],
    ["Decline the extension request for Rec IR4 of 2023/24 VFM.", "Decline", "Rec IR4 of 2023/24 VFM"],
    ["approve extension for Area for improvement 2 in SEND", "approve", "Area for improvement 2 in SEND"],
  ])("%s", (text, verb, ref) => {
    const match = DECIDE_EXTENSION_COMMAND.exec(text);
    expect(match?.[1]).toBe(verb);
    expect(match?.[2]).toBe(ref);
  });

  it("leaves questions about approval to the question reader", () => {
    expect(DECIDE_EXTENSION_COMMAND.test("what extensions are waiting for approval?")).toBe(false);
    expect(DECIDE_EXTENSION_COMMAND.test("approve")).toBe(false);
  });
});

describe("answers that carry decisions are the asker's own", () => {
  const personal = (email: string, roles: Partial<VisibilityViewer> = {}): VisibilityViewer => ({
    scope: ConversationScope.personal,
    email,
    ...roles,
  });
  const keyOf = (text: string, viewer: VisibilityViewer) =>
    answerCacheKey(parseQuestion(text, context), viewer, { day: "2026-12-01", offset: 0, text });

  it('"what\'s waiting for me to decide?" depends on who asks, and asked in a channel goes to their personal chat', () => {
    const question = parseQuestion("what's waiting for me to decide?", context);
    expect(isViewerSpecific(question)).toBe(true);
    expect(answersPrivately(question, { scope: ConversationScope.channel, email: "a@example.org" })).toBe(true);
  });

  it("a list with decision buttons is kept per decider and per role, and shared by everyone else", () => {
    const asked = "what extensions are waiting for approval?";
    const team = { isImprovementTeam: true };
    expect(keyOf(asked, personal("a@example.org", team))).not.toBe(keyOf(asked, personal("b@example.org", team)));
    expect(keyOf(asked, personal("a@example.org", { leads: ["CYPS"] }))).not.toBe(
      keyOf(asked, personal("a@example.org", { leads: ["CYPS", "ACHPH"] })),
    );
    expect(keyOf(asked, personal("a@example.org"))).toBe(keyOf(asked, personal("b@example.org")));
  });
});
