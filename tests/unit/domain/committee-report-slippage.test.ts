/**
 * The committee report's slippage tables in tables: which extension requests are listed (since the last
 * report, every one still waiting at the cut-off, all of them for a first report) and in what state as at
 * the cut-off; repeat extensions with their chain; at-risk items with why; overdue top-priority items with
 * who is responsible; confidential items counted, never named; and the workbook's cells per item.
 * The cut-off is 30 June 2026, in summer time: its last instant is 22:59:59.999Z.
 */
import { describe, expect, it } from "vitest";
import type { StatedConfidence } from "../../../src/domain/status/at-risk.js";
import { buildCommitteeReport, type CommitteeReport } from "../../../src/domain/reports/committee-report.js";
import { slippageCells } from "../../../src/domain/reports/committee-report/slippage-columns.js";
import { parseDateText } from "../../../src/domain/dates/date-text.js";
import {
  ExtensionApprover,
  ExtensionState,
  type ExtensionRequest,
} from "../../../src/domain/extensions/extension-request.js";
import { DEFAULT_AT_RISK_SETTINGS } from "../../../src/domain/status/at-risk.js";
import { itemExtensionsAsAt } from "../../../src/domain/extensions/extensions-as-at.js";
import type { RegisterItem, RegisterReview } from "../../../src/domain/register/register.js";
import { itemStatus } from "../../../src/domain/register/register.js";
import { registerAsAt } from "../../../src/domain/reports/reporting-snapshot.js";
import { registerUpdatesAsAt } from "../../../src/domain/updates/updates-as-at.js";
import type { Progress } from "../../../src/domain/status/status.js";

const SINCE = "2025-12-31";
const CUT_OFF = "2026-06-30";
const LEAD = "lead@council.example";
const OWNER = "owner@council.example";

let nextId = 1;

interface RequestSpec {
  from: string;
  to: string;
  at: string;
  state: ExtensionState;
  decidedAt?: string;
  comment?: string;
  reason?: string;
  repeat?: boolean;
}

function request(spec: RequestSpec): ExtensionRequest {
  const decided = spec.state === ExtensionState.approved || spec.state === ExtensionState.declined;
  return {
    fromTarget: parseDateText(spec.from),
    requestedTarget: parseDateText(spec.to),
    reason: spec.reason ?? "Staff shortage",
    requestedBy: OWNER,
    requestedAt: new Date(spec.at),
    decidedBy: spec.state === ExtensionState.tookEffect ? null : ExtensionApprover.either,
    extensionsBefore: 0,
    repeat: spec.repeat ?? false,
    state: spec.state,
    decision: decided ? { by: LEAD, at: new Date(spec.decidedAt!), comment: spec.comment ?? null } : null,
  };
}

interface ItemSpec {
  original?: string;
  revised?: string;
  progress?: Progress;
  completedOn?: string;
  requests?: ExtensionRequest[];
  priority?: string;
  confidence?: StatedConfidence;
  lastUpdateAt?: string;
  confidential?: boolean;
  unit?: string;
  owner?: string;
}

function item(ref: string, spec: ItemSpec = {}): RegisterItem {
  return {
    id: nextId++,
    ref,
    kind: "recommendation",
    text: `${ref} text`,
    parentRef: null,
    counted: true,
    responsibleUnit: spec.unit ?? null,
    ownerEmail: spec.owner ?? null,
    delegateEmail: null,
    verification: "none",
    originalTarget: parseDateText(spec.original ?? "Dec-26"),
    revisedTarget: parseDateText(spec.revised ?? null),
    revisionReason: null,
    progress: spec.progress ?? "in_progress",
    recordedStatus: null,
    latestUpdate: null,
    completedOn: spec.completedOn ?? null,
    confidential: spec.confidential ?? false,
    version: 1,
    extensionRequests: spec.requests ?? [],
    priority: spec.priority ?? null,
    confidence: spec.confidence ?? null,
    lastUpdateAt: spec.lastUpdateAt ? new Date(spec.lastUpdateAt) : new Date("2026-06-15T10:00:00Z"),
  };
}

