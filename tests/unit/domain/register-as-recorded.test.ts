/** The register as recorded by a day, rebuilt from the audit entries written after it. */
import { describe, expect, it } from "vitest";
import { registerAsRecorded, type LaterChange } from "../../../src/domain/register/register-as-recorded.js";
import { storedDate, type RegisterItem, type RegisterReview } from "../../../src/domain/register/register.js";

function item(id: number, fields: Partial<RegisterItem> = {}): RegisterItem {
  return {
    id,
    ref: `Recommendation ${id}`,
    kind: "recommendation",
    text: `Item ${id}`,
    parentRef: null,
    counted: true,
    responsibleUnit: null,
    ownerEmail: "owner@example.org",
    delegateEmail: null,
    originalTarget: storedDate("Mar-25"),
    revisedTarget: storedDate(null),
    revisionReason: null,
    progress: "in_progress",
    recordedStatus: null,
    latestUpdate: "Note as at the cut-off.",
    completedOn: null,
    confidential: false,
    version: 1,
    verification: "none",
    priority: null,
    ...fields,
  };
}

function review(id: number, items: RegisterItem[]): RegisterReview {
  return {
    id,
    title: `Review ${id}`,
    body: null,
    reviewType: null,
    reviewDate: storedDate("June 2023"),
    findingsReceived: storedDate(null),
    outcome: "Good",
    outcomeKnown: true,
    narrative: null,
    purpose: null,
    directorateId: "ACEX",
    confidential: false,
    items,
  };
}

const change = (entityType: string, entityId: number, action: string, before: object | null): LaterChange => ({
  entityType,
  entityId,
  action,
  before: before === null ? null : JSON.stringify(before),
});

describe("the register as recorded by the end of a day", () => {
  const today = [
    review(1, [
      item(1, { progress: "complete", completedOn: "2024-01-08", latestUpdate: "Done.", priority: "high" }),
      item(2, { ownerEmail: "new.owner@example.org", revisedTarget: storedDate("Sep-25") }),
      item(3, { kind: "milestone", counted: false, parentRef: "Recommendation 1" }),
      item(4),
    ]),
    review(2, [item(5)]),
  ];

  it("leaves out items, milestones and reviews added later, and undoes each field to its value before the first later change", () => {
    const recorded = registerAsRecorded(today, [
      change("item", 1, "progress_update", { latest_update: "Note as at the cut-off.", progress: "in_progress" }),
      change("item", 1, "self_verified", { completed_on: null, latest_update: "A later note." }),
      change("item", 1, "priority_set", { priority: null }),
      change("item", 2, "assigned", { owner_email: "owner@example.org" }),
      change("item", 2, "extension_approved", { revised_target: null }),
      change("item", 2, "updated", { kind: "milestone" }),
      change("item", 3, "created", null),
      change("item", 4, "created", null),
      change("review", 2, "created", null),
    ]);
    expect(recorded.map((r) => r.id)).toEqual([1]);
    const [first, second, ...rest] = recorded[0]!.items;
    expect(rest).toEqual([]);
    expect(first).toMatchObject({
      progress: "in_progress",
      completedOn: null,
      latestUpdate: "Note as at the cut-off.",
      priority: null,
    });
    expect(second).toMatchObject({
      ownerEmail: "owner@example.org",
      revisedTarget: storedDate(null),
      kind: "milestone",
      counted: false,
    });
  });

  it("keeps what nothing changed later, and never makes an item less confidential than it is now", () => {
    const secret = [review(1, [item(1, { confidential: true }), item(4)])];
    const recorded = registerAsRecorded(secret, [change("item", 1, "updated", { confidential: false })]);
    expect(recorded[0]!.items[0]!.confidential).toBe(true);
    expect(recorded[0]!.items[1]).toBe(secret[0]!.items[1]);
    expect(registerAsRecorded(today, [])).toEqual(today);
  });
});
