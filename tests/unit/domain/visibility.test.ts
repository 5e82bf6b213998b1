/** The visibility rule: what a viewer may see of confidential children's homes in each kind of conversation. */
import { describe, expect, it } from "vitest";
import { isViewerSpecific, answerCacheKey, answersPrivately } from "../../../src/domain/questions/answer-audience.js";
import { parseQuestion } from "../../../src/domain/questions/question.js";
import {
  ConversationScope,
  countsAndRatingLabel,
  decideVisibility,
  PUBLISHED_AUDIENCE,
  Shown,
  Subject,
  visibleRegister,
  withoutHiddenTitles,
  type VisibilityViewer,
} from "../../../src/domain/visibility.js";
import type { RegisterReview } from "../../../src/domain/register/register.js";

const home = {
  title: "Oakfield Grange Children's Residential Home",
  body: "Ofsted",
  outcome: "Good rating (overall judgement).",
  confidential: true,
};
const viewers = (scope: ConversationScope): VisibilityViewer[] => [
  { scope, email: "owner@example.org" },
  { scope, email: "team@example.org", isImprovementTeam: true },
  { scope, email: "lead@example.org", leads: ["CYPS"] },
  { scope, email: null },
];

describe("decideVisibility", () => {
  it("shows everything in a personal chat, to anyone", () => {
    for (const viewer of viewers(ConversationScope.personal)) {
      expect(decideVisibility(viewer, { kind: Subject.review, confidential: true })).toBe(Shown.full);
      expect(decideVisibility(viewer, { kind: Subject.item, confidential: false, reviewConfidential: true })).toBe(
        Shown.full,
      );
      expect(decideVisibility(viewer, { kind: Subject.personsList })).toBe(Shown.full);
    }
  });

  it("in a channel or group chat, confidential reviews and items are counts and rating only, whoever asks; own lists go privately", () => {
    for (const scope of [ConversationScope.channel, ConversationScope.groupChat]) {
      for (const viewer of viewers(scope)) {
        expect(decideVisibility(viewer, { kind: Subject.review, confidential: true })).toBe(Shown.countsAndRating);
        expect(decideVisibility(viewer, { kind: Subject.home })).toBe(Shown.countsAndRating);
        expect(decideVisibility(viewer, { kind: Subject.item, confidential: true })).toBe(Shown.countsAndRating);
        expect(decideVisibility(viewer, { kind: Subject.item, confidential: false, reviewConfidential: true })).toBe(
          Shown.countsAndRating,
        );
        expect(decideVisibility(viewer, { kind: Subject.item, confidential: false })).toBe(Shown.full);
        expect(decideVisibility(viewer, { kind: Subject.review, confidential: false })).toBe(Shown.full);
        expect(decideVisibility(viewer, { kind: Subject.personsList })).toBe(Shown.privately);
      }
    }
  });

  it("names a home by its counts and rating, and replaces its title in text built from the register", () => {
    expect(countsAndRatingLabel(home)).toBe("Children's residential home inspection (Ofsted): Good");
    const channel = { scope: ConversationScope.channel, email: null };
    expect(withoutHiddenTitles(channel, `Items in ${home.title}`, [home])).toBe(
      "Items in Children's residential home inspection (Ofsted): Good",
    );
    expect(
      withoutHiddenTitles({ ...channel, scope: ConversationScope.personal }, `Items in ${home.title}`, [home]),
    ).toBe(`Items in ${home.title}`);
  });

  it("documents keep a home's place and rating but not its name, items or narrative", () => {
    const review = {
      ...home,
      id: 1,
      reviewType: null,
      narrative: "At the end of Oak Lane",
      purpose: null,
      directorateId: "CYPS",
      outcomeKnown: true,
      items: [{ id: 1 }],
    } as unknown as RegisterReview;
    const [shown] = visibleRegister(PUBLISHED_AUDIENCE, [review]);
    expect(shown).toMatchObject({
      title: "Children's residential home inspection",
      outcome: "Good rating",
      narrative: null,
      items: [],
    });
  });
});

describe("answer audience", () => {
  const context = { today: "2024-01-09" as const, reviewTitles: [], bodies: [] };
  it("keys on the parsed meaning: every wording of 'mine' is per person, other questions are shared", () => {
    for (const wording of ["show mine", "mine", "which are mine", "my actions", "what do I own?"]) {
      const question = parseQuestion(wording, context);
      expect(isViewerSpecific(question), wording).toBe(true);
      const key = (email: string) =>
        answerCacheKey(
          question,
          { scope: ConversationScope.personal, email },
          { day: "2024-01-09", offset: 0, text: wording },
        );
      expect(key("a@example.org")).not.toBe(key("b@example.org"));
      expect(answersPrivately(question, { scope: ConversationScope.channel, email: "a@example.org" })).toBe(true);
      expect(answersPrivately(question, { scope: ConversationScope.personal, email: "a@example.org" })).toBe(false);
    }
    const shared = parseQuestion("what's delayed in CYPS?", context);
    expect(isViewerSpecific(shared)).toBe(false);
    const sharedKey = (email: string) =>
      answerCacheKey(
        shared,
        { scope: ConversationScope.channel, email },
        { day: "2024-01-09", offset: 0, text: "what's delayed in cyps?" },
      );
    expect(sharedKey("a@example.org")).toBe(sharedKey("b@example.org"));
  });
});
