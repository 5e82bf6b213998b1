/**
 * The Ombudsman's rules on their own: the public report's three-month response clock at month ends
 * (Local Government Act 1974, s31), the upheld rate as the annual letter words it, how the two
 * Ombudsman questions are read, and how a row's Ombudsman and scrutiny columns set one response clock.
 */
import { describe, expect, it } from "vitest";
import { publicReportResponseDue } from "../../../src/domain/ombudsman/response-clock.js";
import { upheldRate, upheldRateText } from "../../../src/domain/ombudsman/upheld-cases.js";
import { OmbudsmanAsk } from "../../../src/domain/ombudsman/ombudsman-question.js";
import { parseQuestion, QuestionKind } from "../../../src/domain/questions/question.js";
import { readOtherRegisterCells } from "../../../src/domain/ombudsman/other-register-cells.js";
import { ReviewSource } from "../../../src/domain/register/review-sources.js";
import { NO_SCRUTINY_FIELDS } from "../../../src/domain/scrutiny/scrutiny-columns.js";

describe("a public report's response clock", () => {
  it("is three calendar months after the decision, keeping the day", () => {
    expect(publicReportResponseDue("2026-07-24")).toBe("2026-10-24");
  });
  it("keeps month ends: 30 Nov is due on February's last day, in a leap year too", () => {
    expect(publicReportResponseDue("2026-11-30")).toBe("2027-02-28");
    expect(publicReportResponseDue("2027-11-30")).toBe("2028-02-29");
  });
  it("31 May is due on 31 Aug", () => {
    expect(publicReportResponseDue("2026-05-31")).toBe("2026-08-31");
  });
  it("a day past a shorter month's end is that month's end (29 Nov -> 28 Feb)", () => {
    expect(publicReportResponseDue("2026-11-29")).toBe("2027-02-28");
  });
});

describe("the upheld rate, as the annual letter words it", () => {
  it("rounds to a whole per cent: 6 of 14 is a 43% upheld rate", () => {
    expect(upheldRateText({ cases: 14, upheld: 6 })).toBe("6 of 14 cases upheld (43% upheld rate)");
    expect(upheldRateText({ cases: 5, upheld: 1 })).toBe("1 of 5 cases upheld (20% upheld rate)");
    expect(upheldRateText({ cases: 1, upheld: 1 })).toBe("1 of 1 case upheld (100% upheld rate)");
  });
  it("says no cases were decided rather than a rate of nothing", () => {
    expect(upheldRateText({ cases: 0, upheld: 0 })).toBe("no cases decided");
    expect(upheldRate({ cases: 0, upheld: 0 })).toBeNull();
  });
});

describe("reading the Ombudsman questions", () => {
  const context = { today: "2026-12-07", reviewTitles: [], bodies: [] };
  it("remedies due this month read the calendar month and say so", () => {
    expect(parseQuestion("what Ombudsman remedies are due this month?", context)).toMatchObject({
      kind: QuestionKind.ombudsman,
      ask: OmbudsmanAsk.remediesDue,
      from: "2026-12-01",
      to: "2026-12-31",
      period: "this month (December 2026)",
    });
  });
  it("upheld cases this year read the financial year, as the annual letter counts, and name unused words", () => {
    const question = parseQuestion("upheld cases by directorate this year for the cabinet briefing", context);
    expect(question).toMatchObject({
      kind: QuestionKind.ombudsman,
      ask: OmbudsmanAsk.upheldCases,
      from: "2026-04-01",
      to: "2027-03-31",
      byDirectorate: true,
      unused: ["cabinet briefing"],
    });
    expect(parseQuestion("LGSCO upheld rate last year", context)).toMatchObject({
      from: "2025-04-01",
      to: "2026-03-31",
    });
  });
});

describe("an Ombudsman row's response clock, read with the scrutiny columns", () => {
  const row =
    (cells: Record<string, string>) =>
    (column: string): string | null =>
      cells[column] ?? null;
  const publicReport = {
    case_ref: "25 003 118",
    decision_date: "2025-07-31",
    remedy_kind: "service_improvement",
    public_report: "yes",
  };

  it("sets the response due three months after the decision, and response_date stops it", () => {
    const waiting = readOtherRegisterCells(row(publicReport), ReviewSource.ombudsman, true);
    expect(waiting.errors).toEqual([]);
    expect(waiting.scrutiny).toEqual({ ...NO_SCRUTINY_FIELDS, responseDue: "2025-10-31" });
    const answered = readOtherRegisterCells(
      row({ ...publicReport, response_date: "2025-11-17" }),
      ReviewSource.ombudsman,
      true,
    );
    expect(answered.scrutiny).toEqual({ ...NO_SCRUTINY_FIELDS, responseDue: "2025-10-31", responseDate: "2025-11-17" });
  });

  it("refuses a response before the decision and the Cabinet's columns, each with what to fix", () => {
    const read = readOtherRegisterCells(
      row({ ...publicReport, response_date: "2025-07-01", sent_to_executive: "2025-08-01" }),
      ReviewSource.ombudsman,
      true,
    );
    expect(read.errors).toEqual([
      "response_date 2025-07-01 is before decision_date 2025-07-31: a response follows its decision",
      "sent_to_executive is only for scrutiny rows: set source to scrutiny or clear it",
    ]);
  });

  it("leaves a scrutiny row's clock to scrutiny: two months after it went to the executive", () => {
    const read = readOtherRegisterCells(row({ sent_to_executive: "2025-12-31" }), ReviewSource.scrutiny, true);
    expect(read.errors).toEqual([]);
    expect(read.scrutiny.responseDue).toBe("2026-02-28");
    expect(read.ombudsman).toBeNull();
  });
});
