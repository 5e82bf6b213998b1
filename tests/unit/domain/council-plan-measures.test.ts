/**
 * The Council Plan's rules on the pack's own figures (OSMB, Oct 2019): periods as the papers name them,
 * direction of travel by polarity, status from the target, the exception rule (1.A2, 1.A5, 1.A8 are
 * exceptions; 1.A7, off target but improving, and 1.A3 are not) and the pack's wording.
 */
import { describe, expect, it } from "vitest";
import { readFigure, showFigure } from "../../../src/domain/measures/measure-figures.js";
import {
  nextPeriodEnd,
  parsePeriod,
  periodEnd,
  periodLabel,
  previousPeriodKey,
} from "../../../src/domain/measures/measure-periods.js";
import {
  againstTarget,
  Direction,
  directionOfTravel,
  isException,
  MeasureStatus,
  measureStatus,
  Polarity,
  StatusOverride,
} from "../../../src/domain/measures/measure-rules.js";
import { MeasureRowCheck } from "../../../src/domain/measures/measure-rows.js";
import { readMeasureQuestion } from "../../../src/domain/measures/measure-questions.js";
import { parseQuestion } from "../../../src/domain/questions/question.js";
import { latestReading } from "../../../src/domain/measures/plan-measures.js";

function key(text: string): string {
  const period = parsePeriod(text);
  if (!period.ok) throw new Error(period.reason);
  return period.value.key;
}

describe("reporting periods", () => {
  it.each([
    ["2019/20 Q1", "2019-Q1"],
    ["Q1 2019/20", "2019-Q1"],
    ["Q4 2018/19", "2018-Q4"],
    ["2018/2019 q4", "2018-Q4"],
    ["Apr-19", "2019-04"],
    ["April 2019", "2019-04"],
    ["Year end 2018/19", "2018"],
    ["2018/19", "2018"],
  ])("reads %s as %s", (text, expected) => expect(key(text)).toBe(expected));

  it("refuses what names no period, saying the forms it reads", () => {
    for (const text of ["", "Q5 2019/20", "2019/21 Q1", "Smarch-19", "1999/00 Q1", "soon"]) {
      const period = parsePeriod(text);
      expect(period.ok).toBe(false);
      if (!period.ok) expect(period.reason).toContain('"2019/20 Q1"');
    }
  });

  it("orders each kind in time and finds the previous period of the same kind", () => {
    expect(["2019-Q1", "2018-Q4", "2018-Q1", "2018-Q3"].sort()).toEqual(["2018-Q1", "2018-Q3", "2018-Q4", "2019-Q1"]);
    expect(previousPeriodKey("2019-Q1")).toBe("2018-Q4");
    expect(previousPeriodKey("2019-01")).toBe("2018-12");
    expect(previousPeriodKey("2019")).toBe("2018");
  });

  it("ends a financial quarter, month or year on its last day, and names the next one's end", () => {
    expect(periodEnd("2019-Q1")).toBe("2019-06-30");
    expect(periodEnd("2018-Q4")).toBe("2019-03-31");
    expect(periodEnd("2019-02")).toBe("2019-02-28");
    expect(periodEnd("2018")).toBe("2019-03-31");
    expect(nextPeriodEnd("2019-Q1")).toBe("2019-09-30");
    expect(nextPeriodEnd("2019-Q4")).toBe("2020-06-30");
    expect(periodLabel("2019-Q1")).toBe("2019/20 Q1");
    expect(periodLabel("2019-04")).toBe("Apr-19");
  });

  it("takes a measure's latest quarter as the one it is reported on", () => {
    const readings = [
      { periodKey: "2018" },
      { periodKey: "2018-Q4" },
      { periodKey: "2019-Q1" },
      { periodKey: "2019-05" },
    ];
    expect(latestReading(readings)?.periodKey).toBe("2019-Q1");
  });
});

describe("figures as the pack writes them", () => {
  it("reads numbers and percentages, and keeps words as written with no figure", () => {
    expect(readFigure("10.1%")).toEqual({ raw: "10.1%", value: 10.1, unit: "%" });
    expect(readFigure("375.5").value).toBe(375.5);
    expect(readFigure("1,831").value).toBe(1831);
    expect(readFigure("Not Available")).toEqual({ raw: "Not Available", value: null, unit: "" });
    expect(readFigure("No target - not applicable").value).toBeNull();
    expect(showFigure(readFigure("85.0%"))).toBe("85%");
  });
});

describe("direction of travel", () => {
  it.each([
    [Polarity.low, 6.5, 10.1, Direction.worsening],
    [Polarity.low, 12.7, 12.4, Direction.improving],
    [Polarity.high, 82.3, 81.7, Direction.worsening],
    [Polarity.high, 94.3, 97.7, Direction.improving],
    [Polarity.high, 97.7, 97.7, Direction.unchanged],
    [Polarity.low, 5, 5, Direction.unchanged],
    [Polarity.low, null, 5, Direction.unknown],
    [Polarity.high, 5, null, Direction.unknown],
  ] as const)("%s is better: %s then %s is %s", (polarity, previous, current, expected) =>
    expect(directionOfTravel(current, previous, polarity)).toBe(expected),
  );
});

