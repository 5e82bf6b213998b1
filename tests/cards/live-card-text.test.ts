/**
 * What live cards say and carry beyond their template: the "as at" line in UK time through the clock change,
 * and the Action.Submit fallback on every Action.Execute however deeply it is nested, leaving the refresh alone.
 */
import { describe, expect, it } from "vitest";
import { asAtText, withSubmitFallbacks } from "../../src/cards/live-cards.js";
import type { AdaptiveCard } from "../../src/cards/render-card.js";

describe("the as-at line", () => {
  it("is in UK time: GMT in winter, BST in summer", () => {
    expect(asAtText(new Date("2026-01-15T09:05:00Z"))).toBe("As at 09:05 on 15 Jan 2026 (UK time)");
    expect(asAtText(new Date("2026-07-01T09:05:00Z"))).toBe("As at 10:05 on 1 Jul 2026 (UK time)");
    // Late on a summer evening in UTC is already the next day in London.
    expect(asAtText(new Date("2026-06-30T23:30:00Z"))).toBe("As at 00:30 on 1 Jul 2026 (UK time)");
  });
});

describe("the Action.Submit fallback", () => {
  const card: AdaptiveCard = {
    type: "AdaptiveCard",
    version: "1.5",
    refresh: { action: { type: "Action.Execute", verb: "item.refresh", data: { itemId: "1" } }, userIds: ["29:a"] },
    body: [
      {
        type: "Container",
        items: [
          {
            type: "ActionSet",
            actions: [{ type: "Action.Execute", title: "Update M2", verb: "item.open", data: { itemId: "4" } }],
          },
        ],
      },
    ],
    actions: [
      { type: "Action.OpenUrl", title: "Evidence", url: "https://example.org" },
      { type: "Action.Execute", title: "Save update", style: "positive", verb: "item.update", data: { itemId: "1" } },
    ],
  };

  it("is added to every Action.Execute, nested or not, carrying its verb with its data", () => {
    const text = JSON.stringify(withSubmitFallbacks(card));
    expect(text).toContain(
      '"fallback":{"type":"Action.Submit","title":"Update M2","data":{"itemId":"4","verb":"item.open"}}',
    );
    expect(text).toContain(
      '"fallback":{"type":"Action.Submit","title":"Save update","style":"positive","data":{"itemId":"1","verb":"item.update"}}',
    );
  });

  it("leaves other actions and the refresh as they are, keys in their order", () => {
    const done = withSubmitFallbacks(card);
    expect(done.refresh).toEqual(card.refresh);
    expect((done.actions as unknown[])[0]).toEqual({
      type: "Action.OpenUrl",
      title: "Evidence",
      url: "https://example.org",
    });
    expect(Object.keys(done)).toEqual(Object.keys(card));
  });
});
