/**
 * Extension requests in tables: what a request may ask, who decides it, approving and declining, the mode where
 * revisions take effect at once, the chain of targets, repeats going to the improvement team, and which requests
 * a committee report lists. Instants are UTC: midnight London is 23:00Z the day before in summer time.
 */
import { describe, expect, it } from "vitest";
import { parseDateText } from "../../../src/domain/dates/date-text.js";
import {
  approveExtension,
  declineExtension,
  describeExtensionRequest,
  DEFAULT_EXTENSION_SETTINGS,
  describeExtensions,
  extensionCount,
  ExtensionApprover,
  ExtensionState,
  mayDecide,
  requestExtension,
  requestsInPeriod,
  requestsWaitingAt,
  routeRequest,
  type Decider,
  type ExtensionItem,
  type ExtensionRequest,
  type ExtensionSettings,
} from "../../../src/domain/extensions/extension-request.js";
import { computeItemStatus, Progress } from "../../../src/domain/status/status.js";

const at = (iso: string) => new Date(iso);
const date = (text: string) => parseDateText(text);

const owner = "owner@council.example";
const lead: Decider = { email: "lead@council.example", isImprovementTeam: false, leadsItemsDirectorate: true };
const team: Decider = { email: "team@council.example", isImprovementTeam: true, leadsItemsDirectorate: false };
const colleague: Decider = {
  email: "colleague@council.example",
  isImprovementTeam: false,
  leadsItemsDirectorate: false,
};

function record(
  from: string,
  to: string,
  state: ExtensionState,
  requestedAt = "2025-01-10T10:00:00Z",
  decidedAt: string | null = "2025-01-12T10:00:00Z",
): ExtensionRequest {
  return {
    fromTarget: date(from),
    requestedTarget: date(to),
    reason: "staff shortage",
    requestedBy: owner,
    requestedAt: at(requestedAt),
    extensionsBefore: 0,
    decidedBy: ExtensionApprover.either,
    repeat: false,
    state,
    decision:
      state === ExtensionState.waiting || state === ExtensionState.tookEffect || !decidedAt
        ? null
        : { by: lead.email, at: at(decidedAt), comment: null },
  };
}

function item(overrides: Partial<ExtensionItem> = {}): ExtensionItem {
  return {
    progress: Progress.inProgress,
    originalTarget: date("Mar-25"),
    revisedTarget: date(""),
    requests: [],
    ...overrides,
  };
}

const ask = (requestedTarget: string, reason = "The new case system arrives in July.") => ({
  requestedTarget,
  reason,
  requestedBy: owner,
});