function review(title: string, items: RegisterItem[], directorateId = "FCS", confidential = false): RegisterReview {
  return {
    id: nextId++,
    title,
    body: "LGA",
    reviewType: "peer_review",
    reviewDate: parseDateText("March 2025"),
    findingsReceived: parseDateText("April 2025"),
    outcome: "Good",
    outcomeKnown: true,
    purpose: null,
    narrative: null,
    directorateId,
    confidential,
    items,
  };
}

function report(register: RegisterReview[], extra: { firstReport?: boolean; priorityLabels?: string[] } = {}) {
  return buildCommitteeReport({
    register,
    today: CUT_OFF,
    since: SINCE,
    statusKey: "2024",
    point: { name: "Audit Committee 14 July 2026" },
    previous: { name: "Audit Committee 14 January 2026", cutOff: SINCE, snapshot: null },
    ...extra,
  });
}

const text = (paragraphs: { text: string }[][]) => paragraphs.map((p) => p.map((r) => r.text).join("")).join(" ");

describe("extension requests since the last report", () => {
  const requests: [string, ExtensionRequest][] = [
    [
      "before the period",
      request({
        from: "Dec-26",
        to: "Mar-27",
        at: "2025-11-10T10:00:00Z",
        state: "approved",
        decidedAt: "2025-11-20T10:00:00Z",
      }),
    ],
    [
      "approved in it",
      request({
        from: "Dec-26",
        to: "Mar-27",
        at: "2026-01-15T10:00:00Z",
        state: "approved",
        decidedAt: "2026-01-20T10:00:00Z",
      }),
    ],
    [
      "declined in it",
      request({
        from: "Dec-26",
        to: "Jun-27",
        at: "2026-02-01T10:00:00Z",
        state: "declined",
        decidedAt: "2026-02-03T10:00:00Z",
        comment: "Bring a recovery plan first.",
      }),
    ],
    [
      "made before, still waiting",
      request({ from: "Dec-26", to: "Mar-27", at: "2025-12-20T10:00:00Z", state: "waiting" }),
    ],
    [
      "made on the cut-off's last hour",
      request({ from: "Dec-26", to: "Mar-27", at: "2026-06-30T22:30:00Z", state: "waiting" }),
    ],
    [
      "made after the cut-off (00:30 on 1 July in London)",
      request({ from: "Dec-26", to: "Mar-27", at: "2026-06-30T23:30:00Z", state: "waiting" }),
    ],
    [
      "made in the last report's final hour, decided in this period",
      request({
        from: "Dec-26",
        to: "Mar-27",
        at: "2025-12-31T23:30:00Z",
        state: "declined",
        decidedAt: "2026-01-02T10:00:00Z",
        comment: "No.",
      }),
    ],
    [
      "made in the period, approved after the cut-off",
      request({
        from: "Dec-26",
        to: "Mar-27",
        at: "2026-06-10T10:00:00Z",
        state: "approved",
        decidedAt: "2026-07-03T10:00:00Z",
      }),
    ],
    [
      "took effect at once in the period",
      request({ from: "Dec-26", to: "Feb-27", at: "2026-03-01T10:00:00Z", state: "took_effect" }),
    ],
  ];
  // One item per request, so each is judged on its own.
  const register = [
    review(
      "Customer Service Peer Review",
      requests.map(([name, r]) => item(name, { requests: [r] })),
    ),
  ];
  const model = report(register);
  const rows = model.slippage.extensionRequests.rows;

  it.each([
    ["before the period", null],
    ["approved in it", "Approved"],
    ["declined in it", "Declined"],
    ["made before, still waiting", "Waiting for a decision"],
    ["made on the cut-off's last hour", "Waiting for a decision"],
    ["made after the cut-off (00:30 on 1 July in London)", null],
    ["made in the last report's final hour, decided in this period", "Declined"],
    ["made in the period, approved after the cut-off", "Waiting for a decision"],
    ["took effect at once in the period", "Took effect (no approval needed)"],
  ])("%s: %s", (ref, state) => {
    const row = rows.find((r) => r.item === `Customer Service Peer Review\n${ref}`);
    expect(row?.stateLabel ?? null).toBe(state);
  });

  it("lists waiting requests first, each group oldest first, with who decided, when and why", () => {
    expect(rows.map((r) => [r.item.split("\n")[1], r.requestedOn, r.fromTo, r.decided])).toEqual([
      ["made before, still waiting", "2025-12-20", "31 Dec 2026 → 31 Mar 2027", ""],
      ["made in the period, approved after the cut-off", "2026-06-10", "31 Dec 2026 → 31 Mar 2027", ""],
      ["made on the cut-off's last hour", "2026-06-30", "31 Dec 2026 → 31 Mar 2027", ""],
      [
        "made in the last report's final hour, decided in this period",
        "2025-12-31",
        "31 Dec 2026 → 31 Mar 2027",
        `${LEAD} on 2 Jan 2026: No.`,
      ],
      ["approved in it", "2026-01-15", "31 Dec 2026 → 31 Mar 2027", `${LEAD} on 20 Jan 2026`],
      [
        "declined in it",
        "2026-02-01",
        "31 Dec 2026 → 30 Jun 2027",
        `${LEAD} on 3 Feb 2026: Bring a recovery plan first.`,
      ],
      ["took effect at once in the period", "2026-03-01", "31 Dec 2026 → 28 Feb 2027", ""],
    ]);
  });

  it("counts them in words and asks the committee to decide the waiting ones, also among the recommendations", () => {
    expect(text(model.slippage.extensionRequests.intro)).toBe(
      "Since the last report, seven requests to move a target date later were made or decided, or were still waiting: one approved; two declined; one took effect without approval and three waiting for a decision at the cut-off. " +
        "The Audit Committee is asked to decide the three requests still waiting at the cut-off, listed first in the table below.",
    );
    expect(model.recommendations).toContain(
      'Decide the three extension requests still waiting for a decision at the cut-off (listed under "Extension requests since the last report").',
    );
  });

  it("the first report lists every request made up to the cut-off", () => {
    const first = report(register, { firstReport: true });
    expect(first.slippage.extensionRequests.rows.map((r) => r.item.split("\n")[1])).toContain("before the period");
    expect(first.slippage.extensionRequests.total).toBe(8);
    expect(text(first.slippage.extensionRequests.intro)).toMatch(
      /^Eight requests to move a target date later have been made up to the cut-off/,
    );
  });

  it("with none, says so and adds no recommendation", () => {
    const none = report([review("Quiet review", [item("Rec 1")])]);
    expect(none.slippage.extensionRequests.rows).toEqual([]);
    expect(text(none.slippage.extensionRequests.intro)).toBe(
      "No extension requests were made or decided since the last report, and none was waiting for a decision at the cut-off.",
    );
    expect(none.recommendations.join(" ")).not.toContain("extension");
  });
});

