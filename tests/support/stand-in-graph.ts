/**
 * A local stand-in for Microsoft's token endpoint and Microsoft Graph, over HTTPS on loopback with a throwaway
 * certificate (MSAL refuses an authority that is not https), behaving as the real ones do for what the bot
 * asks: client-credentials tokens (and the authority's OpenID metadata MSAL reads first); users by UPN and by a
 * `mail eq` filter, enabled, disabled, guests and unknown; the app catalogue by `externalId`; installs for a
 * user (201, then 409); the installation's chat; and 429 with Retry-After now and then. A child process trusts
 * the certificate through NODE_EXTRA_CA_CERTS (`trustEnv`); the certificate is made once per test process.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import https from "node:https";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";

export interface StandInUser {
  id: string;
  userPrincipalName: string;
  mail: string;
  displayName: string;
  jobTitle: string | null;
  accountEnabled: boolean;
  userType: "Member" | "Guest";
}

export interface StandInGraphOptions {
  tenantId: string;
  clientId: string;
  clientSecret: string;
  users: StandInUser[];
  /** The org catalogue: the app's catalogue id by its manifest id (externalId). */
  catalogue: { id: string; externalId: string }[];
  /** Called when an install creates a personal chat (the stand-in connector then lets the bot send into it). */
  onChatCreated?: (chatId: string) => void;
}

export interface StandInGraph {
  /** https://127.0.0.1:port: GRAPH_AUTHORITY_HOST. */
  authorityHost: string;
  /** GRAPH_BASE_URL. */
  graphBaseUrl: string;
  /** Environment a child process needs to trust the certificate. */
  trustEnv: Record<string, string>;
  /** Environment a bot process in local mode needs to reach these stand-ins: the trust and the GRAPH_ settings. */
  botEnv: Record<string, string>;
  /** Installs that created an installation (201), and repeats answered 409. */
  installs: { created: string[]; conflicts: number };
  /** Every Graph request (not the token endpoint): method, path, and when it arrived (ms since the epoch). */
  requests: { method: string; path: string; at: number }[];
  tokensIssued: number;
  /** Every n-th Graph request from now answers 429 with this Retry-After (seconds); 0 turns it off. */
  throttleEvery(n: number, retryAfterSeconds?: number): void;
  /** The next n Graph requests answer 429 with this Retry-After (seconds). */
  throttleNext(n: number, retryAfterSeconds?: number): void;
  /** Requests for an installation's chat get no answer while on (a process dying between install and send). */
  holdChats(on: boolean): void;
  heldChats(): number;
  close(): Promise<void>;
}

let certificate: { cert: string; key: string; certPath: string } | null = null;

/** A self-signed certificate for 127.0.0.1, made once per process into a temporary folder. */
export function throwawayCertificate(): { cert: string; key: string; certPath: string } {
  if (certificate) return certificate;
  const dir = mkdtempSync(path.join(os.tmpdir(), "stand-in-graph-"));
  const keyPath = path.join(dir, "key.pem");
  const certPath = path.join(dir, "cert.pem");
  execFileSync(
    "openssl",
    ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1"].concat([
      "-addext",
      "subjectAltName=IP:127.0.0.1",
      "-keyout",
      keyPath,
      "-out",
      certPath,
    ]),
    { stdio: "ignore" },
  );
  certificate = { cert: readFileSync(certPath, "utf8"), key: readFileSync(keyPath, "utf8"), certPath };
  return certificate;
}

const json = (res: import("node:http").ServerResponse, status: number, body: unknown, headers = {}) => {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
};
const notFound = (res: import("node:http").ServerResponse, code = "Request_ResourceNotFound") =>
  json(res, 404, { error: { code, message: "Resource not found" } });
/** The value of `name eq 'value'` in an OData filter. */
const filterValue = (filter: string | null, name: string) =>
  filter?.match(new RegExp(`${name.replace("/", "\\/")} eq '((?:[^']|'')*)'`))?.[1]?.replaceAll("''", "'") ?? null;

