/**
 * What the real server does with requests it must not trust: a serviceUrl off the allow-list, fields of
 * the wrong type, a forged token, a tenant id in other letters' case, and its own failures (a 5xx
 * names a reference that is in the log, and nothing internal). The same tests on SQLite and on PostgreSQL.
 */
import { generateKeyPairSync, createSign } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { StoreKind } from "../../src/data/database.js";
import { createLogger } from "../../src/logger.js";
import { personalMessage, teamsActivity, TENANT_ID, type TeamsActivity } from "../support/bot-fixtures.js";
import { createBotWorld, type BotWorld } from "../support/bot-world.js";
import { STORES } from "../support/stores.js";
import { captureLog, type CapturedLog } from "../support/captured-log.js";
import type { RunningBot } from "../support/running-bot.js";

const APP_ID = "00000000-0000-4000-8000-00000000b0b0";
const TEAMS_SERVICE_URL = "https://smba.trafficmanager.net/uk/";

let world: BotWorld;
let log: CapturedLog;

/** A driver's own failure text per store, and the internal details in it that must never reach a caller. */
const DRIVER_FAILURES: Record<StoreKind, { message: string; internal: RegExp }> = {
  sqlite: {
    message: "SQLITE_CORRUPT: database disk image is malformed at /srv/tracker/data/tracker.db",
    internal: /SQLITE|malformed|tracker\.db/,
  },
  postgresql: {
    message: 'database "tracker_live" does not exist (postgresql://tracker:s3cret@db.internal:5432/tracker_live)',
    internal: /postgresql|s3cret|db\.internal|tracker_live|does not exist/,
  },
};