describe("what a request may ask (item due 31 Mar 2025, asked on 10 Mar 2025)", () => {
  const now = at("2025-03-10T10:00:00Z");
  it.each([
    ["Sep-25", "a month: its last day", "2025-09-30"],
    ["30/09/2025", "a day as the council types it", "2025-09-30"],
    ["2025-04-01", "the day after the current target", "2025-04-01"],
    ["September 2025", "a month written out", "2025-09-30"],
  ])("%s (%s) becomes a waiting request for %s", (typed, _why, expected) => {
    const outcome = requestExtension(item(), ask(typed), DEFAULT_EXTENSION_SETTINGS, now);
    expect(outcome.ok && outcome.value.request.requestedTarget.end).toBe(expected);
    expect(outcome.ok && outcome.value.request.state).toBe(ExtensionState.waiting);
    expect(outcome.ok && outcome.value.request.fromTarget.end).toBe("2025-03-31");
  });

  it.each([
    [item(), ask("Sep-25", "   "), "Say why the target date needs to move: the approver reads your reason."],
    [item(), ask("Sep-25", "x".repeat(1001)), "Keep the reason under 1,000 characters (it is 1,001)."],
    [
      item(),
      ask("soon"),
      '"soon" is not a date I can read: use 2025-03-31, 31/03/2025, 31 March 2025, Mar-25, March 2025, "March - May 2025", Q3 2027/28 (a financial-year quarter).',
    ],
    [
      item(),
      ask(""),
      '"" is not a date I can read: use 2025-03-31, 31/03/2025, 31 March 2025, Mar-25, March 2025, "March - May 2025", Q3 2027/28 (a financial-year quarter).',
    ],
    [item(), ask("TBC"), "An extension needs a date, not TBC."],
    [item(), ask("2025-03-09"), "The new target 2025-03-09 is already past: give a date from today on."],
    [
      item(),
      ask("2025-03-31"),
      "31 Mar 2025 is not after the current target 31 Mar 2025: an extension moves the target later.",
    ],
    [
      item(),
      ask("2025-03-20"),
      "20 Mar 2025 is not after the current target 31 Mar 2025: an extension moves the target later.",
    ],
    [
      item({ revisedTarget: date("Jun-25") }),
      ask("May-25"),
      "31 May 2025 is not after the current target 30 Jun 2025: an extension moves the target later.",
    ],
    [item({ progress: Progress.complete }), ask("Sep-25"), "This item is closed, so its target cannot be extended."],
    [
      item({ progress: Progress.noActionRequired }),
      ask("Sep-25"),
      "This item is closed, so its target cannot be extended.",
    ],
    [
      item({ originalTarget: date("TBC") }),
      ask("Sep-25"),
      "This item's target is TBC: a first target date is set by the improvement team, not requested as an extension.",
    ],
    [
      item({ requests: [record("Mar-25", "Jun-25", ExtensionState.waiting)] }),
      ask("Sep-25"),
      "A request to move the target to 30 Jun 2025 is already waiting for the directorate's lead or the improvement team: it must be decided before another is made.",
    ],
  ])("refused with a message saying what to do (%#)", (subject, asked, message) => {
    expect(requestExtension(subject, asked, DEFAULT_EXTENSION_SETTINGS, now)).toEqual({ ok: false, reason: message });
  });

  it.each([
    ["2025-03-30T23:30:00Z", "2025-03-30", false, "00:30 on 31 Mar in summer time: 30 Mar is already yesterday"],
    ["2025-03-30T22:59:00Z", "2025-03-30", true, "23:59 on 30 Mar in summer time: still today"],
    ["2025-10-26T23:30:00Z", "2025-10-27", true, "23:30 on 26 Oct after the clocks went back: 27 Oct is tomorrow"],
    ["2025-10-26T23:30:00Z", "2025-10-26", true, "23:30 on 26 Oct in winter time: today still counts"],
  ])("at %s a request for %s is accepted: %s (%s)", (instant, requested, accepted) => {
    const subject = item({ originalTarget: date("2025-03-01") });
    expect(requestExtension(subject, ask(requested), DEFAULT_EXTENSION_SETTINGS, at(instant)).ok).toBe(accepted);
  });

  it("leaves the item's target and status as they are until the request is decided, then the approval moves them", () => {
    const subject = item();
    const asked = requestExtension(subject, ask("Sep-25"), DEFAULT_EXTENSION_SETTINGS, now);
    if (!asked.ok) throw new Error(asked.reason);
    expect(asked.value.newRevisedTarget).toBeNull();
    const before = computeItemStatus(
      { progress: subject.progress, originalTarget: "2025-03-31", revisedTarget: null },
      "2025-03-10",
    );
    expect(before.status).toBe("on_track");

    const approved = approveExtension(asked.value.request, lead, null, at("2025-03-12T10:00:00Z"));
    if (!approved.ok) throw new Error(approved.reason);
    expect(approved.value.newRevisedTarget?.end).toBe("2025-09-30");
    expect(approved.value.request.state).toBe(ExtensionState.approved);
    expect(approved.value.request.decision).toEqual({ by: lead.email, at: at("2025-03-12T10:00:00Z"), comment: null });
    const after = computeItemStatus(
      { progress: subject.progress, originalTarget: "2025-03-31", revisedTarget: approved.value.newRevisedTarget!.end },
      "2025-03-12",
    );
    expect(after.status).toBe("partly_delayed");
  });
});

