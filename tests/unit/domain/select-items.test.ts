import { describe, expect, it } from "vitest";
import { parseDateText } from "../../../src/domain/dates/date-text.js";
import { parseQuestion } from "../../../src/domain/questions/question.js";
import type { ItemFilter } from "../../../src/domain/questions/question.js";
import type { RegisterItem, RegisterReview } from "../../../src/domain/register/register.js";
import { groupByReview, selectItems, type SelectedItem } from "../../../src/domain/questions/select-items.js";
import type { Progress } from "../../../src/domain/status/status.js";

let nextId = 1;

interface ItemSpec {
  kind?: string;
  progress?: Progress;
  original?: string;
  revised?: string;
  owner?: string;
  unit?: string;
  counted?: boolean;
}

function item(ref: string, spec: ItemSpec = {}): RegisterItem {
  return {
    id: nextId++,
    ref,
    kind: spec.kind ?? "recommendation",
    text: `${ref} text`,
    parentRef: null,
    counted: spec.counted ?? true,
    responsibleUnit: spec.unit ?? null,
    ownerEmail: spec.owner ?? null,
    delegateEmail: null,
    verification: "none",
    originalTarget: parseDateText(spec.original ?? null),
    revisedTarget: parseDateText(spec.revised ?? null),
    revisionReason: null,
    progress: spec.progress ?? "in_progress",
    recordedStatus: null,
    latestUpdate: null,
    completedOn: null,
    confidential: false,
    version: 1,
  };
}

function review(
  directorateId: string,
  title: string,
  body: string | null,
  items: RegisterItem[],
  narrative: string | null = null,
): RegisterReview {
  return {
    id: nextId++,
    title,
    body,
    reviewType: null,
    reviewDate: parseDateText(null),
    findingsReceived: parseDateText(null),
    outcome: null,
    outcomeKnown: true,
    purpose: null,
    narrative,
    directorateId,
    confidential: false,
    items,
  };
}

const complete = (ref: string, original = "Mar-23"): RegisterItem => item(ref, { progress: "complete", original });

/** A small register: D0's CYPS, R&E and FCS rows as at Jan 2024, and D1's FCS and ACEX rows as at May 2025. Listed out of order on purpose. */
const REGISTER: RegisterReview[] = [
  review("ACEX", "Corporate Peer Challenge", "LGA", [
    item("Recommendation 1", { progress: "complete", original: "March 2024", unit: "ACEX" }),
    item("Recommendation 2", { original: "March 2025", unit: "R&E" }),
    item("Recommendation 4", { original: "March 2025", unit: "Housing services" }),
  ]),
  review("FCS", "Customer Service Peer Review", "Local Government Association", [
    item("Area for improvement 27", {
      kind: "area_for_improvement",
      original: "Dec-23",
      revised: "Mar-24",
      unit: "Finance and Customer Services",
    }),
  ]),
  review("FCS", "2023/24 VFM arrangements (Grant Thornton)", "Grant Thornton", [
    item("REC KR1", { kind: "key_improvement_recommendation", original: "TBC", unit: "Housing services" }),
    item("REC IR4", {
      kind: "improvement_recommendation",
      progress: "not_started",
      original: "March 2026",
      revised: "n/a",
    }),
    item("Rec IR5", { kind: "improvement_recommendation", progress: "no_action_required" }),
    item("Rec IR6", {
      kind: "improvement_recommendation",
      original: "March 2025",
      revised: "September 2025",
      owner: "fcs.lead@example.org",
    }),
    item("REC IR7", { kind: "improvement_recommendation", original: "March 2026", revised: "Mar-26", unit: "ACEX" }),
  ]),
  review("RE", "Quest Foundation Review", "Quest", [item("Rec 1", { original: "Sep-23", revised: "Mar-24" })]),
  review("ACHPH", "Safeguarding Peer Review", "LGA", [
    item("THEME 1", { kind: "theme", progress: "not_started", original: "TBC", counted: false }),
    item("Recommendation 1", { progress: "not_started", original: "Jun-24" }),
  ]),
  review(
    "CYPS",
    "Ofsted Focused Visit",
    null,
    [
      item("Area for improvement 1", { kind: "area_for_improvement", original: "Oct-24" }),
      item("Area for improvement 2", { kind: "area_for_improvement", original: "Dec-25" }),
      item("Area for improvement 3", { kind: "area_for_improvement", progress: "complete", original: "Dec-24" }),
    ],
    "An action plan is in place. Progress is overseen by the CYPS Evidence Challenge Panel and CYPS DLT.",
  ),
  review("CYPS", "Inspection of Local Authority Children's Services (ILACS) Short Inspection", "Ofsted", [
    item("Recommendation 1", { progress: "complete", original: "Mar-23", owner: "ilacs.lead@example.org" }),
    complete("Recommendation 2"),
    item("Recommendation 3", { original: "Nov-22", revised: "Feb-24", owner: "ILACS.Lead@Example.org" }),
    item("Recommendation 4", { original: "Jun-23", revised: "Jan-24", owner: "care.leavers@example.org" }),
  ]),
  review("CYPS", "Child Sexual Exploitation review", "Rotherham Safeguarding Children Partnership", [
    ...[1, 2, 3, 4, 5, 6].map((n) => complete(`Recommendation ${n}`)),
    item("Recommendation 7", { original: "Mar-23", revised: "Mar-24" }),
  ]),
];

