/**
 * The at-risk flag in tables: the owner's confidence, and "near its target with no recent update" counted in
 * England and Wales working days (bank holidays, Christmas) and London calendar days (the clock changes).
 * Instants are UTC: 09:00 London is 08:00Z in summer time and 09:00Z in winter.
 */
import { describe, expect, it } from "vitest";
import {
  assessAtRisk,
  AtRiskCause,
  Confidence,
  DEFAULT_AT_RISK_SETTINGS,
  parseConfidence,
  type AtRiskSubject,
  type StatedConfidence,
} from "../../../src/domain/status/at-risk.js";
import { Progress } from "../../../src/domain/status/status.js";

const at = (iso: string) => new Date(iso);

function subject(target: string | null, lastUpdate: string | null, extra: Partial<AtRiskSubject> = {}): AtRiskSubject {
  return {
    progress: Progress.inProgress,
    effectiveTarget: target,
    latestConfidence: null,
    lastUpdateAt: lastUpdate ? at(lastUpdate) : null,
    ...extra,
  };
}

const said = (value: Confidence, when: string, forTarget: string | null): StatedConfidence => ({
  value,
  at: at(when),
  forTarget,
});

describe("near its target with no update (default: 20 working days, 30 days without an update)", () => {
  it.each([
    [
      "20 working days before a June month end, quiet for 32 days",
      subject("2025-06-30", "2025-05-01T10:00:00Z"),
      "2025-06-02T08:00:00Z",
      ["due in 20 working days (30 Jun 2025) with no update for 32 days"],
    ],
    ["21 working days before: not yet", subject("2025-06-30", "2025-04-01T10:00:00Z"), "2025-05-30T08:00:00Z", []],
    [
      "30 Apr before a 30 May target: the two May bank holidays make it 20 working days",
      subject("2025-05-30", "2025-03-01T10:00:00Z"),
      "2025-04-30T08:00:00Z",
      ["due in 20 working days (30 May 2025) with no update for 60 days"],
    ],
    [
      "29 Apr before a 30 May target: 21 working days",
      subject("2025-05-30", "2025-03-01T10:00:00Z"),
      "2025-04-29T08:00:00Z",
      [],
    ],
    [
      "9 Dec before a 9 Jan target: Christmas, Boxing Day and New Year's Day do not count",
      subject("2026-01-09", "2025-10-01T10:00:00Z"),
      "2025-12-09T09:00:00Z",
      ["due in 20 working days (9 Jan 2026) with no update for 69 days"],
    ],
    [
      "8 Dec before a 9 Jan target: 21 working days",
      subject("2026-01-09", "2025-10-01T10:00:00Z"),
      "2025-12-08T09:00:00Z",
      [],
    ],
    [
      "last update exactly 30 days ago",
      subject("2025-06-30", "2025-05-13T10:00:00Z"),
      "2025-06-12T08:00:00Z",
      ["due in 12 working days (30 Jun 2025) with no update for 30 days"],
    ],
    ["last update 29 days ago", subject("2025-06-30", "2025-05-14T10:00:00Z"), "2025-06-12T08:00:00Z", []],
    [
      "updated at 00:30 London on 1 Apr (23:30Z on 31 Mar): 29 London days, not 30",
      subject("2025-05-30", "2025-03-31T23:30:00Z"),
      "2025-04-30T08:00:00Z",
      [],
    ],
    [
      "never updated",
      subject("2025-06-30", null),
      "2025-06-20T08:00:00Z",
      ["due in 6 working days (30 Jun 2025) with no update yet"],
    ],
    [
      "the target day itself",
      subject("2025-06-30", "2025-01-01T10:00:00Z"),
      "2025-06-30T08:00:00Z",
      ["due today (30 Jun 2025) with no update for 180 days"],
    ],
    [
      "the Friday before a Saturday target",
      subject("2025-05-31", "2025-01-01T10:00:00Z"),
      "2025-05-30T08:00:00Z",
      ["due 31 May 2025 (no working day left before it) with no update for 149 days"],
    ],
    [
      "the day after the target: the status shows the delay, not the flag",
      subject("2025-06-30", "2025-01-01T10:00:00Z"),
      "2025-07-01T08:00:00Z",
      [],
    ],
    [
      "00:30 London on 30 Jun (23:30Z on 29 Jun) is after a 29 Jun target",
      subject("2025-06-29", "2025-01-01T10:00:00Z"),
      "2025-06-29T23:30:00Z",
      [],
    ],
    [
      "23:30 London on 26 Oct, after the clocks went back, is still the target day",
      subject("2025-10-26", "2025-01-01T10:00:00Z"),
      "2025-10-26T23:30:00Z",
      ["due today (26 Oct 2025) with no update for 298 days"],
    ],
    ["a TBC target cannot be near", subject(null, null), "2025-06-02T08:00:00Z", []],
    [
      'never updated through the tracker, but with a progress note imported without a date: not "no update yet"',
      subject("2025-06-30", null, { undatedNote: true }),
      "2025-06-20T08:00:00Z",
      ["due in 6 working days (30 Jun 2025) with no dated update (its progress note was imported without a date)"],
    ],
    [
      "not started counts as open",
      subject("2025-06-30", null, { progress: Progress.notStarted }),
      "2025-06-20T08:00:00Z",
      ["due in 6 working days (30 Jun 2025) with no update yet"],
    ],
    [
      "complete is never at risk",
      subject("2025-06-30", null, { progress: Progress.complete }),
      "2025-06-20T08:00:00Z",
      [],
    ],
    [
      "no action required is never at risk",
      subject("2025-06-30", null, { progress: Progress.noActionRequired }),
      "2025-06-20T08:00:00Z",
      [],
    ],
  ])("%s", (_case, item, now, reasons) => {
    const outcome = assessAtRisk(item, DEFAULT_AT_RISK_SETTINGS, at(now));
    expect(outcome.reasons.map((r) => r.text)).toEqual(reasons);
    expect(outcome.atRisk).toBe(reasons.length > 0);
  });

  it("follows the settings", () => {
    const item = subject("2025-06-30", "2025-06-01T10:00:00Z");
    expect(assessAtRisk(item, DEFAULT_AT_RISK_SETTINGS, at("2025-06-16T08:00:00Z")).atRisk).toBe(false);
    expect(
      assessAtRisk(item, { workingDaysBeforeTarget: 10, staleAfterDays: 14 }, at("2025-06-16T08:00:00Z")).reasons.map(
        (r) => r.text,
      ),
    ).toEqual(["due in 10 working days (30 Jun 2025) with no update for 15 days"]);
    expect(
      assessAtRisk(item, { workingDaysBeforeTarget: 9, staleAfterDays: 14 }, at("2025-06-16T08:00:00Z")).atRisk,
    ).toBe(false);
  });
});