describe("the register as at the cut-off", () => {
  const approvedLater = request({
    from: "Mar-26",
    to: "Sep-26",
    at: "2026-06-10T10:00:00Z",
    state: "approved",
    decidedAt: "2026-07-03T10:00:00Z",
  });
  const madeLater = request({ from: "Sep-26", to: "Dec-26", at: "2026-07-05T10:00:00Z", state: "took_effect" });

  it.each([
    ["approved after the cut-off: the old target, the request waiting", [approvedLater], "Sep-26", null, ["waiting"]],
    [
      "approved, then another taking effect after: back to the first target",
      [approvedLater, madeLater],
      "Dec-26",
      null,
      ["waiting"],
    ],
    [
      "approved before it: unchanged",
      [
        request({
          from: "Mar-26",
          to: "Sep-26",
          at: "2026-01-10T10:00:00Z",
          state: "approved",
          decidedAt: "2026-01-12T10:00:00Z",
        }),
      ],
      "Sep-26",
      "2026-09-30",
      ["approved"],
    ],
  ])("%s", (_name, requests, revisedNow, revisedThen, states) => {
    const now = item("Rec", { original: "Mar-26", revised: revisedNow, requests });
    const then = itemExtensionsAsAt(now, CUT_OFF);
    expect(then.revisedTarget.end).toBe(revisedThen);
    expect(then.extensionRequests!.map((r) => r.state)).toEqual(states);
  });

  it("so the status at the cut-off is the one the old target gave", () => {
    const now = item("Rec", { original: "Mar-26", revised: "Sep-26", requests: [approvedLater] });
    const [asAt] = registerAsAt([review("R", [now])], CUT_OFF);
    expect(itemStatus(now, CUT_OFF).status).toBe("partly_delayed");
    expect(itemStatus(asAt!.items[0]!, CUT_OFF).status).toBe("partly_delayed");
    expect(asAt!.items[0]!.revisedTarget.end).toBeNull();
  });
});

