/**
 * The Ombudsman's rules on their own: the public report's three-month response clock at month ends
 * (Local Government Act 1974, s31), and the upheld rate as the annual letter words it.
 */
import { describe, expect, it } from "vitest";
import { publicReportResponseDue } from "../../../src/domain/ombudsman/response-clock.js";

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