describe("the owner's confidence", () => {
  const now = "2025-03-03T09:00:00Z";
  const asked = "2025-04-01T08:00:00Z";
  it.each([
    [
      "at risk, for the current target, months ahead",
      subject("2025-09-30", "2025-03-01T10:00:00Z", {
        latestConfidence: said(Confidence.atRisk, "2025-03-01T10:00:00Z", "2025-09-30"),
      }),
      [["owner_confidence", "the owner said on 1 Mar 2025 it is at risk of missing its target 30 Sep 2025"]],
    ],
    [
      "will miss, for the current target",
      subject("2025-09-30", "2025-03-01T10:00:00Z", {
        latestConfidence: said(Confidence.willMiss, "2025-03-01T10:00:00Z", "2025-09-30"),
      }),
      [["owner_confidence", "the owner said on 1 Mar 2025 it will miss its target 30 Sep 2025"]],
    ],
    [
      "on track",
      subject("2025-09-30", "2025-03-01T10:00:00Z", {
        latestConfidence: said(Confidence.onTrack, "2025-03-01T10:00:00Z", "2025-09-30"),
      }),
      [],
    ],
    [
      "will miss, said before the target was extended: about the old date",
      subject("2025-09-30", "2025-03-01T10:00:00Z", {
        latestConfidence: said(Confidence.willMiss, "2025-02-01T10:00:00Z", "2025-03-31"),
      }),
      [],
    ],
    [
      "at risk with a TBC target",
      subject(null, null, { latestConfidence: said(Confidence.atRisk, "2025-03-01T10:00:00Z", null) }),
      [["owner_confidence", "the owner said on 1 Mar 2025 it is at risk of missing its target"]],
    ],
    [
      "said at 00:30 London on 31 Mar in summer time (23:30Z on 30 Mar)",
      subject("2025-09-30", null, {
        latestConfidence: said(Confidence.willMiss, "2025-03-30T23:30:00Z", "2025-09-30"),
      }),
      [["owner_confidence", "the owner said on 31 Mar 2025 it will miss its target 30 Sep 2025"]],
    ],
  ])("%s", (_case, item, reasons) => {
    const outcome = assessAtRisk(item, DEFAULT_AT_RISK_SETTINGS, at(asked));
    expect(outcome.reasons.map((r) => [r.cause, r.text])).toEqual(reasons);
    expect(outcome.atRisk).toBe(reasons.length > 0);
  });

  it("an 'on track' answer counts as an update, so a quiet item near its target that says so is not flagged", () => {
    const item = subject("2025-06-30", "2025-04-01T10:00:00Z", {
      latestConfidence: said(Confidence.onTrack, "2025-06-10T10:00:00Z", "2025-06-30"),
    });
    expect(assessAtRisk(item, DEFAULT_AT_RISK_SETTINGS, at("2025-06-12T08:00:00Z")).atRisk).toBe(false);
  });

  it("gives both reasons when both apply", () => {
    const item = subject("2025-06-30", null, {
      latestConfidence: said(Confidence.willMiss, "2025-04-01T10:00:00Z", "2025-06-30"),
    });
    expect(
      assessAtRisk(item, DEFAULT_AT_RISK_SETTINGS, at("2025-06-12T08:00:00Z")).reasons.map((r) => r.cause),
    ).toEqual([AtRiskCause.ownerConfidence, AtRiskCause.quietNearTarget]);
  });

  it("a closed item is not at risk whatever the owner said", () => {
    const item = subject("2025-09-30", null, {
      progress: Progress.complete,
      latestConfidence: said(Confidence.willMiss, "2025-03-01T10:00:00Z", "2025-09-30"),
    });
    expect(assessAtRisk(item, DEFAULT_AT_RISK_SETTINGS, at(now)).atRisk).toBe(false);
  });
});

describe("reading a confidence", () => {
  it.each([
    ["on_track", Confidence.onTrack],
    ["On track", Confidence.onTrack],
    ["at_risk", Confidence.atRisk],
    ["At risk", Confidence.atRisk],
    ["will_miss", Confidence.willMiss],
    ["Will miss the date", Confidence.willMiss],
    ["will miss", Confidence.willMiss],
    ["", null],
    [null, null],
  ])("%j reads as %j", (text, expected) => {
    expect(parseConfidence(text)).toEqual({ ok: true, value: expected });
  });

  it.each(["red", "amber", "delayed"])("%j is refused, naming the choices", (text) => {
    expect(parseConfidence(text)).toEqual({
      ok: false,
      reason: `"${text}" is not a confidence: choose on track, at risk or will miss the date`,
    });
  });
});