/** D0's Audit Committee, 9 Jan 2024, and D1's tracker, mid-May 2025. */
const D0_DAY = "2024-01-09";
const D1_DAY = "2025-05-15";

const ILACS = "Inspection of Local Authority Children's Services (ILACS) Short Inspection";
const CSE = "Child Sexual Exploitation review";
const VFM = "2023/24 VFM arrangements (Grant Thornton)";

function refs(selected: readonly SelectedItem[]): string[] {
  return selected.map(({ review, item }) => `${review.title} / ${item.ref}`);
}

describe("selectItems", () => {
  it.each<[string, ItemFilter, string, string[]]>([
    [
      "delayed in CYPS, as D0 reported it",
      { delayed: true, directorateId: "CYPS" },
      D0_DAY,
      [`${CSE} / Recommendation 7`, `${ILACS} / Recommendation 3`, `${ILACS} / Recommendation 4`],
    ],
    // D0: ILACS Nov 2022 -> Feb 2024 is 15 months late; the CSE review's Mar 2023 -> Mar 2024 is exactly 12, so not "more than".
    [
      "more than 12 months past the original target",
      { moreThan12Months: true },
      D0_DAY,
      [`${ILACS} / Recommendation 3`],
    ],
    [
      "due by 30 Jun 2024: open only, the effective target counts",
      { dueBy: "2024-06-30" },
      D0_DAY,
      [
        `${CSE} / Recommendation 7`,
        `${ILACS} / Recommendation 3`,
        `${ILACS} / Recommendation 4`,
        "Safeguarding Peer Review / Recommendation 1",
        "Quest Foundation Review / Rec 1",
        "Customer Service Peer Review / Area for improvement 27",
      ],
    ],
    [
      "revised targets, not those revised to the same month or marked n/a",
      { revised: true },
      D1_DAY,
      [
        `${CSE} / Recommendation 7`,
        `${ILACS} / Recommendation 3`,
        `${ILACS} / Recommendation 4`,
        "Quest Foundation Review / Rec 1",
        `${VFM} / Rec IR6`,
        "Customer Service Peer Review / Area for improvement 27",
      ],
    ],
    [
      "awaiting start or TBC: open items only",
      { awaitingStartOrTbc: true },
      D1_DAY,
      [
        "Safeguarding Peer Review / THEME 1",
        "Safeguarding Peer Review / Recommendation 1",
        `${VFM} / REC KR1`,
        `${VFM} / REC IR4`,
      ],
    ],
    [
      "D1: reported under FCS, delivered elsewhere (Housing services, ACEX)",
      { directorateId: "FCS", deliveredElsewhere: true },
      D1_DAY,
      [`${VFM} / REC KR1`, `${VFM} / REC IR7`],
    ],
    [
      "delivered elsewhere, any directorate (CPC Recs 2 and 4 delivered by R&E and Housing)",
      { deliveredElsewhere: true },
      D1_DAY,
      [
        `${VFM} / REC KR1`,
        `${VFM} / REC IR7`,
        "Corporate Peer Challenge / Recommendation 2",
        "Corporate Peer Challenge / Recommendation 4",
      ],
    ],
    [
      "delivered by housing",
      { deliveredBy: "ACHPH" },
      D1_DAY,
      [`${VFM} / REC KR1`, "Corporate Peer Challenge / Recommendation 4"],
    ],
    [
      "improvement recommendations not implemented",
      { itemKinds: ["improvement_recommendation"], notImplementing: true },
      D1_DAY,
      [`${VFM} / Rec IR5`],
    ],
    [
      "key improvement recommendations of one review",
      { reviewTitle: VFM, itemKinds: ["key_improvement_recommendation"] },
      D1_DAY,
      [`${VFM} / REC KR1`],
    ],
    [
      "the focused visit's areas for improvement, by a body only its title names",
      { body: "Ofsted", reviewTitle: "ofsted focused visit", itemKinds: ["area_for_improvement"] },
      D1_DAY,
      [
        "Ofsted Focused Visit / Area for improvement 1",
        "Ofsted Focused Visit / Area for improvement 2",
        "Ofsted Focused Visit / Area for improvement 3",
      ],
    ],
    [
      "LGA is also the Local Government Association",
      { body: "LGA", open: true },
      D1_DAY,
      [
        "Safeguarding Peer Review / THEME 1",
        "Safeguarding Peer Review / Recommendation 1",
        "Customer Service Peer Review / Area for improvement 27",
        "Corporate Peer Challenge / Recommendation 2",
        "Corporate Peer Challenge / Recommendation 4",
      ],
    ],
    [
      "overseen by the CYPS Evidence Challenge Panel",
      { overseenBy: "CYPS Evidence Challenge Panel" },
      D1_DAY,
      [
        "Ofsted Focused Visit / Area for improvement 1",
        "Ofsted Focused Visit / Area for improvement 2",
        "Ofsted Focused Visit / Area for improvement 3",
      ],
    ],
    [
      "overdue: open and past the effective target",
      { overdue: true, directorateId: "CYPS" },
      D1_DAY,
      [
        `${CSE} / Recommendation 7`,
        `${ILACS} / Recommendation 3`,
        `${ILACS} / Recommendation 4`,
        "Ofsted Focused Visit / Area for improvement 1",
      ],
    ],
    ["complete in FCS", { statuses: ["complete"], directorateId: "FCS" }, D1_DAY, []],
    [
      "complete in ACEX",
      { statuses: ["complete"], directorateId: "ACEX" },
      D1_DAY,
      ["Corporate Peer Challenge / Recommendation 1"],
    ],
  ])("%s", (_case, filter, today, expected) => {
    expect(refs(selectItems(REGISTER, filter, today))).toEqual(expected);
  });

  it("an empty filter lists every item, by directorate (CYPS, ACHPH, R&E, FCS, ACEX), title, then item order", () => {
    const selected = selectItems(REGISTER, {}, D1_DAY);
    expect(selected).toHaveLength(REGISTER.reduce((n, r) => n + r.items.length, 0));
    expect([...new Set(selected.map((s) => s.review.directorateId))]).toEqual(["CYPS", "ACHPH", "RE", "FCS", "ACEX"]);
    expect([...new Set(selected.filter((s) => s.review.directorateId === "CYPS").map((s) => s.review.title))]).toEqual([
      CSE,
      ILACS,
      "Ofsted Focused Visit",
    ]);
    expect(selected.filter((s) => s.review.title === CSE).map((s) => s.item.ref)).toEqual(
      [1, 2, 3, 4, 5, 6, 7].map((n) => `Recommendation ${n}`),
    );
  });

  it("mine matches the owner's email whatever its case; without a person nothing is mine", () => {
    const me = { email: "Ilacs.Lead@example.org" };
    expect(refs(selectItems(REGISTER, { mine: true }, D0_DAY, me))).toEqual([
      `${ILACS} / Recommendation 1`,
      `${ILACS} / Recommendation 3`,
    ]);
    expect(refs(selectItems(REGISTER, { mine: true, open: true }, D0_DAY, me))).toEqual([
      `${ILACS} / Recommendation 3`,
    ]);
    expect(selectItems(REGISTER, { mine: true }, D0_DAY)).toEqual([]);
    expect(selectItems(REGISTER, { mine: true }, D0_DAY, { email: "someone.else@example.org" })).toEqual([]);
  });

  it("carries each item's computed status and the rule's reason", () => {
    const [ilacs3] = selectItems(REGISTER, { moreThan12Months: true }, D0_DAY);
    expect(ilacs3?.status).toEqual({
      status: "significant_delay",
      reason: "revised target 29 Feb 2024 is 15 months after the original 30 Nov 2022 (more than 12 months)",
    });
  });
});

