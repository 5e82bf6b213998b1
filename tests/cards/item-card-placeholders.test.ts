/** The update and reminder cards show dates as people read them and never pre-fills an imported placeholder as a target. */
import { describe, expect, it } from "vitest";
import { renderItemCard } from "../../src/cards/item-cards.js";
import { parseDateText } from "../../src/domain/dates/date-text.js";
import { computeItemStatus } from "../../src/domain/status/status.js";
import type { ItemView } from "../../src/services/register/item-view.js";
import type { ReminderItemRow } from "../../src/data/reminders/store.js";
import { reminderCardItem } from "../../src/services/reminders/card-items.js";

function view(revisedTargetRaw: string): ItemView {
  const originalTarget = parseDateText("31/03/2028");
  const revisedTarget = parseDateText(revisedTargetRaw);
  return {
    id: 7,
    version: 3,
    reviewTitle: "2023/24 VFM arrangements (Grant Thornton)",
    directorateId: "FCS",
    confidential: false,
    ref: "Rec IR4",
    text: "Improve the medium-term financial strategy",
    progress: "in_progress",
    status: computeItemStatus(
      { progress: "in_progress", originalTarget: originalTarget.end, revisedTarget: revisedTarget.end },
      "2026-11-30",
    ),
    originalTarget,
    revisedTarget,
    ownerId: 1,
    ownerEmail: "alexw@example.com",
    delegateId: null,
    delegateEmail: null,
    verification: "none",
    pendingProgress: null,
    evidenceUrl: null,
    completionClaimedOn: null,
    completionNote: null,
    latestUpdate: null,
    history: [],
  };
}

function input(card: unknown, id: string): { value?: string; label?: string } {
  const found: { value?: string; label?: string }[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === "object") {
      const record = node as Record<string, unknown>;
      if (record.id === id) found.push(record);
      Object.values(record).forEach(walk);
    }
  };
  walk(card);
  return found[0]!;
}

describe("the revised-target box", () => {
  it.each(["n/a", "N/A", "TBC", "-"])("starts empty when the register holds the placeholder %j", (raw) => {
    const box = input(renderItemCard(view(raw), { editable: true }), "revisedTarget");
    expect(box.value ?? "").toBe("");
    expect(box.label).toContain("original 31 Mar 2028");
    expect(box.label).not.toContain("n/a");
  });

  it("keeps a real revised target, so saving unchanged changes nothing", () => {
    expect(input(renderItemCard(view("Sep-28"), { editable: true }), "revisedTarget").value).toBe("Sep-28");
  });
});

describe("a reminder card's target", () => {
  it.each([
    ["n/a", "None set"],
    ["", "None set"],
    ["TBC", "TBC"],
    ["31/03/2028", "31 Mar 2028"],
  ])("imported %j reads as %j", (raw, expected) => {
    const row: ReminderItemRow = {
      id: 1,
      ref: "Rec 2",
      kind: "recommendation",
      parentRef: null,
      text: "Close the ledger",
      reviewTitle: "2023/24 Statement of Accounts",
      directorateId: "FCS",
      confidential: false,
      progress: "in_progress",
      verification: "none",
      originalTarget: parseDateText(raw),
      revisedTarget: parseDateText(null),
      latestUpdate: null,
      lastUpdateAt: null,
      ownerId: 1,
      ownerEmail: "alexw@example.com",
      ownerName: "Alex",
      ownerUnreachable: false,
      nextReminderAt: null,
      nextReminderKind: null,
    };
    const card = reminderCardItem(row, "Due soon", false, "2026-11-30");
    expect(card.facts.find((f) => f.title === "Target")?.value).toBe(expected);
  });
});
