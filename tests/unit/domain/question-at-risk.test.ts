/** The early-warning questions: at risk (a flag beside the status) and the council's top priority, read from its own labels. */
import { describe, expect, it } from "vitest";
import { DEFAULT_AT_RISK_SETTINGS } from "../../../src/domain/status/at-risk.js";
import { parseQuestion, type QuestionContext } from "../../../src/domain/questions/question.js";

const context = (extra: Partial<QuestionContext> = {}): QuestionContext => ({
  today: "2026-12-01",
  reviewTitles: ["Joint Area SEND Inspection", "Corporate Peer Challenge"],
  bodies: ["Ofsted", "LGA"],
  ...extra,
});

describe("at-risk and priority questions", () => {
  // "At risk" is the early-warning flag, not a delay: an item can be on track by the council's key and at risk.
  it.each([
    ["what's at risk?", { atRisk: DEFAULT_AT_RISK_SETTINGS }, "At-risk items"],
    [
      "What is at-risk in CYPS?",
      { atRisk: DEFAULT_AT_RISK_SETTINGS, directorateId: "CYPS" },
      "At-risk items in Children and Young People's Services",
    ],
    ["which actions are at risk of missing their dates", { atRisk: DEFAULT_AT_RISK_SETTINGS }, "At-risk items"],
    ["which high-priority actions are overdue?", { overdue: true, priority: "high" }, "Overdue high-priority items"],
    [
      "what high priority items are overdue in ACHPH",
      { overdue: true, priority: "high", directorateId: "ACHPH" },
      "Overdue high-priority items in Adult Care, Housing and Public Health",
    ],
    ["show low priority items", { priority: "low" }, "Low-priority items"],
  ])("%s", (text, filter, description) => {
    expect(parseQuestion(text, context())).toEqual({ kind: "items", filter, description });
  });

  it("carries the council's at-risk settings, so answers follow the setting", () => {
    const settings = { workingDaysBeforeTarget: 5, staleAfterDays: 10 };
    expect(parseQuestion("what's at risk?", context({ atRisk: settings }))).toMatchObject({
      filter: { atRisk: settings },
    });
  });

  it("reads the council's own labels: Bromsgrove's top label is fundamental", () => {
    const labels = ["fundamental", "important", "desirable"];
    expect(
      parseQuestion("which fundamental priority actions are overdue?", context({ priorityLabels: labels })),
    ).toMatchObject({
      filter: { overdue: true, priority: "fundamental" },
      description: "Overdue fundamental-priority items",
    });
    // "high" is not one of Bromsgrove's labels: the question is about overdue actions, with no priority read in.
    const high = parseQuestion("which high-priority actions are overdue?", context({ priorityLabels: labels }));
    expect(high).toMatchObject({ kind: "items", filter: { overdue: true } });
    expect(high.kind === "items" ? high.filter.priority : "not items").toBeUndefined();
  });

  it("'risk' alone is not the flag: the risk register is not this register", () => {
    const q = parseQuestion("what's delayed in the risk register?", context());
    expect(q.kind === "items" ? q.filter.atRisk : undefined).toBeUndefined();
  });
});
