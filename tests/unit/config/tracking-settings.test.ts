/**
 * The settings for extension approval, repeat extensions, chasing waiting decisions, the at-risk flag and priority labels: their defaults,
 * the values a council may set, and the message that stops start-up when a value is wrong.
 */
import { describe, expect, it } from "vitest";
import { atRiskSettingsOf, extensionSettingsOf, loadConfig } from "../../../src/config.js";
import { DEFAULT_AT_RISK_SETTINGS } from "../../../src/domain/status/at-risk.js";
import { DEFAULT_EXTENSION_SETTINGS } from "../../../src/domain/extensions/extension-request.js";

describe("defaults", () => {
  it("approval by either the directorate's lead or the improvement team; repeats from 2; at risk within 20 working days after 30 quiet days; high, medium, low", () => {
    const config = loadConfig({});
    expect(extensionSettingsOf(config)).toEqual({ approver: "either", needApproval: true, repeatThreshold: 2 });
    expect(extensionSettingsOf(config)).toEqual(DEFAULT_EXTENSION_SETTINGS);
    expect(atRiskSettingsOf(config)).toEqual({ workingDaysBeforeTarget: 20, staleAfterDays: 30 });
    expect(atRiskSettingsOf(config)).toEqual(DEFAULT_AT_RISK_SETTINGS);
    expect(config.PRIORITY_LABELS).toEqual(["high", "medium", "low"]);
  });
});

describe("values a council may set", () => {
  it.each([
    [{ EXTENSION_APPROVER: "directorate_lead" }, "EXTENSION_APPROVER", "directorate_lead"],
    [{ EXTENSION_APPROVER: "improvement_team" }, "EXTENSION_APPROVER", "improvement_team"],
    [{ EXTENSIONS_NEED_APPROVAL: "false" }, "EXTENSIONS_NEED_APPROVAL", false],
    [{ EXTENSIONS_NEED_APPROVAL: "true" }, "EXTENSIONS_NEED_APPROVAL", true],
    [{ REPEAT_EXTENSION_THRESHOLD: "1" }, "REPEAT_EXTENSION_THRESHOLD", 1],
    [{ REPEAT_EXTENSION_THRESHOLD: "3" }, "REPEAT_EXTENSION_THRESHOLD", 3],
    [{ AT_RISK_WORKING_DAYS: "0" }, "AT_RISK_WORKING_DAYS", 0],
    [{ AT_RISK_WORKING_DAYS: "40" }, "AT_RISK_WORKING_DAYS", 40],
    [{ AT_RISK_STALE_DAYS: "14" }, "AT_RISK_STALE_DAYS", 14],
    [{}, "DECISION_CHASE_DAYS", 5],
    [{ DECISION_CHASE_DAYS: "3" }, "DECISION_CHASE_DAYS", 3],
    [
      { PRIORITY_LABELS: "Fundamental, Important, Desirable" },
      "PRIORITY_LABELS",
      ["fundamental", "important", "desirable"],
    ],
  ] as const)("%j sets %s to %j", (env, key, value) => {
    expect(loadConfig({ ...env })[key]).toEqual(value);
  });
});

describe("wrong values stop start-up, saying what to write", () => {
  it.each([
    [
      { EXTENSION_APPROVER: "chief_executive" },
      "EXTENSION_APPROVER: must be one of directorate_lead, improvement_team, either",
    ],
    [{ EXTENSION_APPROVER: "" }, "EXTENSION_APPROVER: must be one of directorate_lead, improvement_team, either"],
    [{ EXTENSIONS_NEED_APPROVAL: "yes" }, "EXTENSIONS_NEED_APPROVAL: must be true or false"],
    [{ REPEAT_EXTENSION_THRESHOLD: "two" }, "REPEAT_EXTENSION_THRESHOLD: must be a whole number from 1 to 20"],
    [{ REPEAT_EXTENSION_THRESHOLD: "0" }, "REPEAT_EXTENSION_THRESHOLD: must be a whole number from 1 to 20"],
    [{ REPEAT_EXTENSION_THRESHOLD: "1.5" }, "REPEAT_EXTENSION_THRESHOLD: must be a whole number from 1 to 20"],
    [{ AT_RISK_WORKING_DAYS: "-1" }, "AT_RISK_WORKING_DAYS: must be a whole number from 0 to 120"],
    [{ AT_RISK_WORKING_DAYS: "121" }, "AT_RISK_WORKING_DAYS: must be a whole number from 0 to 120"],
    [{ AT_RISK_STALE_DAYS: "0" }, "AT_RISK_STALE_DAYS: must be a whole number from 1 to 365"],
    [
      { LAST_REPORT_DATE: "9999-12-31" },
      "LAST_REPORT_DATE: 31 Dec 9999 is outside the dates this tracker accepts (1 Jan 2000 to 31 Dec 2100): check the year",
    ],
    [{ LAST_REPORT_DATE: "2027-02-31" }, "LAST_REPORT_DATE: 2027-02-31 is not a day of the calendar"],
    [{ AT_RISK_STALE_DAYS: "a month" }, "AT_RISK_STALE_DAYS: must be a whole number from 1 to 365"],
    [{ DECISION_CHASE_DAYS: "0" }, "DECISION_CHASE_DAYS: must be a whole number from 1 to 60"],
    [{ DECISION_CHASE_DAYS: "a week" }, "DECISION_CHASE_DAYS: must be a whole number from 1 to 60"],
    [
      { PRIORITY_LABELS: "high" },
      "PRIORITY_LABELS: give between 2 and 6 priority labels, highest first (e.g. high,medium,low); got 1",
    ],
    [
      { PRIORITY_LABELS: "high,,low" },
      'PRIORITY_LABELS: give priority labels separated by commas, highest first, with none empty (e.g. high,medium,low); got "high,,low"',
    ],
    [
      { PRIORITY_LABELS: "high,low,HIGH" },
      'PRIORITY_LABELS: the priority label "high" is given twice: each label once, highest first',
    ],
  ])("%j: %s", (env, message) => {
    expect(() => loadConfig({ ...env })).toThrow(`configuration is not valid: ${message}`);
  });

  it("names every wrong setting at once", () => {
    expect(() => loadConfig({ EXTENSIONS_NEED_APPROVAL: "no", AT_RISK_STALE_DAYS: "0" })).toThrow(
      "configuration is not valid: EXTENSIONS_NEED_APPROVAL: must be true or false; AT_RISK_STALE_DAYS: must be a whole number from 1 to 365",
    );
  });
});