describe("owners' updates as at the cut-off", () => {
  const history = new Map([
    [1001, { lastUpdateAt: new Date("2026-04-01T10:00:00Z"), confidence: null }],
    [
      1002,
      {
        lastUpdateAt: new Date("2026-05-01T10:00:00Z"),
        confidence: { value: "will_miss", at: new Date("2026-05-01T10:00:00Z"), forTarget: "2026-07-10" },
      },
    ],
  ]);
  const onTrackLater = { value: "on_track" as const, at: new Date("2026-07-02T10:00:00Z"), forTarget: "2026-07-10" };

  it.each([
    [
      "updated after the cut-off: the last update before it",
      { id: 1001, lastUpdateAt: "2026-07-02T10:00:00Z" },
      "2026-04-01",
      null,
    ],
    [
      "said on track after it: the confidence given before",
      { id: 1002, lastUpdateAt: "2026-07-02T10:00:00Z", confidence: onTrackLater },
      "2026-05-01",
      "will_miss",
    ],
    [
      "no update before it: none",
      { id: 1003, lastUpdateAt: "2026-07-02T10:00:00Z", confidence: onTrackLater },
      null,
      null,
    ],
    [
      "updated on the cut-off's last hour: as it is",
      { id: 1004, lastUpdateAt: "2026-06-30T22:30:00Z" },
      "2026-06-30",
      null,
    ],
  ])(
    "%s",
    (_name, spec: { id: number; lastUpdateAt: string; confidence?: StatedConfidence }, lastUpdate, confidence) => {
      const now = {
        ...item("Rec", {
          original: "2026-07-10",
          lastUpdateAt: spec.lastUpdateAt,
          ...(spec.confidence ? { confidence: spec.confidence } : {}),
        }),
        id: spec.id,
      };
      const [then] = registerUpdatesAsAt([review("R", [now])], CUT_OFF, history);
      const asAt = then!.items[0]!;
      expect(asAt.lastUpdateAt ? asAt.lastUpdateAt.toISOString().slice(0, 10) : null).toBe(lastUpdate);
      expect(asAt.confidence?.value ?? null).toBe(confidence);
    },
  );

  it("so an item quiet at the cut-off is at risk in its report, though updated since", () => {
    const now = { ...item("Rec", { original: "2026-07-10", lastUpdateAt: "2026-07-02T10:00:00Z" }), id: 1001 };
    const later = report([review("R", [now])]);
    const then = report(registerUpdatesAsAt([review("R", [now])], CUT_OFF, history));
    expect(later.slippage.atRisk.total).toBe(0);
    expect(then.slippage.atRisk.rows.map((r) => r.why)).toEqual([
      "Due in 8 working days (10 Jul 2026) with no update for 90 days.",
    ]);
  });
});

