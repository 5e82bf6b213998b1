import { describe, expect, it } from "vitest";
import {
  exampleQuestions,
  findDirectorateMentions,
  parseQuestion,
  type QuestionContext,
} from "../../../src/domain/questions/question.js";

/** Titles as the register holds them: D0's canonical import, and D1's tracker (the body in brackets, "NEW" dropped). */
const REVIEW_TITLES = [
  "Pegasus House Children's Residential Home",
  "Beech Tree Lodge Children's Residential Home",
  "Joint Area SEND Inspection",
  "Inspection of Local Authority Children's Services (ILACS) Short Inspection",
  "Child Sexual Exploitation review",
  "Safeguarding Peer Review",
  "Exemplar accreditation of housing tenancy engagement",
  "DVLA Assurance Report",
  "Changing Places Fund – Statement of Grant Assurance",
  "Quest Foundation Review",
  "Tree Management Protocol & Guidance Independent Review",
  "Teachers Pension Audit 2022/23",
  "Statement of Accounts Audit 2022/23",
  "Customer Service Peer Review",
  "2021/22 VFM arrangements",
  "Equality Framework for Local Government - Rotherham Council Informal Peer Challenge",
  "Corporate Peer Challenge",
  "Ofsted Focused Visit",
  "Ofsted Area SEND inspection of Rotherham Local Area Partnership",
  "Adult Social Care Peer Review (led by the Local Government Association)",
  "Public Health Peer Review",
  "2024 Prevent Duty Annual Assurance Assessment (Home Office)",
  "DVSA MOT Vehicle Testing Station Site Review (DVSA)",
  "Sports Ground Safety Authority – Local Authority Audit (Sports Ground Safety Authority (SGSA))",
  "2022/23 VFM arrangements (Grant Thornton)",
  "2023/24 Statement of Accounts (Grant Thornton)",
  "2023/24 VFM arrangements (Grant Thornton)",
];

const BODIES = [
  "Ofsted",
  "Ofsted and CQC",
  "Rotherham Safeguarding Children Partnership",
  "LGA",
  "Tpas",
  "DVLA",
  "Department for Levelling Up, Housing and Communities",
  "Quest",
  "Treeconomics",
  "KPMG",
  "Grant Thornton",
  "Doncaster Council",
  "Local Government Association",
  "Home Office",
  "DVSA",
  "Sports Ground Safety Authority (SGSA)",
];

/** The May 2025 tracker (D1) was written in mid-May 2025. */
const context = (today = "2025-05-15"): QuestionContext => ({ today, reviewTitles: REVIEW_TITLES, bodies: BODIES });

