/**
 * The response clock in tables: the two-month scrutiny clock at month ends, the working days its reminders go
 * on when the due day is a weekend or bank holiday, and kinds that never collide with a target's reminders.
 * Instants are written in UTC: 09:00 London is 08:00Z in summer time and 09:00Z in winter.
 */
import { describe, expect, it } from "vitest";
import { DEFAULT_REMINDER_POLICY as policy, reminderSchedule } from "../../../src/domain/reminders/reminder-policy.js";
import {
  describeClockReminder,
  isResponseKind,
  planResponseReminders,
  responseClockRunning,
  scrutinyResponseDue,
  type ResponseSubject,
} from "../../../src/domain/reminders/response-clock.js";

const at = (iso: string) => new Date(iso);

function subject(responseDue: string, claims: ResponseSubject["claims"] = []): ResponseSubject {
  return { open: true, hasOwner: true, responseDue, claims };
}

describe("the scrutiny response is due two months after the report went to the executive", () => {
  it.each([
    ["2019-09-11", "2019-11-11", "the OSMB pack's request of 11 September 2019"],
    ["2018-12-31", "2019-02-28", "31 Dec is a month end: the end of February"],
    ["2019-12-31", "2020-02-29", "in a leap year, 29 Feb"],
    ["2019-11-30", "2020-01-31", "30 Nov is a month end: 31 Jan, not 30 Jan"],
    ["2020-01-15", "2020-03-15", "mid-month: the same day two months on"],
  ])("sent %s: due %s (%s)", (sent, due) => {
    expect(scrutinyResponseDue(sent)).toBe(due);
  });

  it("runs while a response is due and none is given, and stops when one is", () => {
    expect(responseClockRunning({ responseDue: "2019-11-11", responseDate: null })).toBe(true);
    expect(responseClockRunning({ responseDue: "2019-11-11", responseDate: "2019-11-05" })).toBe(false);
    expect(responseClockRunning({ responseDue: null, responseDate: null })).toBe(false);
  });
});

describe("response reminders go on working days", () => {
  it("a due day on a bank holiday (Spring bank holiday, Mon 25 May 2020): 'on the day' is Friday 22 May, 09:00", () => {
    const plan = planResponseReminders(subject("2020-05-25"), policy, at("2020-05-22T08:00:00Z"));
    expect(plan.due.map((r) => [r.kind, r.sendOn])).toEqual([["response_before_0", "2020-05-22"]]);
    // Before the window opens that Friday (the 3-days-before reminder went on Wednesday) nothing goes; the sweep
    // is told to look at 09:00.
    const sent = [{ kind: "response_before_3", leaseUntil: null }];
    const early = planResponseReminders(subject("2020-05-25", sent), policy, at("2020-05-22T07:59:00Z"));
    expect(early.due).toEqual([]);
    expect(early.next).toEqual({ at: at("2020-05-22T08:00:00Z"), kind: "response_before_0" });
  });

  it("a due day on a Saturday (9 Nov 2019): 'on the day' is Friday 8 Nov; the first chase the Monday after a week", () => {
    expect(planResponseReminders(subject("2019-11-09"), policy, at("2019-11-08T09:00:00Z")).due[0]?.kind).toBe(
      "response_before_0",
    );
    const chase = planResponseReminders(subject("2019-11-09"), policy, at("2019-11-18T09:00:00Z"));
    expect(chase.due.map((r) => [r.kind, r.sendOn])).toEqual([["response_overdue_1", "2019-11-18"]]);
  });

  it("nothing goes on a weekend: a chase falling on Saturday waits for Monday's window", () => {
    const plan = planResponseReminders(subject("2019-11-11"), policy, at("2019-11-16T12:00:00Z"));
    expect(plan.due).toEqual([]);
    expect(plan.next?.at).toEqual(at("2019-11-18T09:00:00Z"));
  });

  it("escalates 10 working days after the due day, whatever progress notes the owner wrote", () => {
    const plan = planResponseReminders(subject("2019-11-11"), policy, at("2019-11-25T09:00:00Z"));
    expect(plan.due.map((r) => r.kind)).toContain("response_escalation");
  });
});

describe("response kinds never collide with a target's", () => {
  it("every response reminder's kind is prefixed, and no target reminder's is", () => {
    const response = planResponseReminders(subject("2019-11-11"), policy, at("2019-11-25T09:00:00Z"));
    const targetKinds = reminderSchedule("2019-11-11", policy, "2020-01-31").map((r) => r.kind);
    expect(response.due.length).toBeGreaterThan(0);
    for (const r of response.due) {
      expect(isResponseKind(r.kind)).toBe(true);
      expect(targetKinds).not.toContain(r.kind);
    }
    expect(targetKinds.some(isResponseKind)).toBe(false);
  });

  it("a settled target claim of the same day does not stand for the response's reminder; a settled response claim does", () => {
    const now = at("2019-11-11T09:00:00Z");
    const targetClaimed = planResponseReminders(
      subject("2019-11-11", [{ kind: "before_0", leaseUntil: null }]),
      policy,
      now,
    );
    expect(targetClaimed.due.map((r) => r.kind)).toEqual(["response_before_0"]);
    const responseClaimed = planResponseReminders(
      subject("2019-11-11", [{ kind: "response_before_0", leaseUntil: null }]),
      policy,
      now,
    );
    expect(responseClaimed.due).toEqual([]);
  });
});

describe("the card says whose response is due", () => {
  it("names the Cabinet's response and the day in the papers' form, not a target", () => {
    const before = { kind: "response_before_3", family: "before", targetDate: "2019-11-11" } as const;
    expect(describeClockReminder(before, "2019-11-06", "scrutiny")).toBe(
      "Cabinet response due 11 November 2019 (in 3 working days)",
    );
    const overdue = { kind: "response_overdue_1", family: "overdue", targetDate: "2019-11-11" } as const;
    expect(describeClockReminder(overdue, "2019-11-18", "scrutiny")).toBe(
      "Cabinet response overdue: it was due 11 November 2019 (1 week ago)",
    );
    const target = { kind: "before_3", family: "before", targetDate: "2019-11-11" } as const;
    expect(describeClockReminder(target, "2019-11-06", "scrutiny")).toBe("Due in 3 working days (target 11 Nov 2019)");
  });
});
