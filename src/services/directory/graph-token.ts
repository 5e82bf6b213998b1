/**
 * Tokens for Microsoft Graph by client credentials, through Microsoft's own library (MSAL's
 * ConfidentialClientApplication), each held until shortly before it expires. MSAL's requests go through a
 * network module of our own so that each has a deadline (GRAPH_TIMEOUT_SECONDS); MSAL itself refuses an
 * authority that is not https. Only the configured authority host is ever asked (it is named a known
 * authority, so MSAL skips its instance discovery on login.microsoftonline.com).
 */
import { ConfidentialClientApplication, type INetworkModule, type NetworkResponse } from "@azure/msal-node";

export interface TokenSource {
  /** A bearer token for Graph, or why there is none. */
  token(): Promise<{ ok: true; token: string } | { ok: false; reason: string }>;
}

export interface GraphCredentials {
  tenantId: string;
  clientId: string;
  clientSecret: string;
  /** https://login.microsoftonline.com, or a loopback stand-in in tests. */
  authorityHost: string;
  timeoutMs: number;
}

const GRAPH_SCOPE = "https://graph.microsoft.com/.default";

/** MSAL's HTTP, on fetch with a deadline on every request. */
function networkWithDeadline(timeoutMs: number): INetworkModule {
  const send = async <T>(url: string, init: RequestInit): Promise<NetworkResponse<T>> => {
    const response = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    const headers: Record<string, string> = {};
    response.headers.forEach((value, name) => (headers[name] = value));
    const text = await response.text();
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : {};
    } catch {
      body = { error: "unreadable_response" };
    }
    return { headers, body: body as T, status: response.status };
  };
  return {
    sendGetRequestAsync: (url, options) => send(url, { method: "GET", headers: options?.headers }),
    sendPostRequestAsync: (url, options) =>
      send(url, { method: "POST", headers: options?.headers, body: options?.body }),
  };
}

/** A token is asked for again this long before it expires (as MSAL itself renews ahead of expiry). */
const RENEW_BEFORE_EXPIRY_MS = 5 * 60_000;

export function msalTokenSource(credentials: GraphCredentials, clock: () => number = Date.now): TokenSource {
  const authorityHost = new URL(credentials.authorityHost);
  const app = new ConfidentialClientApplication({
    auth: {
      clientId: credentials.clientId,
      clientSecret: credentials.clientSecret,
      authority: `${authorityHost.origin}/${credentials.tenantId}`,
      knownAuthorities: [authorityHost.host],
    },
    system: { networkClient: networkWithDeadline(credentials.timeoutMs) },
  });
  type Answer = Awaited<ReturnType<TokenSource["token"]>>;
  // Held here until shortly before it expires: asking MSAL for every request cost the process more than
  // its own cache saves, and the first requests of a drain, all at once, share one answer.
  let held: { token: string; renewAt: number } | null = null;
  let asking: Promise<Answer> | null = null;
  const acquire = async (): Promise<Answer> => {
    try {
      const result = await app.acquireTokenByClientCredential({ scopes: [GRAPH_SCOPE] });
      if (!result?.accessToken) return { ok: false, reason: "the token endpoint gave no token" };
      const expiresAt = result.expiresOn?.getTime() ?? clock();
      held = { token: result.accessToken, renewAt: expiresAt - RENEW_BEFORE_EXPIRY_MS };
      return { ok: true, token: result.accessToken };
    } catch (error) {
      return { ok: false, reason: `no Graph token: ${(error as Error).message}`.slice(0, 300) };
    }
  };
  return {
    token() {
      if (held && clock() < held.renewAt) return Promise.resolve({ ok: true, token: held.token });
      asking ??= acquire().finally(() => (asking = null));
      return asking;
    },
  };
}