describe("the questions in DOMAIN.md section 6", () => {
  it.each([
    ["1", "What's delayed?", { kind: "items", filter: { delayed: true }, description: "Delayed items" }],
    [
      "1",
      "What's delayed in CYPS?",
      {
        kind: "items",
        filter: { delayed: true, directorateId: "CYPS" },
        description: "Delayed items in Children and Young People's Services",
      },
    ],
    [
      "2",
      "Is anything more than 12 months past its original target date?",
      {
        kind: "items",
        filter: { moreThan12Months: true },
        description: "Items more than 12 months past the original target",
      },
    ],
    [
      "3",
      "What's due by the end of September 2025?",
      { kind: "items", filter: { dueBy: "2025-09-30" }, description: "Items due by 30 Sep 2025" },
    ],
    [
      "4",
      "Which of my actions need an update before the July Audit Committee?",
      {
        kind: "items",
        filter: { mine: true, open: true },
        updateBy: "2025-06-30",
        description: "My open actions to update before the July 2025 Audit Committee",
      },
    ],
    [
      "5",
      "What new inspections have come in since the last report?",
      { kind: "new_reviews", since: { kind: "last_report" } },
    ],
    [
      "6",
      "How many recommendations were implemented since the last report, by directorate?",
      { kind: "implemented_count", since: { kind: "last_report" }, byDirectorate: true },
    ],
    [
      "7",
      "Show progress on the Ofsted focused visit areas for improvement.",
      {
        kind: "items",
        filter: { reviewTitle: "Ofsted Focused Visit", itemKinds: ["area_for_improvement"] },
        description: "Areas for improvement in Ofsted Focused Visit",
      },
    ],
    [
      "8",
      "Where are we on the Grant Thornton 2023/24 VFM key improvement recommendations?",
      {
        kind: "items",
        filter: {
          reviewTitle: "2023/24 VFM arrangements (Grant Thornton)",
          itemKinds: ["key_improvement_recommendation"],
        },
        description: "Key improvement recommendations in 2023/24 VFM arrangements (Grant Thornton)",
      },
    ],
    [
      "9",
      "Which items are reported under FCS but delivered by another directorate?",
      {
        kind: "items",
        filter: { directorateId: "FCS", deliveredElsewhere: true },
        description:
          "Items reported under Finance and Customer Services but delivered by another directorate or partner",
      },
    ],
    [
      "10",
      "Which target dates have been revised, and from what to what?",
      { kind: "items", filter: { revised: true }, description: "Items with revised target dates" },
    ],
    [
      "11",
      "What is awaiting start or has a TBC target?",
      { kind: "items", filter: { awaitingStartOrTbc: true }, description: "Items awaiting start or with a TBC target" },
    ],
    [
      "12",
      "Which improvement recommendations have we decided not to implement?",
      {
        kind: "items",
        filter: { itemKinds: ["improvement_recommendation"], notImplementing: true },
        description: "Improvement recommendations we decided not to implement",
      },
    ],
    [
      "13",
      "What is the CYPS Evidence Challenge Panel overseeing?",
      {
        kind: "items",
        filter: { overseenBy: "CYPS Evidence Challenge Panel" },
        description: "Items overseen by the CYPS Evidence Challenge Panel",
      },
    ],
    ["14", "Draft the period summary for the next Audit Committee.", { kind: "summary" }],
    [
      "15",
      "Which Council Plan measures are off track and getting worse?",
      { kind: "measures", asked: { kind: "exceptions", unused: [] } },
    ],
  ])("Q%s %j", (_number, text, expected) => {
    expect(parseQuestion(text, context())).toMatchObject(expected);
  });

  it("Q12 and Q9 ask for exactly what they name, nothing more", () => {
    expect(parseQuestion("Which improvement recommendations have we decided not to implement?", context())).toEqual({
      kind: "items",
      filter: { itemKinds: ["improvement_recommendation"], notImplementing: true },
      description: "Improvement recommendations we decided not to implement",
    });
    const q9 = parseQuestion("Which items are reported under FCS but delivered by another directorate?", context());
    expect(q9.kind === "items" && q9.filter).toEqual({ directorateId: "FCS", deliveredElsewhere: true });
  });
});

