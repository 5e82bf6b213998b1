/**
 * For the tab's API tests: the demo register with a children's home whose items are confidential, a real
 * server whose sign-on checks tokens against the stand-in signing keys, and requests signed as a person.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { TENANT_ID } from "./bot-fixtures.js";
import { createBotWorld, type BotWorld } from "./bot-world.js";
import { startBotServer, type RunningBot } from "./running-bot.js";
import {
  signToken,
  startStandInSigningKeys,
  type StandInSigningKeys,
  type TokenClaims,
} from "./stand-in-signing-keys.js";

/** The tenant of the bot's test activities too: ALLOWED_TENANT_IDS names it for both. */
export const TAB_TENANT = TENANT_ID;
export const TAB_AUDIENCE = "api://tracker.example.org/00000000-0000-4000-8000-00000000b0b0";
export const TAB_ADMIN = "improvement.lead@example.org";
export const HOME_OWNER = "keyworker.oakfield@example.org";
export const HOME = "Oakfield Grange Children's Residential Home";
export const HOME_ITEM_TEXT = "Improve the privacy of bedrooms for the young people living at the home";

/** The demo-sized register (D0) with a children's home whose two items are confidential, owned by HOME_OWNER. */
export function registerWithHome(): { csv: string; today: string } {
  const d0 = readFileSync(path.resolve(import.meta.dirname, "../fixtures/d0-register.csv"), "utf8").trimEnd();
  const home = [
    `CYPS,${HOME},Ofsted,inspection,30 June 2023,July 2023,Good rating (overall judgement).,Rec 1,recommendation,${HOME_ITEM_TEXT},,,${HOME_OWNER},Dec-23,,,in_progress,,Locks fitted,true,`,
    `CYPS,${HOME},Ofsted,inspection,30 June 2023,July 2023,Good rating (overall judgement).,Rec 2,recommendation,Review the night staffing rota,,,${HOME_OWNER},Mar-24,,,in_progress,,Rota drafted,true,`,
  ];
  return { csv: `${d0}\r\n${home.join("\r\n")}\r\n`, today: "2024-01-09" };
}

export interface TabWorld {
  world: BotWorld;
  keys: StandInSigningKeys;
  bot: RunningBot;
  /** The claims of a token for `email` (tenant, audience, issuer, object id), with `changes` over them. */
  claims: (email: string, changes?: TokenClaims) => TokenClaims;
  /** A valid token for `email`. */
  tokenFor: (email: string) => Promise<string>;
  /** A request to the tab's API as `email` (no token when null). */
  call: (email: string | null, route: string, init?: { method?: string; body?: unknown }) => Promise<Response>;
  close: () => Promise<void>;
}

export async function startTabWorld(env: Record<string, string> = {}): Promise<TabWorld> {
  const keys = await startStandInSigningKeys(TAB_TENANT);
  const world = await createBotWorld({ register: registerWithHome() });
  const bot = await startBotServer({
    prisma: world.prisma,
    now: world.clock.now,
    env: {
      SSO_AUDIENCE: TAB_AUDIENCE,
      ALLOWED_TENANT_IDS: TAB_TENANT,
      GRAPH_AUTHORITY_HOST: keys.authorityHost,
      IMPROVEMENT_TEAM_ADMINS: TAB_ADMIN,
      ...env,
    },
    signingKeys: { fetch: keys.keysFetch, cooldownMs: 0 },
  });
  const claims = (email: string, changes: TokenClaims = {}): TokenClaims => ({
    aud: TAB_AUDIENCE,
    iss: `${keys.authorityHost}/${TAB_TENANT}/v2.0`,
    tid: TAB_TENANT,
    oid: `oid-${email}`,
    preferred_username: email,
    name: email.split("@")[0],
    ...changes,
  });
  const tokenFor = (email: string) => signToken(keys.current, claims(email));
  const call: TabWorld["call"] = async (email, route, init = {}) => {
    const headers: Record<string, string> = email ? { authorization: `Bearer ${await tokenFor(email)}` } : {};
    if (init.body !== undefined) headers["content-type"] = "application/json";
    return fetch(`${bot.url}${route}`, {
      method: init.method ?? (init.body === undefined ? "GET" : "POST"),
      headers,
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    });
  };
  return {
    world,
    keys,
    bot,
    claims,
    tokenFor,
    call,
    close: async () => {
      await bot.close();
      await world.close();
      await keys.close();
    },
  };
}
