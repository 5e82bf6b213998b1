/**
 * The headline figures and page of an items answer, carried from one register to the next after a
 * change: the same as counting the changed register afresh, confidential items counted but shown only
 * where the visibility rule allows, and only the changed review looked at again.
 */
import { describe, expect, it } from "vitest";
import { answerPage } from "../../../src/domain/questions/answer-page.js";
import { parseDateText } from "../../../src/domain/dates/date-text.js";
import type { ItemFilter } from "../../../src/domain/questions/question.js";
import type { RegisterItem, RegisterReview } from "../../../src/domain/register/register.js";
import { selectItems } from "../../../src/domain/questions/select-items.js";
import type { Progress } from "../../../src/domain/status/status.js";
import { ConversationScope, mayShowItem, type VisibilityViewer } from "../../../src/domain/visibility.js";

const TODAY = "2025-05-15";
const DELAYED: ItemFilter = { delayed: true };
const PERSONAL: VisibilityViewer = { scope: ConversationScope.personal, email: "asker@example.org" };
const CHANNEL: VisibilityViewer = { scope: ConversationScope.channel, email: "asker@example.org" };

let nextId = 1;

function item(ref: string, progress: Progress, original: string, confidential = false): RegisterItem {
  return {
    id: nextId++,
    ref,
    kind: "recommendation",
    text: `${ref} text`,
    parentRef: null,
    counted: true,
    responsibleUnit: null,
    ownerEmail: null,
    delegateEmail: null,
    verification: "none",
    originalTarget: parseDateText(original),
    revisedTarget: parseDateText(null),
    revisionReason: null,
    progress,
    recordedStatus: null,
    latestUpdate: null,
    completedOn: null,
    confidential,
    version: 1,
  };
}

/** Review `n`: two items past their target (one by more than 12 months), one not yet due; every fourth review's first item confidential. */
function review(n: number): RegisterReview {
  return {
    id: 1000 + n,
    title: `Review ${String(n).padStart(2, "0")}`,
    body: "Ofsted",
    reviewType: null,
    reviewDate: parseDateText(null),
    findingsReceived: parseDateText(null),
    outcome: null,
    outcomeKnown: true,
    purpose: null,
    narrative: null,
    directorateId: "CYPS",
    confidential: false,
    items: [
      item(`R${n}.1`, "in_progress", "March 2024", n % 4 === 0),
      item(`R${n}.2`, "in_progress", "March 2025"),
      item(`R${n}.3`, "in_progress", "March 2026"),
    ],
  };
}

/** What the answer should say, worked out from the whole selection. */
function countedAfresh(reviews: readonly RegisterReview[], viewer: VisibilityViewer, offset: number) {
  const selected = selectItems(reviews, DELAYED, TODAY);
  const shown = selected.filter((s) => mayShowItem(viewer, s.item, s.review));
  const byStatus = new Map<string, number>();
  for (const s of selected) byStatus.set(s.status.status, (byStatus.get(s.status.status) ?? 0) + 1);
  return {
    total: selected.length,
    byStatus,
    shown: shown.length,
    hidden: selected.length - shown.length,
    refs: shown.slice(offset, offset + 20).map((s) => s.item.ref),
  };
}

function asked(reviews: readonly RegisterReview[], viewer: VisibilityViewer, offset: number) {
  const page = answerPage(reviews, DELAYED, TODAY, viewer, { email: viewer.email! }, offset, 20);
  return {
    total: page.total,
    byStatus: new Map(page.byStatus),
    shown: page.shown,
    hidden: page.hidden,
    refs: page.items.map((s) => s.item.ref),
  };
}

describe("answerPage after a change", () => {
  it("counts and pages the changed register as if it were counted afresh, for each kind of viewer", () => {
    const before = Array.from({ length: 30 }, (_, n) => review(n + 1));
    expect(asked(before, PERSONAL, 0)).toEqual(countedAfresh(before, PERSONAL, 0));
    expect(asked(before, CHANNEL, 20)).toEqual(countedAfresh(before, CHANNEL, 20));
    expect(asked(before, CHANNEL, 0)).toMatchObject({ total: 60, shown: 53, hidden: 7 });

    // Review 3's late items are completed; review 5's first item becomes confidential; review 6 gains a late item.
    const after = before.map((r): RegisterReview => {
      if (r.id === 1003)
        return {
          ...r,
          items: r.items.map((i) => (i.ref === "R3.3" ? i : { ...i, progress: "complete", completedOn: TODAY })),
        };
      if (r.id === 1005)
        return { ...r, items: r.items.map((i) => (i.ref === "R5.1" ? { ...i, confidential: true } : i)) };
      if (r.id === 1006) return { ...r, items: [...r.items, item("R6.4", "in_progress", "January 2025")] };
      return r;
    });
    for (const viewer of [PERSONAL, CHANNEL]) {
      for (const offset of [0, 20, 40])
        expect(asked(after, viewer, offset)).toEqual(countedAfresh(after, viewer, offset));
    }
    expect(asked(after, CHANNEL, 0)).toMatchObject({ total: 59, shown: 51, hidden: 8 });
    expect(asked(after, PERSONAL, 0)).toMatchObject({ total: 59, shown: 59, hidden: 0 });
    // The earlier register still answers as it did.
    expect(asked(before, CHANNEL, 0)).toMatchObject({ total: 60, shown: 53, hidden: 7 });
  });

  it("looks again only at the items of the review that changed", () => {
    // Whether an item is confidential is read wherever an item is checked for showing.
    let reads = 0;
    const watched = (r: RegisterReview): RegisterReview => ({
      ...r,
      items: r.items.map((i) => {
        const copy = { ...i };
        Object.defineProperty(copy, "confidential", { get: () => ((reads += 1), i.confidential), enumerable: true });
        return copy;
      }),
    });
    const before = Array.from({ length: 20 }, (_, n) => watched(review(100 + n)));
    asked(before, CHANNEL, 0);
    const after = before.map((r, index) =>
      index === 7 ? watched({ ...r, items: r.items.map((i) => ({ ...i, latestUpdate: "New note" })) }) : r,
    );

    reads = 0;
    const answer = asked(after, CHANNEL, 0);
    // Review 107's two late items only, not the forty late items of the register.
    expect(reads).toBe(2);
    expect(answer).toEqual(countedAfresh(after, CHANNEL, 0));
  });
});