describe("natural variants", () => {
  it.each([
    // help
    ["help", { kind: "help" }],
    ["?", { kind: "help" }],
    ["what can I ask", { kind: "help" }],
    ["What can I ask you?", { kind: "help" }],
    ["commands", { kind: "help" }],
    ["hi", { kind: "help" }],
    ["", { kind: "help" }],
    // delayed
    ["what’s delayed?", { kind: "items", filter: { delayed: true } }],
    ["whats delayed", { kind: "items", filter: { delayed: true } }],
    ["WHAT'S DELAYED", { kind: "items", filter: { delayed: true } }],
    ["show me delayed items", { kind: "items", filter: { delayed: true }, description: "Delayed items" }],
    ["  please   what's   delayed  ", { kind: "items", filter: { delayed: true } }],
    ["Please, what's delayed in CYPS? Thanks", { kind: "items", filter: { delayed: true, directorateId: "CYPS" } }],
    ["what has slipped?", { kind: "items", filter: { delayed: true } }],
    [
      "delayed in R&E",
      {
        kind: "items",
        filter: { delayed: true, directorateId: "RE" },
        description: "Delayed items in Regeneration and Environment",
      },
    ],
    ["what is late in children's services", { kind: "items", filter: { delayed: true, directorateId: "CYPS" } }],
    ["what is late in children’s services?", { kind: "items", filter: { delayed: true, directorateId: "CYPS" } }],
    ["what's delayed in CPYS", { kind: "items", filter: { delayed: true, directorateId: "CYPS" } }],
    ["WHAT'S DELAYED IN ADULTS?", { kind: "items", filter: { delayed: true, directorateId: "ACHPH" } }],
    ["anything behind in housing?", { kind: "items", filter: { delayed: true, directorateId: "ACHPH" } }],
    [
      "what's delayed in Finance & Customer Services",
      { kind: "items", filter: { delayed: true, directorateId: "FCS" } },
    ],
    [
      "delayed items in the Assistant Chief Executive's Directorate",
      { kind: "items", filter: { delayed: true, directorateId: "ACEX" } },
    ],
    [
      "what's delayed from Ofsted",
      { kind: "items", filter: { delayed: true, body: "Ofsted" }, description: "Delayed items from Ofsted" },
    ],
    [
      "what's delayed on the ILACS",
      {
        kind: "items",
        filter: {
          delayed: true,
          reviewTitle: "Inspection of Local Authority Children's Services (ILACS) Short Inspection",
        },
      },
    ],
    ["which items are partly delayed", { kind: "items", filter: { statuses: ["partly_delayed"] } }],
    ["significant delays", { kind: "items", filter: { statuses: ["significant_delay"] } }],
    // overdue and more than 12 months
    ["anything overdue?", { kind: "items", filter: { overdue: true }, description: "Overdue items" }],
    [
      "which of my actions are overdue",
      { kind: "items", filter: { overdue: true, mine: true }, description: "My overdue actions" },
    ],
    ["what's more than 12 months late", { kind: "items", filter: { moreThan12Months: true } }],
    [
      "anything over twelve months behind in R&E?",
      { kind: "items", filter: { moreThan12Months: true, directorateId: "RE" } },
    ],
    // due
    ["due by end of September", { kind: "items", filter: { dueBy: "2025-09-30" } }],
    ["What's due by 30/09/2025?", { kind: "items", filter: { dueBy: "2025-09-30" } }],
    [
      "what's due this month",
      { kind: "items", filter: { dueBy: "2025-05-31" }, description: "Items due by 31 May 2025" },
    ],
    ["anything due next month?", { kind: "items", filter: { dueBy: "2025-06-30" } }],
    ["what is due in the next 30 days", { kind: "items", filter: { dueBy: "2025-06-14" } }],
    ["what is due by the end of the financial year", { kind: "items", filter: { dueBy: "2026-03-31" } }],
    ["what's due by end of March", { kind: "items", filter: { dueBy: "2026-03-31" } }],
    ["due before the July Audit Committee", { kind: "items", filter: { dueBy: "2025-06-30" } }],
    ["what's due before the next audit committee", { kind: "items", filter: { dueBy: "2025-06-30" } }],
    ["what's due before the January audit committee", { kind: "items", filter: { dueBy: "2025-12-31" } }],
    [
      "What's due by the end of June 2025 in CYPS?",
      { kind: "items", filter: { dueBy: "2025-06-30", directorateId: "CYPS" } },
    ],
    ["Which of my actions are due this month?", { kind: "items", filter: { mine: true, dueBy: "2025-05-31" } }],
    // mine
    ["list my actions", { kind: "items", filter: { mine: true, open: true }, description: "My open actions" }],
    ["my open actions", { kind: "items", filter: { mine: true, open: true } }],
    ["my items", { kind: "items", filter: { mine: true, open: true } }],
    ["anything for me?", { kind: "items", filter: { mine: true, open: true } }],
    ["my completed actions", { kind: "items", filter: { mine: true, statuses: ["complete"] } }],
    [
      "what needs updating before the July committee",
      { kind: "items", filter: { open: true }, updateBy: "2025-06-30" },
    ],
    // bodies and titles
    [
      "status of the grant thornton recommendations",
      { kind: "items", filter: { body: "Grant Thornton" }, description: "Items from Grant Thornton" },
    ],
    ["LGA recommendations", { kind: "items", filter: { body: "LGA" } }],
    ["any updates on CQC?", { kind: "items", filter: { body: "CQC" } }],
    ["what's delayed in the SGSA audit", { kind: "items", filter: { delayed: true, body: "SGSA" } }],
    [
      "what's overdue in the Sports Ground Safety Authority audit",
      { kind: "items", filter: { overdue: true, body: "SGSA" } },
    ],
    ["focused visit", { kind: "items", filter: { reviewTitle: "Ofsted Focused Visit" } }],
    ["2023/24 VFM", { kind: "items", filter: { reviewTitle: "2023/24 VFM arrangements (Grant Thornton)" } }],
    [
      "the 2023-24 VFM recommendations",
      { kind: "items", filter: { reviewTitle: "2023/24 VFM arrangements (Grant Thornton)" } },
    ],
    ["2023/24 accounts", { kind: "items", filter: { reviewTitle: "2023/24 Statement of Accounts (Grant Thornton)" } }],
    [
      "how are we doing on the customer service peer review",
      { kind: "items", filter: { reviewTitle: "Customer Service Peer Review" } },
    ],
    [
      "status of the adult social care peer review",
      {
        kind: "items",
        filter: { reviewTitle: "Adult Social Care Peer Review (led by the Local Government Association)" },
      },
    ],
    [
      "what's left to do on the CSE review",
      { kind: "items", filter: { open: true, reviewTitle: "Child Sexual Exploitation review" } },
    ],
    ["tell me about the SEND inspection", { kind: "items", filter: { reviewTitle: "Joint Area SEND Inspection" } }],
    [
      "KRs in the 2023/24 VFM",
      {
        kind: "items",
        filter: {
          itemKinds: ["key_improvement_recommendation"],
          reviewTitle: "2023/24 VFM arrangements (Grant Thornton)",
        },
      },
    ],
    [
      "AFIs from the focused visit",
      { kind: "items", filter: { itemKinds: ["area_for_improvement"], reviewTitle: "Ofsted Focused Visit" } },
    ],
    // revised, TBC, not implementing, delivered elsewhere
    ["revised dates", { kind: "items", filter: { revised: true } }],
    ["which deadlines have been moved?", { kind: "items", filter: { revised: true } }],
    ["items with a TBC target", { kind: "items", filter: { awaitingStartOrTbc: true } }],
    ["what hasn't started yet?", { kind: "items", filter: { awaitingStartOrTbc: true } }],
    ["not started in ACEX", { kind: "items", filter: { awaitingStartOrTbc: true, directorateId: "ACEX" } }],
    ["which recommendations were not implemented", { kind: "items", filter: { notImplementing: true } }],
    [
      "which FCS items are delivered by housing",
      { kind: "items", filter: { directorateId: "FCS", deliveredElsewhere: true, deliveredBy: "ACHPH" } },
    ],
    ["what items are delivered by partners", { kind: "items", filter: { deliveredElsewhere: true } }],
    // other statuses and scope
    [
      "what's on track in housing",
      { kind: "items", filter: { statuses: ["on_track", "not_started"], directorateId: "ACHPH" } },
    ],
    ["what's complete in finance", { kind: "items", filter: { statuses: ["complete"], directorateId: "FCS" } }],
    [
      "what's in progress in ACEX",
      {
        kind: "items",
        filter: { statuses: ["on_track", "partly_delayed", "significant_delay"], directorateId: "ACEX" },
      },
    ],
    [
      "which recommendations are not yet complete in FCS",
      { kind: "items", filter: { open: true, directorateId: "FCS" } },
    ],
    ["outstanding recommendations", { kind: "items", filter: { open: true }, description: "Open items" }],
    [
      "CYPS",
      {
        kind: "items",
        filter: { directorateId: "CYPS" },
        description: "Items in Children and Young People's Services",
      },
    ],
    ["show all recommendations", { kind: "items", filter: {}, description: "All items" }],
    ["what does SLT oversee?", { kind: "items", filter: { overseenBy: "SLT" } }],
    ["which reviews are overseen by the RSAB?", { kind: "items", filter: { overseenBy: "RSAB" } }],
    // new reviews, counts, summary
    ["any new reviews since March?", { kind: "new_reviews", since: { kind: "date", date: "2025-02-28" } }],
    [
      "new inspections since 1 April 2025 in CYPS",
      { kind: "new_reviews", since: { kind: "date", date: "2025-03-31" }, directorateId: "CYPS" },
    ],
    ["what's new?", { kind: "new_reviews", since: { kind: "last_report" } }],
    [
      "how many recommendations were implemented since 1 March 2025?",
      { kind: "implemented_count", since: { kind: "date", date: "2025-02-28" }, byDirectorate: false },
    ],
    [
      "how many were completed in the last 6 months per directorate",
      { kind: "implemented_count", since: { kind: "date", date: "2024-11-14" }, byDirectorate: true },
    ],
    [
      "what's been completed since the last audit committee report?",
      { kind: "implemented_count", since: { kind: "last_report" } },
    ],
    [
      "how many CYPS actions have been closed since the last report",
      { kind: "implemented_count", directorateId: "CYPS", byDirectorate: false },
    ],
    ["period summary", { kind: "summary" }],
    ["write the audit committee report", { kind: "summary" }],
    ["What needs doing before Christmas?", { kind: "items", filter: { open: true, dueBy: "2025-12-25" } }],
    ["anything I need to do?", { kind: "items", filter: { mine: true, open: true } }],
    ["new recommendations this month", { kind: "new_reviews", since: { kind: "date", date: "2025-04-30" } }],
    [
      "how many items were completed this year",
      { kind: "implemented_count", since: { kind: "date", date: "2024-12-31" } },
    ],
    ["<at>Tracker</at> what's delayed", { kind: "items", filter: { delayed: true } }],
    ["@Tracker   what's delayed?", { kind: "items", filter: { delayed: true } }],
    ["Which actions are due by Sep-25?", { kind: "items", filter: { dueBy: "2025-09-30" } }],
    ["items that may be late", { kind: "items", filter: { delayed: true } }],
    // not answerable: suggestions close to the question
    ["When is the next audit committee?", { kind: "unknown" }],
    ["what's the weather", { kind: "unknown" }],
    ["CYPS budget overspend", { kind: "unknown", suggestions: expect.arrayContaining(["What's delayed in CYPS?"]) }],
    ["what's the CYPS budget", { kind: "unknown", suggestions: expect.arrayContaining(["What's delayed in CYPS?"]) }],
    ["How many complaints did R&E get?", { kind: "unknown" }],
  ])("%j", (text, expected) => {
    expect(parseQuestion(text, context())).toMatchObject(expected);
  });
});