describe("repeat extensions, at risk, overdue high priority", () => {
  const twice = [
    request({ from: "Mar-25", to: "Sep-25", at: "2025-02-01T10:00:00Z", state: "took_effect" }),
    request({
      from: "Sep-25",
      to: "Mar-26",
      at: "2025-09-01T10:00:00Z",
      state: "approved",
      decidedAt: "2025-09-03T10:00:00Z",
    }),
  ];
  const register = [
    review("Customer Service Peer Review", [
      item("extended twice", {
        original: "Mar-25",
        revised: "Mar-26",
        requests: twice,
        priority: "high",
        unit: "Customer services",
        owner: OWNER,
      }),
      item("extended once", { original: "Mar-25", revised: "Sep-25", requests: twice.slice(0, 1) }),
      item("extended twice, completed in the period", {
        original: "Mar-25",
        revised: "Mar-26",
        requests: twice,
        progress: "complete",
        completedOn: "2026-02-01",
      }),
      item("extended twice, completed before it", {
        original: "Mar-25",
        revised: "Mar-26",
        requests: twice,
        progress: "complete",
        completedOn: "2025-10-01",
      }),
      item("owner says it will miss", {
        original: "2026-09-30",
        confidence: { value: "will_miss", at: new Date("2026-06-03T10:00:00Z"), forTarget: "2026-09-30" },
      }),
      item("owner said so for an old target", {
        original: "2026-09-30",
        confidence: { value: "will_miss", at: new Date("2026-06-03T10:00:00Z"), forTarget: "2026-03-31" },
      }),
      item("quiet near its target", { original: "2026-07-10", lastUpdateAt: "2026-04-01T10:00:00Z", unit: "Finance" }),
      item("updated near its target", { original: "2026-07-10", lastUpdateAt: "2026-06-20T10:00:00Z" }),
      item("medium and overdue", { original: "Mar-26", priority: "medium" }),
      item("high, not yet due", { original: "Dec-26", priority: "high" }),
      item("high and complete", {
        original: "Mar-26",
        priority: "high",
        progress: "complete",
        completedOn: "2026-03-01",
      }),
      item("high, overdue, nobody named", { original: "Apr-26", priority: "high" }),
    ]),
    review(
      "Pegasus House",
      [
        item("home's item", {
          original: "Mar-25",
          revised: "Mar-26",
          requests: twice,
          priority: "high",
          lastUpdateAt: "2026-01-01T10:00:00Z",
        }),
      ],
      "CYPS",
      true,
    ),
    review(
      "SEND inspection",
      [item("confidential item", { original: "2026-07-10", lastUpdateAt: "2026-04-01T10:00:00Z", confidential: true })],
      "CYPS",
    ),
  ];
  const model: CommitteeReport = report(register);
  const refs = (rows: { item: string }[]) => rows.map((r) => r.item.split("\n")[1]);

  it("repeat extensions: open or completed in the period, at or over the threshold, with the chain", () => {
    expect(
      model.slippage.repeatExtensions.rows.map((r) => [r.item.split("\n")[1], r.extensions, r.chain, r.statusLabel]),
    ).toEqual([
      ["extended twice", 2, "31 Mar 2025 → 30 Sep 2025 → 31 Mar 2026", "Significant delay"],
      ["extended twice, completed in the period", 2, "31 Mar 2025 → 30 Sep 2025 → 31 Mar 2026", "Complete"],
    ]);
    expect(model.slippage.repeatExtensions.confidentialItems).toBe(1);
    expect(text(model.slippage.repeatExtensions.intro)).toBe(
      "Three items have had their target date extended twice or more; a further request for any of them goes to the improvement team.",
    );
    const stricter = buildCommitteeReport({ ...reportInput(register), repeatThreshold: 3 });
    expect(stricter.slippage.repeatExtensions.total).toBe(0);
  });

  it("at risk: the owner's word for the current target, or near the target and quiet; with why", () => {
    expect(model.slippage.atRisk.rows.map((r) => [r.item.split("\n")[1], r.responsible, r.target, r.why])).toEqual([
      [
        "owner says it will miss",
        "Not recorded",
        "30 Sep 2026",
        "The owner said on 3 Jun 2026 it will miss its target 30 Sep 2026.",
      ],
      [
        "quiet near its target",
        "Finance",
        "10 Jul 2026",
        "Due in 8 working days (10 Jul 2026) with no update for 90 days.",
      ],
    ]);
    expect(model.slippage.atRisk.confidentialItems).toBe(1);
  });

  it("overdue high priority: open, of the top label, past its current target, with unit and owner", () => {
    expect(
      model.slippage.overduePriority.rows.map((r) => [
        r.item.split("\n")[1],
        r.priority,
        r.target,
        r.responsibleUnit,
        r.owner,
      ]),
    ).toEqual([
      ["extended twice", "high", "31 Mar 2026 (originally 31 Mar 2025)", "Customer services", OWNER],
      ["high, overdue, nobody named", "high", "30 Apr 2026", "Not recorded", "Not recorded"],
    ]);
    expect(model.slippage.overduePriority.confidentialItems).toBe(1);
    expect(text(model.slippage.overduePriority.intro)).toBe(
      "Three open high-priority items were past their target date at the cut-off; the table names the unit and officer responsible for each.",
    );
  });

  it("uses the council's own labels: the first is the top one", () => {
    const labels = ["fundamental", "important", "desirable"];
    const relabelled = register.map((r) => ({
      ...r,
      items: r.items.map((i) => ({
        ...i,
        priority: i.priority === "high" ? "important" : i.priority === "medium" ? "fundamental" : null,
      })),
    }));
    const bromsgrove = buildCommitteeReport({ ...reportInput(relabelled), priorityLabels: labels });
    expect(refs(bromsgrove.slippage.overduePriority.rows)).toEqual(["medium and overdue"]);
    expect(bromsgrove.slippage.topPriority).toBe("fundamental");
  });

  it("never names a confidential review or item anywhere in the section", () => {
    const section = JSON.stringify(model.slippage);
    for (const secret of ["Pegasus House", "home's item", "confidential item", "SEND inspection"])
      expect(section).not.toContain(secret);
  });

  it("the workbook's cells per item: priority, at risk and why, extensions and chain, waiting request", () => {
    const waiting = request({
      from: "Mar-26",
      to: "Sep-26",
      at: "2026-06-10T10:00:00Z",
      state: "approved",
      decidedAt: "2026-07-03T10:00:00Z",
      reason: "=1+1 new system",
    });
    const [asAt] = registerAsAt(
      [
        review("R", [
          item("Rec", { original: "Mar-25", revised: "Sep-26", requests: [...twice, waiting], priority: "high" }),
        ]),
      ],
      CUT_OFF,
    );
    expect(slippageCells(asAt!.items[0]!, DEFAULT_AT_RISK_SETTINGS, CUT_OFF)).toEqual([
      "high",
      "",
      "2",
      "31 Mar 2025 → 30 Sep 2025 → 31 Mar 2026",
      `Asked by ${OWNER} on 10 Jun 2026 to move the target from 31 Mar 2026 to 30 Sep 2026: waiting for the directorate's lead or the improvement team. Reason: =1+1 new system`,
    ]);
    const quiet = register[0]!.items.find((i) => i.ref === "quiet near its target")!;
    expect(slippageCells(quiet, DEFAULT_AT_RISK_SETTINGS, CUT_OFF)).toEqual([
      "",
      "At risk: due in 8 working days (10 Jul 2026) with no update for 90 days",
      "",
      "",
      "",
    ]);
  });
});

function reportInput(register: RegisterReview[]) {
  return {
    register,
    today: CUT_OFF,
    since: SINCE,
    statusKey: "2024" as const,
    point: { name: "Audit Committee 14 July 2026" },
    previous: { name: "Audit Committee 14 January 2026", cutOff: SINCE, snapshot: null },
  };
}
