/**
 * Checks a Teams single sign-on token (issue 24) with jose: the signature against the tenant's published
 * signing keys (fetched with a deadline, cached, fetched again for an unknown `kid` at most once per
 * cooldown), the issuer (`<authority>/<tid>/v2.0`, or v1's `https://sts.windows.net/<tid>/`), the audience
 * (SSO_AUDIENCE, or the bare app id that v2 tokens carry), expiry and not-before with a small clock skew, and
 * the tenant against ALLOWED_TENANT_IDS. The outcome is a value: who signed in, or why the token is refused.
 */
import { createRemoteJWKSet, customFetch, errors, jwtVerify, type JWTPayload } from "jose";
import { refused, type Outcome } from "../../domain/outcome.js";
import {
  SIGN_ON_CLOCK_SKEW_SECONDS,
  SIGNING_KEYS_COOLDOWN_MS,
  SIGNING_KEYS_MAX_AGE_MS,
  SIGNING_KEYS_TIMEOUT_MS,
  type SignOnSettings,
} from "../../sign-on-settings.js";

/** Who a valid token names: the person is looked up in the register from these. */
export interface SignOnIdentity {
  tenantId: string;
  aadObjectId: string | null;
  /** `preferred_username`, else `upn`, lower-cased: the email to match when the object id is not known. */
  email: string | null;
  name: string | null;
}

/** A token longer than this is refused unread (a real one is 1 to 3 KB). */
export const MAX_TOKEN_LENGTH = 16_000;

export type TokenCheck = (token: string) => Promise<Outcome<SignOnIdentity>>;

/** The fetch jose uses for the keys (tests pass one that trusts their throwaway certificate). */
export type KeysFetch = (url: string, options: RequestInit) => Promise<Response>;

/** How the signing keys are fetched: by default the global fetch, and SIGNING_KEYS_COOLDOWN_MS between fetches. */
export interface SigningKeysOptions {
  fetch?: KeysFetch;
  cooldownMs?: number;
}

export function tokenChecker(
  settings: NonNullable<SignOnSettings["token"]>,
  keysOptions: SigningKeysOptions = {},
): TokenCheck {
  const keysUrl = new URL(settings.keysUrl);
  if (settings.requireHttps && keysUrl.protocol !== "https:")
    throw new Error(`the signing keys must be fetched over https, not ${settings.keysUrl}`);
  const keys = createRemoteJWKSet(keysUrl, {
    timeoutDuration: SIGNING_KEYS_TIMEOUT_MS,
    cooldownDuration: keysOptions.cooldownMs ?? SIGNING_KEYS_COOLDOWN_MS,
    cacheMaxAge: SIGNING_KEYS_MAX_AGE_MS,
    ...(keysOptions.fetch ? { [customFetch]: keysOptions.fetch } : {}),
  });
  const tenants = new Set(settings.tenants);
  return async (token) => {
    if (token.length > MAX_TOKEN_LENGTH) return refused("the token is too long to be a Teams sign-on token");
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, keys, {
        audience: settings.audiences,
        clockTolerance: SIGN_ON_CLOCK_SKEW_SECONDS,
        algorithms: ["RS256"],
      }));
    } catch (error) {
      return refused(whyRefused(error));
    }
    const tenantId = typeof payload.tid === "string" ? payload.tid.toLowerCase() : "";
    if (!tenantId || !tenants.has(tenantId)) return refused("the token is from a tenant this bot does not serve");
    const issuers = [`${settings.authorityHost}/${tenantId}/v2.0`, `https://sts.windows.net/${tenantId}/`];
    if (typeof payload.iss !== "string" || !issuers.includes(payload.iss.toLowerCase()))
      return refused("the token was not issued by the tenant it names");
    const text = (value: unknown) => (typeof value === "string" && value.trim() ? value.trim() : null);
    const email = text(payload.preferred_username) ?? text(payload.upn);
    return {
      ok: true,
      value: {
        tenantId,
        aadObjectId: text(payload.oid),
        email: email?.toLowerCase() ?? null,
        name: text(payload.name),
      },
    };
  };
}

/** A reason for the log and the 401's body: what was wrong, never the token. */
function whyRefused(error: unknown): string {
  if (error instanceof errors.JWTExpired) return "the token has expired: sign in again";
  if (error instanceof errors.JWTClaimValidationFailed)
    return error.claim === "aud"
      ? "the token is for another application"
      : `the token's ${error.claim} claim is not valid`;
  if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWSSignatureVerificationFailed)
    return "the token is not signed by the tenant's keys";
  if (error instanceof errors.JWKSTimeout) return "the signing keys could not be fetched in time: try again";
  if (error instanceof errors.JOSEError) return "the token is not a valid sign-on token";
  return "the token could not be checked: try again";
}