describe("dates depend on today", () => {
  it.each([
    ["due by end of September", "2025-10-01", { dueBy: "2026-09-30" }],
    ["due by end of September", "2025-09-30", { dueBy: "2025-09-30" }],
    ["due before the July Audit Committee", "2025-08-01", { dueBy: "2026-06-30" }],
    ["due before the July Audit Committee", "2026-01-09", { dueBy: "2026-06-30" }],
    ["what's due before the next audit committee", "2025-09-10", { dueBy: "2025-12-31" }],
    ["due next month", "2025-12-10", { dueBy: "2026-01-31" }],
    ["due this week", "2025-05-15", { dueBy: "2025-05-18" }],
    ["due by 30 September", "2025-10-15", { dueBy: "2026-09-30" }],
  ])("%j on %s", (text, today, filter) => {
    expect(parseQuestion(text, context(today))).toMatchObject({ kind: "items", filter });
  });

  it("Q4 before the July committee, asked in the autumn, means next July", () => {
    expect(
      parseQuestion("Which of my actions need an update before the July Audit Committee?", context("2025-10-01")),
    ).toMatchObject({
      updateBy: "2026-06-30",
      description: "My open actions to update before the July 2026 Audit Committee",
    });
  });
});

describe("never silence", () => {
  const unanswerable = [
    "Which KPIs are green?",
    "what's the weather",
    "CYPS budget overspend",
    "Grant Thornton fees?",
    "asdfgh",
    "How many complaints did R&E get?",
  ];

  it.each(unanswerable)("%j gets 3 to 5 suggestions, each of them answerable", (text) => {
    const question = parseQuestion(text, context());
    expect(question.kind).toBe("unknown");
    if (question.kind !== "unknown") return;
    expect(question.suggestions.length).toBeGreaterThanOrEqual(3);
    expect(question.suggestions.length).toBeLessThanOrEqual(5);
    for (const suggestion of question.suggestions)
      expect(parseQuestion(suggestion, context()).kind, suggestion).not.toBe("unknown");
  });

  it("suggestions for a directorate, a body and a title parse back to that scope", () => {
    for (const [hint, expected] of [
      ["CYPS budget overspend", { directorateId: "CYPS" }],
      ["R&E budget overspend", { directorateId: "RE" }],
    ] as const) {
      const question = parseQuestion(hint, context());
      if (question.kind !== "unknown") throw new Error(`${hint} parsed as ${question.kind}`);
      expect(parseQuestion(question.suggestions[0]!, context())).toMatchObject({ kind: "items", filter: expected });
    }
  });

  it("every example on the help card is answerable", () => {
    for (const example of exampleQuestions("2025-05-15"))
      expect(parseQuestion(example, context()).kind, example).not.toBe("unknown");
  });
});

describe("directorate names in free text", () => {
  it.each([
    ["delayed in CYPS", ["CYPS"]],
    ["CPYS and ACX", ["CYPS", "ACEX"]],
    ["Children & Young People Services", ["CYPS"]],
    ["reported under F&CS but delivered by Housing services", ["FCS", "ACHPH"]],
    ["R&E", ["RE"]],
    ["re: the audit", []],
    ["CYPS SEND service (with health partners)", ["CYPS"]],
  ])("%j", (text, ids) => {
    expect(findDirectorateMentions(text).map((m) => m.id)).toEqual(ids);
  });
});
