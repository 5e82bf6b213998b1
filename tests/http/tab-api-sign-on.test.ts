/**
 * The tab's sign-on (issue 24): every /api/ route wants a Teams sign-on token checked against the tenant's
 * published signing keys, here a stand-in over HTTPS on loopback, with tokens signed by jose. Each refusal
 * is a 401 saying why; a valid token (v2 or v1 issuer) answers; a person with no role sees what they would in
 * chat; a new `kid` makes the keys be fetched again, once. In local mode without SSO_AUDIENCE a request from
 * this machine acts as LOCAL_TAB_USER. Real server, real SQLite register.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BotWorld } from "../support/bot-world.js";
import { startBotServer, type RunningBot } from "../support/running-bot.js";
import {
  newSigningKey,
  signToken,
  type StandInSigningKeys,
  type TokenClaims,
} from "../support/stand-in-signing-keys.js";
import {
  HOME,
  HOME_OWNER as OWNER,
  startTabWorld,
  TAB_ADMIN as ADMIN,
  TAB_TENANT as TENANT,
  type TabWorld,
} from "../support/tab-api.js";

const STRANGER = "someone.new@example.org";
const OTHER_TENANT = "0b0b0b0b-0000-4000-8000-00000000beef";

let tab: TabWorld;
let keys: StandInSigningKeys;
let bot: RunningBot;
let world: BotWorld;

const issuer = (tid: string) => `${keys.authorityHost}/${tid}/v2.0`;
const claims = (email: string, changes: TokenClaims = {}) => tab.claims(email, changes);

async function get(route: string, token?: string, url = bot.url): Promise<Response> {
  return fetch(`${url}${route}`, token ? { headers: { authorization: `Bearer ${token}` } } : {});
}

async function registerOf(
  token: string,
  query = "",
): Promise<{
  items: { id: number; item_ref: string; review_title: string; confidential: boolean; can: Record<string, boolean> }[];
  total: number;
}> {
  const response = await get(`/api/register?pageSize=100${query}`, token);
  expect(response.status).toBe(200);
  return (await response.json()) as never;
}

beforeAll(async () => {
  tab = await startTabWorld();
  ({ keys, bot, world } = tab);
}, 120_000);

afterAll(async () => {
  await tab?.close();
});
describe("the tab's sign-on", () => {
  it("refuses a request with no token: 401 with a challenge and what to do", async () => {
    const response = await get("/api/register");
    expect(response.status).toBe(401);
    expect(response.headers.get("www-authenticate")).toMatch(/^Bearer/);
    expect(((await response.json()) as { error: string }).error).toMatch(/Authorization: Bearer/);
  });

  it("refuses a token signed by another key with the published key's kid: 401", async () => {
    const impostor = { ...(await newSigningKey(keys.current.kid)) };
    const response = await get("/api/register", await signToken(impostor, claims(ADMIN)));
    expect(response.status).toBe(401);
    expect(((await response.json()) as { error: string }).error).toMatch(/not signed by the tenant's keys/);
  });

  it("refuses a token for another audience: 401", async () => {
    const token = await signToken(keys.current, claims(ADMIN, { aud: "api://elsewhere.example.org/other-app" }));
    const response = await get("/api/register", token);
    expect(response.status).toBe(401);
    expect(((await response.json()) as { error: string }).error).toMatch(/another application/);
  });

  it("refuses an expired token (beyond the allowed skew): 401", async () => {
    const hourAgo = new Date(Date.now() - 3600_000);
    const token = await signToken(keys.current, claims(ADMIN, { exp: Math.floor(Date.now() / 1000) - 600 }), hourAgo);
    const response = await get("/api/register", token);
    expect(response.status).toBe(401);
    expect(((await response.json()) as { error: string }).error).toMatch(/expired/);
  });

  it("refuses a token from another tenant, even one its own issuer signed: 401", async () => {
    const token = await signToken(keys.current, claims(ADMIN, { tid: OTHER_TENANT, iss: issuer(OTHER_TENANT) }));
    const response = await get("/api/register", token);
    expect(response.status).toBe(401);
    expect(((await response.json()) as { error: string }).error).toMatch(/tenant/);
  });

  it("refuses a token whose issuer is not the tenant it names: 401", async () => {
    const token = await signToken(keys.current, claims(ADMIN, { iss: issuer(OTHER_TENANT) }));
    expect((await get("/api/register", token)).status).toBe(401);
  });

  it("accepts the v1 issuer form (https://sts.windows.net/<tid>/): 200", async () => {
    const token = await signToken(keys.current, claims(ADMIN, { iss: `https://sts.windows.net/${TENANT}/` }));
    expect((await get("/api/me", token)).status).toBe(200);
  });

  it("answers a valid token with the register, the improvement team seeing the home's items in the personal tab", async () => {
    const token = await signToken(keys.current, claims(ADMIN));
    const me = await get("/api/me", token);
    expect(me.status).toBe(200);
    expect(await me.json()).toEqual({
      email: ADMIN,
      name: "improvement.lead",
      improvementTeam: true,
      leads: [],
      local: false,
    });
    const page = await registerOf(token, "&directorate=CYPS");
    expect(page.total).toBeGreaterThan(2);
    const home = page.items.filter((row) => row.review_title === HOME);
    expect(home.map((row) => row.item_ref)).toEqual(["Rec 1", "Rec 2"]);
    expect(home.every((row) => row.confidential && row.can.update)).toBe(true);
  });

  it("gives a signed-in person with no role what chat gives them: everything to read in the personal tab, nothing to act on, and no home in the channel tab", async () => {
    const token = await signToken(keys.current, claims(STRANGER));
    expect(await (await get("/api/me", token)).json()).toEqual({
      email: STRANGER,
      name: "someone.new",
      improvementTeam: false,
      leads: [],
      local: false,
    });
    const personal = await registerOf(token, "&directorate=CYPS");
    expect(personal.items.some((row) => row.review_title === HOME)).toBe(true);
    expect(personal.items.every((row) => !Object.values(row.can).some(Boolean))).toBe(true);
    const channel = await registerOf(token, "&directorate=CYPS&scope=channel");
    expect(channel.total).toBe(personal.total - 2);
    expect(JSON.stringify(channel)).not.toContain("Oakfield");
    const homeItem = personal.items.find((row) => row.review_title === HOME)!;
    const update = await fetch(`${bot.url}/api/items/${homeItem.id}/update`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ version: 0, progress: "complete" }),
    });
    expect(update.status).toBe(403);
  });

  it("the home's owner, known by email, may act on their own confidential items and on nothing else", async () => {
    const token = await signToken(keys.current, claims(OWNER, { oid: "oid-not-yet-linked" }));
    const page = await registerOf(token, "&q=oakfield");
    expect(page.items.map((row) => [row.item_ref, row.can.update])).toEqual([
      ["Rec 1", true],
      ["Rec 2", true],
    ]);
    const others = await registerOf(token, "&directorate=RE");
    expect(others.items.some((row) => row.can.update)).toBe(false);
  });

  it("fetches the keys again, once, for a token signed with a key it has not seen (Entra's rotation)", async () => {
    const before = keys.fetches();
    const rotated = await keys.rotate();
    const token = await signToken(rotated, claims(ADMIN));
    expect((await get("/api/me", token)).status).toBe(200);
    expect(keys.fetches()).toBe(before + 1);
    // The new key is kept: the next token signed with it needs no fetch.
    expect((await get("/api/me", await signToken(rotated, claims(ADMIN)))).status).toBe(200);
    expect(keys.fetches()).toBe(before + 1);
  });
});

describe("the tab in local mode without SSO_AUDIENCE", () => {
  it("acts as LOCAL_TAB_USER for a request from this machine with no token, and says so", async () => {
    const local = await startBotServer({
      prisma: world.prisma,
      now: world.clock.now,
      env: { IMPROVEMENT_TEAM_ADMINS: `${ADMIN},other.admin@example.org`, LOCAL_TAB_USER: "" },
    });
    try {
      const me = await get("/api/me", undefined, local.url);
      expect(me.status).toBe(200);
      expect(await me.json()).toMatchObject({ email: ADMIN, improvementTeam: true, local: true });
      const forwarded = await fetch(`${local.url}/api/me`, { headers: { "x-forwarded-for": "203.0.113.9" } });
      expect(forwarded.status).toBe(401);
    } finally {
      await local.close();
    }
  });

  it("acts as the LOCAL_TAB_USER named, a person with no role", async () => {
    const local = await startBotServer({
      prisma: world.prisma,
      now: world.clock.now,
      env: { IMPROVEMENT_TEAM_ADMINS: ADMIN, LOCAL_TAB_USER: "Someone.New@example.org" },
    });
    try {
      expect(await (await get("/api/me", undefined, local.url)).json()).toMatchObject({
        email: STRANGER,
        improvementTeam: false,
        local: true,
      });
    } finally {
      await local.close();
    }
  });
});
