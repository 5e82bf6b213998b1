/**
 * A reply inside a turn has the same deadline as a proactive send (SEND_TIMEOUT_SECONDS): on the real
 * server, with the stand-in connector taking the bot's answer and never responding, the request from Teams is
 * finished within seconds (with the turn's apology, once the connector answers again) instead of staying open.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { personalMessage } from "../support/bot-fixtures.js";
import { createBotWorld, type BotWorld } from "../support/bot-world.js";

let world: BotWorld;

describe("a connector that stops answering a reply", () => {
  beforeAll(async () => {
    world = await createBotWorld({ server: true, env: { SEND_TIMEOUT_SECONDS: "1" } });
  });
  afterAll(async () => {
    world.connector.releaseHeld();
    await world?.close();
  });

  it("ends the turn within seconds rather than holding Teams' request open", async () => {
    world.connector.holdNext(1);
    const started = Date.now();
    const response = await world.post(personalMessage("what's delayed?"));
    expect(Date.now() - started).toBeLessThan(8_000);
    expect(response.status).toBe(200);
    // The answer was taken and never acknowledged; the apology that followed was.
    expect(world.connector.held()).toBe(1);
    expect(world.connector.sent.map((s) => String(s.activity.text))).toEqual([
      expect.stringMatching(/^Sorry: something went wrong answering that/),
    ]);
  }, 20_000);
});
