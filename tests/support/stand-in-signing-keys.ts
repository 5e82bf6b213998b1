/**
 * A local stand-in for Entra's published signing keys (`<authority>/<tenant>/discovery/v2.0/keys`), over HTTPS
 * on loopback with the throwaway certificate, counting its fetches; it can rotate to a new key (a new `kid`)
 * as Entra does. Tokens are minted with jose's SignJWT by the key it publishes (or by another, for the
 * refusals). `keysFetch` is a fetch that trusts the certificate, for the server's sign-on check in this process.
 */
import https from "node:https";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK, type JWTPayload } from "jose";
import type { KeysFetch } from "../../src/services/sign-on/verify-sign-on.js";
import { throwawayCertificate } from "./stand-in-graph.js";

export interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  jwk: JWK;
}

export async function newSigningKey(kid: string): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair("RS256", { extractable: true });
  return { kid, privateKey, jwk: { ...(await exportJWK(publicKey)), kid, use: "sig", alg: "RS256" } };
}

export interface StandInSigningKeys {
  /** https://127.0.0.1:port: GRAPH_AUTHORITY_HOST. */
  authorityHost: string;
  /** The key tokens are signed with now. */
  current: SigningKey;
  /** Fetches of the key set so far. */
  fetches: () => number;
  /** Publishes a new key beside the old one (Entra's rotation); tokens are then signed with it. */
  rotate: () => Promise<SigningKey>;
  keysFetch: KeysFetch;
  close: () => Promise<void>;
}

export async function startStandInSigningKeys(tenantId: string): Promise<StandInSigningKeys> {
  const { cert, key } = throwawayCertificate();
  const published: SigningKey[] = [await newSigningKey("key-1")];
  let fetches = 0;
  const server = https.createServer({ cert, key }, (req, res) => {
    const path = new URL(req.url ?? "/", "https://127.0.0.1").pathname;
    if (path === `/${tenantId}/discovery/v2.0/keys`) {
      fetches += 1;
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ keys: published.map((k) => k.jwk) }));
      return;
    }
    res.writeHead(404, { "content-type": "application/json" });
    res.end(JSON.stringify({ error: "not_found" }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  const keysFetch: KeysFetch = (url, options) =>
    new Promise<Response>((resolve, reject) => {
      const request = https.get(url, { ca: cert, signal: options.signal ?? undefined }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve(
            new Response(Buffer.concat(chunks), {
              status: res.statusCode ?? 500,
              headers: { "content-type": String(res.headers["content-type"] ?? "application/json") },
            }),
          ),
        );
      });
      request.on("error", reject);
    });
  const standIn: StandInSigningKeys = {
    authorityHost: `https://127.0.0.1:${port}`,
    current: published[0]!,
    fetches: () => fetches,
    rotate: async () => {
      const next = await newSigningKey(`key-${published.length + 1}`);
      published.push(next);
      standIn.current = next;
      return next;
    },
    keysFetch,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  return standIn;
}

export interface TokenClaims extends JWTPayload {
  tid?: string;
  oid?: string;
  preferred_username?: string;
  name?: string;
}

/** A token as Teams' sign-on gives one: RS256 with the key's `kid`, issued now for an hour unless the claims say otherwise. */
export function signToken(key: SigningKey, claims: TokenClaims, now = new Date()): Promise<string> {
  const issuedAt = Math.floor(now.getTime() / 1000);
  return new SignJWT({ ...claims })
    .setProtectedHeader({ alg: "RS256", kid: key.kid, typ: "JWT" })
    .setIssuedAt(claims.iat ?? issuedAt)
    .setNotBefore(claims.nbf ?? issuedAt)
    .setExpirationTime(claims.exp ?? issuedAt + 3600)
    .sign(key.privateKey);
}