describe("who decides", () => {
  it.each([
    [ExtensionApprover.either, 0, 2, ExtensionApprover.either, false],
    [ExtensionApprover.directorateLead, 0, 2, ExtensionApprover.directorateLead, false],
    [ExtensionApprover.directorateLead, 1, 2, ExtensionApprover.directorateLead, false],
    [ExtensionApprover.directorateLead, 2, 2, ExtensionApprover.improvementTeam, true],
    [ExtensionApprover.either, 3, 2, ExtensionApprover.improvementTeam, true],
    [ExtensionApprover.improvementTeam, 0, 2, ExtensionApprover.improvementTeam, false],
    [ExtensionApprover.directorateLead, 1, 1, ExtensionApprover.improvementTeam, true],
    [ExtensionApprover.either, 4, 5, ExtensionApprover.either, false],
  ])(
    "usual approver %s, extended %i times, threshold %i: decided by %s, repeat %s",
    (approver, count, threshold, decidedBy, repeat) => {
      expect(routeRequest(count, { ...DEFAULT_EXTENSION_SETTINGS, approver, repeatThreshold: threshold })).toEqual({
        decidedBy,
        repeat,
      });
    },
  );

  const waiting = (decidedBy: ExtensionApprover, repeat = false, extensionsBefore = 0): ExtensionRequest => ({
    ...record("Mar-25", "Sep-25", ExtensionState.waiting),
    decidedBy,
    repeat,
    extensionsBefore,
  });
  it.each([
    [waiting(ExtensionApprover.either), lead, null],
    [waiting(ExtensionApprover.either), team, null],
    [
      waiting(ExtensionApprover.either),
      colleague,
      "Only the directorate's lead or the improvement team can decide this request.",
    ],
    [waiting(ExtensionApprover.directorateLead), lead, null],
    [waiting(ExtensionApprover.directorateLead), team, "Only the directorate's lead can decide this request."],
    [waiting(ExtensionApprover.improvementTeam), lead, "Only the improvement team can decide this request."],
    [waiting(ExtensionApprover.improvementTeam), team, null],
    [
      waiting(ExtensionApprover.improvementTeam, true, 2),
      lead,
      "Only the improvement team can decide this request because the item had already been extended twice.",
    ],
    [
      waiting(ExtensionApprover.improvementTeam, true, 3),
      lead,
      "Only the improvement team can decide this request because the item had already been extended 3 times.",
    ],
    [
      waiting(ExtensionApprover.either),
      { ...team, email: "OWNER@council.example" },
      "You asked for this extension, so the directorate's lead or the improvement team decides it.",
    ],
    [
      record("Mar-25", "Sep-25", ExtensionState.approved),
      team,
      "This request was already approved by lead@council.example on 12 Jan 2025.",
    ],
    [
      record("Mar-25", "Sep-25", ExtensionState.declined, "2025-03-29T10:00:00Z", "2025-03-30T23:15:00Z"),
      team,
      "This request was already declined by lead@council.example on 31 Mar 2025.",
    ],
    [
      record("Mar-25", "Sep-25", ExtensionState.tookEffect),
      team,
      "This extension took effect when it was made: there is nothing to decide.",
    ],
  ])("request %#: the decider may decide, or is told who may", (request, decider, refusal) => {
    expect(mayDecide(request, decider)).toEqual(
      refusal === null ? { ok: true, value: true } : { ok: false, reason: refusal },
    );
  });
});

describe("approving and declining", () => {
  const waiting = record("Mar-25", "Sep-25", ExtensionState.waiting);
  const now = at("2025-03-12T10:00:00Z");

  it.each([[null], [""], ["   "]])("a decline without a comment (%j) is refused and changes nothing", (comment) => {
    expect(declineExtension(waiting, lead, comment, now)).toEqual({
      ok: false,
      reason: "Say why the extension is declined: the owner reads your comment.",
    });
  });

  it("a decline with a comment keeps the target and records who, when and why", () => {
    const outcome = declineExtension(waiting, lead, "  Bring a recovery plan to DLT first. ", now);
    expect(outcome).toEqual({
      ok: true,
      value: {
        request: {
          ...waiting,
          state: ExtensionState.declined,
          decision: { by: lead.email, at: now, comment: "Bring a recovery plan to DLT first." },
        },
        newRevisedTarget: null,
      },
    });
  });

  it("an approval may carry a comment; an over-long one is refused", () => {
    const approved = approveExtension(waiting, team, "Agreed at SLT.", now);
    expect(approved.ok && approved.value.request.decision?.comment).toBe("Agreed at SLT.");
    expect(approveExtension(waiting, team, "y".repeat(1001), now)).toEqual({
      ok: false,
      reason: "Keep the comment under 1,000 characters (it is 1,001).",
    });
  });

  it("nobody decides a request twice", () => {
    const first = approveExtension(waiting, team, null, now);
    if (!first.ok) throw new Error(first.reason);
    expect(declineExtension(first.value.request, lead, "No.", now)).toEqual({
      ok: false,
      reason: "This request was already approved by team@council.example on 12 Mar 2025.",
    });
  });
});