export async function startStandInGraph(options: StandInGraphOptions): Promise<StandInGraph> {
  const { cert, key, certPath } = throwawayCertificate();
  const token = `token-${Math.random().toString(36).slice(2)}`;
  const installations = new Map<string, { id: string; userId: string; catalogueId: string; chatId: string }>();
  // Looked up by key, as Graph's own indexes do: a scan per request made the stand-in's cost per owner grow
  // with the number of owners, which a benchmark of many owners would count as the bot's.
  const installationByUserApp = new Map<string, { id: string; userId: string; catalogueId: string; chatId: string }>();
  const usersById = new Map<string, StandInUser>();
  const usersByUpn = new Map<string, StandInUser>();
  const usersByMail = new Map<string, StandInUser[]>();
  for (const user of options.users) {
    usersById.set(user.id, user);
    usersByUpn.set(user.userPrincipalName.toLowerCase(), user);
    const mail = user.mail.toLowerCase();
    usersByMail.set(mail, [...(usersByMail.get(mail) ?? []), user]);
  }
  const installs = { created: [] as string[], conflicts: 0 };
  const requests: StandInGraph["requests"] = [];
  let tokensIssued = 0;
  let every = { n: 0, retryAfter: 1, count: 0 };
  let next = { n: 0, retryAfter: 1 };
  let holding = false;
  const held: import("node:http").ServerResponse[] = [];
  const userBy = (idOrUpn: string) => usersById.get(idOrUpn) ?? usersByUpn.get(idOrUpn.toLowerCase());
  const userBody = (u: StandInUser) => ({ ...u });

  const server = https.createServer({ cert, key }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "https://127.0.0.1");
      const parts = url.pathname.split("/").filter(Boolean).map(decodeURIComponent);
      const body = Buffer.concat(chunks).toString("utf8");
      const base = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
      // The authority: OpenID metadata, then client-credentials tokens.
      if (parts[0] === options.tenantId && parts[1] === "v2.0" && parts[2] === ".well-known") {
        const authority = `${base}/${options.tenantId}`;
        return json(res, 200, {
          token_endpoint: `${authority}/oauth2/v2.0/token`,
          authorization_endpoint: `${authority}/oauth2/v2.0/authorize`,
          end_session_endpoint: `${authority}/oauth2/v2.0/logout`,
          issuer: `${authority}/v2.0`,
          jwks_uri: `${authority}/discovery/v2.0/keys`,
        });
      }
      if (req.method === "POST" && parts[0] === options.tenantId && parts.join("/").endsWith("oauth2/v2.0/token")) {
        const form = new URLSearchParams(body);
        if (
          form.get("grant_type") !== "client_credentials" ||
          form.get("client_id") !== options.clientId ||
          form.get("client_secret") !== options.clientSecret
        )
          return json(res, 401, {
            error: "invalid_client",
            error_description: "AADSTS7000215: Invalid client secret.",
          });
        tokensIssued += 1;
        return json(res, 200, { token_type: "Bearer", expires_in: 3599, ext_expires_in: 3599, access_token: token });
      }
      if (parts[0] !== "v1.0") return notFound(res);
      requests.push({ method: req.method ?? "", path: `${url.pathname}${url.search}`, at: Date.now() });
      if (req.headers.authorization !== `Bearer ${token}`)
        return json(res, 401, { error: { code: "InvalidAuthenticationToken" } });
      every.count += 1;
      if (next.n > 0 || (every.n > 0 && every.count % every.n === 0)) {
        const retryAfter = next.n > 0 ? next.retryAfter : every.retryAfter;
        if (next.n > 0) next.n -= 1;
        return json(res, 429, { error: { code: "TooManyRequests" } }, { "retry-after": String(retryAfter) });
      }
      const route = parts.slice(1);
      const filter = url.searchParams.get("$filter");
      if (req.method === "GET" && route[0] === "users" && route.length === 1) {
        const mail = filterValue(filter, "mail")?.toLowerCase() ?? "";
        return json(res, 200, { value: (usersByMail.get(mail) ?? []).map(userBody) });
      }
      if (req.method === "GET" && route[0] === "users" && route.length === 2) {
        const user = userBy(route[1]!);
        return user ? json(res, 200, userBody(user)) : notFound(res);
      }
      if (req.method === "GET" && route[0] === "appCatalogs" && route[1] === "teamsApps") {
        const externalId = filterValue(filter, "externalId");
        return json(res, 200, { value: options.catalogue.filter((a) => a.externalId === externalId) });
      }
      if (route[0] === "users" && route[2] === "teamwork" && route[3] === "installedApps") {
        const user = userBy(route[1]!);
        if (!user) return notFound(res);
        if (req.method === "POST" && route.length === 4) {
          const bind = (JSON.parse(body || "{}") as Record<string, string>)["teamsApp@odata.bind"] ?? "";
          const catalogueId = decodeURIComponent(bind.split("/").at(-1) ?? "");
          if (!options.catalogue.some((a) => a.id === catalogueId)) return notFound(res);
          if (!user.accountEnabled || user.userType === "Guest")
            return json(res, 403, { error: { code: "Forbidden", message: "cannot install for this user" } });
          if (installationByUserApp.has(`${user.id} ${catalogueId}`)) {
            installs.conflicts += 1;
            return json(res, 409, { error: { code: "Conflict", message: "App is already installed." } });
          }
          const id = `installation-${user.id}`;
          const chatId = `19:${user.id}_${catalogueId}@unq.gbl.spaces`;
          const installation = { id, userId: user.id, catalogueId, chatId };
          installations.set(id, installation);
          installationByUserApp.set(`${user.id} ${catalogueId}`, installation);
          installs.created.push(user.id);
          options.onChatCreated?.(chatId);
          res.writeHead(201);
          return res.end();
        }
        if (req.method === "GET" && route.length === 4) {
          const catalogueId = filterValue(filter, "teamsApp/id");
          const mine = catalogueId
            ? [installationByUserApp.get(`${user.id} ${catalogueId}`)]
            : options.catalogue.map((a) => installationByUserApp.get(`${user.id} ${a.id}`));
          const value = mine.flatMap((i) => (i ? [{ id: i.id, teamsApp: { id: i.catalogueId } }] : []));
          return json(res, 200, { value });
        }
        if (req.method === "GET" && route.length === 6 && route[5] === "chat") {
          const installation = installations.get(route[4]!);
          if (!installation || installation.userId !== user.id) return notFound(res);
          if (holding) {
            held.push(res);
            return;
          }
          return json(res, 200, { id: installation.chatId });
        }
      }
      return notFound(res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const authorityHost = `https://127.0.0.1:${port}`;
  return {
    authorityHost,
    graphBaseUrl: `${authorityHost}/v1.0`,
    trustEnv: { NODE_EXTRA_CA_CERTS: certPath },
    botEnv: {
      NODE_EXTRA_CA_CERTS: certPath,
      MicrosoftAppId: "",
      GRAPH_TENANT_ID: options.tenantId,
      GRAPH_CLIENT_ID: options.clientId,
      GRAPH_CLIENT_SECRET: options.clientSecret,
      GRAPH_BASE_URL: `${authorityHost}/v1.0`,
      GRAPH_AUTHORITY_HOST: authorityHost,
    },
    installs,
    requests,
    get tokensIssued() {
      return tokensIssued;
    },
    throttleEvery(n, retryAfterSeconds = 1) {
      every = { n, retryAfter: retryAfterSeconds, count: 0 };
    },
    throttleNext(n, retryAfterSeconds = 1) {
      next = { n, retryAfter: retryAfterSeconds };
    },
    holdChats(on) {
      holding = on;
      // Released: the held requests' askers are gone; their connections are dropped unanswered.
      if (!on) for (const res of held.splice(0)) res.destroy();
    },
    heldChats: () => held.length,
    close: () => {
      for (const res of held.splice(0)) res.destroy();
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
