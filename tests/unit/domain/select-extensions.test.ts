/**
 * Which items answer "extended more than once" and "waiting for approval": the chain of targets counts
 * approved extensions, those that took effect at once and a move imported from the council's tracker; a
 * declined or waiting request moves nothing; a closed item is history, not slippage to watch.
 */
import { describe, expect, it } from "vitest";
import { parseDateText } from "../../../src/domain/dates/date-text.js";
import {
  ExtensionApprover,
  ExtensionState,
  type ExtensionRequest,
  type ExtensionState as State,
} from "../../../src/domain/extensions/extension-request.js";
import type { ItemFilter } from "../../../src/domain/questions/question.js";
import type { RegisterItem, RegisterReview } from "../../../src/domain/register/register.js";
import { selectItems } from "../../../src/domain/questions/select-items.js";
import type { Progress } from "../../../src/domain/status/status.js";

const TODAY = "2026-12-01";
let nextId = 1;

/** A request from one target to the next, in the given state. */
function request(from: string, to: string, state: State): ExtensionRequest {
  const decided = state === ExtensionState.approved || state === ExtensionState.declined;
  return {
    fromTarget: parseDateText(from),
    requestedTarget: parseDateText(to),
    reason: "Slipped",
    requestedBy: "owner@example.org",
    requestedAt: new Date("2026-01-01T10:00:00Z"),
    decidedBy: state === ExtensionState.tookEffect ? null : ExtensionApprover.either,
    extensionsBefore: 0,
    repeat: false,
    state,
    decision: decided ? { by: "lead@example.org", at: new Date("2026-01-02T10:00:00Z"), comment: "ok" } : null,
  };
}

function item(
  ref: string,
  requests: ExtensionRequest[],
  revised: string | null,
  progress: Progress = "in_progress",
): RegisterItem {
  return {
    id: nextId++,
    ref,
    kind: "recommendation",
    text: `${ref} text`,
    parentRef: null,
    counted: true,
    responsibleUnit: null,
    ownerEmail: "owner@example.org",
    delegateEmail: null,
    verification: "none",
    originalTarget: parseDateText("2025-03-31"),
    revisedTarget: parseDateText(revised),
    revisionReason: null,
    progress,
    recordedStatus: null,
    latestUpdate: null,
    completedOn: null,
    confidential: false,
    version: 1,
    extensionRequests: requests,
  };
}

const { approved, declined, waiting, tookEffect } = ExtensionState;
const ITEMS = [
  item(
    "approved twice",
    [request("2025-03-31", "2025-09-30", approved), request("2025-09-30", "2026-03-31", approved)],
    "2026-03-31",
  ),
  item(
    "took effect twice",
    [request("2025-03-31", "2025-09-30", tookEffect), request("2025-09-30", "2027-03-31", tookEffect)],
    "2027-03-31",
  ),
  // The tracker's own revision to 30 Sep 2025, then one approved here to 30 Jun 2026: the target has moved twice.
  item("imported then approved", [request("2025-09-30", "2026-06-30", approved)], "2026-06-30"),
  item("approved once", [request("2025-03-31", "2025-09-30", approved)], "2025-09-30"),
  item(
    "approved once, declined once",
    [request("2025-03-31", "2025-09-30", approved), request("2025-09-30", "2026-03-31", declined)],
    "2025-09-30",
  ),
  item(
    "approved once, one waiting",
    [request("2025-03-31", "2025-09-30", approved), request("2025-09-30", "2026-03-31", waiting)],
    "2025-09-30",
  ),
  item(
    "closed after two",
    [request("2025-03-31", "2025-09-30", approved), request("2025-09-30", "2026-03-31", approved)],
    "2026-03-31",
    "complete",
  ),
  item("never moved", [], null),
];

const register: RegisterReview[] = [
  {
    id: 1,
    title: "SEND inspection",
    body: "Ofsted",
    reviewType: null,
    reviewDate: parseDateText(null),
    findingsReceived: parseDateText(null),
    outcome: null,
    outcomeKnown: true,
    narrative: null,
    purpose: null,
    directorateId: "CYPS",
    confidential: false,
    items: ITEMS,
  },
];

const refs = (filter: ItemFilter) => selectItems(register, filter, TODAY).map((s) => s.item.ref);

describe("extended more than once", () => {
  it("counts approved extensions, those that took effect at once and an imported move; open items only", () => {
    expect(refs({ extendedAtLeast: 2, open: true })).toEqual([
      "approved twice",
      "took effect twice",
      "imported then approved",
    ]);
  });

  it("a closed item is left out even when the filter does not say open", () => {
    expect(refs({ extendedAtLeast: 2 })).not.toContain("closed after two");
  });

  it("at least three: none of these", () => {
    expect(refs({ extendedAtLeast: 3, open: true })).toEqual([]);
  });
});

describe("waiting for approval", () => {
  it("is the item with a request not yet decided", () => {
    expect(refs({ extensionWaiting: true })).toEqual(["approved once, one waiting"]);
  });
});