describe.each(STORES)("on %s", (store) => {
  beforeAll(async () => {
    log = captureLog();
    world = await createBotWorld({ store, register: "d0", server: true, logger: log.logger });
  });
  afterAll(async () => {
    await world?.close();
  });

  /** Posts `activity` with the stand-in connector as its serviceUrl, unless `serviceUrl` says otherwise. */
  function post(
    activity: TeamsActivity,
    {
      url = world.bot.url,
      headers = {},
      serviceUrl = world.connector.url,
    }: { url?: string; headers?: Record<string, string>; serviceUrl?: unknown } = {},
  ): Promise<Response> {
    return world.post(activity, { to: url, headers, serviceUrl });
  }

  /** Gives any send the request caused time to arrive, then says whether one did. */
  async function sendsAfter(before: number): Promise<number> {
    await new Promise((resolve) => setTimeout(resolve, 150));
    return world.connector.sent.length - before;
  }

  describe("local mode sends only to this machine", () => {
    it.each([
      ["a file URL", "file:///etc/passwd"],
      ["Teams' public host (no credentials, so not Teams)", TEAMS_SERVICE_URL],
      ["another host", "http://192.0.2.1:9/"],
      ["a public name", "https://world.connector.example.org/"],
    ])("refuses %s with a 4xx at once, saying why, and sends nothing", async (_case, serviceUrl) => {
      const before = world.connector.sent.length;
      const started = performance.now();
      const response = await post(personalMessage("what's delayed?"), { serviceUrl });
      const elapsed = performance.now() - started;
      expect(response.status).toBe(403);
      expect(((await response.json()) as { error: string }).error).toMatch(
        /does not send to .*ALLOWED_SERVICE_URL_HOSTS/,
      );
      expect(elapsed).toBeLessThan(1_000);
      expect(await sendsAfter(before)).toBe(0);
    });

    it("answers through the loopback stand-in connector", async () => {
      const before = world.connector.sent.length;
      expect((await post(personalMessage("help"))).status).toBe(200);
      await world.connector.waitForSends(before + 1);
    });

    it("sends to a host the administrator adds with ALLOWED_SERVICE_URL_HOSTS, and to no other", async () => {
      const widened = await world.startServer({
        env: { ALLOWED_SERVICE_URL_HOSTS: "world.connector.example.org, 127.0.0.1" },
        logger: createLogger("silent"),
      });
      try {
        const before = world.connector.sent.length;
        expect((await post(personalMessage("help"), { url: widened.url })).status).toBe(200);
        await world.connector.waitForSends(before + 1);
        expect(
          (await post(personalMessage("help"), { url: widened.url, serviceUrl: "http://localhost:9/" })).status,
        ).toBe(403);
      } finally {
        await widened.close();
      }
    });
  });

  describe("fields of the wrong type", () => {
    it.each([
      ["text as a number", { text: 123 }, "text must be text, not number"],
      ["text as an array", { text: ["what's delayed?"] }, "text must be text, not array"],
      [
        "conversation.id as a number",
        { conversation: { id: 5, conversationType: "personal" } },
        "conversation.id must be text",
      ],
      ["from.id as an array", { from: { id: [1] } }, "from.id must be text"],
      ["no sender", { from: undefined }, "from is missing"],
      ["the tenant id as a number", { channelData: { tenant: { id: 5 } } }, "channelData.tenant.id must be text"],
    ])("answer %s with 400 naming the field, and send nothing", async (_case, changes, message) => {
      const before = world.connector.sent.length;
      const response = await post(personalMessage("what's delayed?", changes));
      expect(response.status).toBe(400);
      expect(((await response.json()) as { error: string }).error).toContain(message);
      expect(await sendsAfter(before)).toBe(0);
    });

    it("answers a serviceUrl that is a number with 400", async () => {
      const response = await post(personalMessage("what's delayed?"), { serviceUrl: 7 });
      expect(response.status).toBe(400);
      expect(((await response.json()) as { error: string }).error).toContain("serviceUrl must be text, not number");
    });

    it("answers a card action whose value is not an object with 400, not a crash", async () => {
      const before = world.connector.sent.length;
      const response = await post(teamsActivity("card-action-more", { value: 5 }));
      expect(response.status).toBe(400);
      expect(((await response.json()) as { error: string }).error).toContain("value must be object, not number");
      expect(await sendsAfter(before)).toBe(0);
      expect((await fetch(`${world.bot.url}/healthz`)).status).toBe(200);
    });
  });

  describe("failures answer with a reference, never with internal text", () => {
    it("gives a 500 whose reference is logged with the error, and no connector text", async () => {
      // The connector refuses the reply and the apology alike: the turn cannot succeed.
      world.connector.failNext(2, 400);
      const response = await post(personalMessage("what's delayed?"));
      expect(response.status).toBe(500);
      const text = await response.text();
      const body = JSON.parse(text) as { error: string; reference: string };
      expect(body.reference).toMatch(/^[0-9a-f-]{36}$/);
      expect(body.error).toContain(body.reference);
      expect(text).not.toMatch(/TooManyRequests|Error|at |\.ts|connector|127\.0\.0\.1/);
      const logged = log.entries.find((e) => e.reference === body.reference);
      expect(logged?.level).toBe(50);
      expect(logged?.err?.message).toBeTruthy();
    });

    it("answers a card action the bot has no handler for with a 5xx that carries a logged reference", async () => {
      const invoke = teamsActivity("card-action-more", {
        value: { action: { type: "Action.Execute", verb: "no.such.verb", data: {} }, trigger: "manual" },
      });
      const response = await post(invoke);
      expect(response.status).toBe(501);
      const body = (await response.json()) as { error: string; reference: string };
      expect(body.error).toContain(body.reference);
      expect(log.entries.some((e) => e.reference === body.reference)).toBe(true);
    });

    it("gives the same kind of answer when a route throws, so restify's own error text never reaches the caller", async () => {
      // What this store's driver says when it fails: paths, database names, a URL with its password.
      const failure = DRIVER_FAILURES[store];
      // Restify takes a route as async only when its handler is an async function.
      world.bot.server.get("/test-only/throws", async () => Promise.reject(new Error(failure.message)));
      const response = await fetch(`${world.bot.url}/test-only/throws`);
      expect(response.status).toBe(500);
      const text = await response.text();
      expect(text).not.toMatch(failure.internal);
      const { reference } = JSON.parse(text) as { reference: string };
      expect(log.entries.find((e) => e.reference === reference)?.err?.message).toBe(failure.message);
    });
  });

  describe("with credentials set", () => {
    let secured: RunningBot;
    let securedLog: CapturedLog;
    beforeAll(async () => {
      securedLog = captureLog();
      secured = await world.startServer({
        env: { MicrosoftAppId: APP_ID, MicrosoftAppPassword: "not-a-real-secret", MicrosoftAppType: "MultiTenant" },
        logger: securedLog.logger,
      });
    });
    afterAll(async () => {
      await secured?.close();
    });

    /** A well-formed Bot Framework token signed by a key Microsoft never published. */
    function forgedToken(): string {
      const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
      const part = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
      const now = Math.floor(Date.now() / 1000);
      const unsigned = `${part({ alg: "RS256", typ: "JWT", kid: "forged-key" })}.${part({
        iss: "https://api.botframework.com",
        aud: APP_ID,
        serviceurl: TEAMS_SERVICE_URL,
        nbf: now - 60,
        exp: now + 3600,
      })}`;
      const signature = createSign("RSA-SHA256").update(unsigned).sign(privateKey).toString("base64url");
      return `${unsigned}.${signature}`;
    }

    it("answers a forged but well-formed token with 401 (the sign-in keys cannot vouch for it) and logs why", async () => {
      const response = await post(personalMessage("what's delayed?"), {
        url: secured.url,
        serviceUrl: TEAMS_SERVICE_URL,
        headers: { authorization: `Bearer ${forgedToken()}` },
      });
      expect(response.status).toBe(401);
      expect(await response.text()).not.toMatch(/ENOTFOUND|openID|metadata|getaddrinfo/i);
      const logged = securedLog.entries.find((e) => e.msg === "request not authenticated: answered 401");
      expect(logged?.reason).toBeTruthy();
    });

    it("refuses a serviceUrl that is not Teams', even on this machine, before authenticating", async () => {
      const before = world.connector.sent.length;
      const response = await post(personalMessage("what's delayed?"), {
        url: secured.url,
        headers: { authorization: `Bearer ${forgedToken()}` },
      });
      expect(response.status).toBe(403);
      expect(await sendsAfter(before)).toBe(0);
    });
  });

  describe("the tenant allow-list", () => {
    /** A personal message from `tenant`, as Teams sends it: the id in lower case, in both places it appears. */
    const fromTenant = (tenant: string) =>
      personalMessage("what's delayed?", {
        conversation: { conversationType: "personal", tenantId: tenant, id: `a:from-${tenant}` },
        channelData: { tenant: { id: tenant } },
      });

    it("ignores the case of tenant ids, and still refuses other tenants", async () => {
      const council = "c0ffee00-abcd-4ef0-8abc-def012345678";
      const guarded = await world.startServer({
        env: { ALLOWED_TENANT_IDS: `${TENANT_ID}, ${council.toUpperCase()}` },
        logger: createLogger("silent"),
      });
      try {
        const before = world.connector.sent.length;
        expect((await post(fromTenant(council), { url: guarded.url })).status).toBe(200);
        await world.connector.waitForSends(before + 1);
        expect((await post(fromTenant("99999999-abcd-4333-8444-555555555555"), { url: guarded.url })).status).toBe(200);
        expect(await sendsAfter(before + 1)).toBe(0);
      } finally {
        await guarded.close();
      }
    });
  });
});
