/**
 * The Microsoft Graph settings (issue 21): credentials, hosts, the Teams app to install and the Bot Connector
 * address for chats Graph made. Kept beside config.ts, which spreads them into its schema, so that file stays
 * one page; `directorySettingsOf` resolves the defaults (the bot's own credentials) and says whether the bot
 * reaches owners through Graph, and `directorySettingsProblems` refuses a host outside Microsoft's (loopback
 * only in local mode, for tests).
 */
import { z } from "zod";
import { isLoopbackHost } from "./domain/files/file-hosts.js";

export const GRAPH_HOSTS = ["graph.microsoft.com"] as const;
export const AUTHORITY_HOSTS = ["login.microsoftonline.com"] as const;

const httpsUrl = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .refine((v) => URL.canParse(v) && new URL(v).protocol === "https:", { message: "must be an https:// address" });

export const directorySettingsShape = {
  GRAPH_TENANT_ID: z
    .string()
    .default("")
    .describe("Microsoft Graph: the Entra tenant the app reads and installs in; empty means `MicrosoftAppTenantId`"),
  GRAPH_CLIENT_ID: z
    .string()
    .default("")
    .describe("Microsoft Graph: the app registration's client id; empty means `MicrosoftAppId`"),
  GRAPH_CLIENT_SECRET: z
    .string()
    .default("")
    .describe("Microsoft Graph: the app registration's client secret; empty means `MicrosoftAppPassword`"),
  GRAPH_BASE_URL: httpsUrl("https://graph.microsoft.com/v1.0").describe(
    "Microsoft Graph's address (https; graph.microsoft.com, or loopback in local mode for tests)",
  ),
  GRAPH_AUTHORITY_HOST: httpsUrl("https://login.microsoftonline.com").describe(
    "where Graph tokens come from (https; login.microsoftonline.com, or loopback in local mode for tests)",
  ),
  GRAPH_TIMEOUT_SECONDS: z.coerce
    .number({ invalid_type_error: "must be a whole number from 1 to 120" })
    .int("must be a whole number from 1 to 120")
    .min(1, "must be a whole number from 1 to 120")
    .max(120, "must be a whole number from 1 to 120")
    .default(20)
    .describe("how long one call to Graph or its token endpoint waits for an answer (1 to 120)"),
  GRAPH_RATE_PER_SECOND: z.coerce
    .number()
    .positive()
    .max(100)
    .default(10)
    .describe(
      "Graph requests a second, in all (up to 100): under Teams' published 30 a second per app per tenant for installing apps",
    ),
  TEAMS_APP_ID: z
    .string()
    .default("")
    .describe("the Teams app manifest's `id`, to find the app in the organisation's catalogue by `externalId`"),
  TEAMS_SERVICE_URL: httpsUrlOrEmpty().describe(
    "the Bot Connector address for the tenant, used for chats Graph made until an activity has shown the real one; empty means `https://smba.trafficmanager.net/teams/`",
  ),
  PROACTIVE_INSTALL: z
    .enum(["true", "false"], { errorMap: () => ({ message: "must be true or false" }) })
    .optional()
    .transform((v) => (v === undefined ? undefined : v === "true"))
    .describe(
      "install the app through Graph for owners who never opened the bot, then send them their card; unset means on when Graph credentials and `TEAMS_APP_ID` are present",
    ),
};

function httpsUrlOrEmpty() {
  return z
    .string()
    .default("")
    .refine((v) => v === "" || (URL.canParse(v) && /^https?:$/.test(new URL(v).protocol)), {
      message: "must be an https:// address (http only for loopback in local mode)",
    });
}

const DEFAULT_TEAMS_SERVICE_URL = "https://smba.trafficmanager.net/teams/";

type Settings = z.infer<z.ZodObject<typeof directorySettingsShape>> & {
  MicrosoftAppId: string;
  MicrosoftAppPassword: string;
  MicrosoftAppTenantId: string;
};

/** What the Graph client and the reach step need, resolved. */
export interface DirectorySettings {
  tenantId: string;
  clientId: string;
  clientSecret: string;
  graphBaseUrl: string;
  authorityHost: string;
  timeoutMs: number;
  ratePerSecond: number;
  teamsAppId: string;
  serviceUrl: string;
  /** The bot's Teams id for the references of chats Graph made ("28:" + MicrosoftAppId). */
  botId: string;
}

export type DirectoryUse = { enabled: true; settings: DirectorySettings } | { enabled: false; reason: string };

/** Whether owners are reached through Graph, and with what: off without credentials or with PROACTIVE_INSTALL=false. */
export function directorySettingsOf(config: Settings): DirectoryUse {
  const tenantId = config.GRAPH_TENANT_ID || config.MicrosoftAppTenantId;
  const clientId = config.GRAPH_CLIENT_ID || config.MicrosoftAppId;
  const clientSecret = config.GRAPH_CLIENT_SECRET || config.MicrosoftAppPassword;
  if (config.PROACTIVE_INSTALL === false) return { enabled: false, reason: "PROACTIVE_INSTALL=false" };
  if (!tenantId || !clientId || !clientSecret)
    return { enabled: false, reason: "no Graph credentials (GRAPH_TENANT_ID, GRAPH_CLIENT_ID, GRAPH_CLIENT_SECRET)" };
  if (!config.TEAMS_APP_ID) return { enabled: false, reason: "no TEAMS_APP_ID (the manifest's id)" };
  return {
    enabled: true,
    settings: {
      tenantId,
      clientId,
      clientSecret,
      graphBaseUrl: config.GRAPH_BASE_URL.replace(/\/+$/, ""),
      authorityHost: config.GRAPH_AUTHORITY_HOST.replace(/\/+$/, ""),
      timeoutMs: config.GRAPH_TIMEOUT_SECONDS * 1000,
      ratePerSecond: config.GRAPH_RATE_PER_SECOND,
      teamsAppId: config.TEAMS_APP_ID,
      serviceUrl: config.TEAMS_SERVICE_URL || DEFAULT_TEAMS_SERVICE_URL,
      botId: `28:${config.MicrosoftAppId}`,
    },
  };
}

/** Each setting naming a host it may not, as "NAME: what to write"; empty when all are allowed. */
export function directorySettingsProblems(config: Settings): string[] {
  const localMode = !config.MicrosoftAppId;
  const problems: string[] = [];
  const check = (name: string, value: string, hosts: readonly string[]) => {
    if (!value || !URL.canParse(value)) return;
    const url = new URL(value);
    if (localMode && isLoopbackHost(url.hostname)) return;
    if (url.protocol !== "https:" || !hosts.includes(url.hostname))
      problems.push(
        `${name}: must be https://${hosts.join(" or https://")}${localMode ? " (or loopback in local mode)" : ""}`,
      );
  };
  check("GRAPH_BASE_URL", config.GRAPH_BASE_URL, GRAPH_HOSTS);
  check("GRAPH_AUTHORITY_HOST", config.GRAPH_AUTHORITY_HOST, AUTHORITY_HOSTS);
  if (config.PROACTIVE_INSTALL === true && !config.TEAMS_APP_ID)
    problems.push("TEAMS_APP_ID: PROACTIVE_INSTALL=true needs the manifest's id to find the app in the catalogue");
  return problems;
}
