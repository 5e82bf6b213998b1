/** An extension request and its item as the approver's card shows them, made by the domain's own rules. */
import type { ExtensionRequestView } from "../../src/cards/extension-cards.js";
import { parseDateText } from "../../src/domain/dates/date-text.js";
import {
  approveExtension,
  declineExtension,
  DEFAULT_EXTENSION_SETTINGS,
  describeExtensions,
  requestExtension,
  type ExtensionRequest,
} from "../../src/domain/extensions/extension-request.js";
import { computeItemStatus } from "../../src/domain/status/status.js";

const NOW = new Date("2026-03-02T10:00:00Z");

export interface ExtensionFixture {
  reason?: string;
  /** Extensions that took effect before this request: with the default threshold (2), two make it a repeat. */
  extendedBefore?: number;
  decided?: "approved" | "declined";
  comment?: string;
}

export function extensionRequestView(fixture: ExtensionFixture = {}): ExtensionRequestView {
  const originalTarget = parseDateText("31/03/2025");
  const earlier: ExtensionRequest[] = [];
  let revisedTarget = parseDateText(null);
  for (const target of ["30/09/2025", "31/03/2026"].slice(0, fixture.extendedBefore ?? 0)) {
    const asked = requestExtension(
      { progress: "in_progress", originalTarget, revisedTarget, requests: earlier },
      { requestedTarget: target, reason: "Earlier", requestedBy: "owner@example.org" },
      { ...DEFAULT_EXTENSION_SETTINGS, needApproval: false },
      new Date("2025-01-01T10:00:00Z"),
    );
    if (!asked.ok) throw new Error(asked.reason);
    earlier.push(asked.value.request);
    revisedTarget = asked.value.newRevisedTarget!;
  }
  const item = { progress: "in_progress" as const, originalTarget, revisedTarget, requests: earlier };
  const asked = requestExtension(
    item,
    {
      requestedTarget: "30 Sep 2026",
      reason: fixture.reason ?? "The new case management system goes live in August.",
      requestedBy: "owner@example.org",
    },
    DEFAULT_EXTENSION_SETTINGS,
    NOW,
  );
  if (!asked.ok) throw new Error(asked.reason);
  let request = asked.value.request;
  const decider = { email: "improvement@example.org", isImprovementTeam: true, leadsItemsDirectorate: false };
  if (fixture.decided) {
    const decided = (fixture.decided === "approved" ? approveExtension : declineExtension)(
      request,
      decider,
      fixture.comment ?? "Bring a recovery plan first.",
      NOW,
    );
    if (!decided.ok) throw new Error(decided.reason);
    request = decided.value.request;
  }
  return {
    requestId: 12,
    reviewTitle: "Joint Area SEND Inspection",
    ref: "Recommendation 2",
    text: "Improve the timeliness and quality of EHC plans.",
    ownerEmail: "owner@example.org",
    status: computeItemStatus(
      { progress: "in_progress", originalTarget: originalTarget.end, revisedTarget: revisedTarget.end },
      "2026-03-02",
    ),
    request,
    chain: describeExtensions(item),
  };
}
