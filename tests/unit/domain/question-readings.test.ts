/**
 * How the parser reads at least 150 wordings drawn from the council's papers (DOMAIN.md section 6, the
 * Audit Committee reports), docs/using-the-bot.md and issue 20, each with its expected reading written out: the
 * kind, the whole filter (directorate, body, review, dates, thresholds), how a quarter was read, and the words it
 * did not use. A reading that adds a condition, drops one or stays silent about a word fails here. Today is
 * Monday 7 Dec 2026.
 */
import { describe, expect, it } from "vitest";
import { DEFAULT_AT_RISK_SETTINGS } from "../../../src/domain/status/at-risk.js";
import { parseQuestion, type Question, type QuestionContext } from "../../../src/domain/questions/question.js";

/** The register's titles: D0's canonical import and D1's tracker, as the other question tests use. */
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

const context: QuestionContext = { today: "2026-12-07", reviewTitles: REVIEW_TITLES, bodies: BODIES };

/** What a reading is compared on: everything the parser decided, the at-risk settings shown as `true`. */
interface Reading {
  kind: string;
  filter?: Record<string, unknown>;
  unused?: string[];
  readings?: string[];
  asked?: string;
  since?: unknown;
  byDirectorate?: boolean;
  directorateId?: string;
  updateBy?: string;
}

function reading(question: Question): Reading {
  const found: Reading = { kind: question.kind };
  if ("filter" in question) {
    const filter: Record<string, unknown> = { ...question.filter };
    if (filter.atRisk) {
      expect(filter.atRisk).toEqual(DEFAULT_AT_RISK_SETTINGS);
      filter.atRisk = true;
    }
    found.filter = filter;
  }
  if (question.kind === "items") {
    if (question.unused) found.unused = question.unused;
    if (question.readings) found.readings = question.readings;
    if (question.reviewAsked) found.asked = question.reviewAsked.asked;
    if (question.updateBy) found.updateBy = question.updateBy;
  }
  if (question.kind === "new_reviews" || question.kind === "implemented_count") {
    found.since = question.since;
    if (question.directorateId) found.directorateId = question.directorateId;
    if (question.unused) found.unused = question.unused;
  }
  if (question.kind === "implemented_count") found.byDirectorate = question.byDirectorate;
  return found;
}