describe("the exception rule on the pack's figures (Q4 2018/19 to Q1 2019/20)", () => {
  const cases = [
    { ref: "1.A2", polarity: Polarity.low, previous: 88.9, value: 94.8, target: 90, exception: true },
    { ref: "1.A5", polarity: Polarity.low, previous: 6.5, value: 10.1, target: 7, exception: true },
    { ref: "1.A8", polarity: Polarity.high, previous: 82.3, value: 81.7, target: 85, exception: true },
    { ref: "1.A7", polarity: Polarity.low, previous: 12.7, value: 12.4, target: 11, exception: false },
    { ref: "1.A3", polarity: Polarity.low, previous: 112.9, value: 111.3, target: 106, exception: false },
  ];
  it.each(cases)("$ref is an exception: $exception", ({ polarity, previous, value, target, exception }) => {
    const status = measureStatus(value, target, polarity, null);
    expect(status).toBe(MeasureStatus.offTarget);
    expect(isException(status, directionOfTravel(value, previous, polarity), null)).toBe(exception);
  });

  it("is on target when the figure meets it, and an override decides", () => {
    expect(measureStatus(97.7, 95, Polarity.high, null)).toBe(MeasureStatus.onTarget);
    expect(measureStatus(321.5, 375.5, Polarity.low, null)).toBe(MeasureStatus.onTarget);
    expect(measureStatus(54, null, Polarity.low, null)).toBe(MeasureStatus.noTarget);
    expect(measureStatus(10.1, 7, Polarity.low, StatusOverride.onTarget)).toBe(MeasureStatus.onTarget);
    expect(isException(MeasureStatus.onTarget, Direction.improving, StatusOverride.exception)).toBe(true);
  });

  it("words each as the pack does", () => {
    expect(againstTarget({ valueRaw: "10.1%", targetRaw: "7%", polarity: Polarity.low })).toBe(
      "10.1% against a target of 7% (lower is better)",
    );
    expect(againstTarget({ valueRaw: "94.8", targetRaw: "90", polarity: Polarity.low })).toBe(
      "94.8 against a target of 90 (lower is better)",
    );
    expect(againstTarget({ valueRaw: "81.7%", targetRaw: "85.0%", polarity: Polarity.high })).toBe(
      "81.7% against a target of 85% (higher is better)",
    );
    expect(againstTarget({ valueRaw: "54", targetRaw: "No target - not applicable", polarity: Polarity.low })).toBe(
      "54 (no target; lower is better)",
    );
  });
});

describe("a measures file's rows", () => {
  const headers = [
    "measure_ref",
    "outcome",
    "measure",
    "lead_officer",
    "directorate",
    "polarity",
    "frequency",
    "target",
    "period",
    "value",
    "status_override",
  ];
  const good = {
    measure_ref: "1.A5",
    outcome: "A",
    measure: "Repeat child protection plans",
    lead_officer: "ailsa.barr@example.org",
    directorate: "CYPS",
    polarity: "LOW",
    frequency: "Monthly",
    target: "7%",
    period: "2019/20 Q1",
    value: "10.1%",
    status_override: "",
  };

  it("lists every bad row with what to fix, and accepts none", () => {
    const check = new MeasureRowCheck(headers);
    check.add({ line: 2, cells: good });
    check.add({ line: 3, cells: { ...good, polarity: "sideways", period: "Q9" } });
    check.add({ line: 4, cells: { ...good, lead_officer: "not an address", status_override: "maybe" } });
    check.add({ line: 5, cells: good });
    const checked = check.finish();
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(checked.errors.map((e) => e.line)).toEqual([3, 3, 4, 4, 5]);
    expect(checked.errors.map((e) => e.message).join("\n")).toMatch(/polarity "sideways" must be high or low/);
    expect(checked.errors.map((e) => e.message).join("\n")).toMatch(
      /status_override "maybe" must be blank or one of exception/,
    );
    expect(checked.errors.at(-1)?.message).toContain("also on line 2");
  });

  it("reads polarity in any case and keeps the figures as written", () => {
    const check = new MeasureRowCheck(headers);
    check.add({ line: 2, cells: good });
    const checked = check.finish();
    expect(checked.ok && checked.measures[0]).toMatchObject({
      polarity: "low",
      readings: [{ periodKey: "2019-Q1", valueRaw: "10.1%", value: 10.1, target: 7 }],
    });
  });
});

describe("the Council Plan questions", () => {
  const context = { today: "2026-12-07", reviewTitles: [], bodies: [] };

  it("reads the exceptions question, with a directorate when one is named, and names the words not used", () => {
    expect(parseQuestion("Which Council Plan measures are off track and getting worse?", context)).toEqual({
      kind: "measures",
      asked: { kind: "exceptions", unused: [] },
    });
    expect(
      readMeasureQuestion("which council plan measures in cyps are off track and getting worse, honestly?"),
    ).toEqual({
      kind: "exceptions",
      directorateId: "CYPS",
      unused: ["honestly"],
    });
  });

  it("reads a measure's history over the quarters asked, four by default and at most twelve", () => {
    expect(parseQuestion("show 1.A5 over the last four quarters", context)).toEqual({
      kind: "measures",
      asked: { kind: "history", measureRef: "1.A5", quarters: 4, unused: [] },
    });
    expect(readMeasureQuestion("show 1.b4 (b) over the last 6 quarters")).toMatchObject({
      measureRef: "1.B4 (b)",
      quarters: 6,
    });
    expect(readMeasureQuestion("show 2.b2 trend")).toMatchObject({ measureRef: "2.B2", quarters: 4 });
    expect(readMeasureQuestion("show 1.a5 over the last 40 quarters")).toMatchObject({ quarters: 12 });
  });

  it("leaves other questions to the register's parser", () => {
    expect(readMeasureQuestion("what's delayed in cyps?")).toBeNull();
    expect(readMeasureQuestion("what is due by 1.5 months?")).toBeNull();
  });
});