describe("groupByReview", () => {
  it("groups the selection by review, in order, with counted items by status", () => {
    const groups = groupByReview(selectItems(REGISTER, { directorateId: "CYPS" }, D0_DAY));
    expect(groups.map((g) => [g.review.title, g.items.length, g.counted])).toEqual([
      [CSE, 7, 7],
      [ILACS, 4, 4],
      ["Ofsted Focused Visit", 3, 3],
    ]);
    expect(groups[0]?.counts).toMatchObject({ complete: 6, partly_delayed: 1, significant_delay: 0 });
    expect(groups[1]?.counts).toMatchObject({ complete: 2, partly_delayed: 1, significant_delay: 1 });
    expect(groups[2]?.counts).toMatchObject({ complete: 1, on_track: 2 });
  });

  it("lists a theme but counts at the lowest tracked level", () => {
    const [safeguarding] = groupByReview(selectItems(REGISTER, { directorateId: "ACHPH" }, D1_DAY));
    expect(safeguarding?.items.map((s) => s.item.ref)).toEqual(["THEME 1", "Recommendation 1"]);
    expect(safeguarding?.counted).toBe(1);
    expect(safeguarding?.counts.partly_delayed).toBe(1);
  });

  it("is empty for an empty selection", () => {
    expect(groupByReview([])).toEqual([]);
  });
});