describe("councils that do not approve extensions", () => {
  const settings: ExtensionSettings = { ...DEFAULT_EXTENSION_SETTINGS, needApproval: false };
  it("a request takes effect at once, still checked, still counted, with nothing left to decide", () => {
    const outcome = requestExtension(item(), ask("Sep-25"), settings, at("2025-03-10T10:00:00Z"));
    if (!outcome.ok) throw new Error(outcome.reason);
    expect(outcome.value.newRevisedTarget?.end).toBe("2025-09-30");
    expect(outcome.value.request).toMatchObject({
      state: ExtensionState.tookEffect,
      decidedBy: null,
      decision: null,
      repeat: false,
    });
    const extended = item({ revisedTarget: date("Sep-25"), requests: [outcome.value.request] });
    expect(describeExtensions(extended)).toBe("extended once: 31 Mar 2025 → 30 Sep 2025");
    expect(requestExtension(item(), ask("Sep-25", ""), settings, at("2025-03-10T10:00:00Z")).ok).toBe(false);
  });

  it("a repeat is still flagged for the committee", () => {
    const twice = item({
      revisedTarget: date("Mar-26"),
      requests: [
        record("Mar-25", "Sep-25", ExtensionState.tookEffect),
        record("Sep-25", "Mar-26", ExtensionState.tookEffect),
      ],
    });
    const outcome = requestExtension(twice, ask("Sep-26"), settings, at("2026-03-02T10:00:00Z"));
    expect(outcome.ok && outcome.value.request).toMatchObject({
      state: ExtensionState.tookEffect,
      repeat: true,
      extensionsBefore: 2,
    });
  });
});

describe("the chain of targets", () => {
  const A = ExtensionState.approved;
  it.each([
    ["no revision", item(), "not extended", 0],
    [
      "an imported revision, with no request",
      item({ revisedTarget: date("Sep-25") }),
      "extended once: 31 Mar 2025 → 30 Sep 2025",
      1,
    ],
    [
      "two approved requests",
      item({ revisedTarget: date("Mar-26"), requests: [record("Mar-25", "Sep-25", A), record("Sep-25", "Mar-26", A)] }),
      "extended twice: 31 Mar 2025 → 30 Sep 2025 → 31 Mar 2026",
      2,
    ],
    [
      "three approved requests",
      item({
        revisedTarget: date("Sep-26"),
        requests: [record("Mar-25", "Sep-25", A), record("Sep-25", "Mar-26", A), record("Mar-26", "Sep-26", A)],
      }),
      "extended 3 times: 31 Mar 2025 → 30 Sep 2025 → 31 Mar 2026 → 30 Sep 2026",
      3,
    ],
    [
      "a declined request",
      item({ requests: [record("Mar-25", "Sep-25", ExtensionState.declined)] }),
      "not extended",
      0,
    ],
    ["a waiting request", item({ requests: [record("Mar-25", "Sep-25", ExtensionState.waiting)] }), "not extended", 0],
    [
      "an imported move before the first request",
      item({ revisedTarget: date("Mar-26"), requests: [record("Sep-25", "Mar-26", A)] }),
      "extended twice: 31 Mar 2025 → 30 Sep 2025 → 31 Mar 2026",
      2,
    ],
    [
      "a TBC original: a first date is not an extension",
      item({ originalTarget: date("TBC"), revisedTarget: date("Sep-25") }),
      "not extended",
      0,
    ],
    [
      "a revised target on the same day as the original",
      item({ originalTarget: date("2025-03-31"), revisedTarget: date("Mar-25") }),
      "not extended",
      0,
    ],
  ])("%s", (_case, subject, text, count) => {
    expect(describeExtensions(subject)).toBe(text);
    expect(extensionCount(subject)).toBe(count);
  });

  it("a further request from the threshold on goes to the improvement team and is flagged", () => {
    const twice = item({
      revisedTarget: date("Mar-26"),
      requests: [record("Mar-25", "Sep-25", A), record("Sep-25", "Mar-26", A)],
    });
    const settings = { ...DEFAULT_EXTENSION_SETTINGS, approver: ExtensionApprover.directorateLead };
    const outcome = requestExtension(twice, ask("Sep-26"), settings, at("2026-03-02T10:00:00Z"));
    if (!outcome.ok) throw new Error(outcome.reason);
    expect(outcome.value.request).toMatchObject({
      decidedBy: ExtensionApprover.improvementTeam,
      repeat: true,
      extensionsBefore: 2,
      state: ExtensionState.waiting,
    });
    expect(approveExtension(outcome.value.request, lead, null, at("2026-03-03T10:00:00Z")).ok).toBe(false);
    expect(approveExtension(outcome.value.request, team, null, at("2026-03-03T10:00:00Z")).ok).toBe(true);

    const once = item({ revisedTarget: date("Sep-25"), requests: [record("Mar-25", "Sep-25", A)] });
    const second = requestExtension(once, ask("Mar-26"), settings, at("2025-09-01T10:00:00Z"));
    expect(second.ok && second.value.request).toMatchObject({
      decidedBy: ExtensionApprover.directorateLead,
      repeat: false,
      extensionsBefore: 1,
    });
  });
});