const TABLE: readonly [string, Reading][] = [
  // DOMAIN.md section 6, in its order.
  ["What's delayed?", { kind: "items", filter: { delayed: true } }],
  ["What's delayed in CYPS?", { kind: "items", filter: { delayed: true, directorateId: "CYPS" } }],
  ["what\u2019s delayed in CPYS?", { kind: "items", filter: { delayed: true, directorateId: "CYPS" } }],
  [
    "Is anything more than 12 months past its original target date?",
    { kind: "items", filter: { moreThan12Months: true } },
  ],
  ["is anything more than 12 months late?", { kind: "items", filter: { moreThan12Months: true } }],
  ["What's due by the end of September 2025?", { kind: "items", filter: { dueBy: "2025-09-30" } }],
  ["what's due by the end of September?", { kind: "items", filter: { dueBy: "2027-09-30" } }],
  [
    "Which of my actions need an update before the July Audit Committee?",
    { kind: "items", filter: { mine: true, open: true }, updateBy: "2027-06-30" },
  ],
  ["What new inspections have come in since the last report?", { kind: "new_reviews", since: { kind: "last_report" } }],
  [
    "How many recommendations were implemented since the last report, by directorate?",
    { kind: "implemented_count", since: { kind: "last_report" }, byDirectorate: true },
  ],
  [
    "Show progress on the Ofsted focused visit areas for improvement.",
    { kind: "items", filter: { itemKinds: ["area_for_improvement"], reviewTitle: "Ofsted Focused Visit" } },
  ],
  [
    "Where are we on the Grant Thornton 2023/24 VFM key improvement recommendations?",
    {
      kind: "items",
      filter: {
        itemKinds: ["key_improvement_recommendation"],
        reviewTitle: "2023/24 VFM arrangements (Grant Thornton)",
      },
    },
  ],
  [
    "Which items are reported under FCS but delivered by another directorate?",
    { kind: "items", filter: { deliveredElsewhere: true, directorateId: "FCS" } },
  ],
  ["Which target dates have been revised, and from what to what?", { kind: "items", filter: { revised: true } }],
  ["What is awaiting start or has a TBC target?", { kind: "items", filter: { awaitingStartOrTbc: true } }],
  [
    "Which improvement recommendations have we decided not to implement?",
    { kind: "items", filter: { notImplementing: true, itemKinds: ["improvement_recommendation"] } },
  ],
  [
    "What is the CYPS Evidence Challenge Panel overseeing?",
    { kind: "items", filter: { overseenBy: "CYPS Evidence Challenge Panel" } },
  ],
  ["Draft the period summary for the next Audit Committee.", { kind: "summary" }],
  ["Which Council Plan measures are off track and getting worse?", { kind: "measures" }],
  ["show 1.A5 over the last four quarters", { kind: "measures" }],
  // The examples in docs/using-the-bot.md and the help card's.
  ["my actions", { kind: "items", filter: { mine: true, open: true } }],
  ["show mine", { kind: "items", filter: { mine: true, open: true } }],
  ["all my actions", { kind: "items", filter: { mine: true } }],
  ["List my open actions", { kind: "items", filter: { mine: true, open: true } }],
  [
    "Which of my actions are due this month?",
    { kind: "items", filter: { mine: true, open: true, dueBy: "2026-12-31" } },
  ],
  ["Which of my actions are delayed?", { kind: "items", filter: { delayed: true, mine: true, open: true } }],
  ["what's at risk?", { kind: "items", filter: { atRisk: true } }],
  ["what's at risk in CYPS?", { kind: "items", filter: { atRisk: true, directorateId: "CYPS" } }],
  ["which high-priority actions are overdue?", { kind: "items", filter: { overdue: true, priority: "high" } }],
  ["which items have been extended more than once?", { kind: "items", filter: { extendedAtLeast: 2, open: true } }],
  ["repeat extensions", { kind: "items", filter: { extendedAtLeast: 2, open: true } }],
  ["what extensions are waiting for approval?", { kind: "items", filter: { extensionWaiting: true } }],
  ["pending extensions", { kind: "items", filter: { extensionWaiting: true } }],
  ["what milestones are due this month?", { kind: "milestones_due" }],
  ["help", { kind: "help" }],
  ["thanks", { kind: "courtesy" }],
  // Issue 20: the long question, read without its reason; no "my" from "I need to", "who is responsible" or "outstanding".
  [
    "Can you tell me please which of the recommendations from the Grant Thornton value for money work are still outstanding and who is responsible for them, as I need to brief the Section 151 officer before the audit committee",
    {
      kind: "items",
      filter: { open: true, reviewTitle: "2023/24 VFM arrangements (Grant Thornton)" },
      unused: ["as I need to brief the Section 151 officer before the audit committee"],
    },
  ],
  // Yes/no about one review: the whole review, its own status first (no status filter on its items).
  [
    "is the peer challenge on track?",
    { kind: "items", filter: { reviewTitle: "Corporate Peer Challenge" }, asked: "on track" },
  ],
  [
    "is the corporate peer challenge on track?",
    { kind: "items", filter: { reviewTitle: "Corporate Peer Challenge" }, asked: "on track" },
  ],
  [
    "is the SEND inspection complete?",
    { kind: "items", filter: { reviewTitle: "Joint Area SEND Inspection" }, asked: "complete" },
  ],
  [
    "has the Ofsted focused visit been completed?",
    { kind: "items", filter: { reviewTitle: "Ofsted Focused Visit" }, asked: "complete" },
  ],
  [
    "is the Prevent Duty assessment delayed?",
    {
      kind: "items",
      filter: { reviewTitle: "2024 Prevent Duty Annual Assurance Assessment (Home Office)" },
      asked: "delayed",
    },
  ],
  [
    "are the VFM arrangements behind?",
    { kind: "items", filter: { reviewTitle: "2023/24 VFM arrangements (Grant Thornton)" }, asked: "delayed" },
  ],
  [
    "is the public health peer review significantly delayed?",
    { kind: "items", filter: { reviewTitle: "Public Health Peer Review" }, asked: "significantly delayed" },
  ],
  // Thresholds: slipped past the original target, or overdue past the current one; 12 months is the key's own.
  ["what's slipping more than 6 months?", { kind: "items", filter: { slippedMoreThanMonths: 6 } }],
  ["which items are more than 6 months late?", { kind: "items", filter: { slippedMoreThanMonths: 6 } }],
  ["what is more than 3 months overdue?", { kind: "items", filter: { overdueMoreThanMonths: 3 } }],
  ["anything overdue by more than 2 months?", { kind: "items", filter: { overdueMoreThanMonths: 2 } }],
  ["which actions have slipped by more than 9 months?", { kind: "items", filter: { slippedMoreThanMonths: 9 } }],
  ["what's more than a year late?", { kind: "items", filter: { moreThan12Months: true } }],
  ["what's over 12 months behind?", { kind: "items", filter: { moreThan12Months: true } }],
  ["is anything more than 2 years late?", { kind: "items", filter: { slippedMoreThanMonths: 24 } }],
  // Periods: quarters are the council's financial-year quarters (Q3 2027 is Oct-Dec 2027); 7 Dec 2026 is in Q3 2026/27.
  [
    "what's due this quarter?",
    { kind: "items", filter: { dueBy: "2026-12-31" }, readings: ["Q3 2026/27 (1 October to 31 December 2026)"] },
  ],
  [
    "what's due next quarter?",
    { kind: "items", filter: { dueBy: "2027-03-31" }, readings: ["Q4 2026/27 (1 January to 31 March 2027)"] },
  ],
  [
    "what's due in Q3 2027?",
    { kind: "items", filter: { dueBy: "2027-12-31" }, readings: ["Q3 2027/28 (1 October to 31 December 2027)"] },
  ],
  [
    "what is due by Q4 2026/27?",
    { kind: "items", filter: { dueBy: "2027-03-31" }, readings: ["Q4 2026/27 (1 January to 31 March 2027)"] },
  ],
  [
    "what's due in quarter 1 2027/28?",
    { kind: "items", filter: { dueBy: "2027-06-30" }, readings: ["Q1 2027/28 (1 April to 30 June 2027)"] },
  ],
  [
    "what was completed this quarter?",
    {
      kind: "items",
      filter: { statuses: ["complete"], completedFrom: "2026-10-01", completedTo: "2026-12-07" },
      readings: ["Q3 2026/27 (1 October to 31 December 2026)"],
    },
  ],
  [
    "what has been completed since April?",
    { kind: "implemented_count", since: { kind: "date", date: "2026-03-31" }, byDirectorate: false },
  ],
  [
    "which recommendations were closed this year?",
    { kind: "items", filter: { statuses: ["complete"], completedFrom: "2026-01-01", completedTo: "2026-12-07" } },
  ],
  ["what's delayed this year?", { kind: "items", filter: { delayed: true }, unused: ["this year"] }],
  [
    "what's overdue this quarter in CYPS?",
    { kind: "items", filter: { overdue: true, directorateId: "CYPS" }, unused: ["this quarter"] },
  ],
  // Counts: a moved deadline is an extension, never a due date.
  ["which items have moved twice?", { kind: "items", filter: { extendedAtLeast: 2, open: true } }],
  ["which deadlines have moved twice?", { kind: "items", filter: { extendedAtLeast: 2, open: true } }],
  ["what has been extended more than once?", { kind: "items", filter: { extendedAtLeast: 2, open: true } }],
  [
    "which targets have been pushed back at least 3 times?",
    { kind: "items", filter: { extendedAtLeast: 3, open: true } },
  ],
  // Synonyms: value for money is VFM (latest year on a tie); adults, adult care, housing and public health are ACHPH.
  [
    "value for money recommendations",
    { kind: "items", filter: { reviewTitle: "2023/24 VFM arrangements (Grant Thornton)" } },
  ],
  [
    "what's outstanding from the value for money audit?",
    { kind: "items", filter: { open: true, reviewTitle: "2023/24 VFM arrangements (Grant Thornton)" } },
  ],
  [
    "status of the VFM recommendations",
    { kind: "items", filter: { reviewTitle: "2023/24 VFM arrangements (Grant Thornton)" } },
  ],
  ["what's delayed in adult care?", { kind: "items", filter: { delayed: true, directorateId: "ACHPH" } }],
  ["what's overdue for adults?", { kind: "items", filter: { overdue: true, directorateId: "ACHPH" } }],
  ["anything late in Adult Social Care?", { kind: "items", filter: { delayed: true, directorateId: "ACHPH" } }],
  ["what's delayed in ACHPH?", { kind: "items", filter: { delayed: true, directorateId: "ACHPH" } }],
  ["what's delayed in housing?", { kind: "items", filter: { delayed: true, directorateId: "ACHPH" } }],
  ["what is delayed in public health?", { kind: "items", filter: { delayed: true, directorateId: "ACHPH" } }],
  ["what's delayed in children's services?", { kind: "items", filter: { delayed: true, directorateId: "CYPS" } }],
  ["what's overdue in finance?", { kind: "items", filter: { overdue: true, directorateId: "FCS" } }],
  ["what's delayed in R&E?", { kind: "items", filter: { delayed: true, directorateId: "RE" } }],
  [
    "what's due in regeneration and environment?",
    { kind: "items", filter: { directorateId: "RE", dueBy: "2027-01-07" } },
  ],
  ["what is overdue in ACEX?", { kind: "items", filter: { overdue: true, directorateId: "ACEX" } }],
  [
    "what's delayed in the Assistant Chief Executive's Directorate?",
    { kind: "items", filter: { delayed: true, directorateId: "ACEX" } },
  ],
  // Bodies and their abbreviations (DOMAIN.md 1.1), and review titles by their words and acronyms.
  ["what's outstanding from Grant Thornton?", { kind: "items", filter: { open: true, body: "Grant Thornton" } }],
  ["what's delayed from Ofsted?", { kind: "items", filter: { delayed: true, body: "Ofsted" } }],
  ["show the LGA recommendations", { kind: "items", filter: { body: "LGA" } }],
  ["what's open from the Local Government Association?", { kind: "items", filter: { open: true, body: "LGA" } }],
  ["what is outstanding from the Home Office?", { kind: "items", filter: { open: true, body: "Home Office" } }],
  ["status of the CQC recommendations", { kind: "items", filter: { body: "CQC" } }],
  [
    "what's outstanding from the DVSA site review?",
    { kind: "items", filter: { open: true, reviewTitle: "DVSA MOT Vehicle Testing Station Site Review (DVSA)" } },
  ],
  [
    "what's due from the Sports Ground Safety Authority?",
    { kind: "items", filter: { dueBy: "2027-01-07", body: "SGSA" } },
  ],
  ["what's delayed from SGSA?", { kind: "items", filter: { delayed: true, body: "SGSA" } }],
  ["what's delayed from KPMG?", { kind: "items", filter: { delayed: true, body: "KPMG" } }],
  [
    "show the Tpas accreditation recommendations",
    { kind: "items", filter: { reviewTitle: "Exemplar accreditation of housing tenancy engagement", body: "Tpas" } },
  ],
  [
    "what's delayed in the CSE review?",
    { kind: "items", filter: { delayed: true, reviewTitle: "Child Sexual Exploitation review" } },
  ],
  [
    "show progress on the safeguarding peer review",
    { kind: "items", filter: { reviewTitle: "Safeguarding Peer Review" } },
  ],
  ["where are we on the SEND inspection?", { kind: "items", filter: { reviewTitle: "Joint Area SEND Inspection" } }],
  [
    "how is the customer service peer review going?",
    { kind: "items", filter: { reviewTitle: "Customer Service Peer Review" } },
  ],
  [
    "ILACS areas for improvement",
    {
      kind: "items",
      filter: {
        itemKinds: ["area_for_improvement"],
        reviewTitle: "Inspection of Local Authority Children's Services (ILACS) Short Inspection",
      },
    },
  ],
  [
    "what's outstanding from the ILACS short inspection?",
    {
      kind: "items",
      filter: { open: true, reviewTitle: "Inspection of Local Authority Children's Services (ILACS) Short Inspection" },
    },
  ],
  [
    "show the Pegasus House recommendations",
    { kind: "items", filter: { reviewTitle: "Pegasus House Children's Residential Home" } },
  ],
  [
    "what's delayed in the 2022/23 VFM?",
    { kind: "items", filter: { delayed: true, reviewTitle: "2022/23 VFM arrangements (Grant Thornton)" } },
  ],
  [
    "what's outstanding in the statement of accounts audit?",
    { kind: "items", filter: { open: true, reviewTitle: "Statement of Accounts Audit 2022/23" } },
  ],
  // Dates.
  ["what's due by 31 March 2027?", { kind: "items", filter: { dueBy: "2027-03-31" } }],
  ["what's due before 31/03/2027?", { kind: "items", filter: { dueBy: "2027-03-31" } }],
  ["what's due by the end of next month?", { kind: "items", filter: { dueBy: "2027-01-31" } }],
  ["what's due in the next 3 months?", { kind: "items", filter: { dueBy: "2027-03-07" } }],
  ["what's coming up in the next two weeks?", { kind: "items", filter: { dueBy: "2026-12-21" } }],
  ["what's due this week?", { kind: "items", filter: { dueBy: "2026-12-13" } }],
  ["what's due?", { kind: "items", filter: { dueBy: "2027-01-07" } }],
  ["what deadlines are coming up?", { kind: "items", filter: { dueBy: "2027-01-07" } }],
  ["what's due by Christmas?", { kind: "items", filter: { dueBy: "2026-12-25" } }],
  ["what's due by the end of the financial year?", { kind: "items", filter: { dueBy: "2027-03-31" } }],
  ["which actions are due before the next audit committee?", { kind: "items", filter: { dueBy: "2026-12-31" } }],
  ["which items are due before the January audit committee?", { kind: "items", filter: { dueBy: "2026-12-31" } }],
  [
    "what needs an update before the next audit committee?",
    { kind: "items", filter: { open: true }, updateBy: "2026-12-31" },
  ],
  // Status words and item kinds.
  ["what's overdue?", { kind: "items", filter: { overdue: true } }],
  ["which actions have missed their target?", { kind: "items", filter: { overdue: true } }],
  ["what's past its due date?", { kind: "items", filter: { overdue: true } }],
  ["what's on track?", { kind: "items", filter: { statuses: ["on_track", "not_started"] } }],
  ["what's partly delayed?", { kind: "items", filter: { statuses: ["partly_delayed"] } }],
  ["what's significantly delayed?", { kind: "items", filter: { statuses: ["significant_delay"] } }],
  ["what's in progress?", { kind: "items", filter: { statuses: ["on_track", "partly_delayed", "significant_delay"] } }],
  ["what's not started?", { kind: "items", filter: { awaitingStartOrTbc: true } }],
  ["what hasn't started yet?", { kind: "items", filter: { awaitingStartOrTbc: true } }],
  ["what has no target date?", { kind: "items", filter: { awaitingStartOrTbc: true } }],
  ["what's TBC?", { kind: "items", filter: { awaitingStartOrTbc: true } }],
  ["what's complete?", { kind: "items", filter: { statuses: ["complete"] } }],
  ["what have we completed?", { kind: "items", filter: { statuses: ["complete"] } }],
  ["what's not complete?", { kind: "items", filter: { open: true } }],
  ["what's no action required?", { kind: "items", filter: { notImplementing: true } }],
  ["what was removed?", { kind: "items", filter: { notImplementing: true } }],
  ["which recommendations were rejected?", { kind: "items", filter: { notImplementing: true } }],
  [
    "which areas for improvement are overdue?",
    { kind: "items", filter: { overdue: true, itemKinds: ["area_for_improvement"] } },
  ],
  ["key recommendations", { kind: "items", filter: { itemKinds: ["key_improvement_recommendation"] } }],
  [
    "which key recommendations are delayed?",
    { kind: "items", filter: { delayed: true, itemKinds: ["key_improvement_recommendation"] } },
  ],
  ["what suggestions are open?", { kind: "items", filter: { itemKinds: ["suggestion"], open: true } }],
  ["which considerations are outstanding?", { kind: "items", filter: { itemKinds: ["consideration"], open: true } }],
  [
    "themes from the peer challenge",
    { kind: "items", filter: { itemKinds: ["theme"], reviewTitle: "Corporate Peer Challenge" } },
  ],
  ["what's open?", { kind: "items", filter: { open: true } }],
  ["what's still outstanding?", { kind: "items", filter: { open: true } }],
  ["list all items", { kind: "items", filter: {} }],
  ["show the whole register", { kind: "items", filter: {} }],
  ["everything", { kind: "items", filter: {} }],
  // Delivery, oversight, at risk, priority and extension requests.
  ["what's delivered by housing?", { kind: "items", filter: { deliveredElsewhere: true, deliveredBy: "ACHPH" } }],
  ["which items are delivered by partners?", { kind: "items", filter: { deliveredElsewhere: true } }],
  [
    "what is the Safeguarding Adults Board overseeing?",
    { kind: "items", filter: { overseenBy: "Safeguarding Adults Board" } },
  ],
  ["what is overseen by SLT?", { kind: "items", filter: { overseenBy: "SLT" } }],
  ["what's at risk of missing their dates?", { kind: "items", filter: { atRisk: true } }],
  ["which actions are at risk in finance?", { kind: "items", filter: { atRisk: true, directorateId: "FCS" } }],
  ["what's high priority?", { kind: "items", filter: { priority: "high" } }],
  ["which high priority items are delayed?", { kind: "items", filter: { delayed: true, priority: "high" } }],
  ["what's at risk and high priority?", { kind: "items", filter: { atRisk: true, priority: "high" } }],
  ["which extension requests are pending?", { kind: "items", filter: { extensionWaiting: true } }],
  ["what's waiting for my approval?", { kind: "items", filter: { extensionWaiting: true, waitingForAsker: true } }],
  // Counts, new reviews and summaries.
  [
    "how many were implemented since the last report?",
    { kind: "implemented_count", since: { kind: "last_report" }, byDirectorate: false },
  ],
  [
    "how many recommendations have been completed since April?",
    { kind: "implemented_count", since: { kind: "date", date: "2026-03-31" }, byDirectorate: false },
  ],
  [
    "how many were implemented this year?",
    { kind: "implemented_count", since: { kind: "date", date: "2025-12-31" }, byDirectorate: false },
  ],
  [
    "what new inspections have come in this month?",
    { kind: "new_reviews", since: { kind: "date", date: "2026-11-30" } },
  ],
  [
    "any new reviews since the last report in CYPS?",
    { kind: "new_reviews", since: { kind: "last_report" }, directorateId: "CYPS" },
  ],
  ["what's new?", { kind: "new_reviews", since: { kind: "last_report" } }],
  ["summarise the register", { kind: "summary" }],
  ["period summary", { kind: "summary" }],
  [
    "how many recommendations from Grant Thornton were implemented since April?",
    {
      kind: "implemented_count",
      since: { kind: "date", date: "2026-03-31" },
      byDirectorate: false,
      unused: ["Grant Thornton"],
    },
  ],
  [
    "how many were implemented in CYPS this quarter?",
    {
      kind: "implemented_count",
      since: { kind: "date", date: "2026-09-30" },
      byDirectorate: false,
      directorateId: "CYPS",
    },
  ],
  [
    "any new Ofsted inspections in CYPS this month?",
    { kind: "new_reviews", since: { kind: "date", date: "2026-11-30" }, directorateId: "CYPS", unused: ["Ofsted"] },
  ],
  // Politeness, misspellings and reasons: filler is never named, a reason always is.
  ["what's delayed, please", { kind: "items", filter: { delayed: true } }],
  [
    "please could you show me what is overdue in CYPS",
    { kind: "items", filter: { overdue: true, directorateId: "CYPS" } },
  ],
  ["hi, what's delayed in CYPS?", { kind: "items", filter: { delayed: true, directorateId: "CYPS" } }],
  ["whats dleayed", { kind: "items", filter: { delayed: true } }],
  ["what's overdue in finanse?", { kind: "items", filter: { overdue: true, directorateId: "FCS" } }],
  ["list my opne actions", { kind: "items", filter: { mine: true, open: true } }],
  [
    "which of my actions are overdue, as I need to update them before the July audit committee?",
    {
      kind: "items",
      filter: { overdue: true, mine: true, open: true },
      unused: ["as I need to update them before the July audit committee"],
    },
  ],
  [
    "which actions are overdue because we need to report to the SLT?",
    { kind: "items", filter: { overdue: true }, unused: ["because we need to report to the SLT"] },
  ],
  [
    "what's delayed in CYPS since the last report?",
    { kind: "items", filter: { delayed: true, directorateId: "CYPS" }, unused: ["since the last report"] },
  ],
  [
    "As I need to brief the Section 151 officer, which Grant Thornton recommendations are outstanding?",
    {
      kind: "items",
      filter: { open: true, body: "Grant Thornton" },
      unused: ["As I need to brief the Section 151 officer"],
    },
  ],
  [
    "what's delayed in CYPS and FCS?",
    { kind: "items", filter: { delayed: true, directorateId: "CYPS" }, unused: ["FCS"] },
  ],
  ["what's delayed in ACHPH (adult care)?", { kind: "items", filter: { delayed: true, directorateId: "ACHPH" } }],
  // Titles the papers use loosely.
  [
    "what's delayed in the pension audit?",
    { kind: "items", filter: { delayed: true, reviewTitle: "Teachers Pension Audit 2022/23" } },
  ],
  ["show me the Teachers Pension Audit", { kind: "items", filter: { reviewTitle: "Teachers Pension Audit 2022/23" } }],
  [
    "what's delayed in the tree review?",
    { kind: "items", filter: { delayed: true, reviewTitle: "Tree Management Protocol & Guidance Independent Review" } },
  ],
  ["which items from Quest are open?", { kind: "items", filter: { open: true, body: "Quest" } }],
  [
    "what's outstanding on the DVLA assurance report?",
    { kind: "items", filter: { open: true, reviewTitle: "DVLA Assurance Report" } },
  ],
  [
    "what's the status of the Changing Places fund?",
    { kind: "items", filter: { reviewTitle: "Changing Places Fund \u2013 Statement of Grant Assurance" } },
  ],
  [
    "what's delayed with the Equality Framework?",
    {
      kind: "items",
      filter: {
        delayed: true,
        reviewTitle: "Equality Framework for Local Government - Rotherham Council Informal Peer Challenge",
      },
    },
  ],
  [
    "show the EDI peer challenge",
    {
      kind: "items",
      filter: { reviewTitle: "Equality Framework for Local Government - Rotherham Council Informal Peer Challenge" },
    },
  ],
  [
    "what's due from the equality diversity and inclusion peer challenge?",
    {
      kind: "items",
      filter: {
        dueBy: "2027-01-07",
        reviewTitle: "Equality Framework for Local Government - Rotherham Council Informal Peer Challenge",
      },
    },
  ],
  [
    "what's delayed in the Beech Tree Lodge inspection?",
    { kind: "items", filter: { delayed: true, reviewTitle: "Beech Tree Lodge Children's Residential Home" } },
  ],
  // Words the reading cannot apply are named as not used.
  [
    "what's delayed by more than 3 weeks?",
    { kind: "items", filter: { delayed: true }, unused: ["by more than 3 weeks"] },
  ],
  [
    "which actions are overdue in the budget workstream?",
    { kind: "items", filter: { overdue: true }, unused: ["budget workstream"] },
  ],
  ["what's delayed for the cabinet member?", { kind: "items", filter: { delayed: true }, unused: ["cabinet member"] }],
  [
    "what's overdue in CYPS that the lead member should know about?",
    { kind: "items", filter: { overdue: true, directorateId: "CYPS" }, unused: ["lead member"] },
  ],
  [
    "which of the Ofsted recommendations are open and who owns them?",
    { kind: "items", filter: { open: true, body: "Ofsted" } },
  ],
  ["what's outstanding from the LGA, with owners?", { kind: "items", filter: { open: true, body: "LGA" } }],
  [
    "what's delayed in CYPS and who is responsible?",
    { kind: "items", filter: { delayed: true, directorateId: "CYPS" } },
  ],
  [
    "is anything in FCS more than 6 months late?",
    { kind: "items", filter: { slippedMoreThanMonths: 6, directorateId: "FCS" } },
  ],
  [
    "which Grant Thornton recommendations are more than 3 months overdue?",
    { kind: "items", filter: { overdueMoreThanMonths: 3, body: "Grant Thornton" } },
  ],
  [
    "what was completed in Q2 2026/27?",
    {
      kind: "items",
      filter: { statuses: ["complete"], completedFrom: "2026-07-01", completedTo: "2026-09-30" },
      readings: ["Q2 2026/27 (1 July to 30 September 2026)"],
    },
  ],
  [
    "what's overdue from the Home Office this quarter?",
    { kind: "items", filter: { overdue: true, body: "Home Office" }, unused: ["this quarter"] },
  ],
  [
    "which items in adult care are due by Q4?",
    {
      kind: "items",
      filter: { directorateId: "ACHPH", dueBy: "2027-03-31" },
      readings: ["Q4 2026/27 (1 January to 31 March 2027)"],
    },
  ],
  [
    "what's complete in ACHPH since April?",
    { kind: "items", filter: { statuses: ["complete"], directorateId: "ACHPH", completedFrom: "2026-04-01" } },
  ],
  [
    "what's due by the end of March 2027 in CYPS?",
    { kind: "items", filter: { directorateId: "CYPS", dueBy: "2027-03-31" } },
  ],
  [
    "are the Ofsted focused visit actions on track?",
    { kind: "items", filter: { reviewTitle: "Ofsted Focused Visit" }, asked: "on track" },
  ],
  [
    "is the Teachers Pension Audit finished?",
    { kind: "items", filter: { reviewTitle: "Teachers Pension Audit 2022/23" }, asked: "complete" },
  ],
  [
    "what's late in the customer service peer review?",
    { kind: "items", filter: { delayed: true, reviewTitle: "Customer Service Peer Review" } },
  ],
  [
    "show the Prevent Duty actions for the Home Office",
    { kind: "items", filter: { reviewTitle: "2024 Prevent Duty Annual Assurance Assessment (Home Office)" } },
  ],
];

describe("the wordings table", () => {
  it("holds at least 150 distinct wordings", () => {
    expect(new Set(TABLE.map(([text]) => text)).size).toBeGreaterThanOrEqual(150);
  });

  it.each(TABLE)("%j", (text, expected) => {
    expect(reading(parseQuestion(text, context))).toEqual(expected);
  });
});