describe("questions answered end to end", () => {
  const context = (today: string) => ({
    today,
    reviewTitles: REGISTER.map((r) => r.title),
    bodies: REGISTER.flatMap((r) => (r.body ? [r.body] : [])),
  });
  const answer = (text: string, today: string, me?: { email: string }) => {
    const question = parseQuestion(text, context(today));
    if (question.kind !== "items") throw new Error(`${text} parsed as ${question.kind}`);
    return refs(selectItems(REGISTER, question.filter, today, me));
  };

  it.each([
    [
      "What's delayed in CYPS?",
      D0_DAY,
      [`${CSE} / Recommendation 7`, `${ILACS} / Recommendation 3`, `${ILACS} / Recommendation 4`],
    ],
    ["Is anything more than 12 months past its original target date?", D0_DAY, [`${ILACS} / Recommendation 3`]],
    [
      "Which items are reported under FCS but delivered by another directorate?",
      D1_DAY,
      [`${VFM} / REC KR1`, `${VFM} / REC IR7`],
    ],
    ["Which improvement recommendations have we decided not to implement?", D1_DAY, [`${VFM} / Rec IR5`]],
    ["Where are we on the Grant Thornton 2023/24 VFM key improvement recommendations?", D1_DAY, [`${VFM} / REC KR1`]],
    [
      "What is the CYPS Evidence Challenge Panel overseeing?",
      D1_DAY,
      [
        "Ofsted Focused Visit / Area for improvement 1",
        "Ofsted Focused Visit / Area for improvement 2",
        "Ofsted Focused Visit / Area for improvement 3",
      ],
    ],
    [
      "What's due by the end of September 2025?",
      D1_DAY,
      [
        `${CSE} / Recommendation 7`,
        `${ILACS} / Recommendation 3`,
        `${ILACS} / Recommendation 4`,
        "Ofsted Focused Visit / Area for improvement 1",
        "Safeguarding Peer Review / Recommendation 1",
        "Quest Foundation Review / Rec 1",
        `${VFM} / Rec IR6`,
        "Customer Service Peer Review / Area for improvement 27",
        "Corporate Peer Challenge / Recommendation 2",
        "Corporate Peer Challenge / Recommendation 4",
      ],
    ],
  ])("%j", (text, today, expected) => {
    expect(answer(text, today)).toEqual(expected);
  });

  it("list my actions", () => {
    expect(answer("list my actions", D1_DAY, { email: "fcs.lead@example.org" })).toEqual([`${VFM} / Rec IR6`]);
  });
});
