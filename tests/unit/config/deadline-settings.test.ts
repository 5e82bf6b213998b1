/**
 * The deadlines a council may set: how long a call to Teams waits for an answer (SEND_TIMEOUT_SECONDS) and how
 * long one sweep run may take (SWEEP_TIMEOUT_SECONDS), and how long an accepted file's upload may take
 * (UPLOAD_TIMEOUT_SECONDS); their defaults, their bounds, and the message that
 * stops start-up when a value is wrong.
 */
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../../src/config.js";
import { sendRatesFromConfig } from "../../../src/services/dispatch/dispatch-outbox.js";

describe("deadline settings", () => {
  it("default to 30 s a send and 10 minutes a sweep run, and reach the dispatcher in milliseconds", () => {
    const config = loadConfig({});
    expect(config.SEND_TIMEOUT_SECONDS).toBe(30);
    expect(config.SWEEP_TIMEOUT_SECONDS).toBe(600);
    // An accepted file is uploaded within Teams' wait for the answer (about 15 s).
    expect(config.UPLOAD_TIMEOUT_SECONDS).toBe(10);
    expect(sendRatesFromConfig(loadConfig({ SEND_TIMEOUT_SECONDS: "5" })).sendTimeoutMs).toBe(5_000);
  });

  it.each([
    ["SEND_TIMEOUT_SECONDS", "0", "must be a whole number from 1 to 300"],
    ["SEND_TIMEOUT_SECONDS", "301", "must be a whole number from 1 to 300"],
    ["SEND_TIMEOUT_SECONDS", "2.5", "must be a whole number from 1 to 300"],
    ["SEND_TIMEOUT_SECONDS", "soon", "must be a whole number from 1 to 300"],
    ["SWEEP_TIMEOUT_SECONDS", "0", "must be a whole number from 1 to 3600"],
    ["SWEEP_TIMEOUT_SECONDS", "3601", "must be a whole number from 1 to 3600"],
    ["UPLOAD_TIMEOUT_SECONDS", "0", "must be a whole number from 1 to 60"],
    ["UPLOAD_TIMEOUT_SECONDS", "61", "must be a whole number from 1 to 60"],
  ])("%s=%s stops start-up: %s", (key, value, message) => {
    expect(() => loadConfig({ [key]: value })).toThrow(`${key}: ${message}`);
  });
});