describe("requests the committee report lists", () => {
  const requests = [
    {
      id: "decided before",
      ...record("Mar-25", "Sep-25", ExtensionState.approved, "2025-01-10T10:00:00Z", "2025-01-12T10:00:00Z"),
    },
    {
      id: "made before, decided inside",
      ...record("Mar-25", "Sep-25", ExtensionState.declined, "2025-01-20T10:00:00Z", "2025-02-03T10:00:00Z"),
    },
    {
      id: "made inside, decided after",
      ...record("Mar-25", "Sep-25", ExtensionState.approved, "2025-06-20T10:00:00Z", "2025-07-02T10:00:00Z"),
    },
    { id: "still waiting", ...record("Mar-25", "Sep-25", ExtensionState.waiting, "2025-06-25T10:00:00Z") },
    { id: "took effect inside", ...record("Mar-25", "Sep-25", ExtensionState.tookEffect, "2025-03-01T10:00:00Z") },
    { id: "made after", ...record("Mar-25", "Sep-25", ExtensionState.waiting, "2025-07-05T10:00:00Z") },
  ];
  const since = at("2025-01-31T00:00:00Z");
  const until = at("2025-06-30T22:59:59Z");

  it("since the last report: made or decided in the period", () => {
    expect(requestsInPeriod(requests, since, until).map((r) => r.id)).toEqual([
      "made before, decided inside",
      "made inside, decided after",
      "still waiting",
      "took effect inside",
    ]);
  });

  it("still waiting when the period closed: made by then and not decided by then", () => {
    expect(requestsWaitingAt(requests, until).map((r) => r.id)).toEqual([
      "made inside, decided after",
      "still waiting",
    ]);
  });
});

describe("a request in words, for the owner, the history and the committee", () => {
  const base = record("Mar-26", "Sep-26", ExtensionState.waiting, "2026-03-02T10:00:00Z");
  it.each([
    [
      "waiting",
      base,
      "asked by owner@council.example on 2 Mar 2026 to move the target from 31 Mar 2026 to 30 Sep 2026: waiting for the directorate's lead or the improvement team",
    ],
    [
      "a repeat, waiting for the improvement team",
      { ...base, decidedBy: ExtensionApprover.improvementTeam, repeat: true, extensionsBefore: 2 },
      "asked by owner@council.example on 2 Mar 2026 to move the target from 31 Mar 2026 to 30 Sep 2026: waiting for the improvement team (a repeat: extended twice before)",
    ],
    [
      "declined with a comment, at 00:30 London in summer time",
      {
        ...base,
        state: ExtensionState.declined,
        decision: { by: lead.email, at: at("2026-03-29T23:30:00Z"), comment: "Bring a recovery plan first." },
      },
      "asked by owner@council.example on 2 Mar 2026 to move the target from 31 Mar 2026 to 30 Sep 2026: declined by lead@council.example on 30 Mar 2026 (Bring a recovery plan first.)",
    ],
    [
      "approved without a comment",
      {
        ...base,
        state: ExtensionState.approved,
        decision: { by: team.email, at: at("2026-03-03T10:00:00Z"), comment: null },
      },
      "asked by owner@council.example on 2 Mar 2026 to move the target from 31 Mar 2026 to 30 Sep 2026: approved by team@council.example on 3 Mar 2026",
    ],
    [
      "took effect at once",
      { ...base, state: ExtensionState.tookEffect, decidedBy: null },
      "asked by owner@council.example on 2 Mar 2026 to move the target from 31 Mar 2026 to 30 Sep 2026: took effect at once",
    ],
  ])("%s", (_case, request, text) => {
    expect(describeExtensionRequest(request)).toBe(text);
  });
});
