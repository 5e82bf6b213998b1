/**
 * The tab's sign-on settings (issue 24): which tenants' people may use the bot and sign in to the tab, the
 * audience a Teams sign-on token must name, and who the tab acts as in local mode. Kept beside config.ts,
 * which spreads them into its schema; `signOnSettingsOf` resolves the defaults and refuses, with what to set,
 * a bot with credentials whose tenant is unknown (any tenant's people would otherwise be let in).
 */
import { z } from "zod";
import { refused, type Outcome } from "./domain/outcome.js";

/** How long one fetch of the signing keys waits for an answer. */
export const SIGNING_KEYS_TIMEOUT_MS = 5_000;
/** After a fetch, how long an unknown `kid` waits before the keys are fetched again (a forged `kid` cannot make us hammer Entra). */
export const SIGNING_KEYS_COOLDOWN_MS = 30_000;
/** How long fetched keys are trusted before they are fetched again on the next sign-on. */
export const SIGNING_KEYS_MAX_AGE_MS = 6 * 60 * 60 * 1000;
/** The clock skew allowed on a token's `exp` and `nbf` (Teams and this server keep their own clocks). */
export const SIGN_ON_CLOCK_SKEW_SECONDS = 120;

export const signOnSettingsShape = {
  ALLOWED_TENANT_IDS: z
    .string()
    .default("")
    .transform((v) =>
      v
        .split(",")
        .map((t) => t.trim().toLowerCase())
        .filter(Boolean),
    )
    .describe(
      "comma-separated Entra tenant ids whose activities are answered and whose people may sign in to the tab (case does not matter); empty answers any tenant's activities and lets the bot's own tenant (`GRAPH_TENANT_ID`, else `MicrosoftAppTenantId`) sign in; with credentials and no tenant at all the bot does not start",
    ),
  SSO_AUDIENCE: z
    .string()
    .default("")
    .describe(
      "the audience a Teams sign-on token for the tab must name: the Application ID URI of the app registration's exposed API; empty means `api://<PUBLIC_BASE_URL host>/<MicrosoftAppId>` when both are set. Tokens naming the bare app id (as v2 tokens do) are accepted too",
    ),
  LOCAL_TAB_USER: z
    .string()
    .default("")
    .transform((v) => v.trim().toLowerCase())
    .describe(
      "in local mode without `SSO_AUDIENCE`: the email the tab acts as for a browser on this machine (loopback only); empty means the first of `IMPROVEMENT_TEAM_ADMINS`",
    ),
};

type Settings = z.infer<z.ZodObject<typeof signOnSettingsShape>> & {
  MicrosoftAppId: string;
  MicrosoftAppTenantId: string;
  GRAPH_TENANT_ID: string;
  GRAPH_AUTHORITY_HOST: string;
  PUBLIC_BASE_URL?: string | undefined;
  IMPROVEMENT_TEAM_ADMINS: readonly string[];
};

/** What the token check and the tab's routes need, resolved. */
export interface SignOnSettings {
  /**
   * Tokens are checked (null: local mode without SSO_AUDIENCE, where only loopback requests are served,
   * as `localUser`).
   */
  token: {
    /** The audiences accepted: SSO_AUDIENCE and the bare app id. */
    audiences: string[];
    /** Lower-case tenant ids whose tokens are accepted. */
    tenants: string[];
    /** GRAPH_AUTHORITY_HOST without a trailing slash: issuers are `<host>/<tid>/v2.0`. */
    authorityHost: string;
    /** Where the signing keys are published. */
    keysUrl: string;
    /** Outside local mode the keys are only fetched over https. */
    requireHttps: boolean;
  } | null;
  /** Local mode without SSO_AUDIENCE: who a loopback request acts as (null: nobody configured). */
  localUser: string | null;
  /** Credentials but no audience to check tokens against: every tab request is refused with this. */
  unconfigured: string | null;
}

/** The tab's sign-on as configured, or why the bot must not start. */
export function signOnSettingsOf(config: Settings): Outcome<SignOnSettings> {
  const localMode = !config.MicrosoftAppId;
  const ownTenant = (config.GRAPH_TENANT_ID || config.MicrosoftAppTenantId).toLowerCase();
  const tenants = config.ALLOWED_TENANT_IDS.length > 0 ? config.ALLOWED_TENANT_IDS : ownTenant ? [ownTenant] : [];
  const audience = config.SSO_AUDIENCE || defaultAudience(config);
  const authorityHost = config.GRAPH_AUTHORITY_HOST.replace(/\/+$/, "");
  const keysTenant = tenants.length === 1 ? tenants[0]! : "common";
  const token = {
    audiences: [...new Set([audience, config.MicrosoftAppId].filter(Boolean))],
    tenants,
    authorityHost,
    keysUrl: `${authorityHost}/${keysTenant}/discovery/v2.0/keys`,
    requireHttps: !localMode,
  };
  if (localMode && !config.SSO_AUDIENCE)
    return {
      ok: true,
      value: {
        token: null,
        localUser: config.LOCAL_TAB_USER || config.IMPROVEMENT_TEAM_ADMINS[0] || null,
        unconfigured: null,
      },
    };
  if (tenants.length === 0)
    return refused(
      "ALLOWED_TENANT_IDS: set the Entra tenant ids whose people may sign in to the tab (or MicrosoftAppTenantId / GRAPH_TENANT_ID, the bot's own tenant)",
    );
  // The bot itself needs no audience: without one the tab is off (each request says what to set), the bot runs.
  if (!audience)
    return {
      ok: true,
      value: {
        token: null,
        localUser: null,
        unconfigured:
          "The tab's sign-on is not set up: set SSO_AUDIENCE to the app's Application ID URI (api://<host>/<app id>), or PUBLIC_BASE_URL.",
      },
    };
  return { ok: true, value: { token, localUser: null, unconfigured: null } };
}

/** `api://<PUBLIC_BASE_URL host>/<MicrosoftAppId>`, or empty when either is unset. */
function defaultAudience(config: Pick<Settings, "PUBLIC_BASE_URL" | "MicrosoftAppId">): string {
  if (!config.PUBLIC_BASE_URL || !config.MicrosoftAppId || !URL.canParse(config.PUBLIC_BASE_URL)) return "";
  return `api://${new URL(config.PUBLIC_BASE_URL).host}/${config.MicrosoftAppId}`;
}
